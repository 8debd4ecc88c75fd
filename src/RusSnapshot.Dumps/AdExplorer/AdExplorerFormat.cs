namespace RusSnapshot.Dumps.AdExplorer;

/// <summary>
/// The layout of a Sysinternals AD Explorer snapshot (<c>.dat</c>), as far as a reader needs it; the format is described
/// byte by byte in <c>../shared/docs/ADEXPLORER.md</c>. Little-endian throughout.
/// </summary>
public static class AdExplorerFormat
{
    /// <summary>The header's size: object records start right after it.</summary>
    public const int HeaderSize = 0x43E;

    /// <summary>The only format marker known (the u32 at 0x0A).</summary>
    public const uint Marker = 0x00010001;

    /// <summary>The size of the description and server fields: 260 UTF-16 code units, NUL-padded.</summary>
    public const int HeaderTextBytes = 520;

    internal const int MarkerOffset = 0x0A;
    internal const int TimeOffset = 0x0E;
    internal const int DescriptionOffset = 0x16;
    internal const int ServerOffset = 0x21E;
    internal const int ObjectCountOffset = 0x426;
    internal const int AttributeCountOffset = 0x42A;
    internal const int MappingOffsetOffset = 0x42E;
    internal const int TreeOffsetOffset = 0x436;

    /// <summary>The signature of a finished snapshot, NUL included.</summary>
    public static ReadOnlySpan<byte> Signature => "win-ad-ob\0"u8;

    /// <summary>The signature AD Explorer writes first and replaces last: a file that still has it was never finished.</summary>
    public static ReadOnlySpan<byte> UnfinishedSignature => "win-ad-XX\0"u8;

    /// <summary>What both signatures start with: enough to recognise the format whatever the file is called.</summary>
    public static ReadOnlySpan<byte> SignaturePrefix => "win-ad-"u8;

    /// <summary>The tree index's root node has this object offset.</summary>
    internal const long TreeRootOffset = -2;

    /// <summary>True when <paramref name="prefix"/> (the first bytes of a file) starts like a snapshot, finished or not.</summary>
    public static bool LooksLikeSnapshot(ReadOnlySpan<byte> prefix) => prefix.StartsWith(SignaturePrefix);

    /// <summary>True for a name AD Explorer gives its snapshots (<c>.dat</c>), also gzipped.</summary>
    public static bool IsSnapshotFileName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
        return n.EndsWith(".dat", StringComparison.OrdinalIgnoreCase);
    }

    // ADSTYPE values AD Explorer stores per property (ADSI's ADSTYPEENUM).
    internal const uint AdsDnString = 1;
    internal const uint AdsCaseExactString = 2;
    internal const uint AdsCaseIgnoreString = 3;
    internal const uint AdsPrintableString = 4;
    internal const uint AdsNumericString = 5;
    internal const uint AdsBoolean = 6;
    internal const uint AdsInteger = 7;
    internal const uint AdsOctetString = 8;
    internal const uint AdsUtcTime = 9;
    internal const uint AdsLargeInteger = 10;
    internal const uint AdsObjectClass = 12;
    internal const uint AdsSecurityDescriptor = 25;
    internal const uint AdsDnWithString = 28;

    // AD Explorer's syntax ids (the property table's i32): the two that change how a value reads.
    internal const int SyntaxUtcTime = 16;
    internal const int SyntaxDnBinary = 21;

    /// <summary>How a property's values are decoded, from its adsType and syntax.</summary>
    internal static ValueKind KindOf(int syntax, uint adsType) => adsType switch
    {
        AdsDnString or AdsCaseExactString or AdsCaseIgnoreString or AdsPrintableString or AdsNumericString or AdsObjectClass => ValueKind.String,
        AdsBoolean => ValueKind.Boolean,
        AdsInteger => ValueKind.Integer,
        AdsOctetString => syntax == SyntaxDnBinary ? ValueKind.DnBinary : ValueKind.Octets,
        AdsUtcTime => syntax == SyntaxUtcTime ? ValueKind.UtcTime : ValueKind.GeneralizedTime,
        AdsLargeInteger => ValueKind.LargeInteger,
        AdsSecurityDescriptor => ValueKind.Octets,
        AdsDnWithString => ValueKind.DnString,
        _ => ValueKind.Unknown,
    };
}

/// <summary>How the values of a property are stored and turned into what an LDIF export would hold.</summary>
internal enum ValueKind : byte
{
    /// <summary><c>i32 off[n]</c> relative to the block, each at a NUL-terminated UTF-16LE string: UTF-8 text.</summary>
    String,

    /// <summary><c>u32[n]</c>, non-zero is TRUE: <c>TRUE</c> / <c>FALSE</c>.</summary>
    Boolean,

    /// <summary><c>u32[n]</c> holding a 32-bit signed integer (syntax 2.5.5.9): signed decimal, as LDAP writes it.</summary>
    Integer,

    /// <summary><c>i64[n]</c>: decimal.</summary>
    LargeInteger,

    /// <summary><c>u32 len[n]</c> then the bytes back to back: the bytes (GUIDs, SIDs, security descriptors).</summary>
    Octets,

    /// <summary><c>u32 len[n]</c>, each value <c>len</c> bytes then a NUL-terminated UTF-16LE DN: <c>B:&lt;hex length&gt;:&lt;HEX&gt;:&lt;DN&gt;</c>.</summary>
    DnBinary,

    /// <summary>A 16-byte SYSTEMTIME per value: GeneralizedTime <c>YYYYMMDDHHMMSS.0Z</c>, as ldifde writes it.</summary>
    GeneralizedTime,

    /// <summary>A 16-byte SYSTEMTIME per value of a UTCTime attribute: <c>YYMMDDHHMMSSZ</c>.</summary>
    UtcTime,

    /// <summary>DN-String (type 28): layout not settled; values not read, with a warning.</summary>
    DnString,

    /// <summary>A type AD Explorer is not known to write: values not read, with a warning.</summary>
    Unknown,
}

/// <summary>One entry of the property table.</summary>
/// <param name="NameStart">Where its name starts in the reader's name buffer (ASCII).</param>
/// <param name="NameLength">The name's length.</param>
/// <param name="Syntax">AD Explorer's syntax id.</param>
/// <param name="AdsType">The ADSTYPE the values are stored as.</param>
/// <param name="Kind">How values are decoded.</param>
internal readonly record struct AdExplorerProperty(int NameStart, int NameLength, int Syntax, uint AdsType, ValueKind Kind);
