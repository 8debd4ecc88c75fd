namespace RusSnapshot.Dumps.Input;

/// <summary>What happened to one input of a <see cref="DumpSetReader"/>.</summary>
public sealed class DumpInputSummary
{
    internal DumpInputSummary(DumpSource source) => Source = source;

    /// <summary>The input.</summary>
    public DumpSource Source { get; }

    /// <summary>LDIF, CSV or an AD Explorer snapshot (null when the input could not be opened).</summary>
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

    /// <summary>What the input says about its capture: an AD Explorer snapshot's server and time (null for text dumps).</summary>
    public DumpCapture? Capture { get; internal set; }

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
/// <para>
/// Two DNs are the same entry exactly when their <see cref="DnKey"/>s are equal: hashes only pick the candidates.
/// Duplicate detection is on when there is more than one input (one export per naming context is the common case,
/// and it overlaps at the edges), or when <see cref="DetectDuplicatesInSingleInput"/> is set.
/// </para>
/// <para>
/// Memory: when every input can be read twice (files, archives), a first pass over the DNs alone finds the DNs that
/// occur more than once, with a fixed-size Bloom filter (<see cref="BloomBits"/> bits) and a set of the 64-bit hashes
/// it flags; only the entries whose hash is in that set are then kept, by their full key, while the records are
/// read. So memory is the filter plus the entries that really (or, at the filter's rate of false alarms, seemingly)
/// occur more than once, however many entries there are. An input that cannot be read twice (a pipe) makes every
/// entry's key kept instead (the canonical DN and about 40 bytes an entry).
/// </para>
/// </remarks>
public sealed class DumpSetReader : IDisposable
{
    private readonly IReadOnlyList<DumpSource> _sources;
    private readonly DumpOpenOptions _options;
    /// <summary>Size of the first pass's Bloom filter: 2^27 bits (16 MiB), a false-alarm rate under 0.1% up to ten million entries.</summary>
    public const long BloomBits = 1L << 27;

    private readonly Dictionary<DnKey, Seen>? _seen;
    private HashSet<ulong>? _suspects;
    private bool _suspectsKnown;
    private readonly ulong _hashSeed = (ulong)Random.Shared.NextInt64();
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

    /// <summary>Entries whose full key was kept for duplicate detection (see the remarks): the memory it costs.</summary>
    public long KeysKept => _seen?.Count ?? 0;

    /// <summary>False when an input could not be read twice, so every entry's key was kept.</summary>
    public bool UsedFirstPass => _suspects is not null;

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

    /// <summary>
    /// Reads every input to its end, for a caller that wants the summaries and not the records (<c>validate</c>): the same
    /// <see cref="Inputs"/>, diagnostics and statistics as a loop over <see cref="Read"/>. A single large LDIF file is read in
    /// two parts on two cores (<see cref="ChunkedRead"/>).
    /// </summary>
    /// <param name="progress">Called now and then with the input being read and its bytes read so far.</param>
    /// <param name="cancel">Stops the reading.</param>
    public void ReadToEnd(Action<DumpInputSummary, long>? progress = null, CancellationToken cancel = default) =>
        ReadToEnd(progress, cancel, cutAt: null);

    /// <summary>As <see cref="ReadToEnd(Action{DumpInputSummary, long}?, CancellationToken)"/>, cutting a single input at <paramref name="cutAt"/> (tests).</summary>
    internal void ReadToEnd(Action<DumpInputSummary, long>? progress, CancellationToken cancel, long? cutAt)
    {
        if (ReadInParts(progress, cancel, cutAt, sinks: null))
        {
            return;
        }

        while (Read())
        {
            cancel.ThrowIfCancellationRequested();
            progress?.Invoke(CurrentInput, CurrentInput.Statistics?.Bytes ?? 0);
        }
    }

    /// <summary>
    /// Reads the set to its end in parts on two cores when it is a single large LDIF or csvde file (<see cref="ChunkedRead"/>),
    /// handing each part's records, in order, to a sink of its own made by <paramref name="newSink"/> on that part's thread;
    /// false, having read nothing, when the set does not qualify (several inputs, a pipe or archive, a small file, one
    /// core) or the parts could not be made to agree: read it with <see cref="Read"/> then. When true, <see cref="Inputs"/>
    /// is what reading it with <see cref="Read"/> would give, and <paramref name="parts"/> holds the sinks in file order.
    /// </summary>
    /// <param name="newSink">Makes a sink; called once per part, and again for a part that has to be read again (a sink
    /// that is not handed back is to be dropped).</param>
    /// <param name="parts">The parts, in file order, each with the line offset its records' positions need.</param>
    /// <param name="progress">Called now and then with the input and its bytes read so far.</param>
    /// <param name="cancel">Stops the reading.</param>
    /// <param name="cutAt">Tests: where to cut (an offset just after a line feed that a blank line or a CSV row follows) in
    /// a file of any size; null to cut near the middle of a file of at least <see cref="ChunkedRead.MinBytes"/>.</param>
    public bool TryReadInParts<TSink>(Func<TSink> newSink, out IReadOnlyList<DumpPart<TSink>> parts,
        Action<DumpInputSummary, long>? progress = null, CancellationToken cancel = default, long? cutAt = null)
        where TSink : class, IRecordSink
    {
        ArgumentNullException.ThrowIfNull(newSink);
        var sinks = new PartSinks(() => newSink());
        parts = ReadInParts(progress, cancel, cutAt, sinks)
            ? [new((TSink)sinks.First!, 0), new((TSink)sinks.Second!, sinks.SecondLineOffset)]
            : [];
        return parts.Count > 0;
    }

    /// <summary>The set's one input read in parts (<see cref="ChunkedRead"/>) and recorded as read; false, having read nothing, when it cannot be.</summary>
    private bool ReadInParts(Action<DumpInputSummary, long>? progress, CancellationToken cancel, long? cutAt, PartSinks? sinks)
    {
        if (_index != -1 || _sources.Count != 1 || _seen is not null)
        {
            return false;
        }

        var summary = new DumpInputSummary(_sources[0]);
        if (!ChunkedRead.TryRead(_sources[0], _options, summary, bytes => progress?.Invoke(summary, bytes), cancel, cutAt, sinks))
        {
            return false;
        }

        _index = 0;
        _inputs.Add(summary);
        InputCompleted?.Invoke(summary);
        return true;
    }

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
                    DiagnosticCodes.InputIo, $"the input could not be read to its end: {ex.Message}"));
                more = false;
            }
            catch (InvalidDataException ex) when (_options.Reader.OnBadRecord == BadRecordHandling.Collect)
            {
                _summary!.OpenErrors++;
                _summary.Diagnostics.Add(new DumpDiagnostic(new DumpPosition(_summary.Source.DisplayName, reader.Statistics.Lines + 1, 0),
                    DiagnosticCodes.InputCorrupt, $"the compressed input is corrupt: {ex.Message}"));
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
        if (!_suspectsKnown)
        {
            _suspectsKnown = true;
            _suspects = FindSuspects();
        }

        var key = DnKey.Of(record.DnUtf8);
        if (_suspects is not null && !_suspects.Contains(HashOf(key)))
        {
            return false; // the first pass saw this DN once: it cannot be a duplicate
        }

        var contentHash = ContentHash(record);
        if (!_seen!.TryGetValue(key, out var seen))
        {
            _seen.Add(key, new Seen(contentHash, _index, record.Position.Line));
            return false;
        }

        if (seen.ContentHash != contentHash)
        {
            var first = new DumpPosition(_sources[seen.Input].DisplayName, seen.Line, seen.Line);
            var conflict = new DuplicateConflict(record.Dn, first, record.Position);
            _conflicts.Add(conflict);
            _summary!.Diagnostics.Add(new DumpDiagnostic(record.Position, DiagnosticCodes.DuplicateConflict,
                $"this DN was already read at {first} with different content; the first copy is used"));
        }

        return true;
    }

    /// <summary>
    /// Order-independent content hash over (attribute type, decoded value) pairs, so that the same entry exported by csvde
    /// and by ldifde (other attribute order, plain vs base64) is not a conflict. Attributes AD does not replicate
    /// (<see cref="IsLocalToTheDc"/>) are left out: two copies of one object read from two DCs (the Configuration partition
    /// that every AD Explorer snapshot holds, exports run against different DCs) differ in them by nature.
    /// </summary>
    private static ulong ContentHash(DumpRecord record)
    {
        ulong sum = 0;
        ulong count = 0;
        for (var i = 0; i < record.Count; i++)
        {
            var type = record.NameAt(i);
            if (IsLocalToTheDc(type))
            {
                continue;
            }

            var name = FastHash.HashIgnoreAsciiCase(type);
            sum += FastHash.Hash(record.ValueAt(i), seed: name);
            count++;
        }

        return sum ^ count;
    }

    /// <summary>
    /// Attributes each DC keeps for itself, not replicated (MS-ADTS 3.1.1.1.9; FLAG_ATTR_NOT_REPLICATED in their schema
    /// systemFlags): the DC's update sequence numbers and change time, and logon counters.
    /// </summary>
    internal static bool IsLocalToTheDc(ReadOnlySpan<byte> type) => type.Length switch
    {
        9 => System.Text.Ascii.EqualsIgnoreCase(type, "lastLogon"u8),
        10 => System.Text.Ascii.EqualsIgnoreCase(type, "uSNCreated"u8) || System.Text.Ascii.EqualsIgnoreCase(type, "uSNChanged"u8)
            || System.Text.Ascii.EqualsIgnoreCase(type, "lastLogoff"u8) || System.Text.Ascii.EqualsIgnoreCase(type, "logonCount"u8),
        11 => System.Text.Ascii.EqualsIgnoreCase(type, "whenChanged"u8) || System.Text.Ascii.EqualsIgnoreCase(type, "badPwdCount"u8),
        15 => System.Text.Ascii.EqualsIgnoreCase(type, "badPasswordTime"u8),
        _ => false,
    };

    private ulong HashOf(DnKey key) =>
        FastHash.Hash(System.Runtime.InteropServices.MemoryMarshal.AsBytes(key.Canonical.AsSpan()), _hashSeed);

    /// <summary>
    /// The first pass: the hashes of the DNs seen more than once, or null (keep every key) when an input cannot be
    /// read twice. Errors are left to the real pass, which reports them.
    /// </summary>
    private HashSet<ulong>? FindSuspects()
    {
        if (!_sources.All(CanReadTwice))
        {
            return null;
        }

        var bloom = new BloomFilter(BloomBits);
        var suspects = new HashSet<ulong>();
        var quiet = _options with { ComputeSha256 = false, Reader = _options.Reader with { OnBadRecord = BadRecordHandling.Collect } };
        foreach (var source in _sources)
        {
            try
            {
                using var opened = DumpOpener.Open(source, quiet);
                while (opened.Reader.Read())
                {
                    var record = opened.Reader.Current;
                    if (record.Kind == DumpRecordKind.Entry)
                    {
                        var hash = HashOf(DnKey.Of(record.DnUtf8));
                        if (!bloom.Add(hash))
                        {
                            suspects.Add(hash);
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or DumpFormatException)
            {
                // Reported by the real pass.
            }
        }

        return suspects;
    }

    /// <summary>A regular file with content can be opened again from its start; a pipe, a device or a stream cannot.</summary>
    internal static bool CanReadTwice(DumpSource source)
    {
        try
        {
            var info = new FileInfo(source.Path);
            var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
            return target is { Exists: true, Length: > 0 } && !target.FullName.StartsWith("/dev/", StringComparison.Ordinal)
                && !target.FullName.StartsWith("/proc/", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
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
                _summary.Diagnostics.Add(new DumpDiagnostic(new DumpPosition(source.DisplayName, 0, 0), DiagnosticCodes.InputOpen,
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
        _summary.Capture = reader.Capture;
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
