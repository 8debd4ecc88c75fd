using System.Globalization;

namespace RusSnapshot.Dumps.Ldif;

/// <summary>
/// Streaming RFC 2849 reader for the LDIF that <c>ldifde</c>, <c>ldapsearch</c> (any <c>-L</c> level) and the
/// collector write. Works on UTF-8 bytes in one pooled, growable buffer.
/// </summary>
/// <remarks>
/// <para>Each record is located first (line ends found with vectorised searches, offsets kept in two arrays), then
/// parsed from those offsets: no byte is scanned twice for line ends, no string is made, folded values are joined
/// only when asked for, and base64 is validated in place and decoded only on access.</para>
/// <para>Choices where peers disagree (see docs/ldif-conformance.md): trailing spaces are kept and warned about;
/// a TAB at the start of a line is an error, not a fold; a lone CR is an error; <c>attr::</c> with nothing is an
/// empty value; a record with only a <c>dn:</c> is an entry with no attributes (warning); <c>version: 1</c> may
/// appear again between records (paged ldapsearch prints it once per page); URL values are never followed; a modify
/// operation line whose '-' is missing opens a new group (warning); control lines are validated and kept apart from
/// the attributes (<see cref="DumpRecord.ControlAt"/>).</para>
/// <para>The class is split by concern: this file (the reader's surface and end-of-input checks),
/// <c>.Regions</c> (finding a record's lines in the buffer; oversized records), <c>.Records</c> (the record state
/// machine), <c>.Lines</c> (one logical line into description and value), <c>.Controls</c>, <c>.Ldapsearch</c>
/// (comments and result lines) and <c>.Utf8</c> (locating bad bytes). The lexical rules are <see cref="LdifSyntax"/>.</para>
/// </remarks>
public sealed partial class LdifReader : BufferedDumpReader
{
    // What the input has shown so far: decides the dialect and which cut-off checks apply.
    private bool _seenRecord;
    private bool _sawChangeAdd;
    private bool _sawContentRecord;
    private bool _sawLdapsearch;
    private bool _sawLdapsearchHeader;
    private bool _sawSearchEnd;
    private bool _sawCollector;

    /// <summary>Reads LDIF from a UTF-8 stream (transcode other encodings first; see <c>DumpOpener</c>).</summary>
    public LdifReader(Stream utf8, string sourceName, DumpReaderOptions? options = null, bool leaveOpen = false)
        : base(utf8, sourceName, options, leaveOpen)
    {
    }

    /// <inheritdoc/>
    public override DumpFormat Format => DumpFormat.Ldif;

    /// <inheritdoc/>
    public override DumpDialect Dialect =>
        _sawCollector ? DumpDialect.Collector
        : _sawLdapsearch ? DumpDialect.Ldapsearch
        : _sawChangeAdd ? DumpDialect.Ldifde
        : _sawContentRecord ? DumpDialect.Rfc2849
        : DumpDialect.Unknown;

    /// <summary>Whether a missing final line break means a cut-off dump: ldifde and the collector always end with one.</summary>
    private bool EndsWithLineBreak => _sawChangeAdd || _sawCollector;

    /// <summary>
    /// False for every chunk of a file read in parts (<see cref="Input.ChunkedRead"/>) but the last: the end of such a
    /// chunk is not the end of the input, so the end-of-input checks (an unfinished ldapsearch search) are left to the last.
    /// </summary>
    internal bool IsLastChunk { get; set; } = true;

    /// <summary>What the input has shown so far: all the state that carries from one record to the next.</summary>
    internal LdifDialectState DialectState =>
        new(_seenRecord, _sawChangeAdd, _sawContentRecord, _sawLdapsearch, _sawLdapsearchHeader, _sawSearchEnd, _sawCollector);

    /// <summary>
    /// Makes this reader go on where another one stopped: its input starts on line <paramref name="firstLine"/> of the
    /// file, at a record boundary, after records that left <paramref name="state"/>. Call before the first <see cref="BufferedDumpReader.Read"/>.
    /// </summary>
    internal void ContinueFrom(long firstLine, LdifDialectState state)
    {
        _line = firstLine;
        (_seenRecord, _sawChangeAdd, _sawContentRecord, _sawLdapsearch, _sawLdapsearchHeader, _sawSearchEnd, _sawCollector) = state;
    }

    private protected override bool ParseNext()
    {
        if (!ReadRecord())
        {
            Finish();
            return false;
        }

        Count(_record.Kind);
        return true;
    }

    private void Count(DumpRecordKind kind)
    {
        switch (kind)
        {
            case DumpRecordKind.Entry: _stats.Entries++; break;
            case DumpRecordKind.SearchResult: _stats.SearchResults++; break;
            case DumpRecordKind.SearchReference: _stats.SearchReferences++; break;
            default: _stats.ChangeRecords++; break;
        }
    }

    private void Finish()
    {
        _stats.Lines = _line - 1; // blank lines after the last record count too
        if (IsLastChunk && _sawLdapsearchHeader && !_sawSearchEnd)
        {
            _stats.SearchUnfinished = true;
            _sink.Report(DiagnosticCodes.LdifSearchUnfinished, _line, _line,
                "ldapsearch output ends without its search result trailer: the search did not finish or the file was cut off");
        }
    }

    private static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);

}

/// <summary>The dump-wide flags of an <see cref="LdifReader"/>: everything a record's parsing depends on besides the record itself.</summary>
internal readonly record struct LdifDialectState(
    bool SeenRecord, bool SawChangeAdd, bool SawContentRecord, bool SawLdapsearch, bool SawLdapsearchHeader, bool SawSearchEnd, bool SawCollector);
