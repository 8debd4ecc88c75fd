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
