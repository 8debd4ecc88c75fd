using System.Text.Json;
using NJsonSchema;
using RusSnapshot.Dumps.Manifest;

namespace RusSnapshot.Cli.Tests;

/// <summary><c>analyze --setup-log</c> (and <c>--setup-run</c>): what setup saw in every report, a disagreement flagged, a bad log reported.</summary>
public sealed class SetupLogAnalysisTests
{
    private static readonly string Root = RulesCommandTests.RepoRoot();
    private static readonly string Case = Path.Combine(Root, "fixtures", "cases", "child-domain-without-rus");

    private static string Log(string name) => Path.Combine(Root, "fixtures", "setuplogs", name);

    [Fact]
    public async Task Every_report_shows_the_run_read_and_a_disagreement_is_an_rsn2008_finding_in_a_valid_report()
    {
        using var dir = new TempFolder();

        var r = CliRunner.Run("analyze", Case, "-o", dir.Path, "--setup-log", Log("several-runs.log"), "--timestamp", "2026-01-01T00:00:00Z");

        Assert.Equal(1, r.ExitCode); // RSN2001 for child1 is an error; RSN2008 a warning
        Assert.Contains("setup log: " + Log("several-runs.log") + ": run 3 of 3 (2026-04-20T16:45:00+01:00), RusMissing did not fire for DC=child1,DC=contoso,DC=test; disagrees with the dump (RSN2008)", r.Output, StringComparison.Ordinal);
        var text = File.ReadAllText(Path.Combine(dir.Path, "russnap-report.json"));
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Root, "schemas", "report.schema.json"));
        Assert.Empty(schema.Validate(text));

        using var json = JsonDocument.Parse(text);
        var log = Assert.Single(json.RootElement.GetProperty("setupLogs").EnumerateArray());
        Assert.Equal(3, log.GetProperty("runs").GetInt32());
        Assert.Equal(3, log.GetProperty("run").GetProperty("number").GetInt32());
        Assert.Equal("Recipient Update Service (CHILD1)", log.GetProperty("run").GetProperty("rusMissing").GetProperty("rusName").GetProperty("value").GetString());
        Assert.Equal("disagrees", log.GetProperty("comparison").GetProperty("agreement").GetString());
        Assert.True(log.GetProperty("comparison").GetProperty("dumpWouldFire").GetBoolean());
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "RSN2008");
        Assert.Equal("DC=child1,DC=contoso,DC=test", finding.GetProperty("subject").GetString());
        Assert.Contains(finding.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("source").GetString() == Log("several-runs.log") && e.GetProperty("attribute").GetString() == "RusName");
        Assert.Contains(finding.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("source").GetString()!.EndsWith("configuration.ldf", StringComparison.Ordinal));

        var md = File.ReadAllText(Path.Combine(dir.Path, "russnap-report.md"));
        Assert.Contains("## Exchange setup logs", md, StringComparison.Ordinal);
        Assert.Contains("Run read: 3 of 3 (the last)", md, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(dir.Path, "russnap-report.html"));
        Assert.Contains("data-agreement=\"disagrees\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_earlier_run_is_read_when_asked_for()
    {
        using var dir = new TempFolder();

        var r = CliRunner.Run("analyze", Case, "-o", dir.Path, "--setup-log", Log("several-runs.log"), "--setup-run", "1");

        Assert.Contains("run 1 of 3", r.Output, StringComparison.Ordinal);
        Assert.Contains("agrees with the dump", r.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "russnap-report.json")));
        Assert.Equal(1, json.RootElement.GetProperty("setupLogs")[0].GetProperty("requestedRun").GetInt32());
        Assert.DoesNotContain(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "RSN2008");
    }

    [Fact]
    public void A_cut_log_is_invalid_input_named_with_its_line_and_the_reports_say_so()
    {
        using var dir = new TempFolder();

        var r = CliRunner.Run("analyze", Case, "-o", dir.Path, "--setup-log", Log("cut.log"));

        Assert.Equal(3, r.ExitCode);
        Assert.Contains(Log("cut.log") + ":26: error: the log ends in the middle of a line", r.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "russnap-report.json")));
        var log = json.RootElement.GetProperty("setupLogs")[0];
        Assert.False(log.GetProperty("complete").GetBoolean());
        Assert.Equal("SETUPLOG-TRUNCATED", log.GetProperty("diagnostics")[0].GetProperty("code").GetString());
        Assert.Equal("noEvaluation", log.GetProperty("comparison").GetProperty("notComparableReason").GetString());
    }

    [Fact]
    public void A_log_without_readiness_lines_is_reported_as_such()
    {
        using var dir = new TempFolder();

        var r = CliRunner.Run("analyze", Case, "-o", dir.Path, "--setup-log", Log("no-readiness.log"));

        Assert.Equal(1, r.ExitCode); // a warning about the log, not invalid input
        Assert.Contains("RusMissing not evaluated", r.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "russnap-report.json")));
        Assert.Equal("SETUPLOG-NO-READINESS", json.RootElement.GetProperty("setupLogs")[0].GetProperty("diagnostics")[0].GetProperty("code").GetString());
        Assert.Contains(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("messageId").GetString() == "RSN2008.noEvaluation");
    }

    [Fact]
    public void Which_source_is_newer_comes_from_the_collectors_manifest()
    {
        // The dump (collected in November, per its manifest) has a RUS for contoso.test; setup ran in March and found none.
        using var dir = new TempFolder();
        var dump = dir.Write("forest.ldf", File.ReadAllBytes(Path.Combine(Root, "fixtures", "rules", "RSN2008.SetupLogDisagrees", "invalid", "dump.ldif")));
        CollectionManifestFile.WriteFile(
            ManifestAnalysisTests.Manifest() with { Dump = new ManifestDump("forest.ldf", "ldif", 15) }, CollectionManifestFile.PathFor(dump));

        var r = CliRunner.Run("analyze", dump, "-o", dir.Path, "--setup-log", Path.Combine(Root, "fixtures", "rules", "RSN2008.SetupLogDisagrees", "invalid", "ExchangeSetup.log"));

        Assert.Equal(0, r.ExitCode); // a warning only
        Assert.Contains("The dump is newer: the forest changed after setup ran.", r.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "russnap-report.json")));
        Assert.Equal("dump", json.RootElement.GetProperty("setupLogs")[0].GetProperty("comparison").GetProperty("newer").GetString());
        Assert.Contains(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("messageId").GetString() == "RSN2008.firedDumpNewer");
    }

    [Theory]
    [InlineData("--setup-run", "0")]
    [InlineData("--setup-run", "last")]
    [InlineData("--setup-log", "")]
    public void Bad_setup_log_options_are_usage_errors(string option, string value)
    {
        using var dir = new TempFolder();

        var r = CliRunner.Run("analyze", Case, "-o", dir.Path, option, value);

        Assert.Equal(2, r.ExitCode);
        Assert.False(File.Exists(Path.Combine(dir.Path, "russnap-report.json")));
    }

    [Fact]
    public void A_setup_log_that_does_not_exist_is_invalid_input_before_anything_is_read()
    {
        using var dir = new TempFolder();

        var r = CliRunner.Run("analyze", Case, "-o", dir.Path, "--setup-log", Path.Combine(dir.Path, "nope.log"));

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("nope.log", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "russnap-report.json")));
    }
}
