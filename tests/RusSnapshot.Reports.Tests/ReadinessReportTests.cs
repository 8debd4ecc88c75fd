using System.Text.Json;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Reports.Markdown;

namespace RusSnapshot.Reports.Tests;

/// <summary>The readiness verdict and the setup logs are in every format, as the analysis judged them, marked as derived.</summary>
public sealed class ReadinessReportTests
{
    [Theory]
    [InlineData(ReportLanguage.En)]
    [InlineData(ReportLanguage.Fr)]
    public void Every_format_carries_the_readiness_verdict_of_each_domain_and_the_forest(ReportLanguage language)
    {
        var doc = TestReport.Document(language);
        var l = ReportLabels.For(language);
        var expected = TestReport.Result.Readiness;

        using var json = JsonDocument.Parse(ReportWriters.Json.Render(doc));
        var readiness = json.RootElement.GetProperty("readiness");
        Assert.True(readiness.GetProperty("derived").GetBoolean());
        Assert.True(readiness.GetProperty("exchange2013OrLaterBlocked").GetBoolean());
        Assert.NotEmpty(readiness.GetProperty("sources").EnumerateArray());
        var stops = readiness.GetProperty("domains").EnumerateArray()
            .Where(d => d.GetProperty("exchange2007SetupStops").ValueKind == JsonValueKind.True).Select(d => d.GetProperty("dn").GetString()).ToList();
        Assert.Equal(expected.Domains.Where(d => d.Exchange2007Stops == Analysis.Verdict.ReadinessAnswer.Yes).Select(d => d.Domain.Dn).Order(StringComparer.Ordinal), stops.Order(StringComparer.Ordinal));
        Assert.Equal(2, stops.Count);

        var html = ReportParsing.Html(ReportWriters.Html.Render(doc));
        var section = html.QuerySelector("section#readiness")!;
        Assert.Contains(l.Derived, section.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, section.QuerySelectorAll("tr[data-rus-missing=yes]").Length);
        Assert.Equal("yes", section.QuerySelector("[data-blocked]")!.GetAttribute("data-blocked"));
        Assert.NotNull(html.QuerySelector("nav a[href='#readiness']"));

        var markdown = ReportWriters.Markdown.Render(doc);
        Assert.Contains("## " + l.Readiness, markdown, StringComparison.Ordinal);
        Assert.Contains(l.Derived, markdown, StringComparison.Ordinal);
        Assert.Equal(2, markdown.Split('\n').Count(line => line.Contains(MarkdownText.Escape(l.Stops), StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(ReportLanguage.En)]
    [InlineData(ReportLanguage.Fr)]
    public void Every_format_shows_each_setup_log_its_run_and_how_it_compares(ReportLanguage language)
    {
        var doc = TestReport.Document(language);
        var l = ReportLabels.For(language);

        using var json = JsonDocument.Parse(ReportWriters.Json.Render(doc));
        var logs = json.RootElement.GetProperty("setupLogs").EnumerateArray().ToList();
        Assert.Equal(["agrees", "disagrees"], logs.Select(x => x.GetProperty("comparison").GetProperty("agreement").GetString()));
        Assert.Equal(215, logs[0].GetProperty("run").GetProperty("rusMissing").GetProperty("line").GetInt32());
        Assert.Equal("dump", logs[0].GetProperty("comparison").GetProperty("newer").GetString());
        Assert.False(logs[1].GetProperty("complete").GetBoolean());
        Assert.Equal("SETUPLOG-TRUNCATED", logs[1].GetProperty("diagnostics")[1].GetProperty("code").GetString());

        var html = ReportParsing.Html(ReportWriters.Html.Render(doc));
        Assert.Equal(["agrees", "disagrees"], html.QuerySelectorAll("section#setup-logs article.setup-log").Select(a => a.GetAttribute("data-agreement")));
        Assert.Empty(html.QuerySelectorAll("script"));

        var markdown = ReportWriters.Markdown.Render(doc);
        Assert.Contains("## " + l.SetupLogs, markdown, StringComparison.Ordinal);
        Assert.Contains(MarkdownText.Escape(l.Disagrees), markdown, StringComparison.Ordinal);
        Assert.Contains("SETUPLOG-TRUNCATED", markdown, StringComparison.Ordinal);
    }
}
