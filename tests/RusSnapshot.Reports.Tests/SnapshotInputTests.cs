using System.Text.Json;
using NJsonSchema;
using RusSnapshot.Analysis;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Dumps;

namespace RusSnapshot.Reports.Tests;

/// <summary>An AD Explorer snapshot's capture (tool, time, server) in the inputs table of every report.</summary>
public sealed class SnapshotInputTests
{
    private const string Server = "dc1.contoso.test <script>|";

    private static readonly DumpCapture Capture = new("AD Explorer", new DateTimeOffset(2021, 11, 30, 21, 48, 42, TimeSpan.Zero), Server, "before **the** move\n# x");

    private static ReportDocument Document()
    {
        var snapshot = new InputReport
        {
            Path = "snapshots/contoso.dat",
            Format = "adexplorer",
            Dialect = "adexplorer",
            Encoding = "binary",
            Entries = 3848,
            Complete = true,
            Capture = Capture,
            CollectedBy = Capture.Summary(),
        };
        var result = TestReport.Result with { Inputs = [.. TestReport.Result.Inputs, snapshot] };
        return ReportBuilder.Build(result, TestReport.Options(ReportLanguage.En));
    }

    [Fact]
    public async Task Json_carries_the_capture_for_the_snapshot_only_and_validates()
    {
        var json = ReportWriters.Json.Render(Document());
        var schema = await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(RepoRoot.File("schemas", "report.schema.json")));

        Assert.Empty(schema.Validate(json));
        using var doc = JsonDocument.Parse(json);
        var inputs = doc.RootElement.GetProperty("inputs").EnumerateArray().ToList();
        Assert.All(inputs.Take(2), i => Assert.False(i.TryGetProperty("capture", out _)));
        var capture = inputs[2].GetProperty("capture");
        Assert.Equal("AD Explorer", capture.GetProperty("tool").GetString());
        Assert.Equal("2021-11-30T21:48:42Z", capture.GetProperty("time").GetString());
        Assert.Equal(Server, capture.GetProperty("server").GetString());
        Assert.Equal("AD Explorer, 2021-11-30T21:48:42Z, " + Server, inputs[2].GetProperty("collectedBy").GetString());
    }

    [Fact]
    public void Markdown_and_html_show_time_and_server_in_the_inputs_table_escaped()
    {
        var document = Document();
        var md = ReportWriters.Markdown.Render(document);
        var html = ReportWriters.Html.Render(document);

        var row = md.Split('\n').Single(l => l.StartsWith("| snapshots/contoso.dat", StringComparison.Ordinal));
        Assert.Contains("AD Explorer, 2021-11-30T21:48:42Z, dc1.contoso.test \\<script\\>\\|", row, StringComparison.Ordinal);
        Assert.Contains("AD Explorer, 2021-11-30T21:48:42Z, dc1.contoso.test &lt;script&gt;|", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>|", html, StringComparison.Ordinal);
    }
}
