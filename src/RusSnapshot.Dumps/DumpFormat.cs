namespace RusSnapshot.Dumps;

/// <summary>The container format of a dump.</summary>
public enum DumpFormat
{
    /// <summary>LDAP Data Interchange Format (RFC 2849).</summary>
    Ldif,

    /// <summary>Comma-separated values as <c>csvde</c> writes them.</summary>
    Csv,

    /// <summary>A Sysinternals AD Explorer snapshot (<c>.dat</c>): binary, read by positioned reads.</summary>
    AdExplorer,
}

/// <summary>Which program wrote a dump, as far as its content tells.</summary>
public enum DumpDialect
{
    /// <summary>Not known yet (nothing read), or nothing tells.</summary>
    Unknown,

    /// <summary>Microsoft <c>ldifde</c>: change records with <c>changetype: add</c>, no comments.</summary>
    Ldifde,

    /// <summary>OpenLDAP <c>ldapsearch</c> with its comment headers and <c>search:</c>/<c>result:</c> trailers (no <c>-LLL</c>), or <c>-L</c>/<c>-LL</c>.</summary>
    Ldapsearch,

    /// <summary>Plain RFC 2849 content records (this is also what <c>ldapsearch -LLL</c> writes).</summary>
    Rfc2849,

    /// <summary>Microsoft <c>csvde</c>.</summary>
    Csvde,

    /// <summary>RusSnapshot's own collector (ldifde-compatible LDIF with a manifest comment header).</summary>
    Collector,

    /// <summary>Sysinternals AD Explorer (<c>ADExplorer64.exe -snapshot</c>).</summary>
    AdExplorer,
}

/// <summary>Display names used in reports and JSON output.</summary>
public static class DumpDialectNames
{
    /// <summary>The lower-case name used in JSON and text output.</summary>
    public static string ToName(this DumpDialect dialect) => dialect switch
    {
        DumpDialect.Ldifde => "ldifde",
        DumpDialect.Ldapsearch => "ldapsearch",
        DumpDialect.Rfc2849 => "rfc2849",
        DumpDialect.Csvde => "csvde",
        DumpDialect.Collector => "russnap-collect",
        DumpDialect.AdExplorer => "adexplorer",
        _ => "unknown",
    };

    /// <summary>The lower-case name used in JSON and text output.</summary>
    public static string ToName(this DumpFormat format) => format switch
    {
        DumpFormat.Csv => "csv",
        DumpFormat.AdExplorer => "adexplorer",
        _ => "ldif",
    };
}
