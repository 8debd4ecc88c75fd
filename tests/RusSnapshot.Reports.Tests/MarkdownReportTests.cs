using RusSnapshot.Analysis.Text;
using RusSnapshot.Reports.Markdown;

namespace RusSnapshot.Reports.Tests;

public sealed class MarkdownReportTests
{
    private static readonly string En = ReportWriters.Markdown.Render(TestReport.Document(ReportLanguage.En));

    [Fact]
    public void Starts_with_the_title_then_the_summary_table()
    {
        var lines = En.Split('\n');
        Assert.Equal("# RusSnapshot report", lines[0]);
        var summary = Array.IndexOf(lines, "## Summary");
        var findings = Array.IndexOf(lines, "## Findings");
        Assert.InRange(summary, 1, findings);
        Assert.Contains(lines[summary..findings], l => l.StartsWith("| Errors | ", StringComparison.Ordinal));
        Assert.Contains(lines[summary..findings], l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains("contoso \\<script\\>.ldif", StringComparison.Ordinal));
    }

    [Fact]
    public void Findings_are_grouped_by_severity_in_order()
    {
        var l = ReportLabels.English;
        var headings = En.Split('\n').Where(x => x.StartsWith("### ", StringComparison.Ordinal)).ToList();
        int At(string group) => headings.FindIndex(h => h.StartsWith("### " + MarkdownText.Escape(group) + " (", StringComparison.Ordinal));
        Assert.True(At(l.GroupErrors) >= 0);
        Assert.True(At(l.GroupErrors) < At(l.GroupWarnings));
        Assert.True(At(l.GroupWarnings) < At(l.GroupInfos));
        Assert.True(At(l.GroupInfos) < At(l.GroupNotApplicable));
        Assert.True(At(l.GroupNotApplicable) < At(l.GroupSuppressed));
    }

    [Fact]
    public void Table_rows_keep_their_columns_whatever_the_values()
    {
        var tables = 0;
        var expected = -1;
        foreach (var line in En.Split('\n'))
        {
            if (!line.StartsWith('|'))
            {
                expected = -1;
                continue;
            }

            var cells = ReportParsing.MarkdownCells(line);
            if (expected < 0)
            {
                expected = cells.Count;
                tables++;
            }

            Assert.True(cells.Count == expected, "Row broken: " + line);
            Assert.EndsWith(" |", line, StringComparison.Ordinal);
        }

        Assert.True(tables >= 5);
    }

    [Fact]
    public void Hostile_values_are_escaped()
    {
        Assert.DoesNotContain("<script>", En, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("**bold**", En, StringComparison.Ordinal);
        Assert.DoesNotContain("`tick`", En, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', En);
        Assert.DoesNotContain('\0', En);
        Assert.DoesNotContain('\u202E', En);
        Assert.Contains("RUS E2007 \\*\\*bold\\*\\*␊second line␍CR \\`tick\\` \\<script\\>alert(1)\\</script\\>", En, StringComparison.Ordinal);
        Assert.Contains("CN=EX2000\\\\0ADEL:", En, StringComparison.Ordinal);
        Assert.Contains("Renée", En, StringComparison.Ordinal);

        // A value that would start a heading, a list or a code block when it starts a line.
        Assert.Equal("\\# x", MarkdownText.Escape("# x", atLineStart: true));
        Assert.Equal("\\- x", MarkdownText.Escape("- x", atLineStart: true));
        Assert.Equal("12\\. x", MarkdownText.Escape("12. x", atLineStart: true));
        Assert.Equal("&#32;&#32;&#32;&#32;code", MarkdownText.Escape("    code", atLineStart: true));
        Assert.Equal("6.5.7638", MarkdownText.Escape("6.5.7638"));
        Assert.Equal("a\\|b\\\\c\\[d\\](e) \\<i\\> \\&amp; \\_x\\_ \\~y\\~", MarkdownText.Escape("a|b\\c[d](e) <i> &amp; _x_ ~y~"));
    }

    [Fact]
    public void Evidence_reads_file_line_dn_attribute_value()
    {
        var line = En.Split('\n').Single(l => l.StartsWith("- ", StringComparison.Ordinal) && l.Contains("msExchAddressListServiceLink=CN=EX2000", StringComparison.Ordinal));
        Assert.Matches(@"^- exports/contoso \\<script\\>\.ldif:\d+ CN=Recipient Update Service \(OLD\),.* msExchAddressListServiceLink=CN=EX2000\\\\0ADEL:", line);
    }

    [Fact]
    public void Remediation_is_a_numbered_list()
    {
        var lines = En.Split('\n').ToList();
        var start = lines.FindIndex(l => l.StartsWith("1. On an Exchange 2003 server, open Exchange System Manager", StringComparison.Ordinal));
        Assert.True(start > 0);
        Assert.StartsWith("2. ", lines[start + 1], StringComparison.Ordinal);
    }

    [Fact]
    public void French_follows_the_Exchange_wording()
    {
        var fr = ReportWriters.Markdown.Render(TestReport.Document(ReportLanguage.Fr));
        Assert.StartsWith("# Rapport RusSnapshot\n", fr, StringComparison.Ordinal);
        Assert.Contains("service de mise à jour de destinataire", fr, StringComparison.Ordinal);
        Assert.Contains("## Synthèse", fr, StringComparison.Ordinal);
    }
}
