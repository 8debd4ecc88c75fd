using System.Text;

namespace RusSnapshot.Dumps;

/// <summary>One value of an attribute: raw bytes (UTF-8 for text), with where it was read.</summary>
/// <param name="Bytes">The decoded value.</param>
/// <param name="IsUrl">True for an LDIF <c>attr:&lt; URL</c> value: <see cref="Bytes"/> is the URL, which was not followed.</param>
/// <param name="Line">The physical line it was read from (0 when built in code).</param>
public readonly record struct DumpValue(byte[] Bytes, bool IsUrl = false, long Line = 0)
{
    /// <summary>A text value.</summary>
    public static DumpValue FromString(string value) => new(Encoding.UTF8.GetBytes(value));

    /// <summary>The value as UTF-8 text.</summary>
    public override string ToString() => DumpRecord.DecodeUtf8(Bytes);

    /// <summary>Byte-wise equality of the values (the line is not compared).</summary>
    public bool SameAs(DumpValue other) => IsUrl == other.IsUrl && Bytes.AsSpan().SequenceEqual(other.Bytes);
}

/// <summary>An attribute description (type and options, as written) and its values in dump order.</summary>
public sealed record DumpAttribute(string Description, IReadOnlyList<DumpValue> Values)
{
    /// <summary>Builds a text attribute.</summary>
    public static DumpAttribute Text(string description, params string[] values) =>
        new(description, values.Select(DumpValue.FromString).ToArray());

    /// <summary>Builds a binary attribute.</summary>
    public static DumpAttribute Binary(string description, params byte[][] values) =>
        new(description, values.Select(v => new DumpValue(v)).ToArray());

    /// <summary>The attribute type without options.</summary>
    public string Type => Description.IndexOf(';', StringComparison.Ordinal) is var i and >= 0 ? Description[..i] : Description;
}

/// <summary>
/// A record kept in memory, detached from the reader (configuration objects, tests, writers).
/// The hot path uses <see cref="DumpRecord"/> instead.
/// </summary>
public sealed class DumpEntry
{
    public DumpEntry(string dn, IReadOnlyList<DumpAttribute> attributes, DumpPosition position = default, DumpRecordKind kind = DumpRecordKind.Entry)
    {
        ArgumentNullException.ThrowIfNull(dn);
        ArgumentNullException.ThrowIfNull(attributes);
        Dn = dn;
        Attributes = attributes;
        Position = position;
        Kind = kind;
    }

    /// <summary>The DN as written (decoded).</summary>
    public string Dn { get; }

    /// <summary>Attributes in the order they first appear.</summary>
    public IReadOnlyList<DumpAttribute> Attributes { get; }

    /// <summary>Where the record starts.</summary>
    public DumpPosition Position { get; }

    /// <summary>What kind of record it was.</summary>
    public DumpRecordKind Kind { get; }

    /// <summary>
    /// The same entry with its position and every value's line moved <paramref name="lines"/> further on: for an entry
    /// read by a reader that counted lines from 1 in the middle of a file (<see cref="Input.DumpPart{TSink}.LineOffset"/>).
    /// </summary>
    public DumpEntry ShiftedBy(long lines) => lines == 0
        ? this
        : new DumpEntry(Dn, [.. Attributes.Select(a => a with { Values = [.. a.Values.Select(v => v.Line > 0 ? v with { Line = v.Line + lines } : v)] })],
            Position.ShiftedBy(lines), Kind);

    /// <summary>The attribute with this description (case-insensitive), or null.</summary>
    public DumpAttribute? Get(string description) =>
        Attributes.FirstOrDefault(a => string.Equals(a.Description, description, StringComparison.OrdinalIgnoreCase));

    /// <summary>The first value of an attribute as text, or null.</summary>
    public string? GetString(string description) => Get(description) is { Values.Count: > 0 } a ? a.Values[0].ToString() : null;

    /// <summary>True when both entries have the same DN (ordinal, case-insensitive) and the same attributes and values in the same order.</summary>
    public bool SameContentAs(DumpEntry other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!string.Equals(Dn, other.Dn, StringComparison.OrdinalIgnoreCase) || Attributes.Count != other.Attributes.Count)
        {
            return false;
        }

        for (var i = 0; i < Attributes.Count; i++)
        {
            var a = Attributes[i];
            var b = other.Attributes[i];
            if (!string.Equals(a.Description, b.Description, StringComparison.OrdinalIgnoreCase) || a.Values.Count != b.Values.Count)
            {
                return false;
            }

            for (var v = 0; v < a.Values.Count; v++)
            {
                if (!a.Values[v].SameAs(b.Values[v]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Dn} ({Attributes.Count} attributes)";
}
