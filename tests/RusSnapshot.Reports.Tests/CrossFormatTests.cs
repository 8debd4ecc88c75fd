using System.Globalization;
using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Reports.Tests;

/// <summary>What holds for every format: the same findings, determinism, culture independence, LF.</summary>
public sealed class CrossFormatTests
{
    public static TheoryData<string, ReportLanguage> Cases()
    {
        var data = new TheoryData<string, ReportLanguage>();
        foreach (var writer in ReportWriters.All)
        {
            data.Add(writer.Format, ReportLanguage.En);
            data.Add(writer.Format, ReportLanguage.Fr);
        }

        return data;
    }

    [Theory]
    [InlineData(ReportLanguage.En)]
    [InlineData(ReportLanguage.Fr)]
    public void All_formats_carry_the_same_findings_in_the_same_order(ReportLanguage language)
    {
        var doc = TestReport.Document(language);
        var json = ReportParsing.JsonFingerprints(ReportWriters.Json.Render(doc));
        var html = ReportParsing.HtmlFingerprints(ReportWriters.Html.Render(doc));
        var markdown = ReportParsing.MarkdownFingerprints(ReportWriters.Markdown.Render(doc), ReportLabels.For(language));
        var sarif = ReportParsing.SarifFingerprints(ReportWriters.Sarif.Render(doc));

        Assert.Equal(TestReport.Result.Findings.Length, json.Count);
        Assert.Equal(json.Count, json.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(TestReport.Result.Findings.Select(f => f.Fingerprint).Order(StringComparer.Ordinal), json.Order(StringComparer.Ordinal));
        Assert.Equal(json, sarif);

        // HTML and Markdown show control characters as symbols; JSON keeps them.
        var visible = json.Select(ReportText.Visible).ToList();
        Assert.Equal(visible, html);
        Assert.Equal(visible, markdown);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rendering_is_deterministic_and_culture_independent(string format, ReportLanguage language)
    {
        var writer = ReportWriters.Find(format)!;
        var reference = Render(writer, language, CultureInfo.InvariantCulture);
        Assert.Equal(reference, Render(writer, language, CultureInfo.InvariantCulture));
        foreach (var culture in new[] { "en-US", "fr-FR", "ru-RU", "ar-SA", "th-TH" })
        {
            var c = CultureInfo.GetCultureInfo(culture);
            Assert.Equal(reference, Render(writer, language, c));
        }

        Assert.DoesNotContain("\r", reference, StringComparison.Ordinal);
        Assert.EndsWith("\n", reference, StringComparison.Ordinal);
    }

    [Fact]
    public void Cultures_really_differ_here()
    {
        // Guards the test above: with invariant globalization every culture would format alike.
        Assert.NotEqual(1234.5.ToString(CultureInfo.GetCultureInfo("fr-FR")), 1234.5.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Output_ignores_the_writer_newline_setting()
    {
        var doc = TestReport.Document(ReportLanguage.En);
        foreach (var writer in ReportWriters.All)
        {
            using var crlf = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
            writer.Write(doc, crlf);
            Assert.Equal(writer.Render(doc), crlf.ToString());
        }
    }

    [Fact]
    public void Writers_are_found_by_format_name()
    {
        Assert.Equal(["json", "md", "html", "sarif"], ReportWriters.All.Select(w => w.Format));
        Assert.Same(ReportWriters.Markdown, ReportWriters.Find("markdown"));
        Assert.Same(ReportWriters.Markdown, ReportWriters.Find("MD"));
        Assert.Same(ReportWriters.Json, ReportWriters.Find(" json "));
        Assert.Same(ReportWriters.Html, ReportWriters.Find("htm"));
        Assert.Null(ReportWriters.Find("pdf"));
        Assert.Null(ReportWriters.Find(null));
        Assert.Equal(["json", "md", "html", "sarif"], ReportWriters.All.Select(w => w.FileExtension));
        Assert.Same(ReportWriters.Sarif, ReportWriters.Find("SARIF"));
    }

    private static string Render(IReportWriter writer, ReportLanguage language, CultureInfo culture)
    {
        var (current, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;

            // Build under the culture too: the builder formats nothing culture-sensitive either.
            return writer.Render(TestReport.Document(language));
        }
        finally
        {
            CultureInfo.CurrentCulture = current;
            CultureInfo.CurrentUICulture = ui;
        }
    }
}
