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

    /// <summary>Hash of <paramref name="data"/> with ASCII letters A-Z folded to lower case (DNs compare case-insensitively); other bytes exact.</summary>
    public static ulong HashIgnoreAsciiCase(ReadOnlySpan<byte> data, ulong seed = Seed)
    {
        var h = seed ^ ((ulong)data.Length * P1);
        while (data.Length >= 8)
        {
            h = Mix(h, ToLowerAscii(BinaryPrimitives.ReadUInt64LittleEndian(data)));
            data = data[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            tail |= (ulong)(b is >= (byte)'A' and <= (byte)'Z' ? b | 0x20 : b) << (8 * i);
        }

        return Finish(Mix(h, tail));
    }

    /// <summary>Lower-cases the bytes 'A'-'Z' of an 8-byte word and leaves every other byte (UTF-8 included) as it is.</summary>
    private static ulong ToLowerAscii(ulong w)
    {
        if ((w & 0x8080808080808080UL) != 0)
        {
            ulong r = 0;
            for (var i = 0; i < 64; i += 8)
            {
                var b = (w >> i) & 0xFF;
                r |= (b is >= 'A' and <= 'Z' ? b | 0x20 : b) << i;
            }

            return r;
        }

        // All bytes ASCII: a byte is in 'A'..'Z' exactly when adding 0x3F sets its high bit and adding 0x25 does not.
        var above = w + 0x3F3F3F3F3F3F3F3FUL;
        var beyond = w + 0x2525252525252525UL;
        var upper = (above ^ beyond) & 0x8080808080808080UL;
        return w | (upper >> 2);
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
