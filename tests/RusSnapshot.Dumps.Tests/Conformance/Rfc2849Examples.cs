using System.Text.RegularExpressions;

namespace RusSnapshot.Dumps.Tests.Conformance;

/// <summary>
/// Extracts the printed examples of RFC 2849 from the RFC text itself (conformance/rfc2849/rfc2849.txt), at test
/// time, as printed: only the page furniture (footer, form feed, running header and the blank lines around them) is
/// taken out. Each extracted line remembers its line number in the RFC, so errors can be checked against the RFC.
/// </summary>
internal static partial class Rfc2849Examples
{
    /// <summary>An extracted example: the LDIF text, and the RFC line of each of its lines (index 0 = line 1).</summary>
    public sealed record Example(string Text, IReadOnlyList<int> RfcLines)
    {
        public int RfcLine(long extractedLine) => RfcLines[(int)extractedLine - 1];
    }

    /// <summary>What a page break stands for: a record separator, or nothing (the text runs on).</summary>
    public enum PageBreak
    {
        Separator,
        Join,
    }

    public static Example Extract(int number, PageBreak pageBreak = PageBreak.Separator)
    {
        var lines = File.ReadAllText(ConformanceData.PathOf("rfc2849/rfc2849.txt")).Split('\n');
        var heading = Array.FindIndex(lines, l => l.StartsWith($"Example {number}:", StringComparison.Ordinal));
        Assert.True(heading >= 0, $"Example {number} not found in the RFC text");
        var end = Array.FindIndex(lines, heading + 1, l => l.StartsWith($"Example {number + 1}:", StringComparison.Ordinal)
            || l.StartsWith("Security Considerations", StringComparison.Ordinal));
        var start = Array.FindIndex(lines, heading + 1, l => l.StartsWith("version:", StringComparison.Ordinal));
        Assert.True(start > heading && end > start);

        var text = new List<string>();
        var rfcLines = new List<int>();
        for (var i = start; i < end; i++)
        {
            if (!Footer().IsMatch(lines[i]))
            {
                text.Add(lines[i]);
                rfcLines.Add(i + 1);
                continue;
            }

            // Page furniture: blank lines, footer, form feed, running header, blank lines.
            var firstBlank = rfcLines.Count > 0 ? rfcLines[^1] : i + 1;
            while (text.Count > 0 && text[^1].Length == 0)
            {
                firstBlank = rfcLines[^1];
                text.RemoveAt(text.Count - 1);
                rfcLines.RemoveAt(rfcLines.Count - 1);
            }

            Assert.Equal("\f", lines[i + 1]);
            Assert.StartsWith("RFC 2849", lines[i + 2], StringComparison.Ordinal);
            i += 3;
            while (i < end && lines[i].Length == 0)
            {
                i++;
            }

            i--;
            if (pageBreak == PageBreak.Separator)
            {
                text.Add(string.Empty);
                rfcLines.Add(firstBlank);
            }
        }

        return new Example(string.Join("\n", text) + "\n", rfcLines);
    }

    [GeneratedRegex(@"^Good\s+Standards Track\s+\[Page \d+\]$")]
    private static partial Regex Footer();
}
