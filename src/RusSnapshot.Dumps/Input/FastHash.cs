using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace RusSnapshot.Dumps.Input;

/// <summary>
/// A fast 64-bit hash for duplicate detection (not cryptographic, stable across runs).
/// 64 bits keep accidental collisions negligible at millions of entries (about 1 in 10^7 for 10^6 DNs).
/// </summary>
public static class FastHash
{
    private const ulong P1 = 0x9E3779B185EBCA87UL;
    private const ulong P2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Seed = 0x27D4EB2F165667C5UL;

    /// <summary>Hash of <paramref name="data"/> with ASCII letters folded to lower case (DNs compare case-insensitively).</summary>
    public static ulong HashIgnoreAsciiCase(ReadOnlySpan<byte> data, ulong seed = Seed)
    {
        var h = seed ^ ((ulong)data.Length * P1);
        while (data.Length >= 8)
        {
            // Setting bit 5 lower-cases ASCII letters; it also maps a few punctuation pairs together ('@'/'`', '['/'{'),
            // which only makes the hash coarser, never wrong: a hit is confirmed by the caller's own rules.
            var v = BinaryPrimitives.ReadUInt64LittleEndian(data) | 0x2020202020202020UL;
            h = Mix(h, v);
            data = data[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < data.Length; i++)
        {
            tail |= (ulong)(data[i] | 0x20) << (8 * i);
        }

        return Finish(Mix(h, tail));
    }

    /// <summary>Hash of <paramref name="data"/>, exact bytes.</summary>
    public static ulong Hash(ReadOnlySpan<byte> data, ulong seed = Seed)
    {
        var h = seed ^ ((ulong)data.Length * P1);
        while (data.Length >= 8)
        {
            h = Mix(h, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < data.Length; i++)
        {
            tail |= (ulong)data[i] << (8 * i);
        }

        return Finish(Mix(h, tail));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong h, ulong v)
    {
        h ^= v * P2;
        h = ((h << 31) | (h >> 33)) * P1;
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Finish(ulong h)
    {
        h ^= h >> 33;
        h *= P2;
        h ^= h >> 29;
        h *= P1;
        h ^= h >> 32;
        return h;
    }
}
