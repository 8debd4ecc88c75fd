namespace RusSnapshot.Dumps;

/// <summary>
/// One component of a distinguished name, e.g. <c>CN=Recipient Update Service (CORP)</c>: one or more
/// attribute-type-and-value pairs joined by <c>+</c>. Immutable; equality uses <see cref="Canonical"/>.
/// </summary>
public sealed class RelativeDistinguishedName : IEquatable<RelativeDistinguishedName>
{
    private readonly string _text;

    internal RelativeDistinguishedName(IReadOnlyList<AttributeTypeAndValue> pairs, string text)
    {
        Pairs = pairs;
        _text = text;

        // The pairs of a multi-valued RDN form a set (RFC 4514 section 2.2), so their order must not matter.
        Canonical = string.Join('+', pairs.Select(p => p.Canonical).Order(StringComparer.Ordinal));
    }

    /// <summary>The attribute-type-and-value pairs in written order; AD itself always writes exactly one.</summary>
    public IReadOnlyList<AttributeTypeAndValue> Pairs { get; }

    /// <summary>True when the RDN has more than one pair (<c>CN=a+UID=b</c>).</summary>
    public bool IsMultiValued => Pairs.Count > 1;

    /// <summary>The type of the first (usually only) pair, as written.</summary>
    public string Type => Pairs[0].Type;

    /// <summary>The unescaped value of the first (usually only) pair.</summary>
    public string Value => Pairs[0].Value;

    /// <summary>The normalised text used for equality and hashing (pairs sorted, joined by <c>+</c>).</summary>
    public string Canonical { get; }

    /// <summary>Returns the RDN as it was written in the parsed string.</summary>
    public override string ToString() => _text;

    /// <inheritdoc/>
    public bool Equals(RelativeDistinguishedName? other) =>
        other is not null && string.Equals(Canonical, other.Canonical, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RelativeDistinguishedName);

    /// <inheritdoc/>
    public override int GetHashCode() => Canonical.GetHashCode(StringComparison.Ordinal);
}
