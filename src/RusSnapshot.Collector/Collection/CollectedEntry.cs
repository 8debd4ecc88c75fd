namespace RusSnapshot.Collector.Collection;

/// <summary>One entry as read, attributes in the query's order and named as the query names them (ranges merged).</summary>
internal sealed record CollectedEntry(string Dn, IReadOnlyList<CollectedAttribute> Attributes);

/// <summary>An attribute and its raw values (UTF-8 for text, bytes for binary).</summary>
internal sealed record CollectedAttribute(string Name, IReadOnlyList<byte[]> Values);
