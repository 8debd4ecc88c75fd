namespace RusSnapshot.Dumps;

/// <summary>
/// Every diagnostic code the dump library emits, with what it means and what it does to the reading. Codes are stable:
/// reports, tests and rules name them. <c>docs/diagnostics.md</c> is generated from this list (<c>russnap rules --write-docs .</c>).
/// </summary>
public static class DiagnosticCodes
{
    // ---------------------------------------------------------------- AD Explorer snapshots (.dat)

    /// <summary>ADX-ATTRIBUTE-COUNT: The header's count of attribute entries differs from the entries the object records hold (the objects are read as they are).</summary>
    public static readonly DiagnosticCode AdxAttributeCount = new("ADX-ATTRIBUTE-COUNT", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "The header's count of attribute entries differs from the entries the object records hold (the objects are read as they are).");

    /// <summary>ADX-DN-STRING: An attribute of type 28 (DN-String, syntax 2.5.5.14), whose layout no public source settles: its values are not read (RUS analysis needs none of them).</summary>
    public static readonly DiagnosticCode AdxDnString = new("ADX-DN-STRING", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "An attribute of type 28 (DN-String, syntax 2.5.5.14), whose layout no public source settles: its values are not read (RUS analysis needs none of them).");

    /// <summary>ADX-EXTRA-RECORD: A record after the objects the header counts holds more than a DN, so it is not a placeholder for an uncaptured parent: it is not read.</summary>
    public static readonly DiagnosticCode AdxExtraRecord = new("ADX-EXTRA-RECORD", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A record after the objects the header counts holds more than a DN, so it is not a placeholder for an uncaptured parent: it is not read.");

    /// <summary>ADX-HEADER: The snapshot header is not AD Explorer's (signature) or is inconsistent (object count, table offsets): nothing of the file is read.</summary>
    public static readonly DiagnosticCode AdxHeader = new("ADX-HEADER", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "The snapshot header is not AD Explorer's (signature) or is inconsistent (object count, table offsets): nothing of the file is read.");

    /// <summary>ADX-INCOMPLETE: The signature is `win-ad-XX`: AD Explorer sets the final signature last, so this capture never finished and the file is refused.</summary>
    public static readonly DiagnosticCode AdxIncomplete = new("ADX-INCOMPLETE", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "The signature is `win-ad-XX`: AD Explorer sets the final signature last, so this capture never finished and the file is refused.");

    /// <summary>ADX-MARKER: The header's format marker is not 0x00010001, the only one known: the file is read as that version.</summary>
    public static readonly DiagnosticCode AdxMarker = new("ADX-MARKER", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "The header's format marker is not 0x00010001, the only one known: the file is read as that version.");

    /// <summary>ADX-NO-DN: An object record whose first entry is not a single non-empty `distinguishedName`: the object has no name and is not read.</summary>
    public static readonly DiagnosticCode AdxNoDn = new("ADX-NO-DN", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "An object record whose first entry is not a single non-empty `distinguishedName`: the object has no name and is not read.");

    /// <summary>ADX-OBJECT-COUNT: The object area ends before the number of objects the header counts: the file is incomplete.</summary>
    public static readonly DiagnosticCode AdxObjectCount = new("ADX-OBJECT-COUNT", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "The object area ends before the number of objects the header counts: the file is incomplete.");

    /// <summary>ADX-PROPERTY-TABLE: The property table (attribute names and types) is malformed or lacks `distinguishedName`: no object can be decoded.</summary>
    public static readonly DiagnosticCode AdxPropertyTable = new("ADX-PROPERTY-TABLE", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "The property table (attribute names and types) is malformed or lacks `distinguishedName`: no object can be decoded.");

    /// <summary>ADX-RECORD-SIZE: An object record's size is too small or runs past the object area: where the next record starts is unknown, so the rest is not read.</summary>
    public static readonly DiagnosticCode AdxRecordSize = new("ADX-RECORD-SIZE", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "An object record's size is too small or runs past the object area: where the next record starts is unknown, so the rest is not read.");

    /// <summary>ADX-SPOOL-LIMIT: A snapshot inside a `.gz` or `.zip` (or a pipe) is larger than the temporary copy it needs for random access may be: extract it and give the `.dat` itself.</summary>
    public static readonly DiagnosticCode AdxSpoolLimit = new("ADX-SPOOL-LIMIT", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "A snapshot inside a `.gz` or `.zip` (or a pipe) is larger than the temporary copy it needs for random access may be: extract it and give the `.dat` itself.");

    /// <summary>ADX-STRING: A string value without its terminating NUL inside the object area, or not valid UTF-16: the object is not read.</summary>
    public static readonly DiagnosticCode AdxString = new("ADX-STRING", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A string value without its terminating NUL inside the object area, or not valid UTF-16: the object is not read.");

    /// <summary>ADX-TABLE: An object record's attribute table does not fit in the record, or names an attribute outside the property table: the object is not read.</summary>
    public static readonly DiagnosticCode AdxTable = new("ADX-TABLE", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "An object record's attribute table does not fit in the record, or names an attribute outside the property table: the object is not read.");

    /// <summary>ADX-TREE: The tree index (which AD Explorer needs to open the file) is malformed or does not visit every object record: the file is corrupt.</summary>
    public static readonly DiagnosticCode AdxTree = new("ADX-TREE", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "The tree index (which AD Explorer needs to open the file) is malformed or does not visit every object record: the file is corrupt.");

    /// <summary>ADX-TRUNCATED: The file ends inside the header, the object area, a table or the tree index: the snapshot was cut off.</summary>
    public static readonly DiagnosticCode AdxTruncated = new("ADX-TRUNCATED", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "The file ends inside the header, the object area, a table or the tree index: the snapshot was cut off.");

    /// <summary>ADX-VALUE-OFFSET: A value block, string or byte string of an object lies outside the object area: the object is not read.</summary>
    public static readonly DiagnosticCode AdxValueOffset = new("ADX-VALUE-OFFSET", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A value block, string or byte string of an object lies outside the object area: the object is not read.");

    /// <summary>ADX-VALUE-TOO-LARGE: A value over the value size limit, or an object whose values together exceed the record size limit: the object is not read.</summary>
    public static readonly DiagnosticCode AdxValueTooLarge = new("ADX-VALUE-TOO-LARGE", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A value over the value size limit, or an object whose values together exceed the record size limit: the object is not read.");

    /// <summary>ADX-VALUE-TYPE: An attribute whose value type (adsType) is none of those AD Explorer writes: its values are not read.</summary>
    public static readonly DiagnosticCode AdxValueType = new("ADX-VALUE-TYPE", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "An attribute whose value type (adsType) is none of those AD Explorer writes: its values are not read.");

    // ---------------------------------------------------------------- LDIF reader

    /// <summary>LDIF-ADD-EMPTY: A `changetype: add` record has no attribute (RFC 2849 requires one; in an ldifde dump the record was cut off).</summary>
    public static readonly DiagnosticCode LdifAddEmpty = new("LDIF-ADD-EMPTY", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A `changetype: add` record has no attribute (RFC 2849 requires one; in an ldifde dump the record was cut off).");

    /// <summary>LDIF-BAD-NAME: An attribute description holds a character other than letters, digits, `-`, `.` and `;` options.</summary>
    public static readonly DiagnosticCode LdifBadName = new("LDIF-BAD-NAME", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "An attribute description holds a character other than letters, digits, `-`, `.` and `;` options.");

    /// <summary>LDIF-BASE64: A value after `::` (or a control's base64 value) is not strict base64: wrong character, bad padding, or cut off.</summary>
    public static readonly DiagnosticCode LdifBase64 = new("LDIF-BASE64", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A value after `::` (or a control's base64 value) is not strict base64: wrong character, bad padding, or cut off.");

    /// <summary>LDIF-CHANGETYPE: A `changetype:` other than add, delete, modify, modrdn or moddn.</summary>
    public static readonly DiagnosticCode LdifChangetype = new("LDIF-CHANGETYPE", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A `changetype:` other than add, delete, modify, modrdn or moddn.");

    /// <summary>LDIF-CONTROL: A `control:` line that is not `control: &lt;numeric OID&gt; [true|false] [value]`.</summary>
    public static readonly DiagnosticCode LdifControl = new("LDIF-CONTROL", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A `control:` line that is not `control: <numeric OID> [true|false] [value]`.");

    /// <summary>LDIF-CONTROL-NO-CHANGETYPE: `control:` lines in a record that is not a change record (no `changetype:` follows them).</summary>
    public static readonly DiagnosticCode LdifControlNoChangetype = new("LDIF-CONTROL-NO-CHANGETYPE", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "`control:` lines in a record that is not a change record (no `changetype:` follows them).");

    /// <summary>LDIF-DELETE-WITH-ATTRIBUTES: A `changetype: delete` record has further lines.</summary>
    public static readonly DiagnosticCode LdifDeleteWithAttributes = new("LDIF-DELETE-WITH-ATTRIBUTES", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A `changetype: delete` record has further lines.");

    /// <summary>LDIF-DELETEOLDRDN: `deleteoldrdn:` is neither 0 nor 1.</summary>
    public static readonly DiagnosticCode LdifDeleteoldrdn = new("LDIF-DELETEOLDRDN", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "`deleteoldrdn:` is neither 0 nor 1.");

    /// <summary>LDIF-DN-IN-RECORD: A second `dn:` line inside a record: the blank line between two records is missing.</summary>
    public static readonly DiagnosticCode LdifDnInRecord = new("LDIF-DN-IN-RECORD", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A second `dn:` line inside a record: the blank line between two records is missing.");

    /// <summary>LDIF-DN-ONLY: A record with a `dn:` line and no attributes, read as an entry with no attributes (what ldapsearch writes for `1.1`).</summary>
    public static readonly DiagnosticCode LdifDnOnly = new("LDIF-DN-ONLY", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "A record with a `dn:` line and no attributes, read as an entry with no attributes (what ldapsearch writes for `1.1`).");

    /// <summary>LDIF-DN-ONLY-TRUNCATED: A record with only a `dn:` line in an ldifde dump, which always writes changetype and attributes: the record was cut off.</summary>
    public static readonly DiagnosticCode LdifDnOnlyTruncated = new("LDIF-DN-ONLY-TRUNCATED", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A record with only a `dn:` line in an ldifde dump, which always writes changetype and attributes: the record was cut off.");

    /// <summary>LDIF-DN-OPTIONS: `dn` written with options (`dn;x:`).</summary>
    public static readonly DiagnosticCode LdifDnOptions = new("LDIF-DN-OPTIONS", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "`dn` written with options (`dn;x:`).");

    /// <summary>LDIF-DN-URL: A DN given as a URL reference (`dn:&lt;`).</summary>
    public static readonly DiagnosticCode LdifDnUrl = new("LDIF-DN-URL", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A DN given as a URL reference (`dn:<`).");

    /// <summary>LDIF-DN-UTF8: A base64 DN (`dn::`) that does not decode to valid UTF-8.</summary>
    public static readonly DiagnosticCode LdifDnUtf8 = new("LDIF-DN-UTF8", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A base64 DN (`dn::`) that does not decode to valid UTF-8.");

    /// <summary>LDIF-EMPTY-NAME: An attribute line starting with `:` or `;`: the attribute type is empty.</summary>
    public static readonly DiagnosticCode LdifEmptyName = new("LDIF-EMPTY-NAME", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "An attribute line starting with `:` or `;`: the attribute type is empty.");

    /// <summary>LDIF-FOLD-AT-START: A continuation line (starting with a space) where a record's first line was expected.</summary>
    public static readonly DiagnosticCode LdifFoldAtStart = new("LDIF-FOLD-AT-START", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A continuation line (starting with a space) where a record's first line was expected.");

    /// <summary>LDIF-LINE-TOO-LONG: A single line longer than the record size limit: this is not LDIF (or is `/dev/zero`), so the rest of the input is not read.</summary>
    public static readonly DiagnosticCode LdifLineTooLong = new("LDIF-LINE-TOO-LONG", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "A single line longer than the record size limit: this is not LDIF (or is `/dev/zero`), so the rest of the input is not read.");

    /// <summary>LDIF-LONE-CR: A carriage return without a line feed: LDIF lines end with LF or CRLF.</summary>
    public static readonly DiagnosticCode LdifLoneCr = new("LDIF-LONE-CR", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A carriage return without a line feed: LDIF lines end with LF or CRLF.");

    /// <summary>LDIF-MODDN: A modrdn record with a line other than `newrdn:`, `deleteoldrdn:`, `newsuperior:`, or without `newrdn:` and `deleteoldrdn:`.</summary>
    public static readonly DiagnosticCode LdifModdn = new("LDIF-MODDN", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A modrdn record with a line other than `newrdn:`, `deleteoldrdn:`, `newsuperior:`, or without `newrdn:` and `deleteoldrdn:`.");

    /// <summary>LDIF-MODIFY-MISMATCH: A value line in a modify group names another attribute than the group's operation line.</summary>
    public static readonly DiagnosticCode LdifModifyMismatch = new("LDIF-MODIFY-MISMATCH", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A value line in a modify group names another attribute than the group's operation line.");

    /// <summary>LDIF-MODIFY-NO-DASH: The `-` that closes a modify group is missing before the next operation line; the line opens a new group.</summary>
    public static readonly DiagnosticCode LdifModifyNoDash = new("LDIF-MODIFY-NO-DASH", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "The `-` that closes a modify group is missing before the next operation line; the line opens a new group.");

    /// <summary>LDIF-MODIFY-OP: A modify record line that is not `add:`, `delete:`, `replace:` or `increment:` with an attribute name.</summary>
    public static readonly DiagnosticCode LdifModifyOp = new("LDIF-MODIFY-OP", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A modify record line that is not `add:`, `delete:`, `replace:` or `increment:` with an attribute name.");

    /// <summary>LDIF-NAME-UNDERSCORE: An attribute name holds `_`, which RFC 2849 does not allow (accepted).</summary>
    public static readonly DiagnosticCode LdifNameUnderscore = new("LDIF-NAME-UNDERSCORE", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "An attribute name holds `_`, which RFC 2849 does not allow (accepted).");

    /// <summary>LDIF-NO-COLON: An attribute line without `:`.</summary>
    public static readonly DiagnosticCode LdifNoColon = new("LDIF-NO-COLON", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "An attribute line without `:`.");

    /// <summary>LDIF-NO-DN: A record whose first line is not `dn:` (or `version:` at the start of the file).</summary>
    public static readonly DiagnosticCode LdifNoDn = new("LDIF-NO-DN", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A record whose first line is not `dn:` (or `version:` at the start of the file).");

    /// <summary>LDIF-NO-FINAL-NEWLINE: The input ends without a line break after its last record (accepted; check that the file is complete).</summary>
    public static readonly DiagnosticCode LdifNoFinalNewline = new("LDIF-NO-FINAL-NEWLINE", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "The input ends without a line break after its last record (accepted; check that the file is complete).");

    /// <summary>LDIF-RECORD-TOO-LARGE: A record over the record size or line limit: it is skipped, without being buffered, up to the blank line that ends it.</summary>
    public static readonly DiagnosticCode LdifRecordTooLarge = new("LDIF-RECORD-TOO-LARGE", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A record over the record size or line limit: it is skipped, without being buffered, up to the blank line that ends it.");

    /// <summary>LDIF-SEARCH-FAILED: ldapsearch printed a result other than 0 Success: the search it ran did not return everything.</summary>
    public static readonly DiagnosticCode LdifSearchFailed = new("LDIF-SEARCH-FAILED", DiagnosticSeverity.Error, DiagnosticEffect.DumpIncomplete,
        "ldapsearch printed a result other than 0 Success: the search it ran did not return everything.");

    /// <summary>LDIF-SEARCH-NO-RESULT: An ldapsearch `search:` record without its `result:` line: whether the search succeeded is unknown.</summary>
    public static readonly DiagnosticCode LdifSearchNoResult = new("LDIF-SEARCH-NO-RESULT", DiagnosticSeverity.Error, DiagnosticEffect.DumpIncomplete,
        "An ldapsearch `search:` record without its `result:` line: whether the search succeeded is unknown.");

    /// <summary>LDIF-SEARCH-RESULT: An ldapsearch `result:` line without a numeric result code: whether the search succeeded is unknown.</summary>
    public static readonly DiagnosticCode LdifSearchResult = new("LDIF-SEARCH-RESULT", DiagnosticSeverity.Error, DiagnosticEffect.DumpIncomplete,
        "An ldapsearch `result:` line without a numeric result code: whether the search succeeded is unknown.");

    /// <summary>LDIF-SEARCH-UNFINISHED: ldapsearch output ends without its search result trailer: the search did not finish or the file was cut off.</summary>
    public static readonly DiagnosticCode LdifSearchUnfinished = new("LDIF-SEARCH-UNFINISHED", DiagnosticSeverity.Error, DiagnosticEffect.DumpIncomplete,
        "ldapsearch output ends without its search result trailer: the search did not finish or the file was cut off.");

    /// <summary>LDIF-TAB-FOLD: A line starting with a TAB: RFC 2849 continues lines with one space only.</summary>
    public static readonly DiagnosticCode LdifTabFold = new("LDIF-TAB-FOLD", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A line starting with a TAB: RFC 2849 continues lines with one space only.");

    /// <summary>LDIF-TRAILING-SPACE: A plain value ends with a space (kept; RFC 2849 says such values should be base64).</summary>
    public static readonly DiagnosticCode LdifTrailingSpace = new("LDIF-TRAILING-SPACE", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "A plain value ends with a space (kept; RFC 2849 says such values should be base64).");

    /// <summary>LDIF-TRUNCATED: The input ends in the middle of a line of an ldifde or collector dump, which always end with a line break: the dump was cut off.</summary>
    public static readonly DiagnosticCode LdifTruncated = new("LDIF-TRUNCATED", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "The input ends in the middle of a line of an ldifde or collector dump, which always end with a line break: the dump was cut off.");

    /// <summary>LDIF-UNEXPECTED-DASH: A `-` line outside a modify group.</summary>
    public static readonly DiagnosticCode LdifUnexpectedDash = new("LDIF-UNEXPECTED-DASH", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A `-` line outside a modify group.");

    /// <summary>LDIF-URL-EMPTY: `:&lt;` not followed by a URL.</summary>
    public static readonly DiagnosticCode LdifUrlEmpty = new("LDIF-URL-EMPTY", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "`:<` not followed by a URL.");

    /// <summary>LDIF-URL-VALUE: A value given as a URL reference (`:&lt;`): it is never followed, and the URL itself is kept as the value.</summary>
    public static readonly DiagnosticCode LdifUrlValue = new("LDIF-URL-VALUE", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "A value given as a URL reference (`:<`): it is never followed, and the URL itself is kept as the value.");

    /// <summary>LDIF-UTF8: A record holds bytes that are not valid UTF-8 (an ANSI export read as UTF-8?).</summary>
    public static readonly DiagnosticCode LdifUtf8 = new("LDIF-UTF8", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A record holds bytes that are not valid UTF-8 (an ANSI export read as UTF-8?).");

    /// <summary>LDIF-VALUE-TOO-LARGE: A value over the value size limit.</summary>
    public static readonly DiagnosticCode LdifValueTooLarge = new("LDIF-VALUE-TOO-LARGE", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A value over the value size limit.");

    /// <summary>LDIF-VERSION: A `version:` other than 1.</summary>
    public static readonly DiagnosticCode LdifVersion = new("LDIF-VERSION", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A `version:` other than 1.");

    /// <summary>LDIF-VERSION-REPEATED: `version: 1` after the first record (paged ldapsearch, or several files joined together).</summary>
    public static readonly DiagnosticCode LdifVersionRepeated = new("LDIF-VERSION-REPEATED", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "`version: 1` after the first record (paged ldapsearch, or several files joined together).");

    // ---------------------------------------------------------------- csvde CSV reader

    /// <summary>CSV-EMPTY-DN: A row whose DN (first field) is empty.</summary>
    public static readonly DiagnosticCode CsvEmptyDn = new("CSV-EMPTY-DN", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A row whose DN (first field) is empty.");

    /// <summary>CSV-FIELD-COUNT: A row with another number of fields than the header (a value with an unquoted comma?).</summary>
    public static readonly DiagnosticCode CsvFieldCount = new("CSV-FIELD-COUNT", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A row with another number of fields than the header (a value with an unquoted comma?).");

    /// <summary>CSV-HEADER-DUPLICATE: The same column twice in the header.</summary>
    public static readonly DiagnosticCode CsvHeaderDuplicate = new("CSV-HEADER-DUPLICATE", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "The same column twice in the header.");

    /// <summary>CSV-HEADER-NAME: A header column that is not an attribute name: without a valid header no row can be read.</summary>
    public static readonly DiagnosticCode CsvHeaderName = new("CSV-HEADER-NAME", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "A header column that is not an attribute name: without a valid header no row can be read.");

    /// <summary>CSV-HEADER-QUOTE: A quoted name in the header not closed on its line, or text after its closing quote.</summary>
    public static readonly DiagnosticCode CsvHeaderQuote = new("CSV-HEADER-QUOTE", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "A quoted name in the header not closed on its line, or text after its closing quote.");

    /// <summary>CSV-HEADER-UTF8: The header row holds bytes that are not valid UTF-8 (an ANSI export read as UTF-8?).</summary>
    public static readonly DiagnosticCode CsvHeaderUtf8 = new("CSV-HEADER-UTF8", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "The header row holds bytes that are not valid UTF-8 (an ANSI export read as UTF-8?).");

    /// <summary>CSV-HEX: An `X'...'` binary value with an odd number of hex digits or a character that is not a hex digit.</summary>
    public static readonly DiagnosticCode CsvHex = new("CSV-HEX", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "An `X'...'` binary value with an odd number of hex digits or a character that is not a hex digit.");

    /// <summary>CSV-LONE-CR: A carriage return without a line feed outside quotes: rows end with LF or CRLF.</summary>
    public static readonly DiagnosticCode CsvLoneCr = new("CSV-LONE-CR", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A carriage return without a line feed outside quotes: rows end with LF or CRLF.");

    /// <summary>CSV-NO-DN-HEADER: The first column of the header is not `DN`: this is not a csvde export.</summary>
    public static readonly DiagnosticCode CsvNoDnHeader = new("CSV-NO-DN-HEADER", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "The first column of the header is not `DN`: this is not a csvde export.");

    /// <summary>CSV-RECORD-TOO-LARGE: A row over the record size limit, whole in the read buffer: it is skipped.</summary>
    public static readonly DiagnosticCode CsvRecordTooLarge = new("CSV-RECORD-TOO-LARGE", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A row over the record size limit, whole in the read buffer: it is skipped.");

    /// <summary>CSV-RECORD-UNBOUNDED: A row larger than the read buffer can hold: where it ends is unknown, so the rest of the file is not read.</summary>
    public static readonly DiagnosticCode CsvRecordUnbounded = new("CSV-RECORD-UNBOUNDED", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "A row larger than the read buffer can hold: where it ends is unknown, so the rest of the file is not read.");

    /// <summary>CSV-STRAY-QUOTE: A quote inside an unquoted field (kept as part of the value).</summary>
    public static readonly DiagnosticCode CsvStrayQuote = new("CSV-STRAY-QUOTE", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "A quote inside an unquoted field (kept as part of the value).");

    /// <summary>CSV-TEXT-AFTER-QUOTE: Text after the closing quote of a quoted field (a quote inside a value must be doubled).</summary>
    public static readonly DiagnosticCode CsvTextAfterQuote = new("CSV-TEXT-AFTER-QUOTE", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "Text after the closing quote of a quoted field (a quote inside a value must be doubled).");

    /// <summary>CSV-TRUNCATED: The input ends in the middle of a row, or without the line break csvde writes after every row: the file was cut off.</summary>
    public static readonly DiagnosticCode CsvTruncated = new("CSV-TRUNCATED", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "The input ends in the middle of a row, or without the line break csvde writes after every row: the file was cut off.");

    /// <summary>CSV-UNTERMINATED-QUOTE: A quoted field runs to the end of the input or past the record size limit: its closing quote is missing.</summary>
    public static readonly DiagnosticCode CsvUnterminatedQuote = new("CSV-UNTERMINATED-QUOTE", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "A quoted field runs to the end of the input or past the record size limit: its closing quote is missing.");

    /// <summary>CSV-UTF8: A row holds bytes that are not valid UTF-8 (an ANSI export read as UTF-8?).</summary>
    public static readonly DiagnosticCode CsvUtf8 = new("CSV-UTF8", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A row holds bytes that are not valid UTF-8 (an ANSI export read as UTF-8?).");

    /// <summary>CSV-VALUE-TOO-LARGE: A value over the value size limit.</summary>
    public static readonly DiagnosticCode CsvValueTooLarge = new("CSV-VALUE-TOO-LARGE", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A value over the value size limit.");

    // ---------------------------------------------------------------- Exchange setup logs (--setup-log)

    /// <summary>SETUPLOG-ENTRY-TOO-LONG: An entry of a setup log (a line and its continuation lines) over the size limit: it is skipped.</summary>
    public static readonly DiagnosticCode SetupLogEntryTooLong = new("SETUPLOG-ENTRY-TOO-LONG", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "An entry of a setup log (a line and its continuation lines) over the size limit (1,048,576 characters): it is skipped.");

    /// <summary>SETUPLOG-NO-READINESS: The setup run read holds no readiness evaluation: what setup saw of RUS is unknown.</summary>
    public static readonly DiagnosticCode SetupLogNoReadiness = new("SETUPLOG-NO-READINESS", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "The setup run read holds no readiness evaluation (`Evaluated [Rule:...]`): setup stopped before its prerequisite analysis, or the run did not check readiness; what setup saw of RUS is unknown.");

    /// <summary>SETUPLOG-NO-RUN: No line of the log starts a setup run: not an Exchange setup log, or its beginning is missing.</summary>
    public static readonly DiagnosticCode SetupLogNoRun = new("SETUPLOG-NO-RUN", DiagnosticSeverity.Error, DiagnosticEffect.DumpIncomplete,
        "No line of the log starts a setup run (`Starting Microsoft Exchange Server ... Setup`): not an Exchange setup log, or its beginning is missing.");

    /// <summary>SETUPLOG-NO-SUCH-RUN: `--setup-run N` asks for a run the log does not hold: no run is read.</summary>
    public static readonly DiagnosticCode SetupLogNoSuchRun = new("SETUPLOG-NO-SUCH-RUN", DiagnosticSeverity.Error, DiagnosticEffect.DumpIncomplete,
        "`--setup-run N` asks for a run the log does not hold: no run of it is read.");

    /// <summary>SETUPLOG-NO-ZONE: The setup run read does not state its time zone: its times are the server's local time, offset unknown.</summary>
    public static readonly DiagnosticCode SetupLogNoZone = new("SETUPLOG-NO-ZONE", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "The setup run read does not state its time zone (`Local time zone: (UTC...)`): its times are the server's local time, so which of the log and the dump is newer may be unknown.");

    /// <summary>SETUPLOG-READINESS: A readiness line whose fields are not in the documented order: the line is not read.</summary>
    public static readonly DiagnosticCode SetupLogReadiness = new("SETUPLOG-READINESS", DiagnosticSeverity.Error, DiagnosticEffect.RecordRejected,
        "A readiness line (`Evaluated [Rule|Setting:Name]`) without its fields in the documented order (`[HasException:...] [Value:\"...\"] [ParentValue:\"...\"]`): the line is not read.");

    /// <summary>SETUPLOG-TIME: A line's time prefix is not a valid `MM/dd/yyyy HH:mm:ss` date: the line is read without its time.</summary>
    public static readonly DiagnosticCode SetupLogTime = new("SETUPLOG-TIME", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "A line's time prefix is not a valid `MM/dd/yyyy HH:mm:ss` date: the line is read without its time.");

    /// <summary>SETUPLOG-TRUNCATED: The setup log ends in the middle of a line: it was cut off, and its last entry is not read.</summary>
    public static readonly DiagnosticCode SetupLogTruncated = new("SETUPLOG-TRUNCATED", DiagnosticSeverity.Error, DiagnosticEffect.DumpIncomplete,
        "The setup log ends in the middle of a line (setup ends every line with a line break): it was cut off, and its last entry is not read.");

    // ---------------------------------------------------------------- Inputs: opening, scanning, decoding, duplicates

    /// <summary>DUPLICATE-CONFLICT: The same DN read twice with different content; the first copy is used.</summary>
    public static readonly DiagnosticCode DuplicateConflict = new("DUPLICATE-CONFLICT", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "The same DN read twice with different content; the first copy is used.");

    /// <summary>ENCODING-ASSUMED-ANSI: The input was read as the ANSI code page: some bytes are not UTF-8 and few UTF-8 sequences were seen (use `--encoding` if wrong).</summary>
    public static readonly DiagnosticCode EncodingAssumedAnsi = new("ENCODING-ASSUMED-ANSI", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "The input was read as the ANSI code page: some bytes are not UTF-8 and few UTF-8 sequences were seen (use `--encoding` if wrong).");

    /// <summary>ENCODING-INVALID-UTF8: The input was read as UTF-8 although some bytes are not UTF-8; the records holding them are reported.</summary>
    public static readonly DiagnosticCode EncodingInvalidUtf8 = new("ENCODING-INVALID-UTF8", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "The input was read as UTF-8 although some bytes are not UTF-8; the records holding them are reported.");

    /// <summary>INPUT-CORRUPT: A compressed input (.gz, .zip) is corrupt: the rest of it is not read.</summary>
    public static readonly DiagnosticCode InputCorrupt = new("INPUT-CORRUPT", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "A compressed input (.gz, .zip) is corrupt: the rest of it is not read.");

    /// <summary>INPUT-IO: The input could not be read to its end (an I/O error): the rest of it is not read.</summary>
    public static readonly DiagnosticCode InputIo = new("INPUT-IO", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "The input could not be read to its end (an I/O error): the rest of it is not read.");

    /// <summary>INPUT-MANIFEST-INVALID: The collector's manifest beside a dump cannot be read: what the collection missed is unknown.</summary>
    public static readonly DiagnosticCode InputManifestInvalid = new("INPUT-MANIFEST-INVALID", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "The collector's manifest beside a dump (`FILE.manifest.json`) cannot be read: what the collection missed is unknown.");

    /// <summary>INPUT-OPEN: The input cannot be opened or its format recognised: none of it is read.</summary>
    public static readonly DiagnosticCode InputOpen = new("INPUT-OPEN", DiagnosticSeverity.Error, DiagnosticEffect.ReadingStopped,
        "The input cannot be opened or its format recognised: none of it is read.");

    /// <summary>SCAN-LINK-DUPLICATE: In a scanned folder, a link to a file already listed is not read twice.</summary>
    public static readonly DiagnosticCode ScanLinkDuplicate = new("SCAN-LINK-DUPLICATE", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "In a scanned folder, a link to a file already listed is not read twice.");

    /// <summary>SCAN-LINK-FOLDER: In a scanned folder, a link to a folder is not followed (it could lead back into the scan).</summary>
    public static readonly DiagnosticCode ScanLinkFolder = new("SCAN-LINK-FOLDER", DiagnosticSeverity.Warning, DiagnosticEffect.Noted,
        "In a scanned folder, a link to a folder is not followed (it could lead back into the scan).");

    /// <summary>Every code, ordered by <see cref="DiagnosticCode.Id"/>.</summary>
    public static IReadOnlyList<DiagnosticCode> All { get; } = typeof(DiagnosticCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticCode))
        .Select(f => (DiagnosticCode)f.GetValue(null)!)
        .OrderBy(c => c.Id, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The code with this identifier, or null.</summary>
    public static DiagnosticCode? Find(string id) => All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));
}
