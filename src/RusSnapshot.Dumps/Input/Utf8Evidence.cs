using System.Globalization;
using System.Text;

namespace RusSnapshot.Dumps.Input;

/// <summary>
/// What a stretch of bytes says about UTF-8: how many valid multi-byte sequences, how many invalid bytes, and where
/// the first invalid one is. One stray byte (in a comment, say) beside valid sequences is UTF-8 with a bad byte, not
/// an ANSI file: taking it for ANSI turned every "Zürich" of the file into "ZÃ¼rich".
/// </summary>
internal readonly record struct Utf8Evidence(long Valid, long Invalid, int FirstInvalid)
{
    /// <summary>UTF-8 when no byte is invalid, or when valid multi-byte sequences are at least as many as invalid bytes.</summary>
    public bool IsUtf8 => Invalid == 0 || Valid >= Invalid;

    /// <summary>Counts over <paramref name="s"/>; a sequence cut at its end counts only when <paramref name="atEnd"/>.</summary>
    public static Utf8Evidence Measure(ReadOnlySpan<byte> s, bool atEnd)
    {
        long valid = 0, invalid = 0;
        var first = -1;
        var i = 0;
        while (true)
        {
            var next = s[i..].IndexOfAnyInRange((byte)0x80, (byte)0xFF);
            if (next < 0)
            {
                break;
            }

            i += next;
            var status = Rune.DecodeFromUtf8(s[i..], out _, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                valid++;
            }
            else if (status == System.Buffers.OperationStatus.NeedMoreData && !atEnd)
            {
                break; // cut by the end of the window, not invalid
            }
            else
            {
                invalid++;
                first = first < 0 ? i : first;
            }

            i += Math.Max(1, consumed);
        }

        return new Utf8Evidence(valid, invalid, first);
    }

    /// <summary>The warning that says what was decided and why, or null when there is nothing to say.</summary>
    /// <param name="line">The line of the first invalid byte.</param>
    /// <param name="where">Where the evidence was taken (e.g. "in the first 4 MiB").</param>
    /// <param name="ansi">The code page's name used when the bytes are not UTF-8.</param>
    public (DiagnosticCode Code, string Message)? Warning(long line, string where, string ansi)
    {
        var c = CultureInfo.InvariantCulture;
        if (Invalid == 0 || (Valid == 0 && !IsUtf8))
        {
            return null; // clean UTF-8, or an ANSI export (no UTF-8 sequence at all): the usual cases, said by the encoding name
        }

        return IsUtf8
            ? (DiagnosticCodes.EncodingInvalidUtf8, $"read as UTF-8: {Valid.ToString(c)} valid UTF-8 sequence(s) against {Invalid.ToString(c)} byte(s) that are not UTF-8 {where}; the first such byte is on line {line.ToString(c)} (records holding one are reported)")
            : (DiagnosticCodes.EncodingAssumedAnsi, $"read as {ansi}: {Invalid.ToString(c)} byte(s) that are not UTF-8 against only {Valid.ToString(c)} valid UTF-8 sequence(s) {where}, the first on line {line.ToString(c)}; use --encoding if this is wrong");
    }

    /// <summary>The 1-based line of byte <paramref name="index"/> of <paramref name="s"/>, after <paramref name="linesBefore"/> lines.</summary>
    public static long LineOf(ReadOnlySpan<byte> s, int index, long linesBefore) => linesBefore + s[..index].Count((byte)'\n') + 1;
}
