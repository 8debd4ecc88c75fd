using System.Text;

namespace RusSnapshot.Reports.Markdown;

/// <summary>Accumulates lines with LF endings, whatever the platform.</summary>
internal sealed class MarkdownBuilder
{
    private readonly StringBuilder _sb = new(32 * 1024);

    public void Line(string text) => _sb.Append(text).Append('\n');

    public void Blank() => _sb.Append('\n');

    /// <summary>A GFM table; every cell (headers included) is escaped here.</summary>
    public void Table(string[] headers, bool[] rightAligned, IReadOnlyList<string[]> rows)
    {
        _sb.Append('|');
        foreach (var h in headers)
        {
            _sb.Append(' ').Append(MarkdownText.Escape(h)).Append(" |");
        }

        _sb.Append("\n|");
        foreach (var right in rightAligned)
        {
            _sb.Append(right ? " ---: |" : " --- |");
        }

        _sb.Append('\n');
        foreach (var row in rows)
        {
            _sb.Append('|');
            foreach (var cell in row)
            {
                _sb.Append(' ').Append(MarkdownText.Escape(cell)).Append(" |");
            }

            _sb.Append('\n');
        }

        _sb.Append('\n');
    }

    public override string ToString() => _sb.ToString();
}
