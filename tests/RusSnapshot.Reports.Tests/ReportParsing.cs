using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace RusSnapshot.Reports.Tests;

/// <summary>Reads the findings back out of each format, independently of the writers' code.</summary>
internal static class ReportParsing
{
    public static List<string> JsonFingerprints(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("fingerprint").GetString()!)];
    }

    public static List<string> SarifFingerprints(string sarif)
    {
        using var doc = JsonDocument.Parse(sarif);
        return [.. doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("partialFingerprints").GetProperty(Sarif.SarifReportWriter.FingerprintKey).GetString()!)];
    }

    public static IHtmlDocument Html(string html) => new HtmlParser().ParseDocument(html);

    public static List<string> HtmlFingerprints(string html) =>
        [.. Html(html).QuerySelectorAll("article.finding[data-fingerprint]").Select(e => e.GetAttribute("data-fingerprint")!)];

    /// <summary>The values of the <c>- {label}: value</c> lines, with Markdown's backslash escapes removed.</summary>
    public static List<string> MarkdownFingerprints(string markdown, ReportLabels labels)
    {
        var prefix = "- " + MarkdownUnescape(labels.Fingerprint) + labels.Colon;
        return [.. markdown.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => MarkdownUnescape(l[prefix.Length..]))];
    }

    /// <summary>CommonMark: a backslash before ASCII punctuation stands for the punctuation; <c>&amp;#32;</c> is a space.</summary>
    public static string MarkdownUnescape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]) is false && text[i + 1] < 128 && !char.IsWhiteSpace(text[i + 1]))
            {
                sb.Append(text[++i]);
            }
            else if (string.CompareOrdinal(text, i, "&#32;", 0, 5) == 0)
            {
                sb.Append(' ');
                i += 4;
            }
            else
            {
                sb.Append(text[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>Cells of a GFM table row: split at pipes that no backslash escapes.</summary>
    public static List<string> MarkdownCells(string row)
    {
        var cells = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] == '\\' && i + 1 < row.Length)
            {
                current.Append(row[i]).Append(row[++i]);
            }
            else if (row[i] == '|')
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(row[i]);
            }
        }

        cells.Add(current.ToString());
        return cells;
    }
}
