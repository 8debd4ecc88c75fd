namespace RusSnapshot.Dumps.Ldif;

/// <summary>Which program's LDIF an <see cref="LdifWriter"/> imitates.</summary>
public enum LdifDialect
{
    /// <summary>
    /// Plain RFC 2849 content records (what <c>ldapsearch -LLL</c> writes): LF, folded at 76 bytes,
    /// a blank line after each record; <c>version: 1</c> only when <see cref="LdifWriter.WriteVersion"/> is called.
    /// </summary>
    Rfc2849,

    /// <summary>
    /// Microsoft <c>ldifde</c> export: a blank line before each record, <c>dn:</c> then <c>changetype: add</c>,
    /// CRLF line ends, folded at 78 bytes, no <c>version:</c> line.
    /// </summary>
    Ldifde,

    /// <summary>
    /// OpenLDAP <c>ldapsearch</c>: content records, LF, folded at 78 bytes, a blank line after <c>version: 1</c>. The
    /// comments and <c>search:</c>/<c>result:</c> lines of its extended LDIF are written around the records with
    /// <see cref="LdifWriter.WriteComment"/>, <see cref="LdifWriter.WriteDirective"/> and <see cref="LdifWriter.WriteBlankLine"/>.
    /// </summary>
    Ldapsearch,
}

/// <summary>Line ends an <see cref="LdifWriter"/> writes.</summary>
public enum LdifLineEnding
{
    /// <summary>LF (<c>\n</c>): OpenLDAP tools.</summary>
    Lf,

    /// <summary>CRLF (<c>\r\n</c>): Microsoft tools.</summary>
    CrLf,
}

/// <summary>The bytes an <see cref="LdifWriter"/> puts in its output stream.</summary>
public enum LdifTextEncoding
{
    /// <summary>UTF-8 without a byte order mark (ldapsearch; the collector).</summary>
    Utf8,

    /// <summary>UTF-8 with a byte order mark.</summary>
    Utf8WithBom,

    /// <summary>UTF-16 little-endian with a byte order mark: what <c>ldifde -u</c> writes.</summary>
    Utf16LittleEndian,
}

/// <summary>Options of an <see cref="LdifWriter"/>. Unset properties take the dialect's default.</summary>
public sealed record LdifWriterOptions
{
    /// <summary>The default options (<see cref="LdifDialect.Rfc2849"/>, UTF-8).</summary>
    public static LdifWriterOptions Default { get; } = new();

    /// <summary>The dialect (default <see cref="LdifDialect.Rfc2849"/>).</summary>
    public LdifDialect Dialect { get; init; } = LdifDialect.Rfc2849;

    /// <summary>Line ends; null takes the dialect's (CRLF for ldifde, LF otherwise).</summary>
    public LdifLineEnding? LineEnding { get; init; }

    /// <summary>
    /// The most bytes on one physical line, line break excluded, the leading space of a continuation line included.
    /// Null takes the dialect's (<see cref="LdifdeFoldWidth"/>, <see cref="LdapsearchFoldWidth"/>, <see cref="Rfc2849FoldWidth"/>);
    /// 0 never folds (<c>ldapsearch -o ldif-wrap=no</c>). Otherwise at least 2.
    /// </summary>
    public int? FoldWidth { get; init; }

    /// <summary>The output encoding (default UTF-8 without BOM).</summary>
    public LdifTextEncoding Encoding { get; init; } = LdifTextEncoding.Utf8;

    /// <summary>Size of the output buffer in bytes (default 256 KiB; at least 4 KiB are used).</summary>
    public int BufferSize { get; init; } = 256 * 1024;

    /// <summary>
    /// ldifde's physical line width. Microsoft does not document it and no public ldifde sample was found to
    /// measure, so 78 is used: the "usual convention" for LDIF (Red Hat Directory Server guide, "Continuing Lines
    /// in LDIF") and the same width that OpenLDAP's tools produce.
    /// </summary>
    public const int LdifdeFoldWidth = 78;

    /// <summary>
    /// OpenLDAP ldapsearch's physical line width: measured on ldapsearch 2.5.13 (Debian 12) output, whose longest
    /// lines are 78 bytes (first line and continuations alike), although its constant is named LDIF_LINE_WIDTH = 76.
    /// </summary>
    public const int LdapsearchFoldWidth = 78;

    /// <summary>Plain RFC 2849 width: the RFC sets none; 76 is the classic LINE_WIDTH of the UMich-derived LDIF libraries.</summary>
    public const int Rfc2849FoldWidth = 76;

    /// <summary>The line ending in effect.</summary>
    public LdifLineEnding EffectiveLineEnding => LineEnding ?? (Dialect == LdifDialect.Ldifde ? LdifLineEnding.CrLf : LdifLineEnding.Lf);

    /// <summary>The fold width in effect (0: no folding).</summary>
    public int EffectiveFoldWidth => FoldWidth ?? Dialect switch
    {
        LdifDialect.Ldifde => LdifdeFoldWidth,
        LdifDialect.Ldapsearch => LdapsearchFoldWidth,
        _ => Rfc2849FoldWidth,
    };

    /// <summary>Options for a dialect with its defaults.</summary>
    public static LdifWriterOptions For(LdifDialect dialect) => new() { Dialect = dialect };
}
