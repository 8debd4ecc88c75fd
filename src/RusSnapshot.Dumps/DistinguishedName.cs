using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace RusSnapshot.Dumps;

/// <summary>
/// An LDAP distinguished name (RFC 4514), compared the way Active Directory compares DNs. Immutable.
/// </summary>
/// <remarks>
/// <para>
/// Parsing follows RFC 4514 and also accepts what older producers (RFC 2253/1779, AD tools) write:
/// spaces around <c>,</c> <c>+</c> <c>=</c>, <c>;</c> as an RDN separator, quoted values
/// (<c>CN="Smith, John"</c>), <c>OID.</c>-prefixed types, and unescaped <c>"</c> <c>&lt;</c> <c>&gt;</c>
/// <c>=</c> <c>#</c> inside a value, where they cannot be mistaken for structure.
/// </para>
/// <para>
/// <see cref="ToString"/> returns the text as written; equality and hashing use <see cref="Canonical"/>:
/// types upper-cased (well-known OIDs mapped to their short names), values unescaped, upper-cased with
/// <see cref="string.ToUpperInvariant()"/> (the ordinal-ignore-case rule) and escaped again one fixed way.
/// </para>
/// </remarks>
public sealed class DistinguishedName : IEquatable<DistinguishedName>
{
    // AD's delete-mangled RDN: "<name>" LF "DEL:" "<objectGUID>" (MS-ADTS 3.1.1.5.5.6.1). The LF is
    // written "\0A" in string DNs and is a raw newline in base64 LDIF values; both unescape to this.
    private const string DeleteMangleMarker = "\nDEL:";

    private readonly string _text;
    private readonly RelativeDistinguishedName[] _rdns;

    // Where each RDN starts in _text, so that Parent keeps the parent's text as written.
    private readonly int[] _rdnStarts;

    private DistinguishedName(string text, RelativeDistinguishedName[] rdns, int[] rdnStarts)
    {
        _text = text;
        _rdns = rdns;
        _rdnStarts = rdnStarts;
        Rdns = Array.AsReadOnly(rdns);
        Canonical = string.Join(',', rdns.Select(r => r.Canonical));
    }

    /// <summary>The empty DN (the root DSE); its text is the empty string.</summary>
    public static DistinguishedName Empty { get; } = new(string.Empty, [], []);

    /// <summary>
    /// Compares DNs by <see cref="Canonical"/> (the same as <see cref="Equals(DistinguishedName?)"/>); handles nulls.
    /// </summary>
    public static IEqualityComparer<DistinguishedName> Comparer => EqualityComparer<DistinguishedName>.Default;

    /// <summary>The RDNs, leftmost (the object's own name) first.</summary>
    public IReadOnlyList<RelativeDistinguishedName> Rdns { get; }

    /// <summary>The first (leftmost) RDN; null for <see cref="Empty"/>.</summary>
    public RelativeDistinguishedName? Rdn => _rdns.Length == 0 ? null : _rdns[0];

    /// <summary>The number of RDNs; 0 for <see cref="Empty"/>.</summary>
    public int Depth => _rdns.Length;

    /// <summary>True for the empty DN.</summary>
    public bool IsEmpty => _rdns.Length == 0;

    /// <summary>
    /// The DN without its first RDN, with its text as written; <see cref="Empty"/> for a one-RDN DN and null
    /// for <see cref="Empty"/>.
    /// </summary>
    public DistinguishedName? Parent
    {
        get
        {
            if (_rdns.Length == 0)
            {
                return null;
            }

            if (_rdns.Length == 1)
            {
                return Empty;
            }

            var offset = _rdnStarts[1];
            return new DistinguishedName(
                _text[offset..],
                _rdns[1..],
                _rdnStarts[1..].Select(s => s - offset).ToArray());
        }
    }

    /// <summary>
    /// True when any RDN value is delete-mangled by AD (contains LF followed by <c>DEL:</c>), as in
    /// <c>CN=EX1\0ADEL:1c6b1deb-…,CN=Deleted Objects,DC=corp,DC=test</c>, whether the LF was escaped or raw.
    /// </summary>
    public bool IsDeleted => _rdns.Any(r => r.Pairs.Any(
        p => !p.IsHexString && p.Value.Contains(DeleteMangleMarker, StringComparison.Ordinal)));

    /// <summary>The normalised form used for equality and hashing, e.g. <c>CN=A\,B,DC=CORP</c>.</summary>
    public string Canonical { get; }

    /// <summary>Parses a DN string.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="DistinguishedNameFormatException">The text is not a valid DN; the message and
    /// <see cref="DistinguishedNameFormatException.Position"/> say where and what was expected.</exception>
    public static DistinguishedName Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        return parser.Parse() ?? throw new DistinguishedNameFormatException(parser.Error!, parser.ErrorPosition);
    }

    /// <summary>Parses a DN string without throwing.</summary>
    /// <param name="text">The DN string; the empty string is the valid empty DN.</param>
    /// <param name="result">The DN, or null when <paramref name="text"/> is not valid.</param>
    /// <param name="error">Null on success; otherwise the (zero-based) position and what was expected there.</param>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out DistinguishedName? result,
        [NotNullWhen(false)] out string? error)
    {
        if (text is null)
        {
            result = null;
            error = "The DN is null.";
            return false;
        }

        var parser = new Parser(text);
        result = parser.Parse();
        error = parser.Error;
        return result is not null;
    }

    /// <summary>Parses a DN string without throwing, discarding the error message.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out DistinguishedName? result) =>
        TryParse(text, out result, out _);

    /// <summary>
    /// Compares two DN strings as DNs (<c>CN=a\,b</c> equals <c>cn=A\2Cb</c>). When either does not parse,
    /// falls back to an ordinal-ignore-case comparison of the strings, so malformed input still compares sensibly.
    /// </summary>
    public static bool Equals(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        return TryParse(a, out var left) && TryParse(b, out var right)
            ? left.Equals(right)
            : string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Escapes a value for use in a DN string (RFC 4514 section 2.4): <c>, + " \ &lt; &gt; ;</c> anywhere,
    /// a leading space or <c>#</c>, a trailing space, and ASCII control characters as hex pairs (LF as <c>\0A</c>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static string EscapeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case ',' or '+' or '"' or '\\' or '<' or '>' or ';':
                case ' ' when i == 0 || i == value.Length - 1:
                case '#' when i == 0:
                    builder.Append('\\').Append(c);
                    break;
                case < ' ' or '\u007F':
                    builder.Append('\\').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Returns the DN of a child object: <paramref name="rdnType"/>=<paramref name="rdnValue"/> (escaped with
    /// <see cref="EscapeValue"/>) prepended to this DN.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="rdnType"/> is not an attribute name or numeric OID.</exception>
    public DistinguishedName Child(string rdnType, string rdnValue)
    {
        ArgumentNullException.ThrowIfNull(rdnType);
        ArgumentNullException.ThrowIfNull(rdnValue);
        if (!AttributeTypeAndValue.IsValidType(rdnType))
        {
            throw new ArgumentException(
                "Expected an attribute name (a letter, then letters, digits or '-') or a numeric OID.",
                nameof(rdnType));
        }

        var rdn = rdnType + "=" + EscapeValue(rdnValue);
        return Parse(IsEmpty ? rdn : rdn + "," + _text);
    }

    /// <summary>
    /// True when this DN lies below <paramref name="ancestor"/>; with <paramref name="orSelf"/> also when it
    /// equals it. Every non-empty DN descends from <see cref="Empty"/>.
    /// </summary>
    public bool IsDescendantOf(DistinguishedName ancestor, bool orSelf = false)
    {
        ArgumentNullException.ThrowIfNull(ancestor);
        var offset = _rdns.Length - ancestor._rdns.Length;
        if (offset < 0 || (offset == 0 && !orSelf))
        {
            return false;
        }

        for (var i = 0; i < ancestor._rdns.Length; i++)
        {
            if (!_rdns[offset + i].Equals(ancestor._rdns[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when this DN equals <paramref name="container"/> or lies below it.</summary>
    public bool IsUnder(DistinguishedName container) => IsDescendantOf(container, orSelf: true);

    /// <summary>Returns <see cref="Canonical"/>.</summary>
    public string ToCanonicalString() => Canonical;

    /// <summary>Returns the DN exactly as it was written.</summary>
    public override string ToString() => _text;

    /// <inheritdoc/>
    public bool Equals(DistinguishedName? other) =>
        other is not null && string.Equals(Canonical, other.Canonical, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DistinguishedName);

    /// <inheritdoc/>
    public override int GetHashCode() => Canonical.GetHashCode(StringComparison.Ordinal);

    /// <summary>Compares by <see cref="Canonical"/>.</summary>
    public static bool operator ==(DistinguishedName? left, DistinguishedName? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Compares by <see cref="Canonical"/>.</summary>
    public static bool operator !=(DistinguishedName? left, DistinguishedName? right) => !(left == right);

    /// <summary>
    /// A single-use, single-pass parser. Errors give a zero-based position and what was expected,
    /// and quote at most one character of the input.
    /// </summary>
    private sealed class Parser(string text)
    {
        private int _pos;

        public string? Error { get; private set; }

        public int ErrorPosition { get; private set; } = -1;

        private bool AtEnd => _pos == text.Length;

        public DistinguishedName? Parse()
        {
            if (text.Length == 0)
            {
                return Empty;
            }

            var rdns = new List<RelativeDistinguishedName>();
            var starts = new List<int>();
            while (true)
            {
                SkipSpaces();
                starts.Add(_pos);
                var rdn = ParseRdn();
                if (rdn is null)
                {
                    return null;
                }

                rdns.Add(rdn);
                if (AtEnd)
                {
                    return new DistinguishedName(text, [.. rdns], [.. starts]);
                }

                // ParseRdn stops only at the end or at an RDN separator (',' or RFC 1779's ';').
                _pos++;
            }
        }

        private RelativeDistinguishedName? ParseRdn()
        {
            var start = _pos;
            var pairs = new List<AttributeTypeAndValue>();
            var end = _pos;
            while (true)
            {
                var pair = ParsePair(pairs.Count == 0, ref end);
                if (pair is null)
                {
                    return null;
                }

                pairs.Add(pair);
                if (AtEnd || text[_pos] != '+')
                {
                    return new RelativeDistinguishedName(pairs.AsReadOnly(), text[start..end]);
                }

                _pos++;
                SkipSpaces();
            }
        }

        // Parses "type=value"; on return _pos is at the end or at ',', ';' or '+', and valueEnd is just past
        // the last significant character of the value (trailing unescaped spaces excluded).
        private AttributeTypeAndValue? ParsePair(bool firstInRdn, ref int valueEnd)
        {
            var typeStart = _pos;
            while (!AtEnd && text[_pos] is not ('=' or ',' or ';' or '+'))
            {
                _pos++;
            }

            var type = text[typeStart.._pos].TrimEnd(' ');
            if (AtEnd || text[_pos] != '=')
            {
                return type.Length == 0 && firstInRdn
                    ? Fail(typeStart, "Empty RDN", "expected an attribute type")
                    : type.Length == 0
                        ? Fail(typeStart, "Missing attribute type", "expected an attribute type after '+'")
                        : Fail(_pos, "Missing '='", "expected '=' after the attribute type");
            }

            if (type.Length == 0)
            {
                return Fail(typeStart, "Empty attribute type", "expected an attribute name or OID before '='");
            }

            var invalidAt = AttributeTypeAndValue.FindInvalidTypeCharacter(type);
            if (invalidAt >= 0)
            {
                return Fail(
                    typeStart + invalidAt,
                    "Invalid attribute type",
                    "expected a name (a letter, then letters, digits or '-') or a numeric OID such as 2.5.4.3");
            }

            _pos++;
            SkipSpaces();
            if (AtEnd || IsSeparator(text[_pos]))
            {
                valueEnd = _pos;
                return new AttributeTypeAndValue(type, string.Empty, isHexString: false);
            }

            return text[_pos] switch
            {
                '#' => ParseHexString(type, ref valueEnd),
                '"' => ParseQuotedValue(type, ref valueEnd),
                _ => ParseStringValue(type, ref valueEnd),
            };
        }

        // RFC 4514 "#" hexstring: a BER encoding, kept as written.
        private AttributeTypeAndValue? ParseHexString(string type, ref int valueEnd)
        {
            var start = _pos++;
            while (!AtEnd && char.IsAsciiHexDigit(text[_pos]))
            {
                _pos++;
            }

            var digits = _pos - start - 1;
            if (digits == 0 || digits % 2 != 0)
            {
                return Fail(start, "Bad hex string", "expected an even, non-zero number of hex digits after '#'");
            }

            valueEnd = _pos;
            var value = text[start.._pos];
            return ExpectEndOfValue("the hex string")
                ? new AttributeTypeAndValue(type, value, isHexString: true)
                : null;
        }

        // RFC 1779 quoted value: everything up to the closing quote is literal except escapes.
        private AttributeTypeAndValue? ParseQuotedValue(string type, ref int valueEnd)
        {
            var open = _pos++;
            var value = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    return Fail(open, "Unterminated quoted value", "expected a closing '\"' for this quote", foundAt: text.Length);
                }

                var c = text[_pos];
                if (c == '"')
                {
                    _pos++;
                    break;
                }

                if (c != '\\')
                {
                    value.Append(c);
                    _pos++;
                }
                else if (!ReadEscape(value))
                {
                    return null;
                }
            }

            valueEnd = _pos;
            return ExpectEndOfValue("the quoted value")
                ? new AttributeTypeAndValue(type, value.ToString(), isHexString: false)
                : null;
        }

        private AttributeTypeAndValue? ParseStringValue(string type, ref int valueEnd)
        {
            var value = new StringBuilder();

            // Unescaped trailing spaces are padding before the separator, not part of the value
            // ("CN=a , DC=b"); escaped ones ("\ " or "\20") are kept.
            var significantLength = 0;
            while (!AtEnd && !IsSeparator(text[_pos]))
            {
                var c = text[_pos];
                if (c != '\\')
                {
                    value.Append(c);
                    _pos++;
                    if (c == ' ')
                    {
                        continue;
                    }
                }
                else if (!ReadEscape(value))
                {
                    return null;
                }

                significantLength = value.Length;
                valueEnd = _pos;
            }

            value.Length = significantLength;
            return new AttributeTypeAndValue(type, value.ToString(), isHexString: false);
        }

        // Reads an escape at _pos ('\'). A run of hex pairs is read whole and decoded as UTF-8 ("\C3\A9" is
        // one 'é'); any other escape stands for the character itself.
        private bool ReadEscape(StringBuilder value)
        {
            var start = _pos;
            if (start + 1 == text.Length)
            {
                return FailFalse(
                    start, "Trailing '\\'", "expected an escaped character or two hex digits after it", foundAt: start + 1);
            }

            var next = text[start + 1];
            if (!char.IsAsciiHexDigit(next))
            {
                if (next is not (',' or '+' or '"' or '\\' or '<' or '>' or ';' or '=' or '#' or ' '))
                {
                    return FailFalse(
                        start,
                        "Bad escape",
                        "expected one of , + \" \\ < > ; = # space, or two hex digits after '\\'",
                        foundAt: start + 1);
                }

                value.Append(next);
                _pos += 2;
                return true;
            }

            var bytes = new List<byte>();
            while (_pos + 1 < text.Length && text[_pos] == '\\' && char.IsAsciiHexDigit(text[_pos + 1]))
            {
                if (_pos + 2 == text.Length || !char.IsAsciiHexDigit(text[_pos + 2]))
                {
                    return FailFalse(_pos, "Bad hex escape", "expected two hex digits after '\\'", foundAt: _pos + 2);
                }

                bytes.Add(byte.Parse(text.AsSpan(_pos + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                _pos += 3;
            }

            var chars = new char[bytes.Count];
            var status = Utf8.ToUtf16(
                bytes.ToArray(), chars, out var bytesRead, out var charsWritten, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                // Each byte took three characters ("\XX"), so the bad byte's position is exact.
                return FailFalse(
                    start + (3 * bytesRead),
                    "Bad hex escape",
                    "expected hex pairs that form valid UTF-8",
                    found: "an invalid or incomplete UTF-8 sequence");
            }

            value.Append(chars, 0, charsWritten);
            return true;
        }

        // After a quoted or hex value only spaces may come before the next separator.
        private bool ExpectEndOfValue(string what)
        {
            SkipSpaces();
            return AtEnd || IsSeparator(text[_pos])
                || FailFalse(_pos, "Unexpected character", $"expected ',', '+', ';' or the end after {what}");
        }

        private static bool IsSeparator(char c) => c is ',' or ';' or '+';

        private void SkipSpaces()
        {
            while (!AtEnd && text[_pos] == ' ')
            {
                _pos++;
            }
        }

        private AttributeTypeAndValue? Fail(int position, string problem, string expected, int? foundAt = null)
        {
            FailFalse(position, problem, expected, foundAt);
            return null;
        }

        // The position is where the faulty construct starts; foundAt names the character actually at fault
        // when that is further on (the 'G' in "\4G"), and found replaces it when one character says too little.
        private bool FailFalse(int position, string problem, string expected, int? foundAt = null, string? found = null)
        {
            var at = foundAt ?? position;
            found ??= at >= text.Length
                ? "the end of the input"
                : char.IsControl(text[at]) || char.IsSurrogate(text[at])
                    ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)text[at]:X4}")
                    : $"'{text[at]}'";
            Error = string.Create(CultureInfo.InvariantCulture, $"{problem} at position {position}: {expected}, found {found}.");
            ErrorPosition = position;
            return false;
        }
    }
}
