namespace RusSnapshot.Dumps.AdExplorer;

/// <summary>
/// Value blocks that records share, decoded once: AD Explorer stores an identical value once and later records point
/// back at it (on the real file 61% of entries do). Keyed by the block's absolute offset and how it is decoded (one
/// block can serve a boolean and an integer). Bounded: the oldest entries go first once <see cref="BudgetBytes"/> is
/// reached, which suits the format, since sharing only reaches back 1,000,000 bytes.
/// </summary>
internal sealed class DecodedBlockCache
{
    /// <summary>The most bytes of decoded values kept (default 8 MiB).</summary>
    public const long DefaultBudgetBytes = 8 * 1024 * 1024;

    /// <summary>Blocks whose values decode to more than this are not kept.</summary>
    public const int MaxEntryBytes = 64 * 1024;

    private const int EntryOverhead = 64;

    private readonly Dictionary<long, Entry> _entries = [];
    private readonly Queue<long> _order = new();
    private long _bytes;

    public DecodedBlockCache(long budgetBytes = DefaultBudgetBytes) => BudgetBytes = budgetBytes;

    public long BudgetBytes { get; }

    /// <summary>Look-ups answered from the cache.</summary>
    public long Hits { get; private set; }

    /// <summary>Look-ups that had to decode.</summary>
    public long Misses { get; private set; }

    /// <summary>Bytes held now.</summary>
    public long Bytes => _bytes;

    public static long Key(long blockOffset, ValueKind kind) => (blockOffset << 4) | (byte)kind;

    public bool TryGet(long key, out Entry entry)
    {
        if (_entries.TryGetValue(key, out entry!))
        {
            Hits++;
            return true;
        }

        Misses++;
        return false;
    }

    /// <summary>Keeps the values <paramref name="data"/> (back to back) of the given lengths, evicting the oldest entries over the budget.</summary>
    public void Add(long key, ReadOnlySpan<byte> data, ReadOnlySpan<int> lengths)
    {
        var cost = data.Length + (4L * lengths.Length) + EntryOverhead;
        if (data.Length > MaxEntryBytes || cost > BudgetBytes || _entries.ContainsKey(key))
        {
            return;
        }

        while (_bytes + cost > BudgetBytes && _order.TryDequeue(out var old))
        {
            if (_entries.Remove(old, out var gone))
            {
                _bytes -= gone.Cost;
            }
        }

        _entries.Add(key, new Entry(data.ToArray(), lengths.ToArray(), cost));
        _order.Enqueue(key);
        _bytes += cost;
    }

    /// <summary>One decoded block: its values back to back, and their lengths.</summary>
    public sealed record Entry(byte[] Data, int[] Lengths, long Cost);
}
