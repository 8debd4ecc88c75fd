namespace RusSnapshot.Analysis.Model;

/// <summary>Small DN string helpers for the model (configuration objects only; the hot path uses bytes).</summary>
public static class Dn
{
    /// <summary>True when two DNs name the same object (case-insensitive, spaces around separators ignored).</summary>
    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && string.Equals(Key(a), Key(b), StringComparison.Ordinal);

    /// <summary>A comparison key: the RFC 4514 canonical form (escapes, case and spacing normalised), or the compacted upper-cased text when the DN does not parse.</summary>
    public static string Key(string dn) =>
        Dumps.DistinguishedName.TryParse(dn, out var parsed) && parsed is not null ? parsed.Canonical : Compact(dn).ToUpperInvariant();

    /// <summary>Removes spaces around unescaped ',' '=' '+' separators.</summary>
    public static string Compact(string dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        if (!dn.Contains(' ', StringComparison.Ordinal))
        {
            return dn;
        }

        return string.Join(",", SplitRdns(dn).Select(r =>
        {
            var eq = r.IndexOf('=', StringComparison.Ordinal);
            return eq < 0 ? r.Trim() : r[..eq].Trim() + "=" + r[(eq + 1)..].Trim();
        }));
    }

    /// <summary>Splits a DN into its RDNs at unescaped commas (leftmost first).</summary>
    public static List<string> SplitRdns(string dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < dn.Length; i++)
        {
            if (dn[i] == '\\')
            {
                i++;
                continue;
            }

            if (dn[i] == ',')
            {
                parts.Add(dn[start..i]);
                start = i + 1;
            }
        }

        if (dn.Length > 0)
        {
            parts.Add(dn[start..]);
        }

        return parts;
    }

    /// <summary>The value of an RDN such as <c>CN=Foo</c> (escapes kept as written).</summary>
    public static string ValueOf(string rdn)
    {
        var eq = rdn.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? rdn.Trim() : rdn[(eq + 1)..].Trim();
    }

    /// <summary>True for AD's delete-mangled names (<c>\0ADEL:</c> or a raw LF followed by <c>DEL:</c>).</summary>
    public static bool IsDeletedObject(string dn) =>
        (Dumps.DistinguishedName.TryParse(dn, out var parsed) && parsed is { IsDeleted: true })
        || dn.Contains("\\0ADEL:", StringComparison.OrdinalIgnoreCase) || dn.Contains("\nDEL:", StringComparison.Ordinal);
}
