using System.Text;
using System.Text.Unicode;
using RusSnapshot.Dumps;

namespace RusSnapshot.Analysis.Redaction;

/// <summary>One value of a redacted entry, and whether it should be written as binary (base64 in LDIF, hex in CSV).</summary>
/// <param name="Bytes">The redacted value.</param>
/// <param name="IsBinary">True for binary values (GUIDs, SIDs, security descriptors, schedules).</param>
/// <param name="IsUrl">True for an LDIF <c>attr:&lt; URL</c> value (the URL, redacted; never followed).</param>
public readonly record struct RedactedValue(byte[] Bytes, bool IsBinary, bool IsUrl = false);

/// <summary>One attribute of a redacted entry.</summary>
public sealed record RedactedAttribute(string Description, IReadOnlyList<RedactedValue> Values);

/// <summary>A redacted entry (or ldapsearch search result or reference record).</summary>
/// <param name="Dn">The redacted DN.</param>
/// <param name="Attributes">The attributes kept, in the order they first appear.</param>
/// <param name="Kind">What the record is.</param>
/// <param name="DroppedValues">Values left out (free text and the like).</param>
public sealed record RedactedEntry(string Dn, IReadOnlyList<RedactedAttribute> Attributes, DumpRecordKind Kind, int DroppedValues)
{
    /// <summary>The entry as the dump library's writers take it.</summary>
    public DumpEntry ToDumpEntry() =>
        new(Dn, [.. Attributes.Select(a => new DumpAttribute(a.Description, [.. a.Values.Select(v => new DumpValue(v.Bytes))]))], kind: Kind);
}

/// <summary>
/// Redacts one record: its DN, and each value by what its attribute holds (DESIGN.md section 6): free text dropped;
/// class names, versions and product strings kept; GUIDs, SIDs and binary values replaced as such; every other value
/// redacted as a DN, a filter, an address or a name by <see cref="ValueRedactor"/>. Objects of the product's
/// vocabulary containers (the schema, control access rights...) keep their values; only DNs and their GUIDs change.
/// </summary>
public sealed class EntryRedactor(ValueRedactor values)
{
    private const string Replaced = "redacted";

    /// <summary>The value redactor (and through it the name map).</summary>
    public ValueRedactor Values { get; } = values ?? throw new ArgumentNullException(nameof(values));

    /// <summary>Redacts a record as read (valid until the reader's next <c>Read</c>; the result does not refer to it).</summary>
    /// <param name="record">The record.</param>
    /// <param name="replaceFreeTextWhenNothingElse">
    /// When every value of the entry is free text (an export of <c>description</c> alone), replace the text instead of
    /// dropping it: an ldifde add record needs an attribute.
    /// </param>
    public RedactedEntry Redact(DumpRecord record, bool replaceFreeTextWhenNothingElse = false)
    {
        ArgumentNullException.ThrowIfNull(record);
        var dnText = record.Dn;
        var parsed = DistinguishedName.TryParse(dnText, out var dn) ? dn : null;
        var vocabulary = parsed is not null && ValueRedactor.InVocabularyContainer(parsed);
        var redactedDn = parsed is not null ? Values.Dn(parsed) : Values.Name(dnText);
        var search = record.Kind is DumpRecordKind.SearchResult or DumpRecordKind.SearchReference;

        var order = new List<string>();
        var byDescription = new Dictionary<string, List<RedactedValue>>(StringComparer.OrdinalIgnoreCase);
        var dropped = new List<(string Description, int Count)>();
        var droppedCount = 0;
        for (var i = 0; i < record.Count; i++)
        {
            var description = record.DescriptionStringAt(i);
            var type = Encoding.ASCII.GetString(record.NameAt(i));
            if (!search && RedactionVocabulary.DroppedAttributes.Contains(type))
            {
                droppedCount++;
                dropped.Add((description, 1));
                continue;
            }

            var value = Redact(type, record.ValueAt(i), record.EncodingAt(i), vocabulary, search);
            if (record.EncodingAt(i) == ValueEncoding.Url)
            {
                value = value with { IsUrl = true, IsBinary = false };
            }

            if (!byDescription.TryGetValue(description, out var list))
            {
                byDescription.Add(description, list = []);
                order.Add(description);
            }

            list.Add(value);
        }

        if (replaceFreeTextWhenNothingElse && order.Count == 0 && dropped.Count > 0)
        {
            // An entry of nothing but free text (ldifde -l description): an LDIF add record needs an attribute, so the
            // text is replaced rather than dropped.
            foreach (var (description, _) in dropped)
            {
                if (!byDescription.TryGetValue(description, out var list))
                {
                    byDescription.Add(description, list = []);
                    order.Add(description);
                }

                list.Add(new RedactedValue(Encoding.ASCII.GetBytes(Replaced), false));
            }

            droppedCount = 0;
        }

        return new RedactedEntry(redactedDn, [.. order.Select(d => new RedactedAttribute(d, byDescription[d]))], record.Kind, droppedCount);
    }

    /// <summary>Redacts one value of attribute <paramref name="type"/>.</summary>
    public RedactedValue Redact(string type, ReadOnlySpan<byte> bytes, ValueEncoding encoding, bool vocabularyEntry = false, bool searchRecord = false)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (searchRecord)
        {
            // ldapsearch's search:/result:/control:/pagedresults: lines are counters, codes and cookies; matchedDN, text and ref: name things.
            return type.ToUpperInvariant() is "SEARCH" or "RESULT" or "CONTROL" or "PAGEDRESULTS"
                ? new RedactedValue(bytes.ToArray(), false)
                : Text(Values.Text(Encoding.UTF8.GetString(bytes)));
        }

        if (IsBinary(type, bytes, encoding))
        {
            var copy = bytes.ToArray();
            Values.Binary(copy, RedactionVocabulary.IsGuidAttribute(type));
            return new RedactedValue(copy, true);
        }

        var text = Encoding.UTF8.GetString(bytes);
        if (RedactionVocabulary.VerbatimAttributes.Contains(type))
        {
            return new RedactedValue(bytes.ToArray(), false);
        }

        if (vocabularyEntry)
        {
            // Schema objects, rights, display specifiers: product names. Only DNs (the forest's DC= part) and GUIDs change.
            var redacted = DistinguishedName.TryParse(text, out var dn) && dn.Depth >= 2 ? Values.Dn(dn) : text;
            return Text(redacted);
        }

        return Text(Values.Text(text));
    }

    /// <summary>
    /// True when a value is binary: csvde wrote it as hex, its attribute is a known octet string (GUIDs, SIDs,
    /// security descriptors), or it is not text (invalid UTF-8, control characters other than line breaks and tabs).
    /// </summary>
    public static bool IsBinary(string type, ReadOnlySpan<byte> bytes, ValueEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (encoding == ValueEncoding.Hex)
        {
            return true;
        }

        if (RedactionVocabulary.IsGuidAttribute(type))
        {
            // 16 bytes are a binary GUID; a GUID written as text ("{...}", 38 characters) is text.
            return bytes.Length == 16;
        }

        if (RedactionVocabulary.IsSidAttribute(type))
        {
            // A binary SID: revision 1, n sub-authorities, 8 + 4n bytes; "S-1-5-21-..." written as text is text.
            return bytes.Length >= 8 && bytes[0] == 1 && bytes.Length == 8 + (4 * bytes[1]);
        }

        if (Dumps.Csv.CsvdeConventions.DefaultBinaryAttributes.Contains(type) || RedactionVocabulary.ExtraBinaryAttributes.Contains(type))
        {
            return true;
        }

        if (!Utf8.IsValid(bytes))
        {
            return true;
        }

        foreach (var b in bytes)
        {
            if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                return true;
            }
        }

        return false;
    }

    private static RedactedValue Text(string text) => new(Encoding.UTF8.GetBytes(text), false);
}
