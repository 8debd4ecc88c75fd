using System.Globalization;
using System.Text;

namespace RusSnapshot.Reports.Html;

/// <summary>Escaping of values for HTML text and double-quoted attributes.</summary>
public static class HtmlText
{
    /// <summary>
    /// Escapes <c>&amp; &lt; &gt; " '</c> (so the result is safe in text and in any quoted attribute) after making
    /// control characters visible (<see cref="ReportText.Visible"/>): a NUL, a CR or a bidi override never reaches
    /// the page as such.
    /// </summary>
    public static string Encode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var visible = ReportText.Visible(value);
        if (visible.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return visible;
        }

        var sb = new StringBuilder(visible.Length + 16);
        foreach (var c in visible)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    /// <summary>At most <paramref name="max"/> text elements of the visible value, with an ellipsis when cut (never splits a surrogate pair or a combining sequence).</summary>
    internal static string Truncate(string value, int max)
    {
        var visible = ReportText.Visible(value);
        var info = new StringInfo(visible);
        return info.LengthInTextElements <= max ? visible : info.SubstringByTextElements(0, max - 1) + "…";
    }
}
