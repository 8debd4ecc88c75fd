using System.Diagnostics;
using System.Text.Json;
using NJsonSchema;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Reports.Sarif;

namespace RusSnapshot.Reports.Tests;

/// <summary>A test that needs Microsoft's SARIF multitool (tests/tools, installed by tests/prerequisites.sh): skipped, not passed, without it.</summary>
public sealed class SarifToolFactAttribute : FactAttribute
{
    public static string Multitool => RepoRoot.File("tests", "tools", "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");

    /// <summary>The SARIF 2.1.0 JSON schema as the multitool's package ships it.</summary>
    public static string Schema => RepoRoot.File("tests", "tools", "node_modules", "@microsoft", "sarif-multitool-linux", "sarif-2.1.0.json");

    public SarifToolFactAttribute()
    {
        if (!File.Exists(Multitool) || !File.Exists(Schema))
        {
            Skip = $"The SARIF multitool is not installed at {Multitool} (tests/prerequisites.sh installs it with npm).";
        }
    }
}

/// <summary>The SARIF report: valid for the schema and Microsoft's validator, shaped for code-scanning uploads.</summary>
public sealed class SarifReportTests
{
    [SarifToolFact]
    public async Task The_log_is_valid_sarif_for_the_schema_and_the_multitool()
    {
        var schema = await JsonSchema.FromFileAsync(SarifToolFactAttribute.Schema);
        using var dir = new TempDir();
        foreach (var language in new[] { ReportLanguage.En, ReportLanguage.Fr })
        {
            var sarif = ReportWriters.Sarif.Render(TestReport.Document(language));
            Assert.Empty(schema.Validate(sarif).Select(e => $"{e.Path}: {e.Kind}"));

            var path = Path.Combine(dir.Path, $"report-{language.ToCode()}.sarif");
            await File.WriteAllTextAsync(path, sarif, ReportWriters.Utf8);
            var problems = Validate(path, dir.Path);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }

    [Fact]
    public void Results_carry_level_kind_location_fingerprint_and_suppression()
    {
        var doc = TestReport.Document(ReportLanguage.En);
        using var sarif = JsonDocument.Parse(ReportWriters.Sarif.Render(doc));
        var run = sarif.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var results = run.GetProperty("results").EnumerateArray().ToList();

        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        Assert.Equal(doc.Findings.Length, results.Count);
        foreach (var (finding, result) in doc.Findings.Zip(results))
        {
            Assert.Equal(finding.RuleId, rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Equal(finding.Message, result.GetProperty("message").GetProperty("text").GetString());
            var expectedLevel = finding.Kind == Analysis.Rules.FindingKind.Fail ? finding.Severity.ToName() switch { "info" => "note", var s => s } : "none";
            Assert.Equal(expectedLevel, result.GetProperty("level").GetString());
            Assert.Equal(finding.Suppressed is not null, result.TryGetProperty("suppressions", out var suppressions));
            if (finding.Suppressed is { } reason)
            {
                Assert.Equal(reason, suppressions[0].GetProperty("justification").GetString());
            }

            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.False(string.IsNullOrEmpty(location.GetProperty("artifactLocation").GetProperty("uri").GetString()));
            if (finding.Evidence is [{ Line: > 0 } first, ..])
            {
                Assert.Equal(first.Line, location.GetProperty("region").GetProperty("startLine").GetInt64());
            }
        }
    }

    [Fact]
    public void Absolute_input_paths_become_relative_to_a_shared_base()
    {
        var doc = TestReport.Document(ReportLanguage.En) is var d
            ? d with { Inputs = [.. d.Inputs.Select(i => i with { Path = "/srv/case 7/" + i.Path })], Findings = [.. d.Findings.Select(f => f with { Evidence = [.. f.Evidence.Select(e => e with { Source = "/srv/case 7/" + e.Source })] })] }
            : null!;
        using var sarif = JsonDocument.Parse(ReportWriters.Sarif.Render(doc));
        var run = sarif.RootElement.GetProperty("runs")[0];

        // The setup log (logs/) is evidence too: the base is the folder all the named files share.
        Assert.Equal("file:///srv/case%207/", run.GetProperty("originalUriBaseIds").GetProperty("DUMPROOT").GetProperty("uri").GetString());
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            var artifact = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
            Assert.Equal("DUMPROOT", artifact.GetProperty("uriBaseId").GetString());
            Assert.DoesNotContain("/srv/", artifact.GetProperty("uri").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Beyond_the_result_cap_the_most_severe_are_kept_and_the_log_says_how_many_are_not()
    {
        var doc = TestReport.Document(ReportLanguage.En);
        var writer = new SarifReportWriter(maxResults: 2);
        using var sarif = JsonDocument.Parse(writer.Render(doc));
        var run = sarif.RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal("error", r.GetProperty("level").GetString()));
        var note = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications")[0].GetProperty("message").GetProperty("text").GetString();
        Assert.StartsWith($"{doc.Findings.Length - 2} of {doc.Findings.Length} findings are not in this log", note, StringComparison.Ordinal);
    }

    /// <summary>Runs the multitool's <c>validate</c> verb and returns its errors (it exits 0 even when it finds some).</summary>
    internal static List<string> Validate(string sarifPath, string folder)
    {
        var output = Path.Combine(folder, Path.GetFileNameWithoutExtension(sarifPath) + ".validation.sarif");
        var start = new ProcessStartInfo(SarifToolFactAttribute.Multitool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "validate", sarifPath, "--output", output, "--json-schema", SarifToolFactAttribute.Schema })
        {
            start.ArgumentList.Add(a);
        }

        // The multitool is a .NET app: keep it from asking for the telemetry opt-in or a writable home.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "the SARIF multitool did not finish in 2 minutes");
        Assert.True(process.ExitCode == 0, $"multitool exit {process.ExitCode}: {stdout.Result}{stderr.Result}");
        using var log = JsonDocument.Parse(File.ReadAllText(output));
        return [.. log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.TryGetProperty("level", out var level) && level.GetString() == "error")
            .Select(r => $"{r.GetProperty("ruleId").GetString()}: {r.GetProperty("message")}")];
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("russnap-sarif-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
