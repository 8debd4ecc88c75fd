using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Reports.Tests;

public sealed class JsonReportTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(RepoRoot.File("schemas", "report.schema.json"))).GetAwaiter().GetResult());

    [Theory]
    [InlineData(ReportLanguage.En)]
    [InlineData(ReportLanguage.Fr)]
    public void Report_validates_against_the_schema(ReportLanguage language)
    {
        var json = ReportWriters.Json.Render(TestReport.Document(language));
        var errors = Schema.Value.Validate(json);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void Minimal_report_validates_against_the_schema()
    {
        var result = TestReport.Result with
        {
            Forest = new Analysis.Model.ForestModel { Completeness = new Analysis.Model.DumpCompleteness() },
            Findings = [],
            Inputs = [],
        };
        var json = ReportWriters.Json.Render(ReportBuilder.Build(result, TestReport.Options(ReportLanguage.En) with { CommandLine = null }));
        Assert.Empty(Schema.Value.Validate(json));
    }

    [Theory]
    [InlineData("$.findings[0].severity", "\"fatal\"")]
    [InlineData("$.findings[0].kind", "\"passed\"")]
    [InlineData("$.findings[0].surprise", "1")]
    [InlineData("$.summary.errors", "-1")]
    [InlineData("$.summary.verdict", "\"ok\"")]
    [InlineData("$.forest.domains[0].covered", "\"yes\"")]
    [InlineData("$.forest.domains[0].coverage", "\"maybe\"")]
    [InlineData("$.schemaVersion", "2")]
    [InlineData("$.generatedAt", "\"24/11/2026\"")]
    [InlineData("$.inputs[0].sha256", "\"XYZ\"")]
    [InlineData("$.exchange.servers[0].generation", "\"exchange5.5\"")]
    public void Schema_rejects_what_the_contract_forbids(string path, string value)
    {
        var node = JsonNode.Parse(ReportWriters.Json.Render(TestReport.Document(ReportLanguage.En)))!;
        Set(node, path, JsonNode.Parse(value));
        Assert.NotEmpty(Schema.Value.Validate(node.ToJsonString()));
    }

    [Theory]
    [InlineData("$.findings[0]", "fingerprint")]
    [InlineData("$.forest.domains[0]", "recipients")]
    [InlineData("$", "summary")]
    [InlineData("$.tool", "ruleCatalogVersion")]
    public void Schema_requires_every_property(string path, string property)
    {
        var node = JsonNode.Parse(ReportWriters.Json.Render(TestReport.Document(ReportLanguage.En)))!;
        Get(node, path)!.AsObject().Remove(property);
        Assert.NotEmpty(Schema.Value.Validate(node.ToJsonString()));
    }

    [Fact]
    public void Values_round_trip_exactly_including_hostile_ones()
    {
        var doc = TestReport.Document(ReportLanguage.En);
        using var json = JsonDocument.Parse(ReportWriters.Json.Render(doc));
        var root = json.RootElement;
        Assert.Equal(doc.Findings.Select(f => f.Fingerprint), ReportParsing.JsonFingerprints(root.GetRawText()));
        Assert.Equal(doc.Findings.Select(f => f.Message), root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("message").GetString()));
        var rus = root.GetProperty("exchange").GetProperty("rusInstances").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Contains(rus, n => n!.Contains('\n') && n.Contains('\r') && n.Contains(TestReport.Script, StringComparison.Ordinal));
        Assert.Equal(TestReport.Result.Inputs[1].CollectedBy, root.GetProperty("inputs")[1].GetProperty("collectedBy").GetString());
        Assert.Equal(TestReport.AbsentDn, root.GetProperty("forest").GetProperty("domains")[2].GetProperty("dn").GetString());
    }

    [Fact]
    public void Is_indented_camel_case_LF_and_keeps_letters_readable_but_markup_escaped()
    {
        var json = ReportWriters.Json.Render(TestReport.Document(ReportLanguage.Fr));
        Assert.DoesNotContain('\r', json);
        Assert.StartsWith("{\n  \"schemaVersion\": 1,\n  \"tool\": {\n", json, StringComparison.Ordinal);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.Contains("service de mise à jour de destinataire", json, StringComparison.Ordinal);
        Assert.Contains("Renée", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\\u003Cscript\\u003E", json, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', json);
        Assert.Contains("\\u202Egnp.exe", json, StringComparison.Ordinal);
        Assert.Contains("\\r\\n", json, StringComparison.Ordinal);
    }

    private static JsonNode? Get(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? part : part[..bracket];
            node = node![name];
            if (bracket >= 0)
            {
                node = node![int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)];
            }
        }

        return node;
    }

    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var dot = path.LastIndexOf('.');
        Get(root, path[..dot])!.AsObject()[path[(dot + 1)..]] = value;
    }
}
