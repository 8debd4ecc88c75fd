namespace RusSnapshot.Dumps;

/// <summary>
/// One <c>type=value</c> pair of a relative distinguished name (RFC 4514 "attributeTypeAndValue"). Immutable.
/// Equality uses <see cref="Canonical"/>: the type by name (case-insensitive, well-known OIDs mapped to their
/// short names) and the value case-insensitively with ordinal rules, as Active Directory compares RDNs.
/// </summary>
public sealed class AttributeTypeAndValue : IEquatable<AttributeTypeAndValue>
{
    // RFC 4514 section 3: the short names a DN string uses for these OIDs. Mapping them lets
    // "2.5.4.3=x" and "OID.2.5.4.3=x" compare equal to "CN=x", as AD resolves OIDs through its schema.
    private static readonly Dictionary<string, string> WellKnownOids = new(StringComparer.Ordinal)
    {
        ["2.5.4.3"] = "CN",
        ["2.5.4.7"] = "L",
        ["2.5.4.8"] = "ST",
        ["2.5.4.10"] = "O",
        ["2.5.4.11"] = "OU",
        ["2.5.4.6"] = "C",
        ["2.5.4.9"] = "STREET",
        ["0.9.2342.19200300.100.1.25"] = "DC",
        ["0.9.2342.19200300.100.1.1"] = "UID",
    };

    internal AttributeTypeAndValue(string type, string value, bool isHexString)
    {
        Type = type;
        Value = value;
        IsHexString = isHexString;
        var canonicalValue = isHexString
            ? value.ToUpperInvariant()
            : DistinguishedName.EscapeValue(value.ToUpperInvariant());
        Canonical = CanonicalType(type) + "=" + canonicalValue;
    }

    /// <summary>The attribute type as written, e.g. <c>cn</c>, <c>2.5.4.3</c> or <c>OID.2.5.4.3</c>.</summary>
    public string Type { get; }

    /// <summary>
    /// The unescaped value, e.g. <c>Smith, John</c> for <c>CN=Smith\, John</c>. For a BER value
    /// (<see cref="IsHexString"/>) this is the raw text including the leading <c>#</c>, e.g. <c>#04024869</c>.
    /// </summary>
    public string Value { get; }

    /// <summary>True when the value was written as <c>#</c> followed by hex digits (a BER encoding).</summary>
    public bool IsHexString { get; }

    /// <summary>The normalised <c>TYPE=VALUE</c> text used for equality and hashing.</summary>
    public string Canonical { get; }

    /// <summary>Returns the pair in canonical form.</summary>
    public override string ToString() => Canonical;

    /// <inheritdoc/>
    public bool Equals(AttributeTypeAndValue? other) =>
        other is not null && string.Equals(Canonical, other.Canonical, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AttributeTypeAndValue);

    /// <inheritdoc/>
    public override int GetHashCode() => Canonical.GetHashCode(StringComparison.Ordinal);

    internal static bool IsValidType(string type) => FindInvalidTypeCharacter(type) < 0;

    /// <summary>
    /// Returns -1 for a valid type, otherwise the index of the first character that cannot continue one
    /// (<c>type.Length</c> when the type ends too early, as in <c>2.5.</c>).
    /// </summary>
    internal static int FindInvalidTypeCharacter(string type)
    {
        var start = type.StartsWith("OID.", StringComparison.OrdinalIgnoreCase) ? 4 : 0;
        if (start == type.Length)
        {
            return start;
        }

        if (start > 0 || char.IsAsciiDigit(type[0]))
        {
            return FindInvalidOidCharacter(type, start);
        }

        // RFC 4512 descr: a letter, then letters, digits or hyphens (also what AD allows in lDAPDisplayName).
        if (!char.IsAsciiLetter(type[0]))
        {
            return 0;
        }

        for (var i = 1; i < type.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(type[i]) && type[i] != '-')
            {
                return i;
            }
        }

        return -1;
    }

    // RFC 4512 numericoid: number 1*( "." number ), so at least two arcs and none empty.
    private static int FindInvalidOidCharacter(string type, int start)
    {
        var arcs = 0;
        var arcLength = 0;
        for (var i = start; i < type.Length; i++)
        {
            if (char.IsAsciiDigit(type[i]))
            {
                arcLength++;
            }
            else if (type[i] == '.' && arcLength > 0)
            {
                arcs++;
                arcLength = 0;
            }
            else
            {
                return i;
            }
        }

        return arcLength > 0 && arcs >= 1 ? -1 : type.Length;
    }

    private static string CanonicalType(string type)
    {
        var bare = type.StartsWith("OID.", StringComparison.OrdinalIgnoreCase) ? type[4..] : type;
        return WellKnownOids.TryGetValue(bare, out var name) ? name : bare.ToUpperInvariant();
    }
}
