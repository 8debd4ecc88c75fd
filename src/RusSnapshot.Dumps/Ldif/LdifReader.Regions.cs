namespace RusSnapshot.Dumps.Ldif;

/// <summary>Pass 1: finding the lines of the next record (a region) in the buffer, and skipping records over the limits.</summary>
public sealed partial class LdifReader
{
    // Lines of the current region (a record plus any comments), relative to the region start.
    private int[] _lineStart = new int[256];
    private int[] _lineEnd = new int[256];    // content end, line break excluded
    private int _lineCount;
    private bool _regionHasLoneCr;
    private bool _regionMissingNewline;
    private bool _regionTerminated;
    private int _consumedTo;
    private int _scan; // start of the line LocateRegion is in, relative to _start, when it asks for more input

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

            // Consume the region (and its blank terminator) before parsing, so a bad record is skipped, not re-read.
            _start = _consumedTo;
            _line = regionStartLine + _lineCount + (_regionTerminated ? 1 : 0);
            _stats.Lines = _line - 1;

            if (ParseRegion(region, regionEnd, regionStartLine))
            {
                return true;
            }
        }
    }

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

        switch (SkipBlankLines())
        {
            case AfterBlankLines.End:
                return false;
            case AfterBlankLines.LoneCrAtEnd:
                // A lone CR as the very last byte: treat as the end of input, but say so.
                _sink.Report(DiagnosticCodes.LdifLoneCr, _line, _line, "carriage return without line feed at the end of the input");
                _start = _end;
                return false;
        }

        // Collect lines until a blank line or the end of the input.
        var p = 0; // relative to _start
        while (true)
        {
            var abs = _start + p;
            var rest = _buf.AsSpan(abs, _end - abs);
            var idx = ByteScan.IndexOfEither(rest, LF, CR);
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
                $"record has more than {Invariant(_options.MaxRecordLines)} lines (the record line limit)");
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

    private string TooLargeBytes() =>
        $"record is larger than {Invariant(_options.MaxRecordBytes)} bytes (the record size limit)";

    /// <summary>Only <see cref="LocateRegion"/> fills a full buffer, in the middle of the line that starts at <see cref="_scan"/>.</summary>
    private protected override DumpFormatException RecordBeyondBuffer() =>
        SkipOversized(_end, _lineCount, _end - (_start + _scan), _buf[_end - 1] == CR, TooLargeBytes());

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
                i = 0;
                if (Refill() == 0)
                {
                    _line = recordLine + lines + (lineLength > 0 ? 1 : 0);
                    _stats.Lines = _line - 1;
                    return _sink.Fail(DiagnosticCodes.LdifRecordTooLarge, recordLine, recordLine, $"{what}: it was skipped; it runs to the end of the input");
                }
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
                    return _sink.Fail(DiagnosticCodes.LdifRecordTooLarge, recordLine, recordLine,
                        $"{what}: it was skipped up to the blank line that ends it (line {LineText(_line - 1)}), and reading went on after it");
                }

                lineLength = 0;
                lastCr = false;
            }

            if (lineLength > cap)
            {
                _line = recordLine + lines;
                return _sink.Fail(DiagnosticCodes.LdifLineTooLong, _line, recordLine,
                    $"{what}, and line {LineText(_line)} alone is longer than that, so this is not LDIF: the rest of the input, from that line on, was not read");
            }
        }
    }
}
