using System.Text.Json;
using NJsonSchema;

namespace RusSnapshot.Cli.Tests;

/// <summary><c>russnap diff</c> end to end: dumps and JSON reports on either side, exit codes, formats, schema.</summary>
public sealed class DiffCommandTests
{
    private static readonly string Broken = Fixture("invalid");
    private static readonly string Fixed = Fixture("valid");

    private static string Fixture(string kind) =>
        Path.Combine(RulesCommandTests.RepoRoot(), "fixtures", "rules", "RSN2001.DomainWithoutRus", kind + ".ldif");

    [Fact]
    public void Adding_the_missing_rus_shows_rsn2001_fixed_by_the_new_rus()
    {
        using var dir = new TempFolder();

        var r = CliRunner.Run("diff", Broken, Fixed, "-o", dir.Path, "--timestamp", "2026-01-01T00:00:00Z");

        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "russnap-diff.json")));
        var root = json.RootElement;
        var fixedOne = Assert.Single(root.GetProperty("fixed").EnumerateArray());
        Assert.Equal("RSN2001", fixedOne.GetProperty("ruleId").GetString());
        Assert.Equal("RSN2001:DC=CONTOSO,DC=TEST", fixedOne.GetProperty("fingerprint").GetString());
        Assert.Empty(root.GetProperty("new").EnumerateArray());
        var changes = root.GetProperty("changes").EnumerateArray().ToList();
        var because = fixedOne.GetProperty("explainedBy").EnumerateArray().Select(i => changes[i.GetInt32()].GetProperty("kind").GetString()).ToList();
        Assert.Contains("rusAdded", because);
        Assert.Contains("domainCovered", because);
        Assert.Contains("fixed error RSN2001", r.Output, StringComparison.Ordinal);
        Assert.Contains("RUS instance added", r.Output, StringComparison.Ordinal);
        foreach (var ext in new[] { "md", "html" })
        {
            Assert.Contains("RSN2001", File.ReadAllText(Path.Combine(dir.Path, "russnap-diff." + ext)), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("error", 1)]
    [InlineData("warning", 1)]
    [InlineData("never", 0)]
    public void A_new_failure_at_or_above_fail_on_exits_1(string failOn, int expected)
    {
        using var dir = new TempFolder();

        var r = CliRunner.Run("diff", Fixed, Broken, "-o", dir.Path, "-f", "md", "--fail-on", failOn);

        Assert.Equal(expected, r.ExitCode);
        Assert.Contains("new error RSN2001", r.Output, StringComparison.Ordinal);
        Assert.Contains("RUS instance removed", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_report_on_one_side_compares_like_its_dump()
    {
        using var dir = new TempFolder();
        var reports = Path.Combine(dir.Path, "before");
        Assert.Equal(1, CliRunner.Run("analyze", Broken, "-o", reports, "-f", "json").ExitCode);

        var fromReport = CliRunner.Run("diff", Path.Combine(reports, "russnap-report.json"), Fixed, "-o", Path.Combine(dir.Path, "a"), "-f", "json", "--timestamp", "2026-01-01T00:00:00Z");
        var fromDump = CliRunner.Run("diff", Broken, Fixed, "-o", Path.Combine(dir.Path, "b"), "-f", "json", "--timestamp", "2026-01-01T00:00:00Z");

        Assert.Equal(0, fromReport.ExitCode);
        Assert.Equal(Section(Path.Combine(dir.Path, "b"), "fixed"), Section(Path.Combine(dir.Path, "a"), "fixed"));
        Assert.Equal(Section(Path.Combine(dir.Path, "b"), "changes"), Section(Path.Combine(dir.Path, "a"), "changes"));
    }

    [Fact]
    public void The_same_inputs_give_the_same_bytes_and_valid_json()
    {
        using var dir = new TempFolder();
        var one = Path.Combine(dir.Path, "1");
        var two = Path.Combine(dir.Path, "2");

        CliRunner.Run("diff", Broken, Fixed, "-o", one, "--timestamp", "2026-01-01T00:00:00Z", "--lang", "fr");
        CliRunner.Run("diff", Broken, Fixed, "-o", two, "--timestamp", "2026-01-01T00:00:00Z", "--lang", "fr");

        foreach (var ext in new[] { "md", "json", "html" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(one, "russnap-diff." + ext)), File.ReadAllBytes(Path.Combine(two, "russnap-diff." + ext)));
        }

        Assert.Contains("Corrigés", File.ReadAllText(Path.Combine(one, "russnap-diff.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_output_follows_its_schema()
    {
        using var dir = new TempFolder();
        CliRunner.Run("diff", Fixed, Broken, "-o", dir.Path, "-f", "json");
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RulesCommandTests.RepoRoot(), "schemas", "diff.schema.json"));

        var errors = schema.Validate(File.ReadAllText(Path.Combine(dir.Path, "russnap-diff.json")));

        Assert.Empty(errors.Select(e => $"{e.Path}: {e.Kind}"));
    }

    [Theory]
    [InlineData("{ \"schemaVersion\": 1, ", "not valid JSON")]
    [InlineData("{ \"schemaVersion\": 7 }", "schemaVersion 7")]
    [InlineData("{ \"hello\": 1 }", "'schemaVersion' is missing")]
    [InlineData("[1, 2]", "'schemaVersion' is missing")]
    public void An_unreadable_report_exits_3_naming_the_file(string json, string expected)
    {
        using var dir = new TempFolder();
        var report = dir.Write("old.json", json);

        var r = CliRunner.Run("diff", report, Fixed, "-o", dir.Path);

        Assert.Equal(3, r.ExitCode);
        Assert.Contains(report, r.Error, StringComparison.Ordinal);
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "russnap-diff.md")));
    }

    [Fact]
    public void A_cut_dump_is_not_compared()
    {
        using var dir = new TempFolder();
        // An ldifde export always ends with a line break: one cut in the middle of a line is a truncated dump.
        var text = File.ReadAllBytes(Path.Combine(RulesCommandTests.RepoRoot(), "fixtures", "cases", "child-domain-without-rus", "configuration.ldf"));
        var cut = dir.Write("cut.ldf", text[..((text.Length * 2 / 3) | 1)]);

        var r = CliRunner.Run("diff", Fixed, cut, "-o", dir.Path);

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("could not be read completely", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "russnap-diff.json")));
    }

    [Fact]
    public void Sarif_is_not_a_comparison_format()
    {
        using var dir = new TempFolder();

        var r = CliRunner.Run("diff", Broken, Fixed, "-o", dir.Path, "-f", "md,sarif");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not sarif", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_arguments_are_required()
    {
        Assert.Equal(2, CliRunner.Run("diff", Fixed).ExitCode);
    }

    private static string Section(string folder, string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "russnap-diff.json")));
        return json.RootElement.GetProperty(name).GetRawText();
    }
}
