namespace RusSnapshot.Dumps;

/// <summary>
/// The part of <see cref="Ldif.LdifReader"/> and <see cref="Csv.CsvDumpReader"/> that is not about syntax: the input
/// stream and the one growable buffer both parse in place, the record handed out, the diagnostics and statistics, and
/// the <see cref="Read"/> loop. Only this assembly derives from it.
/// </summary>
/// <remarks>
/// The buffer fields are shared with the derived readers, not wrapped in properties: their scanning loops index the
/// buffer directly, and that is where the readers' speed is.
/// </remarks>
public abstract class BufferedDumpReader : IDumpReader
{
    private protected const byte LF = (byte)'\n';
    private protected const byte CR = (byte)'\r';

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Func<bool> _parseNext;

    private protected readonly DumpReaderOptions _options;
    private protected readonly DumpRecord _record = new();
    private protected readonly DumpDiagnosticSink _sink;
    private protected readonly DumpReadStatistics _stats;

    private protected byte[] _buf;
    private protected int _start;       // first byte not yet consumed
    private protected int _end;         // end of valid data in _buf
    private protected bool _eof;
    private protected long _line = 1;   // physical line number at _start

    private protected BufferedDumpReader(Stream utf8, string sourceName, DumpReaderOptions? options, bool leaveOpen)
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
    public abstract DumpFormat Format { get; }

    /// <inheritdoc/>
    public abstract DumpDialect Dialect { get; }

    /// <inheritdoc/>
    public DumpRecord Current => _record;

    /// <inheritdoc/>
    public DumpReadStatistics Statistics => _stats;

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

        GC.SuppressFinalize(this);
    }

    /// <summary>A warning found outside the reader (the encoding decision), counted and kept like its own.</summary>
    internal void Warn(DiagnosticCode code, long line, string message) => _sink.Report(code, line, line, message);

    /// <summary>One step of <see cref="Read"/>, which handles the errors: the next record (true), or the checks at the end (false).</summary>
    private protected abstract bool ParseNext();

    /// <summary>
    /// Called when the buffer is full and may not grow (the record limit, or the largest array): the record in it cannot be
    /// read whole. Returns the exception to throw, after skipping what can be skipped.
    /// </summary>
    private protected abstract DumpFormatException RecordBeyondBuffer();

    /// <summary>
    /// Moves the data from <paramref name="keepFrom"/> to the buffer start, grows the buffer if that data fills it, and reads
    /// until it is full or the input ends. False when nothing more could be read.
    /// </summary>
    /// <remarks>
    /// Reading until full matters: a record cut by the end of the data is scanned again (CSV) or resumed (LDIF), so small
    /// reads from pipes and transcoding streams must not make that frequent.
    /// </remarks>
    private protected bool Fill(int keepFrom)
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
            // At the limit the buffer cannot grow: reading 0 bytes there would look like the end of the input.
            if (_buf.Length >= _options.MaxRecordBytes + 2L || _buf.Length >= Array.MaxLength)
            {
                throw RecordBeyondBuffer();
            }

            Array.Resize(ref _buf, (int)Math.Min((long)_buf.Length * 2, Array.MaxLength));
        }

        return ReadUntilFull() > 0;
    }

    /// <summary>Drops everything in the buffer and reads afresh from its start (skipping an oversized record). 0 at the end of input.</summary>
    private protected int Refill()
    {
        _start = _end = 0;
        return _eof ? 0 : ReadUntilFull();
    }

    /// <summary>What <see cref="SkipBlankLines"/> stopped at.</summary>
    private protected enum AfterBlankLines
    {
        /// <summary>The first byte of a line that is not blank (possibly a lone CR, which the parser reports).</summary>
        Content,

        /// <summary>The end of the input.</summary>
        End,

        /// <summary>A CR as the very last byte of the input, left unconsumed.</summary>
        LoneCrAtEnd,
    }

    /// <summary>Skips blank lines (LF or CRLF) from <c>_start</c>, counting them, and says what follows.</summary>
    private protected AfterBlankLines SkipBlankLines()
    {
        while (true)
        {
            if (_start >= _end && !Fill(_start))
            {
                return AfterBlankLines.End;
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
                    return AfterBlankLines.LoneCrAtEnd;
                }

                if (_buf[_start + 1] != LF)
                {
                    return AfterBlankLines.Content;
                }

                _start += 2;
                _line++;
            }
            else
            {
                return AfterBlankLines.Content;
            }
        }
    }

    /// <summary>The input stream, when it can say that all it handed out was ASCII (set by <c>DumpOpener</c> and <c>ChunkedRead</c>).</summary>
    internal Input.IAsciiSoFar? AsciiSoFar { get; set; }

    /// <summary>Whether <paramref name="text"/>, read from the buffer, is valid UTF-8: known without looking while the input has been all ASCII.</summary>
    private protected bool IsValidUtf8(ReadOnlySpan<byte> text) => AsciiSoFar is { AllAscii: true } || System.Text.Unicode.Utf8.IsValid(text);

    /// <summary>
    /// True once a message quoted a line number in its text: a reader that started counting lines from 1 in the middle
    /// of a file (<see cref="Input.ChunkedRead"/>) can have its positions moved afterwards, but not its messages.
    /// </summary>
    internal bool MessagesQuoteLines { get; private set; }

    /// <summary>A line number for a message's text; every message that quotes one goes through here (see <see cref="MessagesQuoteLines"/>).</summary>
    private protected string LineText(long line)
    {
        MessagesQuoteLines = true;
        return line.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>How a byte is named in a message: itself when printable ASCII, else <c>0xNN</c>.</summary>
    private protected static string Printable(byte b) => b is >= 0x21 and < 0x7F ? ((char)b).ToString() : $"0x{b:X2}";

    private int ReadUntilFull()
    {
        var read = 0;
        while (_end < _buf.Length)
        {
            var n = _stream.Read(_buf, _end, _buf.Length - _end);
            if (n == 0)
            {
                _eof = true;
                break;
            }

            _end += n;
            read += n;
            _stats.Bytes += n;
        }

        return read;
    }
}
