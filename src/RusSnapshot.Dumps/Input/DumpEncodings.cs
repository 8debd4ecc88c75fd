using System.Text;
using System.Text.Unicode;

namespace RusSnapshot.Dumps.Input;

/// <summary>The text encodings dumps come in, and how they are recognised.</summary>
/// <remarks>
/// ldifde/csvde write the ANSI code page unless given <c>-u</c>, which writes UTF-16LE with a BOM; ldapsearch and
/// the collector write UTF-8. Without a BOM, a prefix whose non-ASCII bytes are mostly not UTF-8 is taken as
/// Windows-1252 (override with <c>--encoding</c>); a few stray bytes among valid UTF-8 sequences do not make it ANSI.
/// </remarks>
public static class DumpEncodings
{
    /// <summary>How many bytes are sniffed to tell UTF-8 from an ANSI code page.</summary>
    public const int SniffBytes = 4 * 1024 * 1024;

    static DumpEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Resolves a user-given encoding name (<c>utf-8</c>, <c>utf-16le</c>, <c>windows-1252</c>, <c>1252</c>, <c>ibm850</c>...).</summary>
    /// <exception cref="ArgumentException">The name is not an encoding this runtime knows.</exception>
    public static Encoding Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            return int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var codePage)
                ? Encoding.GetEncoding(codePage)
                : Encoding.GetEncoding(name);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            throw new ArgumentException($"Unknown encoding '{name}'. Use a name such as utf-8, utf-16le or windows-1252.", nameof(name), ex);
        }
    }

    /// <summary>Short lower-case name used in reports.</summary>
    public static string NameOf(Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return encoding.CodePage switch
        {
            65001 => "utf-8",
            1200 => "utf-16le",
            1201 => "utf-16be",
            _ => encoding.WebName,
        };
    }

    /// <summary>Detects the encoding of <paramref name="prefix"/>; returns it and how many BOM bytes to skip.</summary>
    /// <param name="prefix">The sniffed bytes.</param>
    /// <param name="atEnd">Whether they are the whole input.</param>
    /// <param name="evidence">Without a BOM, what the bytes say about UTF-8 when they are not all valid (else empty).</param>
    internal static (Encoding Encoding, string Name, int BomLength) Detect(ReadOnlySpan<byte> prefix, bool atEnd, out Utf8Evidence evidence)
    {
        evidence = default;
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false), "utf-8-bom", 3);
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(false, false), "utf-16le-bom", 2);
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(true, false), "utf-16be-bom", 2);
        }

        // UTF-16 without a BOM: ASCII text then has a zero in every other byte.
        if (prefix.Length >= 4 && prefix[0] != 0 && prefix[1] == 0 && prefix[2] != 0 && prefix[3] == 0)
        {
            return (new UnicodeEncoding(false, false), "utf-16le", 0);
        }

        if (prefix.Length >= 4 && prefix[0] == 0 && prefix[1] != 0 && prefix[2] == 0 && prefix[3] != 0)
        {
            return (new UnicodeEncoding(true, false), "utf-16be", 0);
        }

        var check = atEnd ? prefix : TrimIncompleteSequence(prefix);
        if (Utf8.IsValid(check))
        {
            return (new UTF8Encoding(false), "utf-8", 0);
        }

        // Not all valid: decided on the evidence, not on the first bad byte.
        evidence = Utf8Evidence.Measure(prefix, atEnd);
        return evidence.IsUtf8
            ? (new UTF8Encoding(false), "utf-8", 0)
            : (Encoding.GetEncoding(1252), "windows-1252", 0);
    }

    /// <summary>Drops a multi-byte sequence cut off at the end of a sniffed prefix, so it is not mistaken for invalid UTF-8.</summary>
    private static ReadOnlySpan<byte> TrimIncompleteSequence(ReadOnlySpan<byte> s)
    {
        var back = Math.Min(3, s.Length);
        for (var i = 1; i <= back; i++)
        {
            var b = s[^i];
            if ((b & 0xC0) != 0x80)
            {
                // b starts a sequence (or is ASCII): cut it if it is a lead byte.
                return b >= 0xC0 ? s[..^i] : s;
            }
        }

        return s;
    }
}
