namespace RusSnapshot.Dumps.Input;

/// <summary>
/// A fixed-size Bloom filter over 64-bit hashes (four probes by double hashing): never a false "no", false "yes" at
/// a rate set by its size. Used to find the few DNs worth keeping exactly, in constant memory.
/// </summary>
internal sealed class BloomFilter
{
    private readonly ulong[] _words;
    private readonly ulong _mask;

    /// <param name="bits">A power of two.</param>
    public BloomFilter(long bits)
    {
        if (bits < 64 || (bits & (bits - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), "Expected a power of two of at least 64.");
        }

        _words = new ulong[bits / 64];
        _mask = (ulong)bits - 1;
    }

    /// <summary>Adds a hash; false when it may have been added before (all its bits were already set).</summary>
    public bool Add(ulong hash)
    {
        var h1 = hash;
        var h2 = (hash >> 32) | (hash << 32) | 1; // odd, so the probes differ
        var added = false;
        for (var i = 0UL; i < 4; i++)
        {
            var bit = (h1 + (i * h2)) & _mask;
            ref var word = ref _words[bit >> 6];
            var flag = 1UL << (int)(bit & 63);
            if ((word & flag) == 0)
            {
                word |= flag;
                added = true;
            }
        }

        return added;
    }
}
