using System.Globalization;
using RusSnapshot.Reports;

namespace RusSnapshot.Cli;

/// <summary>
/// Everything written to the console goes through here: dump values (DNs, attribute values, file names inside
/// archives) can hold escape sequences, BEL, CR (overwriting a line with a fake "OK"), LF (fake lines) and bidi
/// controls, which a terminal obeys. The reports' <see cref="ReportText.Visible"/> makes them visible symbols.
/// </summary>
internal static class ConsoleText
{
    /// <summary>The longest value quoted in a message; a 50 MB value must not be echoed whole.</summary>
    public const int MaxQuoted = 80;

    /// <summary>Writes one line with every control, bidi and invisible character made visible.</summary>
    public static void Line(TextWriter writer, string line) => writer.WriteLine(ReportText.Visible(line));

    /// <summary><c>'value'</c>, cut to <see cref="MaxQuoted"/> characters with an ellipsis (never inside a surrogate pair).</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= MaxQuoted)
        {
            return "'" + value + "'";
        }

        var cut = char.IsHighSurrogate(value[MaxQuoted - 1]) ? MaxQuoted - 1 : MaxQuoted;
        return "'" + value[..cut] + "…' (" + value.Length.ToString(CultureInfo.InvariantCulture) + " characters)";
    }
}
