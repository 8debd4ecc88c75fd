using System.IO.Compression;
using System.Text.Json;

namespace RusSnapshot.Cli.Tests;

public sealed class AnalyzeCommandTests
{
    private static string RuleFixture(string name, string kind) =>
        Path.Combine(RulesCommandTests.RepoRoot(), "fixtures", "rules", name, kind + ".ldif");

    [Fact]
    public void Healthy_forest_exits_0_and_writes_three_reports()
    {
        using var dir = new TempFolder();

        var r = CliRunner.Run("analyze", RuleFixture("RSN2001.DomainWithoutRus", "valid"), "-o", dir.Path);

        Assert.Equal(0, r.ExitCode);
        foreach (var ext in new[] { "md", "json", "html" })
        {
            Assert.True(File.Exists(Path.Combine(dir.Path, "russnap-report." + ext)), ext);
        }

        Assert.Contains("report: ", r.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error", 1)]
    [InlineData("warning", 1)]
    [InlineData("never", 0)]
    public void Exit_code_follows_fail_on_for_an_error(string failOn, int expected)
    {
        using var dir = new TempFolder();

        var r = CliRunner.Run("analyze", RuleFixture("RSN2001.DomainWithoutRus", "invalid"), "-o", dir.Path, "--fail-on", failOn, "--format", "json");

        Assert.Equal(expected, r.ExitCode);
        Assert.Contains("RSN2001", r.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error", 0)]
    [InlineData("warning", 1)]
    public void A_warning_fails_only_with_fail_on_warning(string failOn, int expected)
    {
        using var dir = new TempFolder();

        var r = CliRunner.Run("analyze", RuleFixture("RSN2007.UnstampedRecipients", "invalid"), "-o", dir.Path, "--fail-on", failOn, "-f", "md");

        Assert.Equal(expected, r.ExitCode);
        Assert.False(File.Exists(Path.Combine(dir.Path, "russnap-report.json")));
    }

    [Fact]
    public void Suppressed_finding_does_not_fail_the_run_but_stays_in_the_report()
    {
        using var dir = new TempFolder();
        var config = dir.Write("rs.yaml", "suppressions:\n  - rule: DomainWithoutRus\n    subject: dc=contoso, dc=test\n    reason: accepted until the migration\n");

        var r = CliRunner.Run("analyze", RuleFixture("RSN2001.DomainWithoutRus", "invalid"), "-o", dir.Path, "--config", config, "-f", "json");

        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "russnap-report.json")));
        var finding = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "RSN2001");
        Assert.Equal("accepted until the migration", finding.GetProperty("suppressed").GetString());
    }

    [Fact]
    public void Config_error_is_a_usage_error_naming_file_line_and_column()
    {
        using var dir = new TempFolder();
        var config = dir.Write("rs.yaml", "severity:\n  RSN2001: loud\n");

        var r = CliRunner.Run("analyze", RuleFixture("RSN2001.DomainWithoutRus", "invalid"), "-o", dir.Path, "--config", config);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{config}:2:12: unknown severity 'loud'", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_input_exits_3_with_file_and_line_and_still_reports_the_gap()
    {
        using var dir = new TempFolder();
        var text = File.ReadAllText(RuleFixture("RSN2001.DomainWithoutRus", "valid")).Replace("cn: Alice Martin\n", "cn:: ***\n", StringComparison.Ordinal);
        var dump = dir.Write("corrupt.ldif", text);

        var r = CliRunner.Run("analyze", dump, "-o", Path.Combine(dir.Path, "out"), "-f", "json");

        Assert.Equal(3, r.ExitCode);
        Assert.Matches(@"corrupt\.ldif:\d+: error: invalid base64", r.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "out", "russnap-report.json")));
        Assert.Contains(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "RSN1001");
    }

    [Fact]
    public void Source_date_epoch_makes_reports_byte_identical()
    {
        using var dir = new TempFolder();
        var input = RuleFixture("RSN2003.RusServerMissing", "invalid");
        var old = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        try
        {
            Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", "1767225600");
            CliRunner.Run("analyze", input, "-o", Path.Combine(dir.Path, "a"));
            CliRunner.Run("analyze", input, "-o", Path.Combine(dir.Path, "b"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", old);
        }

        foreach (var ext in new[] { "md", "json", "html" })
        {
            var a = File.ReadAllBytes(Path.Combine(dir.Path, "a", "russnap-report." + ext));
            Assert.Equal(a, File.ReadAllBytes(Path.Combine(dir.Path, "b", "russnap-report." + ext)));
            Assert.Contains("2026-01-01T00:00:00Z", System.Text.Encoding.UTF8.GetString(a), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Hostile_values_from_a_dump_are_escaped_in_every_report()
    {
        using var dir = new TempFolder();
        var text = File.ReadAllText(RuleFixture("RSN2001.DomainWithoutRus", "valid"))
            .Replace("nETBIOSName: CONTOSO", "nETBIOSName: <img src=x onerror=alert(1)>", StringComparison.Ordinal)
            .Replace("dnsRoot: contoso.test", "dnsRoot:: " + Convert.ToBase64String("con|toso\n<script>alert(2)</script>`x`"u8.ToArray()), StringComparison.Ordinal);
        text = text.Replace("""
            dn: CN=Recipient Update Service (CONTOSO)
            """, "dn: CN=Removed", StringComparison.Ordinal);
        var dump = dir.Write("hostile.ldif", text.Replace("msExchDomainLink: DC=contoso,DC=test", "msExchDomainLink: DC=other,DC=test", StringComparison.Ordinal));

        var r = CliRunner.Run("analyze", dump, "-o", dir.Path);

        Assert.Equal(1, r.ExitCode);
        var html = File.ReadAllText(Path.Combine(dir.Path, "russnap-report.html"));
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        var md = File.ReadAllText(Path.Combine(dir.Path, "russnap-report.md"));
        Assert.DoesNotContain("<script>", md, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("con|toso", md, StringComparison.Ordinal);
        foreach (var row in md.Split('\n').Where(l => l.StartsWith('|')))
        {
            Assert.EndsWith("|", row, StringComparison.Ordinal);
        }

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "russnap-report.json")));
        var domain = json.RootElement.GetProperty("forest").GetProperty("domains").EnumerateArray().Single();
        Assert.Equal("con|toso\n<script>alert(2)</script>`x`", domain.GetProperty("dnsName").GetString());
    }

    [Fact]
    public void Timestamp_accepts_unix_seconds()
    {
        using var dir = new TempFolder();

        var r = CliRunner.Run("analyze", RuleFixture("RSN2001.DomainWithoutRus", "valid"), "-o", dir.Path, "-f", "json", "--timestamp", "1767225600");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("2026-01-01T00:00:00Z", File.ReadAllText(Path.Combine(dir.Path, "russnap-report.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_format_and_bad_timestamp_are_usage_errors()
    {
        var input = RuleFixture("RSN2001.DomainWithoutRus", "valid");
        Assert.Equal(2, CliRunner.Run("analyze", input, "-f", "pdf").ExitCode);
        Assert.Equal(2, CliRunner.Run("analyze", input, "--timestamp", "yesterday").ExitCode);
        Assert.Equal(2, CliRunner.Run("analyze", input, "--lang", "de").ExitCode);
    }
}

public sealed class AnalyzeCommandRobustnessTests
{
    private static string Fixture(string kind) =>
        Path.Combine(RulesCommandTests.RepoRoot(), "fixtures", "rules", "RSN2001.DomainWithoutRus", kind + ".ldif");

    [Fact]
    public void Format_option_followed_by_inputs_as_in_the_synopsis()
    {
        using var dir = new TempFolder();

        var r = CliRunner.Run("analyze", "--format", "md", Fixture("valid"), "-o", dir.Path);

        Assert.Equal(0, r.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir.Path, "russnap-report.md")));
    }

    [Fact]
    public void Unwritable_output_folder_is_a_usage_error_not_a_crash()
    {
        var r = CliRunner.Run("analyze", Fixture("valid"), "-o", "/dev/null/reports");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("/dev/null/reports: cannot write the reports", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_timestamp_is_a_usage_error()
    {
        Assert.Equal(2, CliRunner.Run("analyze", Fixture("valid"), "--timestamp", "99999999999999").ExitCode);
    }

    [Fact]
    public void Zip_members_that_are_not_dumps_are_skipped_and_a_corrupt_zip_exits_3()
    {
        using var dir = new TempFolder();
        var zip = Path.Combine(dir.Path, "dump.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(Fixture("valid"), "forest.ldif");
            using (var w = new StreamWriter(archive.CreateEntry("README.txt").Open()))
            {
                w.Write("not a dump");
            }

            using (var w = new StreamWriter(archive.CreateEntry("__MACOSX/._forest.ldif").Open()))
            {
                w.Write("\0\u0005\u0016\u0007");
            }
        }

        Assert.Equal(0, CliRunner.Run("analyze", zip, "-o", Path.Combine(dir.Path, "out"), "-f", "json").ExitCode);

        var corrupt = dir.Write("corrupt.zip", "PK\u0003\u0004 this is not really a zip archive"u8.ToArray());
        var r = CliRunner.Run("validate", corrupt);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("russnap: ", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_entry_from_csvde_and_ldifde_with_other_attribute_order_and_spacing_is_no_conflict()
    {
        using var dir = new TempFolder();
        var ldif = dir.Write("a.ldif", "dn: CN=u1,CN=Users,DC=corp,DC=example\nobjectClass: user\ncn: u1\nmailNickname: u1\n\n");
        var csv = dir.Write("b.csv", "DN,mailNickname,cn,objectClass\r\n\"cn=u1, cn=Users, dc=corp, dc=example\",u1,u1,user\r\n");

        var r = CliRunner.Run("validate", "--format", "json", ldif, csv);

        using var json = System.Text.Json.JsonDocument.Parse(r.Output);
        Assert.Equal(1, json.RootElement.GetProperty("entries").GetInt64());
        Assert.Empty(json.RootElement.GetProperty("conflicts").EnumerateArray());
    }
}
