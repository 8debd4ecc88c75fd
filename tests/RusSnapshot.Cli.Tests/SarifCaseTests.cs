using System.Text.Json;
using NJsonSchema;

namespace RusSnapshot.Cli.Tests;

/// <summary>The SARIF report of every support case: the same findings as its JSON report, and valid SARIF 2.1.0.</summary>
public sealed class SarifCaseTests
{
    private static string Schema => Path.Combine(RulesCommandTests.RepoRoot(), "tests", "tools", "node_modules", "@microsoft", "sarif-multitool-linux", "sarif-2.1.0.json");

    [Theory]
    [MemberData(nameof(SupportCaseTests.Cases), MemberType = typeof(SupportCaseTests))]
    public void Sarif_carries_the_findings_of_the_json_report(string caseId)
    {
        using var dir = new TempFolder();
        var (sarif, json) = Analyze(caseId, dir);

        using var s = JsonDocument.Parse(sarif);
        using var j = JsonDocument.Parse(json);
        var fromSarif = s.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("partialFingerprints").GetProperty("russnapFingerprint/v1").GetString(), r.GetProperty("ruleId").GetString(), r.GetProperty("message").GetProperty("text").GetString()));
        var fromJson = j.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("fingerprint").GetString(), f.GetProperty("ruleId").GetString(), f.GetProperty("message").GetString()));
        Assert.Equal(fromJson, fromSarif);
    }

    [SarifSchemaFact]
    public async Task Sarif_of_every_case_follows_the_sarif_schema()
    {
        var schema = await JsonSchema.FromFileAsync(Schema);
        foreach (var caseId in SupportCaseTests.Cases().Select(c => (string)c[0]))
        {
            using var dir = new TempFolder();
            var errors = schema.Validate(Analyze(caseId, dir).Sarif);
            Assert.True(errors.Count == 0, $"{caseId}: {string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}"))}");
        }
    }

    private static (string Sarif, string Json) Analyze(string caseId, TempFolder dir)
    {
        var inputs = Path.Combine(RulesCommandTests.RepoRoot(), "fixtures", "cases", caseId);
        var r = CliRunner.Run("analyze", inputs, "-o", dir.Path, "-f", "sarif,json", "--timestamp", "2026-01-01T00:00:00Z");
        Assert.True(r.ExitCode is 0 or 1, r.Error);
        return (File.ReadAllText(Path.Combine(dir.Path, "russnap-report.sarif")), File.ReadAllText(Path.Combine(dir.Path, "russnap-report.json")));
    }

    /// <summary>Skipped, not passed, where the npm test tools (which ship the SARIF schema) are not installed.</summary>
    public sealed class SarifSchemaFactAttribute : FactAttribute
    {
        public SarifSchemaFactAttribute()
        {
            if (!File.Exists(Schema))
            {
                Skip = $"The SARIF 2.1.0 schema is not at {Schema} (tests/prerequisites.sh installs the SARIF multitool with npm).";
            }
        }
    }
}
