using System.Buffers.Binary;
using System.Text.Json;
using RusSnapshot.Dumps.Tests.AdExplorer;

namespace RusSnapshot.Cli.Tests;

/// <summary><c>russnap validate</c> and <c>analyze</c> on AD Explorer snapshots: the real one end to end, broken ones exit 3 with the offset.</summary>
public sealed class AdExplorerCommandTests
{
    private static byte[] Small()
    {
        var b = new SnapshotBuilder { Server = "dc1.contoso.test" };
        b.Property("cn", 7, 3);
        b.Add("DC=contoso,DC=test", ("objectClass", ["top", "domain", "domainDNS"]));
        b.Add("CN=Users,DC=contoso,DC=test", ("objectClass", ["top", "container"]), ("cn", ["Users"]));
        return b.Build();
    }

    [RealSnapshotFact]
    public void Validate_reads_the_real_snapshot()
    {
        var r = CliRunner.Run("validate", RealSnapshot.Path!);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"{RealSnapshot.Path}: adexplorer (adexplorer), binary: 3848 entries; 0 errors, 0 warnings", r.Output, StringComparison.Ordinal);
    }

    [RealSnapshotFact]
    public void Analyze_reads_the_real_snapshot_end_to_end()
    {
        using var dir = new TempFolder();

        var r = CliRunner.Run("analyze", RealSnapshot.Path!, "-o", dir.Path, "--timestamp", "2026-01-01T00:00:00Z");

        // The DetectionLab domain has no Exchange organisation: RSN1001 says RUS coverage cannot be judged (an error).
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("3848 entries from 1 input(s); 1 domain(s), 0 Exchange server(s), 0 RUS instance(s)", r.Output, StringComparison.Ordinal);
        Assert.Contains("RSN1001", r.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.Error);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "russnap-report.json")));
        var input = json.RootElement.GetProperty("inputs").EnumerateArray().Single();
        Assert.Equal("adexplorer", input.GetProperty("format").GetString());
        Assert.Equal(3848, input.GetProperty("entries").GetInt64());
        Assert.True(input.GetProperty("complete").GetBoolean());
        Assert.Equal("af4e309aa1062865b744d2dab745cf5428fd00542b9ceb620aa60d7e978720b9", input.GetProperty("sha256").GetString());
        Assert.Equal("dc.windomain.local", input.GetProperty("capture").GetProperty("server").GetString());
        Assert.StartsWith("2021-11-30T21:48:42", input.GetProperty("capture").GetProperty("time").GetString(), StringComparison.Ordinal);
        var domain = json.RootElement.GetProperty("forest").GetProperty("domains").EnumerateArray().Single();
        Assert.Equal("DC=windomain,DC=local", domain.GetProperty("dn").GetString());
        Assert.Equal("windomain.local", domain.GetProperty("dnsName").GetString());

        var md = File.ReadAllText(Path.Combine(dir.Path, "russnap-report.md"));
        Assert.Contains("| AD Explorer, 2021-11-30T21:48:42Z, dc.windomain.local |", md, StringComparison.Ordinal);
        Assert.Contains("AD Explorer, 2021-11-30T21:48:42Z, dc.windomain.local", File.ReadAllText(Path.Combine(dir.Path, "russnap-report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_a_snapshot_exits_0_and_names_it()
    {
        using var dir = new TempFolder();
        var file = dir.Write("contoso.dat", Small());

        var r = CliRunner.Run("validate", file);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"{file}: adexplorer (adexplorer), binary: 2 entries; 0 errors, 0 warnings", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_snapshot_exits_3_naming_the_offset()
    {
        using var dir = new TempFolder();
        var bytes = Small();
        var file = dir.Write("cut.dat", bytes[..0x460]);

        var validate = CliRunner.Run("validate", file);
        var analyze = CliRunner.Run("analyze", file, "-o", dir.Path, "-f", "json");

        Assert.Equal(3, validate.ExitCode);
        Assert.Contains($"{file}@0x460: error: the header puts the property table at 0x", validate.Output, StringComparison.Ordinal);
        Assert.Equal(3, analyze.ExitCode);
        Assert.Contains($"{file}@0x460: error:", analyze.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unfinished_capture_exits_3()
    {
        using var dir = new TempFolder();
        var bytes = Small();
        "win-ad-XX"u8.CopyTo(bytes);
        var file = dir.Write("unfinished.dat", bytes);

        var r = CliRunner.Run("validate", file);

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("never finished", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_json_gives_the_object_and_the_offset_of_a_bad_record()
    {
        using var dir = new TempFolder();
        var bytes = Small();
        var second = 0x43E + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(0x43E));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(second + 8 + 8), 999); // object 2 names a property that does not exist
        var file = dir.Write("bad.dat", bytes);

        var r = CliRunner.Run("validate", file, "--format", "json");

        Assert.Equal(3, r.ExitCode);
        using var json = JsonDocument.Parse(r.Output);
        var input = json.RootElement.GetProperty("inputs")[0];
        Assert.Equal(1, input.GetProperty("entries").GetInt64());
        Assert.Equal(1, input.GetProperty("rejectedRecords").GetInt64());
        var error = input.GetProperty("errors")[0];
        Assert.Equal("ADX-TABLE", error.GetProperty("code").GetString());
        Assert.Equal(2, error.GetProperty("line").GetInt64());
        Assert.Equal(second + 8 + 8, error.GetProperty("offset").GetInt64()); // the attribute entry itself
    }

    [Fact]
    public void A_folder_with_a_snapshot_and_ldif_is_one_dump()
    {
        using var dir = new TempFolder();
        dir.Write("in/contoso.dat", Small());
        dir.Write("in/other.ldf", "dn: CN=x,DC=fabrikam,DC=test\r\nchangetype: add\r\ncn: x\r\n\r\n");

        var r = CliRunner.Run("validate", Path.Combine(dir.Path, "in"));

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("3 entries in 2 input(s); all valid", r.Output, StringComparison.Ordinal);
    }
}

/// <summary>The whole analyze path on mutated snapshots (beside an LDIF input, so duplicates are looked for): a documented exit code, never a crash.</summary>
public sealed class AdExplorerAnalyzeFuzzTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 30)];

    private static byte[] Forest()
    {
        var b = new SnapshotBuilder();
        b.Property("cn", 7, 3);
        b.Property("nCName", 18, 1);
        b.Property("systemFlags", 3, 7);
        b.Property("dnsRoot", 7, 3);
        b.Property("msExchDomainLink", 18, 1);
        b.Property("mailNickname", 7, 3);
        b.Property("proxyAddresses", 7, 3);
        const string Config = "CN=Configuration,DC=contoso,DC=test";
        b.Add(Config, ("objectClass", ["top", "configuration"]));
        b.Add("CN=Partitions," + Config, ("objectClass", ["top", "crossRefContainer"]));
        b.Add("CN=CONTOSO,CN=Partitions," + Config, ("objectClass", ["top", "crossRef"]), ("nCName", ["DC=contoso,DC=test"]), ("systemFlags", [3]), ("dnsRoot", ["contoso.test"]));
        b.Add("CN=Microsoft Exchange,CN=Services," + Config, ("objectClass", ["top", "msExchConfigurationContainer"]));
        b.Add("CN=Contoso,CN=Microsoft Exchange,CN=Services," + Config, ("objectClass", ["top", "msExchOrganizationContainer"]));
        b.Add("CN=Recipient Update Service (CONTOSO),CN=Recipient Update Services,CN=Address Lists Container,CN=Contoso,CN=Microsoft Exchange,CN=Services," + Config,
            ("objectClass", ["top", "msExchAddressListService"]), ("msExchDomainLink", ["DC=contoso,DC=test"]));
        b.Add("DC=contoso,DC=test", ("objectClass", ["top", "domain", "domainDNS"]));
        for (var i = 0; i < 20; i++)
        {
            b.Add($"CN=User {i},CN=Users,DC=contoso,DC=test", ("objectClass", ["top", "person", "user"]), ("cn", [$"User {i}"]),
                ("mailNickname", [$"user{i}"]), ("proxyAddresses", [$"SMTP:user{i}@contoso.test"]));
        }

        return b.Build();
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_snapshots_end_with_a_documented_exit_code(int seed)
    {
        var random = new Random(seed);
        var bytes = Forest();
        for (var f = 0; f < 1 + random.Next(12); f++)
        {
            bytes[0x43E + random.Next(bytes.Length - 0x43E)] = (byte)random.Next(256);
        }

        using var dir = new TempFolder();
        var snapshot = dir.Write("forest.dat", random.Next(4) == 0 ? bytes[..random.Next(bytes.Length)] : bytes);
        var ldif = dir.Write("more.ldf", "dn: CN=User 1,CN=Users,DC=contoso,DC=test\r\nchangetype: add\r\ncn: other\r\n\r\n");

        var r = CliRunner.Run("analyze", snapshot, ldif, "-o", Path.Combine(dir.Path, "out"), "-f", "json");

        Assert.Contains(r.ExitCode, new[] { 0, 1, 3 });
        Assert.DoesNotContain("internal error", r.Error, StringComparison.Ordinal);
    }
}
