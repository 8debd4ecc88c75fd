using System.Text;
using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Reports.Html;

/// <summary>Accumulates the page with LF line endings, whatever the platform.</summary>
internal sealed class HtmlBuilder
{
    private readonly StringBuilder _sb = new(64 * 1024);

    /// <summary>Appends markup the writer built (values inside already escaped) and a line feed.</summary>
    public void Raw(string html) => _sb.Append(html).Append('\n');

    /// <summary>
    /// The start of a self-contained page: doctype, language, the Content-Security-Policy (no request of any kind), the
    /// report's stylesheet, and <c>&lt;body&gt;</c>. Text arguments are escaped here.
    /// </summary>
    public void BeginPage(ReportLanguage language, string title, string generator)
    {
        Raw("<!DOCTYPE html>");
        Raw($"<html lang=\"{language.ToCode()}\">");
        Raw("<head>");
        Raw("<meta charset=\"utf-8\">");
        Raw($"<meta http-equiv=\"Content-Security-Policy\" content=\"{HtmlReportWriter.ContentSecurityPolicy}\">");
        Raw("<meta name=\"referrer\" content=\"no-referrer\">");
        Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        Raw($"<meta name=\"generator\" content=\"{HtmlText.Encode(generator)}\">");
        Raw($"<title>{HtmlText.Encode(title)}</title>");
        Raw("<style>");
        Raw(HtmlStyle.Css);
        Raw("</style>");
        Raw("</head>");
        Raw("<body>");
    }

    /// <summary>One term of the header's <c>&lt;dl class="meta"&gt;</c>: the label escaped here, the value already markup.</summary>
    public void Meta(string label, string html) => Raw($"<div><dt>{HtmlText.Encode(label)}</dt><dd>{html}</dd></div>");

    /// <summary>One tile of a <c>&lt;ul class="counts"&gt;</c>: a number and its label (escaped here), coloured by <paramref name="kind"/>.</summary>
    public void Count(string kind, string label, int count) =>
        Raw($"<li class=\"{kind}\"><span class=\"n\">{ReportText.Number(count)}</span> {HtmlText.Encode(label)}</li>");

    /// <summary>The page's footer (escaped here) and its end.</summary>
    public void EndPage(string footer)
    {
        Raw($"<footer><p>{HtmlText.Encode(footer)}</p></footer>");
        Raw("</body>");
        Raw("</html>");
    }

    public override string ToString() => _sb.ToString();
}

/// <summary>A table cell: its HTML (values inside already escaped) and class.</summary>
/// <remarks>Cells holding dump values (class <c>v</c>) may break anywhere, so a long DN never widens the page; labels and numbers keep their words.</remarks>
internal readonly record struct Cell(string Markup, string Class)
{
    /// <summary>A value from the dump, as text.</summary>
    public static Cell Text(string value) => new(HtmlText.Encode(value), "v");

    /// <summary>Markup built around dump values.</summary>
    public static Cell Value(string html, string? extraClass = null) => new(html, extraClass is null ? "v" : "v " + extraClass);

    public static Cell Dn(string value) => new($"<span class=\"dn\">{HtmlText.Encode(value)}</span>", "v wide");

    /// <summary>A fixed word of the report (yes, no, a status).</summary>
    public static Cell Label(string html) => new(html, "l");

    public static Cell Number(string html) => new(html, "num");

    /// <summary>A status of several words (a readiness answer): wraps between words, never inside one.</summary>
    public static Cell Status(string html) => new(html, "st");
}

/// <summary>A table that turns into labelled cards on narrow screens (each cell carries its column name).</summary>
internal sealed class TableWriter
{
    private readonly HtmlBuilder _h;
    private readonly string[] _labels;

    public TableWriter(HtmlBuilder h, string id, string[] headers)
    {
        _h = h;
        _labels = [.. headers.Select(HtmlText.Encode)];
        h.Raw($"<div class=\"table\"><table class=\"stack\" id=\"table-{id}\">");
        h.Raw("<thead><tr>" + string.Concat(_labels.Select(x => $"<th scope=\"col\">{x}</th>")) + "</tr></thead>");
        h.Raw("<tbody>");
    }

    public void Row(string attributes, params Cell[] cells)
    {
        var sb = new StringBuilder(attributes.Length == 0 ? "<tr>" : $"<tr {attributes}>");
        for (var i = 0; i < cells.Length; i++)
        {
            var c = cells[i];
            sb.Append($"<td class=\"{c.Class}\"")
                .Append(" data-label=\"").Append(_labels[i]).Append("\"><div>")
                .Append(c.Markup).Append("</div></td>");
        }

        _h.Raw(sb.Append("</tr>").ToString());
    }

    public void End() => _h.Raw("</tbody></table></div>");
}
