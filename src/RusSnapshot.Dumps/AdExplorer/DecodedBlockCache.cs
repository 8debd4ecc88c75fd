namespace RusSnapshot.Dumps.AdExplorer;

/// <summary>
/// Value blocks that records share, decoded once: AD Explorer stores an identical value once and later records point
/// back at it (on the real file 61% of entries do). Keyed by the block's absolute offset and how it is decoded (one
/// block can serve a boolean and an integer). Bounded and allocation-free once warm: decoded values go into two
/// generations of preallocated buffers; when the current one is full, the older one is dropped whole and reused, which
/// suits the format, since sharing only reaches back 1,000,000 bytes.
/// </summary>
internal sealed class DecodedBlockCache
{
    /// <summary>The most bytes of decoded values kept (default 4 MiB, in two generations).</summary>
    public const long DefaultBudgetBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The most blocks a generation holds: 32,768, some 1 MB of a real snapshot's blocks, as far back as sharing reaches.
    /// Bounds the look-up table too (most blocks are a few bytes: a boolean, an integer).
    /// </summary>
    public const int MaxEntriesPerGeneration = 32 * 1024;

    /// <summary>Blocks whose values decode to more than this are not kept.</summary>
    public const int MaxEntryBytes = 64 * 1024;

    private readonly Dictionary<long, Entry> _entries = [];
    private readonly Generation[] _generations;
    private int _current;

    public DecodedBlockCache(long budgetBytes = DefaultBudgetBytes)
    {
        BudgetBytes = budgetBytes;
        var half = (int)Math.Max(MaxEntryBytes, budgetBytes / 2);
        _generations = [new Generation(half), new Generation(half)];
    }

    public long BudgetBytes { get; }

    /// <summary>Look-ups answered from the cache.</summary>
    public long Hits { get; private set; }

    /// <summary>Look-ups that had to decode.</summary>
    public long Misses { get; private set; }

    /// <summary>Bytes of decoded values held now.</summary>
    public long Bytes => (long)_generations[0].DataUsed + _generations[1].DataUsed;

    public static long Key(long blockOffset, ValueKind kind) => (blockOffset << 4) | (byte)kind;

    /// <summary>The values of a block decoded before: back to back in <paramref name="data"/>, of the given lengths. Valid until the next <see cref="Add"/>.</summary>
    public bool TryGet(long key, out ReadOnlySpan<byte> data, out ReadOnlySpan<int> lengths)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            Hits++;
            var g = _generations[entry.Generation];
            data = g.Data.AsSpan(entry.DataStart, entry.DataLength);
            lengths = g.Lengths.AsSpan(entry.LengthsStart, entry.Count);
            return true;
        }

        Misses++;
        data = default;
        lengths = default;
        return false;
    }

    /// <summary>Keeps the values <paramref name="data"/> (back to back) of the given lengths; the older generation goes when the current one is full.</summary>
    public void Add(long key, ReadOnlySpan<byte> data, ReadOnlySpan<int> lengths)
    {
        if (data.Length > MaxEntryBytes || lengths.Length > 4 * MaxEntriesPerGeneration || _entries.ContainsKey(key))
        {
            return;
        }

        var g = _generations[_current];
        g.Grow(data.Length, lengths.Length);
        if (!g.Fits(data.Length, lengths.Length))
        {
            _current = 1 - _current;
            g = _generations[_current];
            foreach (var old in g.Keys)
            {
                _entries.Remove(old);
            }

            g.Reset();
            g.Grow(data.Length, lengths.Length);
        }

        var entry = new Entry(_current, g.DataUsed, data.Length, g.LengthsUsed, lengths.Length);
        data.CopyTo(g.Data.AsSpan(g.DataUsed));
        lengths.CopyTo(g.Lengths.AsSpan(g.LengthsUsed));
        g.DataUsed += data.Length;
        g.LengthsUsed += lengths.Length;
        g.Keys.Add(key);
        _entries.Add(key, entry);
    }

    private readonly record struct Entry(int Generation, int DataStart, int DataLength, int LengthsStart, int Count);

    /// <summary>One generation's buffers: they start small (a small snapshot needs little) and grow, by doubling, up to their limit.</summary>
    private sealed class Generation(int maxBytes)
    {
        private const int MaxLengths = 4 * MaxEntriesPerGeneration;

        public byte[] Data { get; private set; } = [];

        public int[] Lengths { get; private set; } = [];

        public List<long> Keys { get; } = [];

        public int DataUsed { get; set; }

        public int LengthsUsed { get; set; }

        public bool Fits(int data, int lengths) =>
            Keys.Count < MaxEntriesPerGeneration && DataUsed + data <= Data.Length && LengthsUsed + lengths <= Lengths.Length;

        /// <summary>Makes room for one more entry if the limits allow it.</summary>
        public void Grow(int data, int lengths)
        {
            if (DataUsed + data > Data.Length && Data.Length < maxBytes)
            {
                var bigger = new byte[Math.Min(maxBytes, Math.Max(Math.Max(4096, 2 * Data.Length), DataUsed + data))];
                Data.AsSpan(0, DataUsed).CopyTo(bigger);
                Data = bigger;
            }

            if (LengthsUsed + lengths > Lengths.Length && Lengths.Length < MaxLengths)
            {
                var bigger = new int[Math.Min(MaxLengths, Math.Max(Math.Max(1024, 2 * Lengths.Length), LengthsUsed + lengths))];
                Lengths.AsSpan(0, LengthsUsed).CopyTo(bigger);
                Lengths = bigger;
            }
        }

        public void Reset()
        {
            DataUsed = 0;
            LengthsUsed = 0;
            Keys.Clear();
        }
    }
}
