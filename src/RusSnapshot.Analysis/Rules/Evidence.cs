using RusSnapshot.Dumps;

namespace RusSnapshot.Analysis.Rules;

/// <summary>One piece of evidence: an entry (and optionally one attribute value) at a place in the dump.</summary>
/// <param name="Source">The input's display name.</param>
/// <param name="Line">The physical line (of the attribute when there is one, else of the entry); 0 when the evidence is an absence.</param>
/// <param name="Dn">The entry's DN as written.</param>
/// <param name="Attribute">The attribute, or null for the entry as a whole.</param>
/// <param name="Value">The value as text, or null.</param>
public sealed record Evidence(string Source, long Line, string Dn, string? Attribute = null, string? Value = null)
{
    /// <summary>Evidence for a whole entry.</summary>
    public static Evidence Of(DumpEntry entry) => new(entry.Position.Source, entry.Position.Line, entry.Dn);

    /// <summary>Evidence for one attribute of an entry: its first value and line, or the entry line when absent.</summary>
    public static Evidence Of(DumpEntry entry, string attribute)
    {
        var a = entry.Get(attribute);
        if (a is null || a.Values.Count == 0)
        {
            return new Evidence(entry.Position.Source, entry.Position.Line, entry.Dn, attribute, null);
        }

        var v = a.Values[0];
        return new Evidence(entry.Position.Source, v.Line > 0 ? v.Line : entry.Position.Line, entry.Dn, attribute, v.ToString());
    }
}
