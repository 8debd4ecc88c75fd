using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace RusSnapshot.Dumps.Ldif;

/// <summary>
/// RFC 2849's lexical rules, shared by <see cref="LdifReader"/> and <see cref="LdifWriter"/> so that what one writes the
/// other reads by the same definition: attribute description characters, the value indicators, SAFE-STRING, strict base64
/// and numeric OIDs.
/// </summary>
internal static class LdifSyntax
{
    /// <summary>Character classes of an attribute description.</summary>
    internal const byte NotInName = 0;
    internal const byte LetterOrDigit = 1;   // may start a description
    internal const byte HyphenOrDot = 2;     // '-' and '.' (OIDs)
    internal const byte OptionSeparator = 3; // ';'
    internal const byte Underscore = 4;      // '_': not RFC 2849; readers accept it with a warning, writers refuse it

    /// <summary>
    /// The class of each byte value. A property over constant data (no array): indexed by a byte, the JIT and the AOT
    /// compiler know it has 256 entries and drop the bounds check from the description scan, the reader's hottest loop.
    /// LdifSyntaxTests checks every entry against the classes' definitions.
    /// </summary>
    private static ReadOnlySpan<byte> NameClass =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 0,  // 0x20: '-' '.'
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 3, 0, 0, 0, 0,  // 0x30: digits, ';'
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  // 0x40: 'A'-'O'
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 4,  // 0x50: 'P'-'Z', '_'
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  // 0x60: 'a'-'o'
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,  // 0x70: 'p'-'z'
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    // SAFE-CHAR: any byte but NUL, LF, CR and bytes over 0x7F.
    private static readonly SearchValues<byte> SafeChars = SearchValues.Create(BuildSafeChars());

    /// <summary>The class of one byte of an attribute description.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static byte ClassOf(byte b) => NameClass[b];

    /// <summary>
    /// Scans the attribute description at the start of the line that is the first <paramref name="length"/> bytes of
    /// <paramref name="text"/>: where it ends (the first byte that cannot be part of one), how long its type is (up to the
    /// first ';'), and whether it holds '_'. <paramref name="text"/> may go on past the line (a buffer): the vector
    /// compares may look at those bytes, so that a line shorter than a vector ("cn: x") is told as fast, and nothing past
    /// the line decides the answer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static DescriptionScan ScanDescription(ReadOnlySpan<byte> text, int length)
    {
        // Nearly every line: a bare attribute type and its ':', told by vector compares without a loop per byte.
        var run = ByteScan.LeadingNameChars(text);
        if ((uint)run < (uint)length && text[run] == (byte)':')
        {
            return new DescriptionScan(run, run, false);
        }

        var line = text[..length];
        var classes = NameClass;
        var nameLength = -1;
        var underscore = false;
        var p = 0;
        for (; p < line.Length; p++)
        {
            var c = classes[line[p]];
            if (c is LetterOrDigit or HyphenOrDot)
            {
                continue;
            }

            if (c == OptionSeparator)
            {
                if (nameLength < 0)
                {
                    nameLength = p;
                }

                continue;
            }

            if (c == Underscore)
            {
                underscore = true;
                continue;
            }

            break;
        }

        return new DescriptionScan(p, nameLength < 0 ? p : nameLength, underscore);
    }

    /// <summary>
    /// After the ':' that ends a description: the value's encoding (<c>::</c> base64, <c>:&lt;</c> URL, else plain) and the
    /// offset in <paramref name="afterColon"/> where the value starts, past the indicator and the FILL spaces.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (ValueEncoding Encoding, int ValueOffset) ValueStart(ReadOnlySpan<byte> afterColon)
    {
        var encoding = ValueEncoding.Plain;
        var p = 0;
        if (!afterColon.IsEmpty)
        {
            if (afterColon[0] == (byte)':')
            {
                encoding = ValueEncoding.Base64;
                p = 1;
            }
            else if (afterColon[0] == (byte)'<')
            {
                encoding = ValueEncoding.Url;
                p = 1;
            }
        }

        return (encoding, SkipFill(afterColon, p));
    }

    /// <summary>The separator a writer puts between description and value: <c>": "</c>, <c>":: "</c> or <c>":&lt; "</c>.</summary>
    internal static ReadOnlySpan<byte> Separator(ValueEncoding encoding) => encoding switch
    {
        ValueEncoding.Base64 => ":: "u8,
        ValueEncoding.Url => ":< "u8,
        _ => ": "u8,
    };

    /// <summary>Skips FILL (spaces) from <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int SkipFill(ReadOnlySpan<byte> text, int p)
    {
        while (p < text.Length && text[p] == (byte)' ')
        {
            p++;
        }

        return p;
    }

    /// <summary>True when <paramref name="value"/> can follow <c>attr: </c> as it is (SAFE-STRING, and no trailing space, which readers would warn about).</summary>
    internal static bool IsSafeString(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return true;
        }

        if (value[0] is (byte)' ' or (byte)':' or (byte)'<' || value[^1] == (byte)' ')
        {
            return false;
        }

        return value.IndexOfAnyExcept(SafeChars) < 0;
    }

    /// <summary>True when <paramref name="description"/> is one a writer may emit: a letter or digit, then letters, digits, '-', '.' and ';'.</summary>
    internal static bool IsWritableDescription(ReadOnlySpan<byte> description)
    {
        if (description.IsEmpty || NameClass[description[0]] != LetterOrDigit)
        {
            return false;
        }

        foreach (var b in description)
        {
            if (NameClass[b] is NotInName or Underscore)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Strict RFC 4648 base64: alphabet, length a multiple of 4, padding only at the end. Empty is valid (an empty value).</summary>
    /// <remarks>
    /// The same answer as <c>Base64.IsValid</c> on text without whitespace (a test compares them on every short input
    /// over the boundary characters and on random ones), in one vectorised pass: <c>Base64.IsValid</c> also skips
    /// whitespace, which LDIF never puts inside a joined value, and costs 6% of a <c>validate</c> run doing so.
    /// </remarks>
    internal static bool IsStrictBase64(ReadOnlySpan<byte> text)
    {
        if ((text.Length & 3) != 0)
        {
            return false;
        }

        if (text.IsEmpty)
        {
            return true;
        }

        // At most two '=' and only at the end; what is before them must be alphabet only; and the bits of the last
        // character that padding leaves over must be 0, as Base64.IsValid requires ("AAB=" is refused, "AAA=" is not).
        var padding = text[^1] != (byte)'=' ? 0 : text[^2] != (byte)'=' ? 1 : 2;
        var body = text[..^padding];
        if (!ByteScan.AllBase64Alphabet(body))
        {
            return false;
        }

        return padding == 0 || (Base64Value(body[^1]) & (padding == 1 ? 0b11 : 0b1111)) == 0;
    }

    private static int Base64Value(byte c) => c switch
    {
        >= (byte)'A' and <= (byte)'Z' => c - 'A',
        >= (byte)'a' and <= (byte)'z' => c - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => c - '0' + 52,
        (byte)'+' => 62,
        _ => 63,
    };

    /// <summary>RFC 2849 <c>ldap-oid</c>: digits separated by single dots.</summary>
    internal static bool IsNumericOid(ReadOnlySpan<byte> oid) =>
        !oid.IsEmpty && oid[0] != (byte)'.' && oid[^1] != (byte)'.' && oid.IndexOf(".."u8) < 0 && oid.IndexOfAnyExcept("0123456789."u8) < 0;

    private static byte[] BuildSafeChars()
    {
        var list = new List<byte>();
        for (var b = 1; b < 0x80; b++)
        {
            if (b is not ('\n' or '\r'))
            {
                list.Add((byte)b);
            }
        }

        return list.ToArray();
    }
}

/// <summary>Where an attribute description ends in a line, how long its type is, and whether it holds '_'.</summary>
internal readonly record struct DescriptionScan(int Length, int NameLength, bool HasUnderscore);
