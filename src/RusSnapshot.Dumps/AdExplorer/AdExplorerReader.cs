using System.Globalization;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Dumps.AdExplorer;

/// <summary>
/// Reads a Sysinternals AD Explorer snapshot (<c>.dat</c>) as a dump: one <see cref="DumpRecord"/> per captured object,
/// with the values an LDIF export of the same objects would hold (DNs and strings as UTF-8 text, integers as signed
/// decimal, booleans as <c>TRUE</c>/<c>FALSE</c>, times as GeneralizedTime, GUIDs, SIDs and security descriptors as
/// their bytes, DN-Binary values as <c>B:32:HEX:DN</c>).
/// </summary>
/// <remarks>
/// <para>
/// The format needs random access (records point back at value blocks of earlier records), so the file is read by
/// positioned reads through bounded windows (<see cref="SnapshotWindow"/>) and shared blocks are decoded once into a
/// bounded cache (<see cref="DecodedBlockCache"/>): memory does not grow with the file. Nothing of the file is held
/// whole; one object at a time is decoded into the record's arena.
/// </para>
/// <para>
/// Every offset and length is checked against the region it must lie in. Problems are reported with the byte offset
/// and the object's 1-based index (<c>file@0x1A2B3C, object 812</c>): <see cref="DumpPosition.Line"/> holds the index,
/// <see cref="DumpPosition.Offset"/> the offset. A file cut off, never finished (<c>win-ad-XX</c>) or whose structure
/// does not hold is an error that stops the reading, never a shorter dump.
/// </para>
/// </remarks>
public sealed partial class AdExplorerReader : IDumpReader
{
    /// <summary>The tool name reports show for a snapshot.</summary>
    public const string ToolName = "AD Explorer";

    private readonly DumpReaderOptions _options;
    private readonly DumpDiagnosticSink _sink;
    private readonly DumpReadStatistics _stats;
    private readonly DumpRecord _record = new();
    private readonly Func<bool> _parseNext;
    private Func<SnapshotStorage?>? _spool;
    private readonly long _spoolLimit;
    private readonly DecodedBlockCache _cache = new();
    private Stream? _raw;
    private Task? _drain;
    private CancellationTokenSource? _drainCancel;
    private SnapshotStorage? _storage;
    private SnapshotWindow? _window;
    private Phase _phase;

    /// <summary>Opens a snapshot file for reading (positioned reads; a pipe or device is copied first, up to <paramref name="maxSpoolBytes"/>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Error handling and size limits (<see cref="DumpReaderOptions.MaxValueBytes"/>, <see cref="DumpReaderOptions.MaxRecordBytes"/>).</param>
    /// <param name="maxSpoolBytes">The largest copy made of an input that cannot be read at random.</param>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public AdExplorerReader(string path, DumpReaderOptions? options = null, long maxSpoolBytes = DumpOpenOptions.DefaultMaxSnapshotSpoolBytes)
        : this(options, path, maxSpoolBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.RandomAccess);
        if (file.CanSeek)
        {
            _storage = new FileSnapshotStorage(file.SafeFileHandle, file);
        }
        else
        {
            _raw = file;
            _spool = () => SnapshotSpool.Copy([], file, maxSpoolBytes);
        }
    }

    private AdExplorerReader(DumpReaderOptions? options, string sourceName, long spoolLimit)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("AD Explorer snapshots are read on little-endian machines only.");
        }

        SourceName = sourceName;
        _options = options ?? DumpReaderOptions.Default;
        _sink = new DumpDiagnosticSink(sourceName, _options);
        _stats = _sink.Statistics;
        _parseNext = ParseNext;
        _spoolLimit = spoolLimit;
    }

    /// <summary>
    /// A reader over an input opened by <see cref="DumpOpener"/>. A regular file is read at random through the handle its raw
    /// stream already holds (positioned reads leave that stream's own position alone), the stream being only drained, on
    /// another thread, when its hash is wanted; anything else (an archive member, a <c>.gz</c>, a pipe) is copied first.
    /// </summary>
    internal static AdExplorerReader ForSource(DumpSource source, Stream raw, ReadOnlySpan<byte> prefix, DumpOpenOptions options)
    {
        var reader = new AdExplorerReader(options.Reader, source.DisplayName, options.MaxSnapshotSpoolBytes);
        reader._raw = raw;
        if (raw is HashingStream { Inner: FileStream { CanSeek: true } file })
        {
            reader._storage = new FileSnapshotStorage(file.SafeFileHandle, owner: null);
            if (options.ComputeSha256)
            {
                reader.StartDrain(raw);
            }
        }
        else
        {
            var head = prefix.ToArray();
            reader._spool = () => SnapshotSpool.Copy(head, raw, options.MaxSnapshotSpoolBytes);
        }

        return reader;
    }

    private enum Phase
    {
        Header,
        Objects,
        ExtraRecords,
        Done,
    }

    /// <inheritdoc/>
    public string SourceName { get; }

    /// <inheritdoc/>
    public DumpFormat Format => DumpFormat.AdExplorer;

    /// <inheritdoc/>
    public DumpDialect Dialect => DumpDialect.AdExplorer;

    /// <inheritdoc/>
    public DumpRecord Current => _record;

    /// <inheritdoc/>
    public DumpReadStatistics Statistics => _stats;

    /// <inheritdoc/>
    public IReadOnlyList<DumpDiagnostic> Diagnostics => _sink.Diagnostics;

    /// <summary>The header's server, capture time and description, once the header was read (also for an unfinished capture).</summary>
    public DumpCapture? Capture { get; private set; }

    /// <summary>The number of objects the header counts (0 before the header is read).</summary>
    public long HeaderObjectCount => _objectCount;

    /// <summary>
    /// Records after the objects that hold only a DN: AD Explorer writes one for each parent it did not capture whose children
    /// it did. They are not entries.
    /// </summary>
    public long PlaceholderRecords { get; private set; }

    /// <summary>The number of properties (attributes with their types) in the property table.</summary>
    public int PropertyCount => _properties.Length;

    /// <summary>The shared-block cache (tests and benchmarks look at its hits).</summary>
    internal DecodedBlockCache Cache => _cache;

    /// <summary>The windows over the file (tests and benchmarks look at what they read and held).</summary>
    internal SnapshotWindow? Window => _window;

    /// <inheritdoc/>
    public bool Read() => _sink.Read(_parseNext);

    /// <inheritdoc/>
    public void Dispose()
    {
        // The drain first (it reads the raw stream), then the storage, then the raw stream, which may own the storage's handle.
        StopDrain();
        _storage?.Dispose();
        _storage = null;
        _raw?.Dispose();
        _raw = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>One step of <see cref="Read"/>: the next object (true), or the checks at the end (false).</summary>
    private bool ParseNext()
    {
        switch (_phase)
        {
            case Phase.Header:
                _phase = Phase.Done; // a failure here ends the reading
                OpenFile();
                _phase = Phase.Objects;
                goto case Phase.Objects;
            case Phase.Objects:
                if (_index < _objectCount)
                {
                    ReadObject();
                    return true;
                }

                _phase = Phase.ExtraRecords;
                goto case Phase.ExtraRecords;
            case Phase.ExtraRecords:
                ReadExtraRecords();
                _phase = Phase.Done;
                CheckEnd();
                FinishDrain();
                _stats.Bytes = _window!.Length;
                return false;
            default:
                return false;
        }
    }

    /// <summary>Reads the raw stream to its end on another thread, so that its digest (size, SHA-256) is computed while the file is read at random.</summary>
    private void StartDrain(Stream raw)
    {
        _drainCancel = new CancellationTokenSource();
        var token = _drainCancel.Token;
        _drain = Task.Run(() =>
        {
            var buffer = new byte[1024 * 1024];
            while (!token.IsCancellationRequested && raw.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }, token);
    }

    private void FinishDrain()
    {
        if (_drain is null)
        {
            return;
        }

        try
        {
            _drain.Wait();
        }
        catch (AggregateException)
        {
            // The hash is then unknown; the snapshot itself was read in full.
        }

        _drain = null;
        _drainCancel?.Dispose();
        _drainCancel = null;
    }

    private void StopDrain()
    {
        if (_drain is null)
        {
            return;
        }

        _drainCancel!.Cancel();
        try
        {
            _drain.Wait();
        }
        catch (AggregateException)
        {
        }

        _drain = null;
        _drainCancel.Dispose();
        _drainCancel = null;
    }

    private DumpPosition At(long offset, long objectIndex) => new(SourceName, objectIndex, objectIndex) { Offset = offset };

    private DumpFormatException Fail(DiagnosticCode code, long offset, long objectIndex, string message) =>
        _sink.Fail(code, At(offset, objectIndex), message);

    private void Warn(DiagnosticCode code, long offset, long objectIndex, string message) =>
        _sink.Report(code, At(offset, objectIndex), message);

    private static string Hex(long value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture);

    private static string Num(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
