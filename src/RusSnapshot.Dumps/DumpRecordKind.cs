namespace RusSnapshot.Dumps;

/// <summary>What a record in a dump is. Only <see cref="Entry"/> records are directory entries.</summary>
public enum DumpRecordKind
{
    /// <summary>A directory entry: an LDIF content record, an LDIF <c>changetype: add</c> record (what ldifde writes), or a CSV row.</summary>
    Entry,

    /// <summary>An LDIF <c>changetype: delete</c> record.</summary>
    Delete,

    /// <summary>An LDIF <c>changetype: modify</c> record.</summary>
    Modify,

    /// <summary>An LDIF <c>changetype: modrdn</c> or <c>moddn</c> record.</summary>
    ModDn,

    /// <summary>The <c>search:</c>/<c>result:</c> trailer that ldapsearch prints without <c>-LLL</c>: not an entry.</summary>
    SearchResult,

    /// <summary>A search continuation reference (<c>ref: ldap://...</c>) printed by ldapsearch: not an entry.</summary>
    SearchReference,
}

/// <summary>How a value is written in the dump; <see cref="DumpRecord.ValueAt"/> always returns the decoded bytes.</summary>
public enum ValueEncoding : byte
{
    /// <summary>Written as-is (LDIF <c>attr: value</c>, a CSV field).</summary>
    Plain,

    /// <summary>LDIF <c>attr:: base64</c>.</summary>
    Base64,

    /// <summary>LDIF <c>attr:&lt; URL</c>. The URL is never followed: the value is the URL text.</summary>
    Url,

    /// <summary>csvde <c>X'hex'</c> binary.</summary>
    Hex,
}
