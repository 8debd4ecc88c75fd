using System.Diagnostics;
using System.Text.Json;
using RusSnapshot.Synth;
using RusSnapshot.Tests.Shared;

namespace RusSnapshot.Cli.Tests;

/// <summary><c>analyze --recipients FILE.csv</c>: exactly the recipients behind RSN2007, per domain, written safely.</summary>
public sealed class RecipientsOptionTests
{
    private static readonly string Root = RulesCommandTests.RepoRoot();

    public static IEnumerable<object[]> Cases() => SupportCaseTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_list_of_each_support_case_matches_its_unstamped_count_exactly(string caseId)
    {
        var dir = Path.Combine(Root, "fixtures", "cases", caseId);
        var inputs = Directory.GetFiles(dir).Where(f => f.EndsWith(".ldf", StringComparison.Ordinal) || f.EndsWith(".ldif", StringComparison.Ordinal) || f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".dat", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        using var output = new TempFolder();
        var list = Path.Combine(output.Path, "recipients.csv");

        var r = CliRunner.Run(["analyze", .. inputs, "-o", output.Path, "--recipients", list, "--fail-on", "never"]);

        Assert.True(r.ExitCode == 0, r.Output + r.Error);
        AssertListMatchesReport(list, Path.Combine(output.Path, "russnap-report.json"));
    }

    [Theory]
    [InlineData("ldifde", false)]
    [InlineData("csvde", true)]
    [InlineData("ldapsearch", true)]
    public void The_list_of_a_generated_forest_with_unstamped_recipients_matches_rsn2007_per_domain(string dialect, bool split)
    {
        using var dir = new TempFolder();
        var dump = Path.Combine(dir.Path, split ? "dump" : "forest");
        var spec = new ForestSpec
        {
            Domains = 4, Users = 300, Groups = 10, Seed = 9, SplitByPartition = split,
            Dialect = Enum.Parse<SynthDialect>(dialect, ignoreCase: true),
            Faults = [SynthFault.Parse("unstamped:17:child1"), SynthFault.Parse("unstamped:11"), SynthFault.Parse("missing-rus:child1")],
        };
        var report = new ForestGenerator(spec).Generate(dump);
        var input = split ? dump : Path.Combine(dir.Path, report.Files.Single().Name);
        var list = Path.Combine(dir.Path, "out", "affected.csv");

        var r = CliRunner.Run("analyze", input, "-o", Path.Combine(dir.Path, "reports"), "--recipients", list, "--fail-on", "never");

        Assert.True(r.ExitCode == 0, r.Output + r.Error);
        var (rows, total) = AssertListMatchesReport(list, Path.Combine(dir.Path, "reports", "russnap-report.json"));
        Assert.True(total >= 28, $"{total} unstamped");
        Assert.Contains($"recipients: {list} ({total.ToString(System.Globalization.CultureInfo.InvariantCulture)} unstamped recipient(s), RSN2007)", r.Output, StringComparison.Ordinal);
        Assert.All(rows, row => Assert.Equal("proxyAddresses;legacyExchangeDN;showInAddressBook", row[4]));
        Assert.All(rows, row => Assert.True(long.Parse(row[6], System.Globalization.CultureInfo.InvariantCulture) > 0));
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "out"), ".*")); // no temporary or spool left behind
    }

    /// <summary>
    /// A dump of 64 MiB or more is read in two parts on two cores, each part's recipients spooled apart beside the list
    /// and joined in file order: every recipient once, in file order, each line that of its entry's <c>dn:</c> line.
    /// </summary>
    [Fact]
    public void The_list_of_a_dump_read_in_two_parts_holds_each_recipient_once_in_file_order_with_its_line()
    {
        using var dir = new TempFolder();
        var spec = new ForestSpec
        {
            Domains = 4, Users = 36_000, Groups = 20, Seed = 5,
            Faults = [SynthFault.Parse("unstamped:3000"), SynthFault.Parse("missing-rus:child1")],
        };
        var report = new ForestGenerator(spec).Generate(Path.Combine(dir.Path, "forest"));
        var input = Path.Combine(dir.Path, report.Files.Single().Name);
        Assert.True(new FileInfo(input).Length >= 64L * 1024 * 1024, "the dump is too small to be read in parts");
        var list = Path.Combine(dir.Path, "out", "affected.csv");

        var r = CliRunner.Run("analyze", input, "-o", Path.Combine(dir.Path, "reports"), "--recipients", list, "--fail-on", "never");

        Assert.True(r.ExitCode == 0, r.Output + r.Error);
        var (rows, total) = AssertListMatchesReport(list, Path.Combine(dir.Path, "reports", "russnap-report.json"));
        Assert.True(total >= 3000, $"{total} unstamped");
        var lines = rows.Select(row => long.Parse(row[6], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(lines.Order(), lines); // file order, the first part's before the second's
        var wanted = lines.ToHashSet();
        var dnLines = 0;
        var number = 0L;
        foreach (var line in File.ReadLines(input))
        {
            number++;
            if (wanted.Contains(number))
            {
                Assert.True(line.StartsWith("dn:", StringComparison.Ordinal), $"line {number} is not a dn: line: {line}");
                dnLines++;
            }
        }

        Assert.Equal(rows.Count, dnLines);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "out"), ".*")); // no spool of either part left behind
    }

    [Fact]
    public void Recipients_of_a_domain_the_configuration_excludes_are_not_listed_as_rsn2007_does_not_count_them()
    {
        using var dir = new TempFolder();
        var dump = Path.Combine(dir.Path, "dump");
        new ForestGenerator(new ForestSpec { Domains = 3, Users = 120, Groups = 4, Seed = 2, SplitByPartition = true, Faults = [SynthFault.Parse("unstamped:9")] }).Generate(dump);
        var config = dir.Write("rusnapshot.yaml", "excludeDomains:\n  - child1.contoso.test\n");
        var list = Path.Combine(dir.Path, "r.csv");

        var r = CliRunner.Run("analyze", dump, "-o", Path.Combine(dir.Path, "reports"), "--recipients", list, "--config", config, "--fail-on", "never");

        Assert.True(r.ExitCode == 0, r.Output + r.Error);
        var (rows, _) = AssertListMatchesReport(list, Path.Combine(dir.Path, "reports", "russnap-report.json"));
        Assert.DoesNotContain(rows, row => row[0].StartsWith("child1.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_recipients_path_that_is_a_folder_or_a_report_is_a_usage_error_before_anything_is_read()
    {
        using var dir = new TempFolder();
        var dump = Path.Combine(Root, "fixtures", "rules", "RSN2007.UnstampedRecipients", "invalid.ldif");

        Assert.Equal(2, CliRunner.Run("analyze", dump, "-o", dir.Path, "--recipients", dir.Path).ExitCode);
        Assert.Equal(2, CliRunner.Run("analyze", dump, "-o", dir.Path, "--recipients", Path.Combine(dir.Path, "russnap-report.json")).ExitCode);
        Assert.Equal(2, CliRunner.Run("analyze", dump, "-o", dir.Path, "--recipients", "").ExitCode);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void The_rule_fixture_lists_bob_with_what_he_lacks()
    {
        using var dir = new TempFolder();
        var list = Path.Combine(dir.Path, "r.csv");

        var r = CliRunner.Run("analyze", Path.Combine(Root, "fixtures", "rules", "RSN2007.UnstampedRecipients", "invalid.ldif"), "-o", dir.Path, "--recipients", list, "--fail-on", "never");

        Assert.Equal(0, r.ExitCode);
        var row = Assert.Single(Rows(list));
        Assert.Equal("contoso.test", row[0]);
        Assert.StartsWith("CN=Bob", row[1], StringComparison.Ordinal);
        Assert.Equal("proxyAddresses;legacyExchangeDN;showInAddressBook", row[4]);
        Assert.EndsWith("invalid.ldif", row[5], StringComparison.Ordinal);
    }

    /// <summary>The list has one row per unstamped recipient the report counts, per domain and in total; returns the rows and the total.</summary>
    private static (List<string[]> Rows, long Total) AssertListMatchesReport(string list, string reportPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(reportPath));
        var forest = json.RootElement.GetProperty("forest");
        var rows = Rows(list);
        long total = forest.GetProperty("unassignedRecipients").GetProperty("unstamped").GetInt64();
        foreach (var d in forest.GetProperty("domains").EnumerateArray())
        {
            var unstamped = d.GetProperty("recipients").ValueKind == JsonValueKind.Null ? 0 : d.GetProperty("recipients").GetProperty("unstamped").GetInt64();
            var label = d.GetProperty("dnsName").GetString() ?? d.GetProperty("dn").GetString();
            Assert.Equal(unstamped, rows.Count(r => r[0] == label));
            total += unstamped;
        }

        Assert.Equal(total, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r[1]).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        return (rows, total);
    }

    private static List<string[]> Rows(string path)
    {
        var text = File.ReadAllText(path);
        Debug.Assert(text.Length > 0);
        Assert.StartsWith("domain,dn,sAMAccountName,mailNickname,missing,source,line\r\n", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        return RecipientCsv.Parse(text);
    }
}
