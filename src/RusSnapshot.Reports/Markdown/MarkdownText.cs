using System.Text;

namespace RusSnapshot.Reports.Markdown;

/// <summary>Escaping of values for CommonMark/GitHub Flavored Markdown.</summary>
public static class MarkdownText
{
    /// <summary>ASCII punctuation that starts or ends Markdown syntax inline or in a table: escaped with a backslash wherever it is.</summary>
    private const string Special = "\\`*_<>[]|#&~{}!";

    /// <summary>
    /// GitHub-flavoured Markdown turns bare <c>scheme://</c>, <c>www.</c> and e-mail addresses into links, and <c>$...$</c>
    /// into math: escape the ':' of "://", the '.' of "www." and every '@' and '$', so that dump values stay inert text.
    /// </summary>
    private static bool StartsAutolink(string text, int i) => text[i] switch
    {
        ':' => i + 2 < text.Length && text[i + 1] == '/' && text[i + 2] == '/',
        '.' => i >= 3 && string.Equals(text.Substring(i - 3, 3), "www", StringComparison.OrdinalIgnoreCase),
        '@' or '$' => true,
        _ => false,
    };

    /// <summary>
    /// Escapes a value for inline use (a table cell, a list item, after a label): control characters and line
    /// breaks become visible symbols (so a value never breaks a line or a table row), Markdown punctuation gets
    /// a backslash; with <paramref name="atLineStart"/>, a leading list, heading or code-block marker is
    /// neutralised too.
    /// </summary>
    /// <param name="value">The value as written in the dump.</param>
    /// <param name="atLineStart">True when the text starts a line (a paragraph), where <c>- </c>, <c>1. </c> or four spaces mean something.</param>
    public static string Escape(string? value, bool atLineStart = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var visible = ReportText.Visible(value);
        var sb = new StringBuilder(visible.Length + 16);
        var start = 0;

        // Leading spaces would make an indented code block at the start of a paragraph: write them as entities.
        while (atLineStart && start < visible.Length && visible[start] == ' ')
        {
            sb.Append("&#32;");
            start++;
        }

        // "- x", "+ x", "= x" (setext), "1. x" and "1) x" are block markers at the start of a line.
        if (atLineStart && start < visible.Length && visible[start] is '-' or '+' or '=')
        {
            sb.Append('\\');
        }

        var digits = start;
        while (atLineStart && digits < visible.Length && char.IsAsciiDigit(visible[digits]))
        {
            digits++;
        }

        for (var i = start; i < visible.Length; i++)
        {
            var c = visible[i];
            if (Special.Contains(c, StringComparison.Ordinal) || (i == digits && digits > start && c is '.' or ')') || StartsAutolink(visible, i))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
