using RusSnapshot.Analysis.Text;
using RusSnapshot.Reports.Html;

namespace RusSnapshot.Reports.Tests;

public sealed class HtmlReportTests
{
    private static readonly string En = ReportWriters.Html.Render(TestReport.Document(ReportLanguage.En));

    [Fact]
    public void Is_one_self_contained_page_with_a_content_security_policy()
    {
        var dom = ReportParsing.Html(En);
        Assert.Equal("en", dom.DocumentElement.GetAttribute("lang"));
        var csp = dom.QuerySelector("meta[http-equiv='Content-Security-Policy']")?.GetAttribute("content");
        Assert.NotNull(csp);
        Assert.StartsWith("default-src 'none'; style-src 'unsafe-inline'; img-src data:", csp, StringComparison.Ordinal);
        Assert.Equal("utf-8", dom.CharacterSet, ignoreCase: true);
        Assert.NotNull(dom.QuerySelector("meta[name='viewport']"));

        Assert.Empty(dom.QuerySelectorAll("script, link, iframe, object, embed, img, base, form, audio, video, source"));
        foreach (var element in dom.All)
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{element.TagName} has {attribute.Name}");
                if (attribute.Name is "href" or "src" or "srcset" or "action" or "xlink:href" or "poster")
                {
                    Assert.True(attribute.Name == "href" && attribute.Value.StartsWith('#'), $"{element.TagName} {attribute.Name}={attribute.Value}");
                }
            }
        }

        var css = string.Concat(dom.QuerySelectorAll("style").Select(s => s.TextContent));
        Assert.DoesNotContain("url(", css, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", css, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("@media print", css, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_values_stay_text()
    {
        var dom = ReportParsing.Html(En);
        Assert.Empty(dom.QuerySelectorAll("script"));
        Assert.Empty(dom.QuerySelectorAll("b"));
        Assert.DoesNotContain("<script", En, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\r', En);
        Assert.DoesNotContain('\0', En);
        Assert.DoesNotContain('\u202E', En);

        // The text reads as written (control characters made visible).
        var text = dom.Body!.TextContent;
        Assert.Contains("emea<script>alert(1)</script>.contoso.test", text, StringComparison.Ordinal);
        Assert.Contains("RUS E2007 **bold**␊second line␍CR `tick` <script>alert(1)</script>", text, StringComparison.Ordinal);
        Assert.Contains("Known leftover <b>bold</b> | pipe␊second line `code`", text, StringComparison.Ordinal);
        Assert.Contains("CN=EX2000\\0ADEL:", text, StringComparison.Ordinal);
        Assert.Contains("␀ \\u202Egnp.exe", text, StringComparison.Ordinal);
        Assert.Contains("Renée", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Encodes_text_and_attributes()
    {
        Assert.Equal("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;", HtmlText.Encode("<a href=\"x\" title='y'>&amp;"));
        Assert.Equal("a␊b␍c␀d␡\\u2028", HtmlText.Encode("a\nb\rc\0d\u007f\u2028"));
    }

    [Fact]
    public void Shows_the_chart_the_findings_with_evidence_and_remediation_and_the_inputs()
    {
        var dom = ReportParsing.Html(En);
        var chart = dom.QuerySelector("svg#coverage-chart");
        Assert.NotNull(chart);
        Assert.Equal(3, chart.QuerySelectorAll("g.domain").Length);
        Assert.Equal(["covered", "missing", "notJudged"], chart.QuerySelectorAll("g.domain").Select(g => g.GetAttribute("data-coverage")!));

        var doc = TestReport.Document(ReportLanguage.En);
        var articles = dom.QuerySelectorAll("article.finding");
        Assert.Equal(doc.Findings.Length, articles.Length);
        var missing = articles.Single(a => a.GetAttribute("data-rule") == "RSN2001" && a.GetAttribute("data-kind") == "fail");
        Assert.Equal(6, missing.QuerySelectorAll("ol.remediation li").Length);
        Assert.NotEmpty(missing.QuerySelectorAll("ul.evidence li"));

        var inputs = dom.QuerySelectorAll("#table-inputs tbody tr");
        Assert.Equal(2, inputs.Length);
        Assert.Contains(TestReport.LdifName, inputs[0].TextContent, StringComparison.Ordinal);

        // Every table cell carries its column name, for the phone layout.
        Assert.All(dom.QuerySelectorAll("table.stack td"), td => Assert.False(string.IsNullOrEmpty(td.GetAttribute("data-label"))));
    }

    [Fact]
    public void French_page_is_in_French()
    {
        var fr = ReportWriters.Html.Render(TestReport.Document(ReportLanguage.Fr));
        var dom = ReportParsing.Html(fr);
        Assert.Equal("fr", dom.DocumentElement.GetAttribute("lang"));
        Assert.Contains("service de mise à jour de destinataire", dom.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Rapport RusSnapshot", dom.Title, StringComparison.Ordinal);
    }
}
