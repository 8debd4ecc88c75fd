using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

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
/// </remarks>
public sealed class LdifReader : IDumpReader
{
    private const byte LF = (byte)'\n';
    private const byte CR = (byte)'\r';
    private const byte NameChar = 1;     // letter, digit, '-', '.'
    private const byte OptionSep = 2;    // ';'
    private const byte Underscore = 3;   // '_': not RFC 2849, accepted with a warning

    private static readonly byte[] NameClass = BuildNameClass();

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly DumpReaderOptions _options;
    private readonly DumpRecord _record = new();
    private readonly DumpDiagnosticSink _sink;
    private readonly DumpReadStatistics _stats;
    private readonly Func<bool> _parseNext;

    private byte[] _buf;
    private int _start;          // first byte not yet consumed
    private int _end;            // end of valid data in _buf
    private bool _eof;
    private long _line = 1;      // physical line number at _start

    // Lines of the current region (a record plus any comments), relative to the region start.
    private int[] _lineStart = new int[256];
    private int[] _lineEnd = new int[256];    // content end, line break excluded
    private int _lineCount;
    private bool _regionHasLoneCr;
    private bool _regionMissingNewline;

    private bool _seenRecord;
    private bool _sawChangeAdd;
    private bool _sawContentRecord;
    private bool _sawLdapsearch;
    private bool _sawLdapsearchHeader;
    private bool _sawSearchEnd;
    private bool _sawCollector;
    private long _underscoreWarnings;
    private long _trailingSpaceWarnings;

    /// <summary>Reads LDIF from a UTF-8 stream (transcode other encodings first; see <c>DumpInput</c>).</summary>
    public LdifReader(Stream utf8, string sourceName, DumpReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (!utf8.CanRead)
        {
            throw new ArgumentException("The stream is not readable.", nameof(utf8));
        }

        _stream = utf8;
        SourceName = sourceName;
        _options = options ?? DumpReaderOptions.Default;
        _leaveOpen = leaveOpen;
        _buf = new byte[Math.Max(16, _options.BufferSize)];
        _sink = new DumpDiagnosticSink(sourceName, _options);
        _stats = _sink.Statistics;
        _parseNext = ParseNext;
    }

    /// <inheritdoc/>
    public string SourceName { get; }

    /// <inheritdoc/>
    public DumpFormat Format => DumpFormat.Ldif;

    /// <inheritdoc/>
    public DumpDialect Dialect =>
        _sawCollector ? DumpDialect.Collector
        : _sawLdapsearch ? DumpDialect.Ldapsearch
        : _sawChangeAdd ? DumpDialect.Ldifde
        : _sawContentRecord ? DumpDialect.Rfc2849
        : DumpDialect.Unknown;

    /// <inheritdoc/>
    public DumpRecord Current => _record;

    /// <inheritdoc/>
    public DumpReadStatistics Statistics => _stats;

    /// <summary>A warning found outside the reader (the encoding decision), counted and kept like its own.</summary>
    internal void Warn(string code, long line, string message) => _sink.Report(DiagnosticSeverity.Warning, code, line, line, message);

    /// <inheritdoc/>
    public IReadOnlyList<DumpDiagnostic> Diagnostics => _sink.Diagnostics;

    /// <inheritdoc/>
    public bool Read() => _sink.Read(_parseNext);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <summary>One step of <see cref="Read"/>, which handles the errors: the next record, or the checks at the end.</summary>
    private bool ParseNext()
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
        if (_trailingSpaceWarnings > _options.MaxDiagnostics)
        {
            // Counted individually; the counter says how many were not listed.
        }

        if (_sawLdapsearchHeader && !_sawSearchEnd)
        {
            _stats.SearchUnfinished = true;
        }

        if (_sawLdapsearchHeader && !_sawSearchEnd)
        {
            _sink.Report(DiagnosticSeverity.Error, "LDIF-SEARCH-UNFINISHED", _line, _line,
                "ldapsearch output ends without its search result trailer: the search did not finish or the file was cut off");
        }
    }

    // ---------------------------------------------------------------- region location (pass 1)

    /// <summary>Reads records until one that is not just comments or a version line; false at the end of input.</summary>
    private bool ReadRecord()
    {
        while (true)
        {
            if (!LocateRegion())
            {
                return false;
            }

            var regionStartLine = _line;
            var region = _start;
            var regionEnd = _lineCount > 0 ? region + _lineEnd[_lineCount - 1] : region;
            var consumedTo = _consumedTo;

            // Consume the region (and its blank terminator) before parsing, so a bad record is skipped, not re-read.
            _start = consumedTo;
            _line = regionStartLine + _lineCount + (_regionTerminated ? 1 : 0);
            _stats.Lines = _line - 1;

            if (ParseRegion(region, regionEnd, regionStartLine))
            {
                return true;
            }
        }
    }

    private int _consumedTo;
    private bool _regionTerminated;

    /// <summary>
    /// Skips blank lines, then finds the lines of the next region (up to a blank line or the end of input),
    /// keeping it whole in the buffer. False when only blank lines were left.
    /// </summary>
    private bool LocateRegion()
    {
        _lineCount = 0;
        _regionHasLoneCr = false;
        _regionMissingNewline = false;
        _regionTerminated = false;

        // Skip blank lines between records.
        while (true)
        {
            if (_start >= _end && !Fill(_start))
            {
                return false;
            }

            var b = _buf[_start];
            if (b == LF)
            {
                _start++;
                _line++;
            }
            else if (b == CR)
            {
                if (_start + 1 >= _end && !Fill(_start))
                {
                    // A lone CR as the very last byte: treat as the end of input, but say so.
                    _sink.Report(DiagnosticSeverity.Error, "LDIF-LONE-CR", _line, _line, "carriage return without line feed at the end of the input");
                    _start = _end;
                    return false;
                }

                if (_buf[_start + 1] == LF)
                {
                    _start += 2;
                    _line++;
                }
                else
                {
                    break; // a line starting with a lone CR: the region parser reports it
                }
            }
            else
            {
                break;
            }
        }

        // Collect lines until a blank line or the end of the input.
        var p = 0; // relative to _start
        while (true)
        {
            var abs = _start + p;
            var rest = _buf.AsSpan(abs, _end - abs);
            var idx = rest.IndexOfAny(LF, CR);
            int contentEnd, next;
            var loneCr = false;
            if (idx < 0)
            {
                if (!_eof)
                {
                    _scan = p;
                    Fill(_start);
                    continue;
                }

                if (rest.IsEmpty)
                {
                    _consumedTo = _end;
                    return _lineCount > 0;
                }

                contentEnd = p + rest.Length;
                next = contentEnd;
                _regionMissingNewline = true;
            }
            else if (rest[idx] == LF)
            {
                contentEnd = p + idx;
                next = contentEnd + 1;
            }
            else
            {
                // CR: CRLF ends the line; a CR followed by anything else is a lone CR (RFC 2849 allows only CRLF / LF).
                if (idx + 1 >= rest.Length && !_eof)
                {
                    _scan = p;
                    Fill(_start);
                    continue;
                }

                contentEnd = p + idx;
                if (idx + 1 < rest.Length && rest[idx + 1] == LF)
                {
                    next = contentEnd + 2;
                }
                else
                {
                    next = contentEnd + 1;
                    loneCr = true;
                    _regionHasLoneCr = true;
                }
            }

            if (contentEnd == p && !loneCr)
            {
                // Blank line: the region ends here.
                _consumedTo = _start + next;
                _regionTerminated = true;
                return true;
            }

            AddLine(p, contentEnd);
            p = next;
            if (p > _options.MaxRecordBytes)
            {
                throw SkipOversized(_start + p, _lineCount, 0, false, TooLargeBytes());
            }

            if (next == contentEnd && _regionMissingNewline)
            {
                _consumedTo = _start + next;
                return true;
            }
        }
    }

    private void AddLine(int start, int end)
    {
        if (_lineCount >= _options.MaxRecordLines)
        {
            // This line is whole in the buffer: the skip starts after it.
            var next = _start + end < _end && _buf[_start + end] == CR ? end + 2 : end + 1;
            throw SkipOversized(_start + next, _lineCount + 1, 0, false,
                $"record has more than {_options.MaxRecordLines.ToString(CultureInfo.InvariantCulture)} lines (the record line limit)");
        }

        if (_lineCount == _lineStart.Length)
        {
            Array.Resize(ref _lineStart, _lineCount * 2);
            Array.Resize(ref _lineEnd, _lineCount * 2);
        }

        _lineStart[_lineCount] = start;
        _lineEnd[_lineCount] = end;
        _lineCount++;
    }

    private int _scan; // start of the line LocateRegion is in, relative to _start, when it asks for more input

    private string TooLargeBytes() =>
        $"record is larger than {_options.MaxRecordBytes.ToString(CultureInfo.InvariantCulture)} bytes (the record size limit)";

    /// <summary>
    /// A record over the size or line limit: drops it without buffering it, up to and including the blank line that
    /// ends it, so that reading goes on with the next record (the error rejects only this one). A single line longer
    /// than the size limit is no LDIF (or <c>/dev/zero</c>): then the rest of the input is not read, and the error
    /// says so.
    /// </summary>
    /// <param name="from">Index in the buffer where the scan starts.</param>
    /// <param name="lines">Line breaks of the record before <paramref name="from"/>.</param>
    /// <param name="lineLength">Bytes of the line in progress before <paramref name="from"/>.</param>
    /// <param name="lastCr">Whether the last of those bytes is a CR (a CRLF cut by the buffer end).</param>
    /// <param name="what">What limit was passed.</param>
    private DumpFormatException SkipOversized(int from, long lines, long lineLength, bool lastCr, string what)
    {
        var recordLine = _line;
        var cap = _options.MaxRecordBytes;
        var i = from;
        while (true)
        {
            if (i >= _end)
            {
                // Nothing of the record is kept: the buffer is reused from its start.
                _start = _end = i = 0;
                var n = _stream.Read(_buf, 0, _buf.Length);
                if (n == 0)
                {
                    _eof = true;
                    _line = recordLine + lines + (lineLength > 0 ? 1 : 0);
                    _stats.Lines = _line - 1;
                    return _sink.Error("LDIF-RECORD-TOO-LARGE", recordLine, recordLine, $"{what}: it was skipped; it runs to the end of the input");
                }

                _end = n;
                _stats.Bytes += n;
            }

            var span = _buf.AsSpan(i, _end - i);
            var lf = span.IndexOf(LF);
            if (lf < 0)
            {
                lineLength += span.Length;
                lastCr = span[^1] == CR;
                i = _end;
            }
            else
            {
                lineLength += lf;
                var cr = lf > 0 ? span[lf - 1] == CR : lastCr;
                lines++;
                i += lf + 1;
                if (lineLength == 0 || (lineLength == 1 && cr))
                {
                    _start = i;
                    _line = recordLine + lines;
                    _stats.Lines = _line - 1;
                    return _sink.Error("LDIF-RECORD-TOO-LARGE", recordLine, recordLine,
                        $"{what}: it was skipped up to the blank line that ends it (line {(_line - 1).ToString(CultureInfo.InvariantCulture)}), and reading went on after it");
                }

                lineLength = 0;
                lastCr = false;
            }

            if (lineLength > cap)
            {
                _line = recordLine + lines;
                return _sink.Fatal("LDIF-RECORD-TOO-LARGE", _line, recordLine,
                    $"{what}, and line {_line.ToString(CultureInfo.InvariantCulture)} alone is longer than that, so this is not LDIF: the rest of the input, from that line on, was not read");
            }
        }
    }

    /// <summary>Moves the data from <paramref name="keepFrom"/> to the buffer start, grows it if full, and reads more. False at end of input.</summary>
    private bool Fill(int keepFrom)
    {
        if (_eof)
        {
            return false;
        }

        var keep = _end - keepFrom;
        if (keepFrom > 0)
        {
            if (keep > 0)
            {
                Buffer.BlockCopy(_buf, keepFrom, _buf, 0, keep);
            }

            _start -= keepFrom;
            _end = keep;
        }

        if (_end == _buf.Length)
        {
            var size = (int)Math.Min((long)_buf.Length * 2, Array.MaxLength);
            // At the array size limit the buffer cannot grow: reading 0 bytes there would look like the end of the input.
            if (_buf.Length >= _options.MaxRecordBytes + 2L || _buf.Length >= Array.MaxLength)
            {
                // Only LocateRegion fills a full buffer, in the middle of the line that starts at _scan.
                throw SkipOversized(_end, _lineCount, _end - (_start + _scan), _buf[_end - 1] == CR, TooLargeBytes());
            }

            Array.Resize(ref _buf, size);
        }

        var n = _stream.Read(_buf, _end, _buf.Length - _end);
        if (n == 0)
        {
            _eof = true;
            return false;
        }

        _end += n;
        _stats.Bytes += n;
        return true;
    }

    // ---------------------------------------------------------------- region parsing (pass 2)

    /// <summary>Parses the located region into <see cref="_record"/>. False when it held no record (comments, a version line).</summary>
    private bool ParseRegion(int region, int regionEnd, long firstLine)
    {
        var buf = _buf;
        _record.Reset(buf, new DumpPosition(SourceName, firstLine, firstLine));
        _record.BufferLimit = regionEnd;

        // An ldifde dump always ends with a line break: check the cut before parsing, so that a value cut in half
        // (e.g. base64 that no longer decodes) is reported as the truncation it is, which stops reading.
        if (_regionMissingNewline && (_sawChangeAdd || _sawCollector))
        {
            throw _sink.Fatal("LDIF-TRUNCATED", firstLine + _lineCount - 1, firstLine,
                "the input ends in the middle of a line: ldifde always ends a dump with a line break, so this dump looks cut off");
        }

        if (_regionHasLoneCr)
        {
            for (var i = 0; i < _lineCount; i++)
            {
                var e = region + _lineEnd[i];
                if (e < _end && buf[e] == CR && (e + 1 >= _end || buf[e + 1] != LF))
                {
                    throw _sink.Error("LDIF-LONE-CR", firstLine + i, firstLine,
                        "carriage return without line feed: lines must end with LF or CRLF (RFC 2849)");
                }
            }
        }

        var regionSpan = buf.AsSpan(region, regionEnd - region);
        if (!Utf8.IsValid(regionSpan))
        {
            ReportInvalidUtf8(region, firstLine);
        }

        var i0 = 0;
        var recordStarted = false;
        var recordLine = firstLine;
        var kind = DumpRecordKind.Entry;
        var state = State.ExpectDn;
        string? modifyAttribute = null;
        var modifyLine = 0L;
        var hasControls = false;
        var newRdnSeen = false;
        var deleteOldRdnSeen = false;

        while (i0 < _lineCount)
        {
            var lineNo = firstLine + i0;
            var start = region + _lineStart[i0];
            var end = region + _lineEnd[i0];
            var first = buf[start];

            // Continuation lines belong to the logical line before them.
            var last = i0 + 1;
            var foldedLength = 0;
            while (last < _lineCount && buf[region + _lineStart[last]] == (byte)' ')
            {
                foldedLength += _lineEnd[last] - _lineStart[last] - 1;
                last++;
            }

            var folded = last > i0 + 1;

            if (first == (byte)'#')
            {
                NoteComment(buf.AsSpan(start, end - start), lineNo, folded ? last : -1, region);
                i0 = last;
                continue;
            }

            if (first == (byte)' ')
            {
                throw _sink.Error("LDIF-FOLD-AT-START", lineNo, recordLine,
                    "continuation line (starting with a space) where a record's first line was expected");
            }

            if (first == (byte)'\t')
            {
                throw _sink.Error("LDIF-TAB-FOLD", lineNo, recordLine,
                    "line starts with a TAB: RFC 2849 continues lines with one space only, and a TAB is not a fold");
            }

            if (!recordStarted)
            {
                recordLine = lineNo;
                _record.Position = new DumpPosition(SourceName, lineNo, lineNo);
            }

            // "-" closes a modify group.
            if (end - start == 1 && first == (byte)'-')
            {
                if (state != State.ModifyGroup)
                {
                    throw _sink.Error("LDIF-UNEXPECTED-DASH", lineNo, recordLine, "'-' outside a modify group");
                }

                state = State.ModifyOp;
                modifyAttribute = null;
                i0 = last;
                continue;
            }

            var line = ParseLine(start, end, folded, foldedLength, lineNo, recordLine, region, i0, last);
            i0 = last;

            if (state != State.ExpectDn && NameIs(in line, "dn"u8))
            {
                // Not an attribute: two records run together (a line of spaces between them is a continuation, not a
                // blank line). Reading it as an attribute named "dn" would silently swallow the second entry.
                throw _sink.Error("LDIF-DN-IN-RECORD", lineNo, recordLine,
                    "second 'dn:' line inside a record: a blank line is missing before it");
            }

            switch (state)
            {
                case State.ExpectDn:
                    if (NameIs(in line, "dn"u8))
                    {
                        recordStarted = true;
                        _seenRecord = true;
                        SetDn(in line, lineNo, recordLine);
                        state = State.AfterDn;
                        continue;
                    }

                    if (NameIs(in line, "version"u8) && !recordStarted)
                    {
                        CheckVersion(in line, lineNo);
                        continue;
                    }

                    if (NameIs(in line, "search"u8))
                    {
                        _sawLdapsearch = true;
                        _sawSearchEnd = true;
                        kind = DumpRecordKind.SearchResult;
                        recordStarted = true;
                        state = State.SearchResult;
                        AddValue(in line);
                        continue;
                    }

                    if (NameIs(in line, "ref"u8))
                    {
                        _sawLdapsearch = true;
                        kind = DumpRecordKind.SearchReference;
                        recordStarted = true;
                        state = State.SearchReference;
                        AddValue(in line);
                        continue;
                    }

                    if (NameIs(in line, "changetype"u8))
                    {
                        throw _sink.Error("LDIF-NO-DN", lineNo, recordLine, "record starts with 'changetype:' but has no 'dn:' line before it");
                    }

                    throw _sink.Error("LDIF-NO-DN", lineNo, recordLine, "the first line of a record must be 'dn:' (or 'version:' at the start of the file)");

                case State.AfterDn:
                    if (NameIs(in line, "control"u8))
                    {
                        AddControl(in line, lineNo, recordLine);
                        hasControls = true;
                        continue;
                    }

                    if (NameIs(in line, "changetype"u8))
                    {
                        kind = ParseChangeType(in line, lineNo, recordLine);
                        state = kind switch
                        {
                            DumpRecordKind.Entry => State.Attributes,
                            DumpRecordKind.Delete => State.Delete,
                            DumpRecordKind.Modify => State.ModifyOp,
                            _ => State.ModDn,
                        };
                        continue;
                    }

                    if (hasControls)
                    {
                        throw _sink.Error("LDIF-CONTROL-NO-CHANGETYPE", lineNo, recordLine, "'control:' lines are only allowed in change records (a 'changetype:' line must follow them)");
                    }

                    _sawContentRecord = true;
                    state = State.Attributes;
                    AddValue(in line);
                    continue;

                case State.Attributes:
                    AddValue(in line);
                    continue;

                case State.Delete:
                    throw _sink.Error("LDIF-DELETE-WITH-ATTRIBUTES", lineNo, recordLine, "a 'changetype: delete' record takes no further lines");

                case State.ModifyOp:
                    if (!IsModifyOp(in line))
                    {
                        throw _sink.Error("LDIF-MODIFY-OP", lineNo, recordLine, "expected 'add:', 'delete:', 'replace:' or 'increment:' in a modify record");
                    }

                    modifyAttribute = OpenModifyGroup(in line, lineNo, recordLine);
                    modifyLine = lineNo;
                    state = State.ModifyGroup;
                    continue;

                case State.ModifyGroup:
                    if (!Ascii.EqualsIgnoreCase(DescriptionOf(in line), Encoding.ASCII.GetBytes(modifyAttribute ?? string.Empty)))
                    {
                        if (IsModifyOp(in line))
                        {
                            // The '-' before the next operation is missing (OpenChange's provisioning LDIF does this).
                            // Like a missing final '-', accepted: the line can only mean a new group.
                            _sink.Report(DiagnosticSeverity.Warning, "LDIF-MODIFY-NO-DASH", lineNo, recordLine,
                                $"'-' missing before this line: it closes the modify group opened on line {modifyLine.ToString(CultureInfo.InvariantCulture)} and opens a new one");
                            modifyAttribute = OpenModifyGroup(in line, lineNo, recordLine);
                            modifyLine = lineNo;
                            continue;
                        }

                        throw _sink.Error("LDIF-MODIFY-MISMATCH", lineNo, recordLine,
                            $"value line names another attribute than the modify group opened on line {modifyLine.ToString(CultureInfo.InvariantCulture)} (a '-' line must close each group)");
                    }

                    AddValue(in line);
                    continue;

                case State.ModDn:
                    if (NameIs(in line, "newrdn"u8))
                    {
                        newRdnSeen = true;
                    }
                    else if (NameIs(in line, "deleteoldrdn"u8))
                    {
                        var v = ValueTextOf(in line);
                        if (!(v.SequenceEqual("0"u8) || v.SequenceEqual("1"u8)))
                        {
                            throw _sink.Error("LDIF-DELETEOLDRDN", lineNo, recordLine, "'deleteoldrdn:' must be 0 or 1");
                        }

                        deleteOldRdnSeen = true;
                    }
                    else if (!NameIs(in line, "newsuperior"u8))
                    {
                        throw _sink.Error("LDIF-MODDN", lineNo, recordLine, "expected 'newrdn:', 'deleteoldrdn:' or 'newsuperior:' in a modrdn record");
                    }

                    AddValue(in line);
                    continue;

                case State.SearchResult:
                    AddValue(in line);
                    continue;

                case State.SearchReference:
                    AddValue(in line);
                    continue;
            }
        }

        if (!recordStarted)
        {
            return false;
        }

        if (_regionMissingNewline && (_sawChangeAdd || _sawCollector))
        {
            throw _sink.Fatal("LDIF-TRUNCATED", firstLine + _lineCount - 1, recordLine,
                "the input ends in the middle of a line: ldifde always ends a dump with a line break, so this dump looks cut off");
        }

        if (_regionMissingNewline)
        {
            _sink.Report(DiagnosticSeverity.Warning, "LDIF-NO-FINAL-NEWLINE", firstLine + _lineCount - 1, recordLine,
                "no line break at the end of the input (accepted, but check that the file is complete)");
        }

        if (state == State.Attributes && kind == DumpRecordKind.Entry && _record.IsChangeAdd && _record.Count == 0)
        {
            // RFC 2849 requires at least one attribute in an add record; from ldifde it means the dump was cut after "changetype: add".
            throw _sink.Error("LDIF-ADD-EMPTY", recordLine, recordLine, "a 'changetype: add' record without any attribute (RFC 2849 requires one; the dump may be cut off)");
        }

        if (state == State.ModDn && !(newRdnSeen && deleteOldRdnSeen))
        {
            throw _sink.Error("LDIF-MODDN", recordLine, recordLine, "a modrdn record needs 'newrdn:' and 'deleteoldrdn:' lines");
        }

        if (state == State.AfterDn)
        {
            if (hasControls)
            {
                throw _sink.Error("LDIF-CONTROL-NO-CHANGETYPE", recordLine, recordLine, "'control:' lines are only allowed in change records");
            }

            if (_sawChangeAdd || _sawCollector)
            {
                // ldifde writes "changetype: add" and attributes after every dn: line; a bare dn: is a record cut off.
                throw _sink.Error("LDIF-DN-ONLY", recordLine, recordLine, "a record with only a 'dn:' line in an ldifde dump (ldifde always writes changetype and attributes): the dump looks cut off");
            }

            _sawContentRecord = true;
            _sink.Report(DiagnosticSeverity.Warning, "LDIF-DN-ONLY", recordLine, recordLine,
                "record has a 'dn:' line and no attributes (read as an entry with no attributes, as ldapsearch writes for '1.1')");
        }

        if (kind == DumpRecordKind.SearchResult)
        {
            NoteSearchResult(recordLine);
        }

        _record.Kind = kind;
        return true;
    }

    private enum State
    {
        ExpectDn,
        AfterDn,
        Attributes,
        Delete,
        ModifyOp,
        ModifyGroup,
        ModDn,
        SearchResult,
        SearchReference,
    }

    /// <summary>A parsed logical line: where its description and value are (record buffer or arena).</summary>
    private readonly record struct LineParts(
        byte NameSource, int NameStart, int NameLength, int DescriptionLength,
        byte ValueSource, int ValueStart, int ValueLength, ValueEncoding Encoding, bool Folded, long Line);

    private bool NameIs(in LineParts line, ReadOnlySpan<byte> lowerName) =>
        line.NameLength == lowerName.Length
        && Ascii.EqualsIgnoreCase(_record.Source(line.NameSource).AsSpan(line.NameStart, line.NameLength), lowerName);

    private ReadOnlySpan<byte> DescriptionOf(in LineParts line) =>
        _record.Source(line.NameSource).AsSpan(line.NameStart, line.DescriptionLength);

    /// <summary>The value of a logical line, folds joined (into the arena when folded). Not base64-decoded.</summary>
    private ReadOnlySpan<byte> ValueTextOf(in LineParts line)
    {
        if (!line.Folded)
        {
            return _record.Source(line.ValueSource).AsSpan(line.ValueStart, line.ValueLength);
        }

        var (at, length) = UnfoldToArena(line.ValueStart, line.ValueLength);
        return _record.Arena.AsSpan(at, length);
    }

    private (int At, int Length) UnfoldToArena(int start, int firstLength)
    {
        var limited = _buf.AsSpan(0, _record.BufferLimit);
        var length = DumpRecord.UnfoldedLength(limited, start, firstLength);
        var at = _record.ArenaAlloc(length);
        DumpRecord.Unfold(limited, start, firstLength, _record.Arena.AsSpan(at, length));
        return (at, length);
    }

    /// <summary>Splits a logical line into description and value, validating both.</summary>
    private LineParts ParseLine(int start, int end, bool folded, int foldedLength, long lineNo, long recordLine, int region, int firstIndex, int lastIndex)
    {
        var buf = _buf;
        var source = DumpRecord.SourceBuffer;

        // The description, up to ':' (attribute type, then ";option"s).
        var p = start;
        var nameLength = -1;
        var sawUnderscore = false;
        while (p < end)
        {
            var c = NameClass[buf[p]];
            if (c == NameChar)
            {
                p++;
                continue;
            }

            if (c == OptionSep)
            {
                if (nameLength < 0)
                {
                    nameLength = p - start;
                }

                p++;
                continue;
            }

            if (c == Underscore)
            {
                sawUnderscore = true;
                p++;
                continue;
            }

            break;
        }

        if (p == end && folded)
        {
            // The description itself is folded (legal, and seen in peers' tests): join the logical line into the arena.
            return ParseFoldedDescription(start, end, lineNo, recordLine, region, firstIndex, lastIndex);
        }

        if (p == end || buf[p] != (byte)':')
        {
            throw p == end || buf.AsSpan(p, end - p).IndexOf((byte)':') < 0
                ? _sink.Error("LDIF-NO-COLON", lineNo, recordLine, "attribute line without ':' (expected 'name: value', 'name:: base64' or 'name:< URL')")
                : _sink.Error("LDIF-BAD-NAME", lineNo, recordLine, $"character '{Printable(buf[p])}' is not allowed in an attribute description (letters, digits, '-', ';' options, OIDs)");
        }

        var descriptionLength = p - start;
        if (descriptionLength == 0)
        {
            throw _sink.Error("LDIF-EMPTY-NAME", lineNo, recordLine, "attribute line starts with ':': the attribute name is empty");
        }

        if (nameLength < 0)
        {
            nameLength = descriptionLength;
        }

        if (nameLength == 0)
        {
            throw _sink.Error("LDIF-EMPTY-NAME", lineNo, recordLine, "attribute description starts with ';': the attribute type is empty");
        }

        p++; // past ':'
        var encoding = ValueEncoding.Plain;
        if (p < end && buf[p] == (byte)':')
        {
            encoding = ValueEncoding.Base64;
            p++;
        }
        else if (p < end && buf[p] == (byte)'<')
        {
            encoding = ValueEncoding.Url;
            p++;
        }

        while (p < end && buf[p] == (byte)' ')
        {
            p++; // FILL
        }

        if (p == end && folded)
        {
            // The first physical line ends inside "name:", "::", ":<" or FILL and the value is on the continuation
            // lines ("cn:" / "  value", "description:" / " : QUJD"). RFC 2849 joins the lines first, so parse the
            // joined line: a fold does not turn "::" into a plain value or a FILL space into data.
            return ParseFoldedDescription(start, end, lineNo, recordLine, region, firstIndex, lastIndex);
        }

        if (sawUnderscore)
        {
            WarnUnderscore(lineNo, recordLine);
        }

        var valueLength = end - p;
        var totalLength = valueLength + foldedLength;

        switch (encoding)
        {
            case ValueEncoding.Plain:
                if (totalLength > _options.MaxValueBytes)
                {
                    throw _sink.Error("LDIF-VALUE-TOO-LARGE", lineNo, recordLine, "value is larger than the value size limit");
                }

                if (valueLength > 0 && (buf[p] == (byte)':' || buf[p] == (byte)'<') && p == start + descriptionLength + 1)
                {
                    // Unreachable: ':' and '<' right after the colon select base64 / URL above.
                }

                var lastByte = folded ? buf[region + _lineEnd[lastIndex - 1] - 1] : (valueLength > 0 ? buf[end - 1] : (byte)0);
                if (lastByte == (byte)' ' && (folded ? _lineEnd[lastIndex - 1] - _lineStart[lastIndex - 1] > 1 : true))
                {
                    WarnTrailingSpace(lineNo, recordLine);
                }

                return new LineParts(source, start, nameLength, descriptionLength, source, p, valueLength, encoding, folded, lineNo);

            case ValueEncoding.Base64:
                {
                    if ((long)totalLength * 3 / 4 > _options.MaxValueBytes)
                    {
                        throw _sink.Error("LDIF-VALUE-TOO-LARGE", lineNo, recordLine, "base64 value is larger than the value size limit");
                    }

                    var valueStart = p;
                    var valueSource = source;
                    if (folded)
                    {
                        // Join once into the arena: validation needs whole 4-character groups, and decoding reuses it.
                        var at = _record.ArenaAlloc(totalLength);
                        DumpRecord.Unfold(buf.AsSpan(0, _record.BufferLimit), p, valueLength, _record.Arena.AsSpan(at, totalLength));
                        valueStart = at;
                        valueLength = totalLength;
                        valueSource = DumpRecord.SourceArena;
                        folded = false;
                    }

                    var text = _record.Source(valueSource).AsSpan(valueStart, valueLength);
                    if (!IsStrictBase64(text))
                    {
                        throw _sink.Error("LDIF-BASE64", lineNo, recordLine,
                            "invalid base64 after '::' (wrong character, bad padding, or a value cut off)");
                    }

                    return new LineParts(source, start, nameLength, descriptionLength, valueSource, valueStart, valueLength, encoding, folded, lineNo);
                }

            default: // URL
                if (totalLength == 0)
                {
                    throw _sink.Error("LDIF-URL-EMPTY", lineNo, recordLine, "':<' must be followed by a URL");
                }

                _sink.Report(DiagnosticSeverity.Warning, "LDIF-URL-VALUE", lineNo, recordLine,
                    "value is a URL reference (':<'); it was not followed, and the URL itself is kept as the value");
                return new LineParts(source, start, nameLength, descriptionLength, source, p, valueLength, encoding, folded, lineNo);
        }
    }

    private LineParts ParseFoldedDescription(int start, int end, long lineNo, long recordLine, int region, int firstIndex, int lastIndex)
    {
        // Copy the joined logical line into the arena and parse it there; rare, so clarity over speed.
        var length = DumpRecord.UnfoldedLength(_buf.AsSpan(0, _record.BufferLimit), start, end - start);
        var at = _record.ArenaAlloc(length);
        DumpRecord.Unfold(_buf.AsSpan(0, _record.BufferLimit), start, end - start, _record.Arena.AsSpan(at, length));
        var arena = _record.Arena;
        var line = arena.AsSpan(at, length);
        var colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            throw _sink.Error("LDIF-NO-COLON", lineNo, recordLine, "attribute line without ':' (expected 'name: value', 'name:: base64' or 'name:< URL')");
        }

        if (colon == 0)
        {
            throw _sink.Error("LDIF-EMPTY-NAME", lineNo, recordLine, "attribute line starts with ':': the attribute name is empty");
        }

        var sawUnderscore = false;
        for (var k = 0; k < colon; k++)
        {
            var c = NameClass[line[k]];
            if (c == 0)
            {
                throw _sink.Error("LDIF-BAD-NAME", lineNo, recordLine, $"character '{Printable(line[k])}' is not allowed in an attribute description");
            }

            sawUnderscore |= c == Underscore;
        }

        var semi = line[..colon].IndexOf((byte)';');
        var nameLength = semi < 0 ? colon : semi;
        if (nameLength == 0)
        {
            throw _sink.Error("LDIF-EMPTY-NAME", lineNo, recordLine, "attribute description starts with ';': the attribute type is empty");
        }

        if (sawUnderscore)
        {
            WarnUnderscore(lineNo, recordLine);
        }

        var p = colon + 1;
        var encoding = ValueEncoding.Plain;
        if (p < length && line[p] == (byte)':')
        {
            encoding = ValueEncoding.Base64;
            p++;
        }
        else if (p < length && line[p] == (byte)'<')
        {
            encoding = ValueEncoding.Url;
            p++;
        }

        while (p < length && line[p] == (byte)' ')
        {
            p++;
        }

        var value = line[p..];
        if ((encoding == ValueEncoding.Base64 ? (long)value.Length * 3 / 4 : value.Length) > _options.MaxValueBytes)
        {
            throw _sink.Error("LDIF-VALUE-TOO-LARGE", lineNo, recordLine, "value is larger than the value size limit");
        }

        if (encoding == ValueEncoding.Base64 && !IsStrictBase64(value))
        {
            throw _sink.Error("LDIF-BASE64", lineNo, recordLine, "invalid base64 after '::' (wrong character, bad padding, or a value cut off)");
        }

        if (encoding == ValueEncoding.Plain && !value.IsEmpty && value[^1] == (byte)' ')
        {
            WarnTrailingSpace(lineNo, recordLine);
        }

        if (encoding == ValueEncoding.Url)
        {
            if (value.IsEmpty)
            {
                throw _sink.Error("LDIF-URL-EMPTY", lineNo, recordLine, "':<' must be followed by a URL");
            }

            _sink.Report(DiagnosticSeverity.Warning, "LDIF-URL-VALUE", lineNo, recordLine,
                "value is a URL reference (':<'); it was not followed, and the URL itself is kept as the value");
        }

        return new LineParts(DumpRecord.SourceArena, at, nameLength, colon, DumpRecord.SourceArena, at + p, length - p, encoding, false, lineNo);
    }

    private void WarnUnderscore(long lineNo, long recordLine)
    {
        _underscoreWarnings++;
        _sink.Report(DiagnosticSeverity.Warning, "LDIF-NAME-UNDERSCORE", lineNo, recordLine,
            "attribute name contains '_', which RFC 2849 does not allow (accepted)");
    }

    private void WarnTrailingSpace(long lineNo, long recordLine)
    {
        _trailingSpaceWarnings++;
        _sink.Report(DiagnosticSeverity.Warning, "LDIF-TRAILING-SPACE", lineNo, recordLine,
            "value ends with a space (kept; RFC 2849 says such values should be base64-encoded)");
    }

    private void AddValue(in LineParts line)
    {
        ref var s = ref _record.AddSlot();
        s.NameSource = line.NameSource;
        s.NameStart = line.NameStart;
        s.NameLength = line.NameLength;
        s.DescriptionLength = line.DescriptionLength;
        s.ValueSource = line.ValueSource;
        s.ValueStart = line.ValueStart;
        s.ValueLength = line.ValueLength;
        s.Encoding = line.Encoding;
        s.Folded = line.Folded;
        s.Line = line.Line;
    }

    private void SetDn(in LineParts line, long lineNo, long recordLine)
    {
        if (line.DescriptionLength != 2)
        {
            throw _sink.Error("LDIF-DN-OPTIONS", lineNo, recordLine, "'dn' takes no options");
        }

        switch (line.Encoding)
        {
            case ValueEncoding.Url:
                throw _sink.Error("LDIF-DN-URL", lineNo, recordLine, "a DN cannot be given as a URL (':<')");
            case ValueEncoding.Plain when !line.Folded:
                _record.SetDn(line.ValueSource, line.ValueStart, line.ValueLength);
                break;
            case ValueEncoding.Plain:
                {
                    var (at, length) = UnfoldToArena(line.ValueStart, line.ValueLength);
                    _record.SetDn(DumpRecord.SourceArena, at, length);
                    break;
                }

            default:
                {
                    var text = _record.Source(line.ValueSource).AsSpan(line.ValueStart, line.ValueLength);
                    var max = Base64.GetMaxDecodedFromUtf8Length(text.Length);
                    var at = _record.ArenaAlloc(max);
                    Base64.DecodeFromUtf8(text, _record.Arena.AsSpan(at, max), out _, out var written);
                    _record.ArenaUsed = at + written;
                    var dn = _record.Arena.AsSpan(at, written);
                    if (!Utf8.IsValid(dn))
                    {
                        throw _sink.Error("LDIF-DN-UTF8", lineNo, recordLine, "the base64 DN does not decode to valid UTF-8");
                    }

                    _record.SetDn(DumpRecord.SourceArena, at, written);
                    break;
                }
        }
    }

    private bool IsModifyOp(in LineParts line) =>
        NameIs(in line, "add"u8) || NameIs(in line, "delete"u8) || NameIs(in line, "replace"u8) || NameIs(in line, "increment"u8);

    /// <summary>Records an <c>add:|delete:|replace:|increment: attr</c> line and returns the attribute the group is about.</summary>
    private string OpenModifyGroup(in LineParts line, long lineNo, long recordLine)
    {
        var attribute = ValueTextOf(in line);
        if (attribute.IsEmpty)
        {
            throw _sink.Error("LDIF-MODIFY-OP", lineNo, recordLine, "a modify operation line must name an attribute");
        }

        var name = Encoding.ASCII.GetString(attribute);
        AddValue(in line);
        return name;
    }

    /// <summary>
    /// Validates a <c>control: oid [true|false] [: value | :: base64 | :&lt; URL]</c> line (RFC 2849) and keeps it
    /// apart from the attributes, so that an add record's controls never become attributes of the entry.
    /// </summary>
    private void AddControl(in LineParts line, long lineNo, long recordLine)
    {
        if (line.Encoding != ValueEncoding.Plain)
        {
            throw _sink.Error("LDIF-CONTROL", lineNo, recordLine, "a control is written 'control: <oid> [true|false] [value]', not 'control::' or 'control:<'");
        }

        var source = line.ValueSource;
        var start = line.ValueStart;
        var length = line.ValueLength;
        if (line.Folded)
        {
            (start, length) = UnfoldToArena(line.ValueStart, line.ValueLength);
            source = DumpRecord.SourceArena;
        }

        var text = _record.Source(source).AsSpan(start, length);
        var oidLength = text.IndexOfAnyExcept("0123456789."u8);
        if (oidLength < 0)
        {
            oidLength = text.Length;
        }

        if (!IsNumericOid(text[..oidLength]))
        {
            throw _sink.Error("LDIF-CONTROL", lineNo, recordLine, "'control:' must be followed by the control's numeric OID");
        }

        var p = oidLength;
        var critical = false;
        var spaces = SkipSpaces(text, p);
        if (spaces > p && spaces < text.Length && text[spaces] != (byte)':')
        {
            var rest = text[spaces..];
            int word;
            if (rest.Length >= 4 && Ascii.EqualsIgnoreCase(rest[..4], "true"u8))
            {
                critical = true;
                word = 4;
            }
            else if (rest.Length >= 5 && Ascii.EqualsIgnoreCase(rest[..5], "false"u8))
            {
                word = 5;
            }
            else
            {
                word = 0;
            }

            p = spaces + word;
            if (word == 0 || (p < text.Length && text[p] is not ((byte)' ' or (byte)':')))
            {
                throw _sink.Error("LDIF-CONTROL", lineNo, recordLine, "a control's criticality must be 'true' or 'false'");
            }

            spaces = SkipSpaces(text, p);
        }

        p = spaces;
        var encoding = ValueEncoding.Plain;
        var hasValue = p < text.Length;
        if (hasValue)
        {
            if (text[p] != (byte)':')
            {
                throw _sink.Error("LDIF-CONTROL", lineNo, recordLine, "a control's value must follow ': ', ':: ' (base64) or ':< ' (URL)");
            }

            p++;
            if (p < text.Length && text[p] == (byte)':')
            {
                encoding = ValueEncoding.Base64;
                p++;
            }
            else if (p < text.Length && text[p] == (byte)'<')
            {
                encoding = ValueEncoding.Url;
                p++;
            }

            p = SkipSpaces(text, p);
            if (encoding == ValueEncoding.Base64 && !IsStrictBase64(text[p..]))
            {
                throw _sink.Error("LDIF-BASE64", lineNo, recordLine, "invalid base64 in a control's value");
            }

            if (encoding == ValueEncoding.Url && p == text.Length)
            {
                throw _sink.Error("LDIF-URL-EMPTY", lineNo, recordLine, "':<' must be followed by a URL");
            }
        }

        ref var s = ref _record.AddControlSlot();
        s.NameSource = source;
        s.NameStart = start;
        s.NameLength = oidLength;
        s.DescriptionLength = oidLength;
        s.ValueSource = source;
        s.ValueStart = start + p;
        s.ValueLength = hasValue ? text.Length - p : 0;
        s.Encoding = encoding;
        s.Critical = critical;
        s.HasValue = hasValue;
        s.Line = lineNo;
    }

    private static int SkipSpaces(ReadOnlySpan<byte> text, int p)
    {
        while (p < text.Length && text[p] == (byte)' ')
        {
            p++;
        }

        return p;
    }

    /// <summary>RFC 2849 <c>ldap-oid</c>: digits separated by single dots.</summary>
    private static bool IsNumericOid(ReadOnlySpan<byte> oid) =>
        !oid.IsEmpty && oid[0] != (byte)'.' && oid[^1] != (byte)'.' && oid.IndexOf(".."u8) < 0;

    private void CheckVersion(in LineParts line, long lineNo)
    {
        var value = ValueTextOf(in line);
        if (!value.SequenceEqual("1"u8))
        {
            throw _sink.Error("LDIF-VERSION", lineNo, lineNo, "unsupported LDIF version: only 'version: 1' exists (RFC 2849)");
        }

        if (_seenRecord && !_sawLdapsearch)
        {
            // Paged 'ldapsearch -L/-LL' repeats "version: 1" before every page; anything else is suspicious but harmless.
            _sink.Report(DiagnosticSeverity.Warning, "LDIF-VERSION-REPEATED", lineNo, lineNo,
                "'version: 1' after the first record (paged ldapsearch output, or several files joined together)");
        }
    }

    private DumpRecordKind ParseChangeType(in LineParts line, long lineNo, long recordLine)
    {
        var v = ValueTextOf(in line);
        if (Ascii.EqualsIgnoreCase(v, "add"u8))
        {
            _sawChangeAdd = true;
            _record.IsChangeAdd = true;
            return DumpRecordKind.Entry;
        }

        if (Ascii.EqualsIgnoreCase(v, "delete"u8))
        {
            return DumpRecordKind.Delete;
        }

        if (Ascii.EqualsIgnoreCase(v, "modify"u8))
        {
            return DumpRecordKind.Modify;
        }

        if (Ascii.EqualsIgnoreCase(v, "modrdn"u8) || Ascii.EqualsIgnoreCase(v, "moddn"u8))
        {
            return DumpRecordKind.ModDn;
        }

        throw _sink.Error("LDIF-CHANGETYPE", lineNo, recordLine, "unknown changetype: expected add, delete, modify, modrdn or moddn");
    }

    private void NoteComment(ReadOnlySpan<byte> comment, long lineNo, int foldedTo, int region)
    {
        // Comments are rare in ldifde output, so sniffing them for ldapsearch's markers costs nothing on the hot path.
        if (comment.StartsWith("# extended LDIF"u8) || comment.StartsWith("# LDAPv3"u8) || comment.StartsWith("# requesting:"u8)
            || comment.StartsWith("# filter:"u8) || comment.StartsWith("# base <"u8))
        {
            _sawLdapsearch = true;
            _sawLdapsearchHeader = true;
            _sawSearchEnd = false; // a new page (or run) starts: it must end with its own search result
        }
        else if (comment.StartsWith("# search result"u8) || comment.StartsWith("# numEntries:"u8) || comment.StartsWith("# numResponses:"u8))
        {
            _sawLdapsearch = true;
            _sawSearchEnd = true;
        }
        else if (comment.StartsWith("# search reference"u8) || comment.StartsWith("# refldap"u8) || comment.StartsWith("# pagedresults:"u8))
        {
            _sawLdapsearch = true;
        }
        else if (comment.StartsWith("# result: "u8))
        {
            // 'ldapsearch -L' prints the result as a comment.
            _sawLdapsearch = true;
            _sawSearchEnd = true;
            NoteResultCode(comment["# result: "u8.Length..], lineNo, lineNo);
        }
        else if (comment.StartsWith("# russnap-collect"u8))
        {
            _sawCollector = true;
        }
    }

    private void NoteSearchResult(long recordLine)
    {
        var i = _record.IndexOf("result"u8);
        if (i < 0)
        {
            _sink.Report(DiagnosticSeverity.Error, "LDIF-SEARCH-NO-RESULT", recordLine, recordLine, "ldapsearch 'search:' record without a 'result:' line");
            return;
        }

        NoteResultCode(_record.ValueAt(i), _record.LineAt(i), recordLine);
    }

    private void NoteResultCode(ReadOnlySpan<byte> result, long lineNo, long recordLine)
    {
        var space = result.IndexOf((byte)' ');
        var digits = space < 0 ? result : result[..space];
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            _sink.Report(DiagnosticSeverity.Error, "LDIF-SEARCH-RESULT", lineNo, recordLine, "ldapsearch 'result:' line without a numeric result code");
            return;
        }

        if (code != 0)
        {
            var text = space < 0 ? string.Empty : Encoding.UTF8.GetString(result[(space + 1)..]);
            var where = new DumpPosition(SourceName, lineNo, recordLine);
            _stats.AddFailedSearch(new SearchOutcome(where, code, text));
            _sink.Report(DiagnosticSeverity.Error, "LDIF-SEARCH-FAILED", lineNo, recordLine,
                $"ldapsearch ended with result {code.ToString(CultureInfo.InvariantCulture)} ({text}), not 0 Success: the dump is incomplete");
        }
    }

    /// <summary>
    /// Cold path, taken only when the region as a whole is not valid UTF-8. Each logical line is judged with its folds
    /// joined (RFC 2849 folds bytes, so a fold may fall inside a multi-byte sequence, and that is valid), and the error
    /// names the physical line that holds the first bad byte.
    /// </summary>
    private void ReportInvalidUtf8(int region, long firstLine)
    {
        var i = 0;
        while (i < _lineCount)
        {
            var last = i + 1;
            var length = _lineEnd[i] - _lineStart[i];
            while (last < _lineCount && _buf[region + _lineStart[last]] == (byte)' ')
            {
                length += _lineEnd[last] - _lineStart[last] - 1;
                last++;
            }

            var bad = -1;
            if (last == i + 1)
            {
                bad = IndexOfInvalidUtf8(_buf.AsSpan(region + _lineStart[i], length));
            }
            else
            {
                var joined = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
                try
                {
                    var at = 0;
                    for (var k = i; k < last; k++)
                    {
                        var from = region + _lineStart[k] + (k == i ? 0 : 1);
                        var n = region + _lineEnd[k] - from;
                        _buf.AsSpan(from, n).CopyTo(joined.AsSpan(at));
                        at += n;
                    }

                    bad = IndexOfInvalidUtf8(joined.AsSpan(0, length));
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(joined);
                }
            }

            if (bad >= 0)
            {
                // Map the offset in the joined line back to its physical line.
                var k = i;
                var segment = _lineEnd[i] - _lineStart[i];
                while (bad >= segment && k + 1 < last)
                {
                    bad -= segment;
                    k++;
                    segment = _lineEnd[k] - _lineStart[k] - 1;
                }

                throw _sink.Error("LDIF-UTF8", firstLine + k, firstLine,
                    "bytes that are not valid UTF-8 (an ANSI export? try --encoding windows-1252)");
            }

            i = last;
        }
    }

    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence, or -1.</summary>
    private static int IndexOfInvalidUtf8(ReadOnlySpan<byte> text)
    {
        var pos = 0;
        while (pos < text.Length)
        {
            var nonAscii = text[pos..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (nonAscii < 0)
            {
                return -1;
            }

            pos += nonAscii;
            if (Rune.DecodeFromUtf8(text[pos..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return pos;
            }

            pos += consumed;
        }

        return -1;
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Strict RFC 4648 base64: alphabet, length a multiple of 4, padding only at the end. Empty is valid (an empty value).</summary>
    internal static bool IsStrictBase64(ReadOnlySpan<byte> text)
    {
        if ((text.Length & 3) != 0)
        {
            return false;
        }

        // Base64.IsValid also accepts embedded whitespace, which LDIF never puts inside a joined value.
        return text.IndexOfAny((byte)' ', (byte)'\t') < 0 && Base64.IsValid(text);
    }

    private static string Printable(byte b) => b is >= 0x21 and < 0x7F ? ((char)b).ToString() : $"0x{b:X2}";

    private static byte[] BuildNameClass()
    {
        var t = new byte[256];
        for (var c = 'a'; c <= 'z'; c++)
        {
            t[c] = NameChar;
            t[c - 32] = NameChar;
        }

        for (var c = '0'; c <= '9'; c++)
        {
            t[c] = NameChar;
        }

        t['-'] = NameChar;
        t['.'] = NameChar;
        t[';'] = OptionSep;
        t['_'] = Underscore;
        return t;
    }
}
