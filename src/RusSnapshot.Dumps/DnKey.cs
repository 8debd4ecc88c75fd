using System.Text;

namespace RusSnapshot.Dumps;

/// <summary>
/// The identity of a DN: its canonical form (<see cref="DistinguishedName.Canonical"/>: types upper-cased, values
/// unescaped, upper-cased and escaped again one fixed way, multi-valued RDNs sorted) with its hash computed once.
/// Two DNs name the same object exactly when their keys are equal: <c>DC=caf\C3\A9</c>, <c>dc=Café</c> and
/// <c>DC = CAFÉ</c> have one key. Every DN comparison of the analysis goes through this type.
/// </summary>
/// <remarks>
/// Built from a string (<see cref="Of(string)"/>) or from UTF-8 bytes on the hot path (<see cref="Of(ReadOnlySpan{byte})"/>):
/// plain ASCII DNs, which are nearly all of them, are upper-cased byte by byte without parsing; anything else goes
/// through the string path, so the two give the same key (a property test checks it). A text that does not parse
/// as a DN keeps a key of its own (its text with ASCII spaces around separators dropped, upper-cased), marked
/// <see cref="IsParsed"/> false, so malformed values still compare with themselves and never with a valid DN.
/// </remarks>
public readonly struct DnKey : IEquatable<DnKey>
{
    private const string DeletedMarker = "\\0ADEL:"; // the LF of a delete-mangled RDN, as EscapeValue writes it
    private const string DeletedObjectsRdn = "CN=DELETED OBJECTS";

    private readonly string? _canonical;
    private readonly int _hash;

    private DnKey(string canonical, bool parsed)
    {
        _canonical = canonical;
        _hash = StringComparer.Ordinal.GetHashCode(canonical);
        IsParsed = parsed;
    }

    /// <summary>The key of the empty DN (the rootDSE).</summary>
    public static DnKey Empty { get; } = new(string.Empty, parsed: true);

    /// <summary>The canonical form, e.g. <c>CN=A\,B,DC=CORP</c>; empty for the empty DN and for <c>default</c>.</summary>
    public string Canonical => _canonical ?? string.Empty;

    /// <summary>False when the text did not parse as a DN (the key is then the compacted, upper-cased text).</summary>
    public bool IsParsed { get; }

    /// <summary>True for the empty DN.</summary>
    public bool IsEmpty => Canonical.Length == 0;

    /// <summary>
    /// True for AD's deleted objects: an RDN delete-mangled with LF + <c>DEL:</c> (MS-ADTS 3.1.1.5.5.6.1, written
    /// <c>\0ADEL:</c> or as a raw LF in base64 LDIF), or anything under a <c>CN=Deleted Objects</c> container.
    /// </summary>
    public bool IsDeleted
    {
        get
        {
            var c = Canonical;
            for (var i = c.IndexOf(DeletedMarker, StringComparison.Ordinal); i >= 0; i = c.IndexOf(DeletedMarker, i + 1, StringComparison.Ordinal))
            {
                if (!IsEscaped(c, i))
                {
                    return true;
                }
            }

            foreach (var rdnStart in RdnStarts(c))
            {
                var end = NextSeparator(c, rdnStart);
                if (end - rdnStart == DeletedObjectsRdn.Length && string.CompareOrdinal(c, rdnStart, DeletedObjectsRdn, 0, DeletedObjectsRdn.Length) == 0)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The key of the parent DN (the DN without its first RDN); <see cref="Empty"/> for a one-RDN DN.</summary>
    public DnKey Parent
    {
        get
        {
            var c = Canonical;
            var comma = NextSeparator(c, 0);
            return comma >= c.Length ? Empty : new DnKey(c[(comma + 1)..], IsParsed);
        }
    }

    /// <summary>The key of a DN string.</summary>
    public static DnKey Of(string dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        if (dn.Length == 0)
        {
            return Empty;
        }

        return DistinguishedName.TryParse(dn, out var parsed)
            ? new DnKey(parsed.Canonical, parsed: true)
            : new DnKey(Compact(dn).ToUpperInvariant(), parsed: false);
    }

    /// <summary>The key of a parsed DN.</summary>
    public static DnKey Of(DistinguishedName dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        return dn.IsEmpty ? Empty : new DnKey(dn.Canonical, parsed: true);
    }

    /// <summary>The key of a DN given as UTF-8 bytes: the same key as <see cref="Of(string)"/> of the decoded text.</summary>
    public static DnKey Of(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return Empty;
        }

        return IsPlainAscii(utf8)
            ? new DnKey(string.Create(utf8.Length, utf8, UpperAscii), parsed: true)
            : Of(Encoding.UTF8.GetString(utf8));
    }

    /// <summary>
    /// <see cref="IsDeleted"/> for a DN given as UTF-8 bytes, without building its key for the DNs that cannot be
    /// deleted ones: the hot path's test, with the same answer (a property test checks it).
    /// </summary>
    public static bool IsDeletedDn(ReadOnlySpan<byte> utf8) => MayBeDeleted(utf8) && Of(utf8).IsDeleted;

    /// <summary>
    /// False when the bytes alone show the DN is not a deleted one. The mangled RDN needs an LF, raw or escaped; the
    /// container needs "deleted objects", raw or with some of its letters or spaces escaped. So an ASCII DN without
    /// an LF and without "deleted objects", whose escapes all stand for something other than an LF, a letter or a
    /// space (<c>\,</c>, <c>\2C</c>, <c>\\</c>: a fifth of the DNs of the benchmark dump), cannot be one. Other
    /// characters count as letters too when upper-casing makes ASCII of them (<c>ſ</c> becomes <c>S</c>).
    /// </summary>
    private static bool MayBeDeleted(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Contains((byte)'\n') || ContainsIgnoreAsciiCase(utf8, "deleted objects"u8) || (!Ascii.IsValid(utf8) && UpperCasesToAscii(utf8)))
        {
            return true;
        }

        Span<byte> decoded = stackalloc byte[1];
        for (var i = utf8.IndexOf((byte)'\\'); i >= 0;)
        {
            if (i + 1 >= utf8.Length)
            {
                return true; // a trailing backslash: the parser decides what it is
            }

            var stands = (int)utf8[i + 1];
            var length = 2;
            if (i + 2 < utf8.Length && Hex.TryDecode(utf8.Slice(i + 1, 2), decoded, out _))
            {
                stands = decoded[0];
                length = 3;
            }

            if (stands is '\n' or ' ' || char.IsAsciiLetter((char)stands) || stands >= 0x80)
            {
                return true;
            }

            var next = utf8[(i + length)..].IndexOf((byte)'\\');
            i = next < 0 ? -1 : i + length + next;
        }

        return false;
    }

    /// <summary>True when the text holds a character that is not ASCII but whose upper case is.</summary>
    private static bool UpperCasesToAscii(ReadOnlySpan<byte> utf8)
    {
        foreach (var written in UpperCaseAsciiSources.Value)
        {
            if (utf8.IndexOf(written) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The UTF-8 form of each character above U+007F that <see cref="string.ToUpperInvariant()"/> (the canonical
    /// form's casing) maps to ASCII: asked of the runtime, not listed, so a newer Unicode table cannot slip by.
    /// Characters beyond the BMP never upper-case to ASCII.
    /// </summary>
    private static readonly Lazy<byte[][]> UpperCaseAsciiSources = new(() =>
    {
        var found = new List<byte[]>();
        Span<char> one = stackalloc char[1];
        Span<char> upper = stackalloc char[1];
        for (var c = 0x80; c <= 0xFFFF; c++)
        {
            if (char.IsSurrogate((char)c))
            {
                continue;
            }

            one[0] = (char)c;
            if (one.ToUpperInvariant(upper) == 1 && upper[0] < 0x80)
            {
                found.Add(Encoding.UTF8.GetBytes(one.ToArray()));
            }
        }

        return [.. found];
    });

    /// <summary>The key of a DN string that may be null or blank (attribute values): null then.</summary>
    public static DnKey? OfValue(string? dn) => string.IsNullOrWhiteSpace(dn) ? null : Of(dn);

    /// <summary>True when this DN is <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsUnder(DnKey ancestor)
    {
        var c = Canonical;
        var a = ancestor.Canonical;
        if (a.Length == 0)
        {
            return true;
        }

        if (c.Length == a.Length)
        {
            return string.Equals(c, a, StringComparison.Ordinal);
        }

        var separator = c.Length - a.Length - 1;
        return separator > 0 && c[separator] == ',' && !IsEscaped(c, separator)
            && string.CompareOrdinal(c, separator + 1, a, 0, a.Length) == 0;
    }

    /// <inheritdoc/>
    public bool Equals(DnKey other) => _hash == other._hash && string.Equals(Canonical, other.Canonical, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DnKey other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    /// <summary>Returns <see cref="Canonical"/>.</summary>
    public override string ToString() => Canonical;

    public static bool operator ==(DnKey left, DnKey right) => left.Equals(right);

    public static bool operator !=(DnKey left, DnKey right) => !left.Equals(right);

    /// <summary>
    /// True when the bytes are a DN whose canonical form is its ASCII upper-casing: RDNs <c>type=value</c> with an
    /// alphabetic type, single-valued, and values of printable ASCII that need no escape and have no spaces at their
    /// ends (so nothing to unescape, compact or re-escape).
    /// </summary>
    private static bool IsPlainAscii(ReadOnlySpan<byte> dn)
    {
        var atTypeStart = true;
        var inType = true;
        byte previous = 0;
        foreach (var b in dn)
        {
            if (inType)
            {
                if (atTypeStart ? !char.IsAsciiLetter((char)b) : !(char.IsAsciiLetterOrDigit((char)b) || b == (byte)'-' || b == (byte)'='))
                {
                    return false;
                }

                atTypeStart = false;
                if (b == (byte)'=')
                {
                    inType = false;
                }
            }
            else if (b == (byte)',')
            {
                if (previous is (byte)'=' or (byte)' ')
                {
                    return false; // an empty value, or a trailing space (escaped in canonical form)
                }

                inType = true;
                atTypeStart = true;
            }
            else if (b is < 0x21 and not (byte)' ' or > 0x7E or (byte)'+' or (byte)'"' or (byte)'\\' or (byte)'<' or (byte)'>' or (byte)';' or (byte)'=')
            {
                return false;
            }
            else if (previous == (byte)'=' && b is (byte)' ' or (byte)'#')
            {
                return false; // a leading space or '#' is escaped in canonical form
            }

            previous = b;
        }

        return !inType && previous is not ((byte)'=' or (byte)' ');
    }

    private static bool ContainsIgnoreAsciiCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle)
    {
        for (var i = haystack.IndexOfAny((byte)char.ToLowerInvariant((char)needle[0]), (byte)char.ToUpperInvariant((char)needle[0]));
             i >= 0 && i + needle.Length <= haystack.Length;)
        {
            if (Ascii.EqualsIgnoreCase(haystack.Slice(i, needle.Length), needle))
            {
                return true;
            }

            var next = haystack[(i + 1)..].IndexOfAny((byte)char.ToLowerInvariant((char)needle[0]), (byte)char.ToUpperInvariant((char)needle[0]));
            i = next < 0 ? -1 : i + 1 + next;
        }

        return false;
    }

    private static void UpperAscii(Span<char> target, ReadOnlySpan<byte> source)
    {
        for (var i = 0; i < source.Length; i++)
        {
            var b = source[i];
            target[i] = (char)(b is >= (byte)'a' and <= (byte)'z' ? b - 32 : b);
        }
    }

    /// <summary>True when the character at <paramref name="index"/> follows an odd run of backslashes.</summary>
    private static bool IsEscaped(string s, int index)
    {
        var n = 0;
        for (var i = index - 1; i >= 0 && s[i] == '\\'; i--)
        {
            n++;
        }

        return (n & 1) == 1;
    }

    /// <summary>Index of the next unescaped ',' at or after <paramref name="start"/> (the length when none).</summary>
    private static int NextSeparator(string s, int start)
    {
        for (var i = start; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
            }
            else if (s[i] == ',')
            {
                return i;
            }
        }

        return s.Length;
    }

    private static IEnumerable<int> RdnStarts(string s)
    {
        for (var start = 0; start < s.Length; start = NextSeparator(s, start) + 1)
        {
            yield return start;
        }
    }

    /// <summary>Drops spaces around unescaped <c>,</c> <c>=</c> <c>+</c> (for texts that do not parse).</summary>
    private static string Compact(string dn)
    {
        var builder = new StringBuilder(dn.Length);
        for (var i = 0; i < dn.Length; i++)
        {
            var c = dn[i];
            if (c == '\\' && i + 1 < dn.Length)
            {
                builder.Append(c).Append(dn[++i]);
                continue;
            }

            if (c == ' ' && (builder.Length == 0 || builder[^1] is ',' or '=' or '+' || NextNonSpace(dn, i) is ',' or '=' or '+' or '\0'))
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static char NextNonSpace(string s, int i)
    {
        while (i < s.Length && s[i] == ' ')
        {
            i++;
        }

        return i < s.Length ? s[i] : '\0';
    }
}
