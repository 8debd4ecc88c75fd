using System.Collections.Frozen;

namespace RusSnapshot.Dumps.Csv;

/// <summary>
/// How <c>csvde</c> lays values out, shared by <see cref="CsvDumpReader"/> and <see cref="CsvDumpWriter"/>.
/// </summary>
/// <remarks>
/// <para>csvde joins the values of a multi-valued attribute with <c>;</c> in one field and escapes nothing: a <c>;</c>
/// inside a value cannot be told from a separator. The reader therefore splits a field on <c>;</c> except in two
/// cases, chosen so that the attributes the analyzer needs come out right:</para>
/// <list type="bullet">
/// <item>a <c>;</c> preceded by an odd number of backslashes is part of the value: that is how a DN escapes it
/// (RFC 4514 <c>\;</c>), so DN-valued multi-values such as <c>member</c> and <c>memberOf</c> split correctly even when an
/// RDN holds a <c>;</c>;</item>
/// <item>the columns in <see cref="UnsplitAttributes"/> are never split: single-valued free-text attributes where a
/// <c>;</c> is ordinary punctuation (<c>description</c>, <c>displayName</c>, <c>info</c>, X.400 <c>textEncodedORAddress</c>,
/// LDAP filters such as <c>purportedSearch</c>...), and the <c>DN</c> column itself.</item>
/// </list>
/// <para>What stays ambiguous is csvde's doing, not ours: a genuinely multi-valued <c>description</c> reads as one value
/// (the text is kept whole), and a value with an unescaped <c>;</c> in a multi-valued attribute (an X.400
/// <c>proxyAddresses</c> entry such as <c>X400:c=US;a= ;p=Org;...</c>) reads as several values. Empty pieces
/// (<c>a;;b</c>, a trailing <c>;</c>) are dropped: LDAP values are not empty, and an empty field means "absent".</para>
/// </remarks>
public static class CsvdeConventions
{
    /// <summary>Attributes whose csvde field is one value even when it contains <c>;</c> (ASCII case-insensitive).</summary>
    public static FrozenSet<string> UnsplitAttributes { get; } = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "dn",
        "distinguishedName",
        "description",
        "displayName",
        "displayNamePrintable",
        "info",
        "comment",
        "adminDescription",
        "adminDisplayName",
        "cn",
        "name",
        "sn",
        "givenName",
        "initials",
        "title",
        "department",
        "company",
        "division",
        "physicalDeliveryOfficeName",
        "streetAddress",
        "street",
        "l",
        "st",
        "co",
        "wWWHomePage",
        "homeDirectory",
        "scriptPath",
        "profilePath",
        "userParameters",
        "textEncodedORAddress",
        "legacyExchangeDN",
        "purportedSearch",
        "msExchPurportedSearchUI",
        "msExchQueryFilter",
        "msExchDynamicDLFilter");

    /// <summary>
    /// Attributes that the writer always writes as <c>X'hex'</c>, whatever their bytes (GUIDs, SIDs, security
    /// descriptors, hashes, photos, certificates): csvde writes every octet-string attribute that way.
    /// </summary>
    public static FrozenSet<string> DefaultBinaryAttributes { get; } = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "objectGUID",
        "objectSid",
        "sIDHistory",
        "nTSecurityDescriptor",
        "msExchMailboxGuid",
        "msExchMailboxSecurityDescriptor",
        "msExchMasterAccountSid",
        "msExchArchiveGUID",
        "msExchSafeSendersHash",
        "msExchSafeRecipientsHash",
        "msExchBlockedSendersHash",
        "mS-DS-ConsistencyGuid",
        "msDS-GenerationId",
        "schemaIDGUID",
        "attributeSecurityGUID",
        "invocationId",
        "replicationSignature",
        "logonHours",
        "userCertificate",
        "userSMIMECertificate",
        "thumbnailPhoto",
        "jpegPhoto",
        "securityIdentifier",
        "trustAuthIncoming",
        "trustAuthOutgoing");
}
