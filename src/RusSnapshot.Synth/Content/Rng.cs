namespace RusSnapshot.Synth.Content;

/// <summary>
/// SplitMix64: small, fast and good enough for test data. Every object draws from its own stream
/// (<see cref="For"/>), so any object can be re-derived from its index without generating the others
/// (group member lists rebuild member DNs from user indexes).
/// </summary>
internal struct Rng
{
    private ulong _state;

    public Rng(ulong seed) => _state = seed;

    /// <summary>The stream for one object: a hash of the seed, a purpose tag, and up to two indexes.</summary>
    public static Rng For(long seed, ulong purpose, long a = 0, long b = 0) =>
        new(Mix(Mix(Mix((ulong)seed ^ 0x5DEECE66DUL) ^ purpose) ^ (ulong)a) ^ (ulong)b * 0x9E3779B97F4A7C15UL);

    /// <summary>A well-mixed 64-bit hash of <paramref name="x"/> (the SplitMix64 finaliser).</summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, n).</summary>
    public int Below(int n) => n <= 1 ? 0 : (int)((Next() >> 1) % (ulong)n);

    /// <summary>A number in [0, n).</summary>
    public long Below(long n) => n <= 1 ? 0 : (long)((Next() >> 1) % (ulong)n);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => (Next() >> 11) * (1.0 / (1UL << 53)) < p;

    public void Fill(Span<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            var v = Next();
            for (var k = 0; k < 8 && i < bytes.Length; k++, i++)
            {
                bytes[i] = (byte)(v >> (8 * k));
            }
        }
    }
}
