namespace RusSnapshot.Dumps.Input;

/// <summary>What happened to one input of a <see cref="DumpSetReader"/>.</summary>
public sealed class DumpInputSummary
{
    internal DumpInputSummary(DumpSource source) => Source = source;

    /// <summary>The input.</summary>
    public DumpSource Source { get; }

    /// <summary>LDIF or CSV (null when the input could not be opened).</summary>
    public DumpFormat? Format { get; internal set; }

    /// <summary>The dialect detected.</summary>
    public DumpDialect Dialect { get; internal set; }

    /// <summary>The encoding detected or forced.</summary>
    public string? Encoding { get; internal set; }

    /// <summary>
    /// Lower-case hex SHA-256 of the input's file, computed while it was read (only with
    /// <see cref="DumpOpenOptions.ComputeSha256"/>); null unless the file was read to its end. For a <c>.zip</c>
    /// member: of the archive. For a <c>.gz</c>: of the compressed file.
    /// </summary>
    public string? Sha256 { get; internal set; }

    /// <summary>
    /// The size of the input's file in bytes as stored: the file on disk, the compressed <c>.gz</c>, the member's
    /// compressed bytes in its <c>.zip</c>; for a pipe, what was read from it. Not the decoded size
    /// (<see cref="DumpReadStatistics.Bytes"/>). Null when unknown (a pipe not read to its end, an input not opened).
    /// </summary>
    public long? FileBytes { get; internal set; }

    /// <summary>The reader's counters (null when the input could not be opened).</summary>
    public DumpReadStatistics? Statistics { get; internal set; }

    /// <summary>Diagnostics of this input, including open failures and duplicate conflicts.</summary>
    public List<DumpDiagnostic> Diagnostics { get; } = [];

    /// <summary>Entries whose DN was already read from an earlier input or earlier in this one (not passed on).</summary>
    public long DuplicateEntries { get; internal set; }

    /// <summary>Entries passed on to the caller (entries read minus duplicates).</summary>
    public long UniqueEntries { get; internal set; }

    /// <summary>Errors of this input (the reader's, and failures to open it).</summary>
    public long Errors => (Statistics?.Errors ?? 0) + OpenErrors;

    /// <summary>True when the input was read to its end without any error.</summary>
    public bool IsValid => Errors == 0 && Statistics is { Complete: true };

    internal long OpenErrors { get; set; }
}

/// <summary>Two copies of one DN whose contents differ.</summary>
/// <param name="Dn">The DN as written in the second copy.</param>
/// <param name="First">Where the first copy is.</param>
/// <param name="Second">Where the differing copy is.</param>
public sealed record DuplicateConflict(string Dn, DumpPosition First, DumpPosition Second);

/// <summary>
/// Reads several dumps as one: inputs in the order given, each DN passed on once (the first copy wins),
/// a later copy with other content reported as a conflict. Non-entry records (ldapsearch trailers, change
/// records) are passed on too, with <see cref="DumpRecord.Kind"/> telling them apart.
/// </summary>
/// <remarks>
/// Duplicate detection keeps two 64-bit hashes per entry (DN folded to lower case, content): about 30 bytes an
/// entry, so it is only switched on when there is more than one input (one export per naming context is the common
/// case that overlaps). Within a single file, a repeated DN is reported by the same mechanism when
/// <see cref="DetectDuplicatesInSingleInput"/> is set.
/// </remarks>
public sealed class DumpSetReader : IDisposable
{
    private readonly IReadOnlyList<DumpSource> _sources;
    private readonly DumpOpenOptions _options;
    private readonly Dictionary<ulong, Seen>? _seen;
    private readonly List<DumpInputSummary> _inputs = [];
    private readonly List<DuplicateConflict> _conflicts = [];
    private int _index = -1;
    private OpenedDump? _current;
    private DumpInputSummary? _summary;

    public DumpSetReader(IReadOnlyList<DumpSource> sources, DumpOpenOptions? options = null, bool detectDuplicatesInSingleInput = false)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = sources;
        _options = options ?? new DumpOpenOptions();
        DetectDuplicatesInSingleInput = detectDuplicatesInSingleInput;
        if (sources.Count > 1 || detectDuplicatesInSingleInput)
        {
            _seen = [];
        }
    }

    /// <summary>Whether duplicates are tracked even when there is one input.</summary>
    public bool DetectDuplicatesInSingleInput { get; }

    /// <summary>One summary per input opened so far (all of them once <see cref="Read"/> returned false).</summary>
    public IReadOnlyList<DumpInputSummary> Inputs => _inputs;

    /// <summary>DNs seen twice with different content.</summary>
    public IReadOnlyList<DuplicateConflict> Conflicts => _conflicts;

    /// <summary>The current record (valid until the next <see cref="Read"/>).</summary>
    public DumpRecord Current => _current?.Reader.Current ?? throw new InvalidOperationException("Read() has not returned true.");

    /// <summary>The input the current record comes from.</summary>
    public DumpInputSummary CurrentInput => _summary ?? throw new InvalidOperationException("Read() has not returned true.");

    /// <summary>Called when an input has been read to its end (for progress and per-input reporting).</summary>
    public event Action<DumpInputSummary>? InputCompleted;

    /// <summary>Reads the next record of the set; false when every input is done.</summary>
    /// <exception cref="DumpFormatException">A record is malformed and the reader options say Throw.</exception>
    public bool Read()
    {
        while (true)
        {
            if (_current is null && !OpenNext())
            {
                return false;
            }

            var reader = _current!.Reader;
            bool more;
            try
            {
                more = reader.Read();
            }
            catch (IOException ex) when (_options.Reader.OnBadRecord == BadRecordHandling.Collect)
            {
                // A corrupt .gz or .zip surfaces here; report it against the input and go on with the next one.
                _summary!.OpenErrors++;
                _summary.Diagnostics.Add(new DumpDiagnostic(new DumpPosition(_summary.Source.DisplayName, reader.Statistics.Lines + 1, 0),
                    DiagnosticSeverity.Error, "INPUT-IO", $"the input could not be read to its end: {ex.Message}"));
                more = false;
            }
            catch (InvalidDataException ex) when (_options.Reader.OnBadRecord == BadRecordHandling.Collect)
            {
                _summary!.OpenErrors++;
                _summary.Diagnostics.Add(new DumpDiagnostic(new DumpPosition(_summary.Source.DisplayName, reader.Statistics.Lines + 1, 0),
                    DiagnosticSeverity.Error, "INPUT-CORRUPT", $"the compressed input is corrupt: {ex.Message}"));
                more = false;
            }

            if (!more)
            {
                CloseCurrent();
                continue;
            }

            _summary!.Dialect = reader.Dialect;
            var record = reader.Current;
            if (record.Kind != DumpRecordKind.Entry || _seen is null)
            {
                if (record.Kind == DumpRecordKind.Entry)
                {
                    _summary.UniqueEntries++;
                }

                return true;
            }

            if (IsDuplicate(record))
            {
                _summary.DuplicateEntries++;
                continue;
            }

            _summary.UniqueEntries++;
            return true;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _current?.Dispose();
        _current = null;

        // Archives still open (members left unread) are closed here.
        foreach (var shared in _sources.Select(s => s.Shared).OfType<IDisposable>().Distinct())
        {
            shared.Dispose();
        }
    }

    private bool IsDuplicate(DumpRecord record)
    {
        var dnHash = DnKeyHash(record.DnUtf8);
        var contentHash = ContentHash(record);
        if (!_seen!.TryGetValue(dnHash, out var seen))
        {
            _seen.Add(dnHash, new Seen(contentHash, _index, record.Position.Line));
            return false;
        }

        if (seen.ContentHash != contentHash)
        {
            var first = new DumpPosition(_sources[seen.Input].DisplayName, seen.Line, seen.Line);
            var conflict = new DuplicateConflict(record.Dn, first, record.Position);
            _conflicts.Add(conflict);
            _summary!.Diagnostics.Add(new DumpDiagnostic(record.Position, DiagnosticSeverity.Warning, "DUPLICATE-CONFLICT",
                $"this DN was already read at {first} with different content; the first copy is used"));
        }

        return true;
    }

    /// <summary>
    /// Order-independent content hash over (attribute type, decoded value) pairs, so that the same entry exported by csvde
    /// and by ldifde (other attribute order, plain vs base64) is not a conflict.
    /// </summary>
    private static ulong ContentHash(DumpRecord record)
    {
        ulong sum = 0;
        for (var i = 0; i < record.Count; i++)
        {
            var name = FastHash.HashIgnoreAsciiCase(record.NameAt(i));
            sum += FastHash.Hash(record.ValueAt(i), seed: name);
        }

        return sum ^ (ulong)record.Count;
    }

    /// <summary>The DN's hash with ASCII case folded and spaces around ',' dropped (some tools write "CN=x, DC=y").</summary>
    private static ulong DnKeyHash(ReadOnlySpan<byte> dn)
    {
        if (dn.IndexOf((byte)' ') < 0)
        {
            return FastHash.HashIgnoreAsciiCase(dn);
        }

        Span<byte> buffer = dn.Length <= 1024 ? stackalloc byte[dn.Length] : new byte[dn.Length];
        var n = 0;
        var escaped = false;
        var afterSeparator = false;
        for (var i = 0; i < dn.Length; i++)
        {
            var b = dn[i];
            if (!escaped && b == (byte)' ' && (afterSeparator || NextNonSpace(dn, i) == (byte)','))
            {
                continue; // a space next to an unescaped ',' is formatting, not data
            }

            afterSeparator = !escaped && b == (byte)',';
            escaped = !escaped && b == (byte)'\\';
            buffer[n++] = b;
        }

        return FastHash.HashIgnoreAsciiCase(buffer[..n]);
    }

    private static byte NextNonSpace(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && s[i] == (byte)' ')
        {
            i++;
        }

        return i < s.Length ? s[i] : (byte)0;
    }

    private bool OpenNext()
    {
        while (++_index < _sources.Count)
        {
            var source = _sources[_index];
            _summary = new DumpInputSummary(source);
            _inputs.Add(_summary);
            try
            {
                _current = DumpOpener.Open(source, _options);
                _summary.Format = _current.Format;
                _summary.Encoding = _current.EncodingName;
                _summary.Statistics = _current.Reader.Statistics;
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or DumpFormatException)
            {
                _summary.OpenErrors++;
                _summary.Diagnostics.Add(new DumpDiagnostic(new DumpPosition(source.DisplayName, 0, 0), DiagnosticSeverity.Error, "INPUT-OPEN",
                    $"cannot read this input: {ex.Message}"));
                InputCompleted?.Invoke(_summary);
                if (_options.Reader.OnBadRecord == BadRecordHandling.Throw)
                {
                    throw;
                }
            }
        }

        _summary = null;
        return false;
    }

    private void CloseCurrent()
    {
        if (_current is null)
        {
            return;
        }

        var reader = _current.Reader;
        _summary!.Dialect = reader.Dialect;
        _summary.Encoding = _current.EncodingName; // may have been decided while reading
        _summary.Sha256 = _current.Digest.Sha256;
        _summary.FileBytes = _current.Digest.FileBytes;
        var mine = _summary.Diagnostics.ToList();
        _summary.Diagnostics.Clear();
        _summary.Diagnostics.AddRange(reader.Diagnostics.Concat(mine).OrderBy(d => d.Position.Line));
        _current.Dispose();
        _current = null;
        InputCompleted?.Invoke(_summary);
    }

    private readonly record struct Seen(ulong ContentHash, int Input, long Line);
}
