namespace RusSnapshot.Dumps.AdExplorer;

/// <summary>
/// Bounded views of a snapshot's bytes, read by positioned reads: never the whole file. A <em>near</em> window follows the
/// reading position and keeps the <see cref="Behind"/> bytes before it, where AD Explorer's shared value blocks are
/// (it shares only within 1,000,000 bytes behind the write position), so those back-references cost no read; a small
/// <em>far</em> window serves a reference further back (another writer's file, a hostile one).
/// </summary>
/// <remarks>A span returned is valid until the next call: callers copy what they keep.</remarks>
internal sealed class SnapshotWindow
{
    /// <summary>How much the near window keeps behind the furthest byte asked for: AD Explorer's sharing distance and a margin.</summary>
    public const int Behind = 1_000_000 + 64 * 1024;

    private const int NearSize = 8 * 1024 * 1024;
    private const int FarSize = 64 * 1024;

    private readonly SnapshotStorage _storage;
    private byte[] _near = [];
    private long _nearStart;
    private int _nearLength;
    private byte[] _far = [];
    private long _farStart;
    private int _farLength;

    public SnapshotWindow(SnapshotStorage storage) => _storage = storage;

    /// <summary>The file's size.</summary>
    public long Length => _storage.Length;

    /// <summary>Positioned reads made (for tests and benchmarks).</summary>
    public long Reads { get; private set; }

    /// <summary>Bytes read by them.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The largest the windows grew (bytes held at once).</summary>
    public long PeakBytes => (long)_near.Length + _far.Length;

    /// <summary>
    /// The bytes <c>[offset, offset + length)</c>, which the caller has checked lie inside the file.
    /// </summary>
    /// <exception cref="IOException">The file is shorter than it was (it changed while being read).</exception>
    public ReadOnlySpan<byte> Get(long offset, int length)
    {
        if (length == 0)
        {
            return [];
        }

        if (offset >= _nearStart && offset + length <= _nearStart + _nearLength)
        {
            return _near.AsSpan((int)(offset - _nearStart), length);
        }

        if (offset >= _farStart && offset + length <= _farStart + _farLength)
        {
            return _far.AsSpan((int)(offset - _farStart), length);
        }

        return offset >= _nearStart ? SlideNear(offset, length) : LoadFar(offset, length);
    }

    /// <summary>
    /// The bytes <c>[offset, offset + length)</c> through the far window only, leaving the near one where it is: for the
    /// header and the tables, read once, out of the order of the records.
    /// </summary>
    /// <exception cref="IOException">The file is shorter than it was (it changed while being read).</exception>
    public ReadOnlySpan<byte> GetFar(long offset, int length)
    {
        if (length == 0)
        {
            return [];
        }

        return offset >= _farStart && offset + length <= _farStart + _farLength
            ? _far.AsSpan((int)(offset - _farStart), length)
            : LoadFar(offset, length);
    }

    /// <summary>Empties the near window and starts it at <paramref name="offset"/>: the next sequential reading (the records, the tree index) starts there.</summary>
    public void Restart(long offset)
    {
        _nearStart = offset;
        _nearLength = 0;
    }

    private ReadOnlySpan<byte> SlideNear(long offset, int length)
    {
        var nearEnd = _nearStart + _nearLength;
        var start = Math.Max(_nearStart, offset - Behind);
        var needed = offset + length - start;
        if (needed > _near.Length)
        {
            // Never more than the file (a small snapshot gets a small window), nor less than what is asked for.
            var size = Math.Max(needed, Math.Min(Math.Max(NearSize, Math.Min((long)_near.Length * 2, Array.MaxLength)), _storage.Length - start));
            var grown = new byte[size];
            if (start < nearEnd)
            {
                _near.AsSpan((int)(start - _nearStart), (int)(nearEnd - start)).CopyTo(grown);
            }

            _near = grown;
        }
        else if (start < nearEnd && start > _nearStart)
        {
            _near.AsSpan((int)(start - _nearStart), (int)(nearEnd - start)).CopyTo(_near);
        }

        var kept = start < nearEnd ? (int)(nearEnd - start) : 0;
        _nearStart = start;
        var read = Fill(_near.AsSpan(kept), start + kept);
        _nearLength = kept + read;
        if (offset + length > _nearStart + _nearLength)
        {
            throw Shrunk(offset + length);
        }

        return _near.AsSpan((int)(offset - _nearStart), length);
    }

    private ReadOnlySpan<byte> LoadFar(long offset, int length)
    {
        if (length > _far.Length || _far.Length == 0)
        {
            _far = new byte[Math.Max(length, Math.Min(FarSize, _storage.Length - offset))];
        }

        _farStart = offset;
        _farLength = Fill(_far, offset);
        if (_farLength < length)
        {
            throw Shrunk(offset + length);
        }

        return _far.AsSpan(0, length);
    }

    private int Fill(Span<byte> destination, long offset)
    {
        var want = (int)Math.Min(destination.Length, Math.Max(0, _storage.Length - offset));
        if (want == 0)
        {
            return 0;
        }

        var n = _storage.ReadAt(offset, destination[..want]);
        Reads++;
        BytesRead += n;
        return n;
    }

    private IOException Shrunk(long end) =>
        new($"the file is shorter than it was when opened (0x{end:X} bytes were expected): it changed while being read");
}
