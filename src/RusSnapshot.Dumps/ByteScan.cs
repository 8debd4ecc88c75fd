using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RusSnapshot.Dumps;

/// <summary>
/// Searches the readers' hot loops inline, where most spans are a line or a field of a few dozen bytes. The 256-bit and
/// 128-bit loops differ only in vector width: neither the JIT nor the AOT compiler has a vector type over both here.
/// </summary>
internal static class ByteScan
{
    /// <summary>
    /// The index of the first <paramref name="a"/> or <paramref name="b"/>, or -1: what <c>IndexOfAny(a, b)</c> answers,
    /// written out because on spans this short the cost of that call dominates, while inlined one vector compare usually
    /// decides. 256-bit vectors where the JIT has AVX2; else 128-bit ones, which every x64 and Arm64 machine has, and
    /// which the Native AOT build (compiled for the baseline instruction set, without AVX2) would otherwise not use.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOfEither(ReadOnlySpan<byte> span, byte a, byte b)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            while (i + Vector256<byte>.Count <= span.Length)
            {
                var v = Vector256.Create(span.Slice(i, Vector256<byte>.Count));
                var bits = (Vector256.Equals(v, Vector256.Create(a)) | Vector256.Equals(v, Vector256.Create(b))).ExtractMostSignificantBits();
                if (bits != 0)
                {
                    return i + BitOperations.TrailingZeroCount(bits);
                }

                i += Vector256<byte>.Count;
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            while (i + Vector128<byte>.Count <= span.Length)
            {
                var v = Vector128.Create(span.Slice(i, Vector128<byte>.Count));
                var bits = (Vector128.Equals(v, Vector128.Create(a)) | Vector128.Equals(v, Vector128.Create(b))).ExtractMostSignificantBits();
                if (bits != 0)
                {
                    return i + BitOperations.TrailingZeroCount(bits);
                }

                i += Vector128<byte>.Count;
            }
        }

        var rest = span[i..].IndexOfAny(a, b);
        return rest < 0 ? -1 : i + rest;
    }

    /// <summary>As <see cref="IndexOfEither"/>, for four bytes (the CSV reader's field stops); <paramref name="all"/> holds the four, for the tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOfAny(ReadOnlySpan<byte> span, byte a, byte b, byte c, byte d, SearchValues<byte> all)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            while (i + Vector256<byte>.Count <= span.Length)
            {
                var v = Vector256.Create(span.Slice(i, Vector256<byte>.Count));
                var bits = (Vector256.Equals(v, Vector256.Create(a)) | Vector256.Equals(v, Vector256.Create(b))
                    | Vector256.Equals(v, Vector256.Create(c)) | Vector256.Equals(v, Vector256.Create(d))).ExtractMostSignificantBits();
                if (bits != 0)
                {
                    return i + BitOperations.TrailingZeroCount(bits);
                }

                i += Vector256<byte>.Count;
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            while (i + Vector128<byte>.Count <= span.Length)
            {
                var v = Vector128.Create(span.Slice(i, Vector128<byte>.Count));
                var bits = (Vector128.Equals(v, Vector128.Create(a)) | Vector128.Equals(v, Vector128.Create(b))
                    | Vector128.Equals(v, Vector128.Create(c)) | Vector128.Equals(v, Vector128.Create(d))).ExtractMostSignificantBits();
                if (bits != 0)
                {
                    return i + BitOperations.TrailingZeroCount(bits);
                }

                i += Vector128<byte>.Count;
            }
        }

        var rest = span[i..].IndexOfAny(all);
        return rest < 0 ? -1 : i + rest;
    }

    /// <summary>
    /// Whether every byte is of the base64 alphabet (<c>A-Z a-z 0-9 + /</c>): what <c>IndexOfAnyExcept(alphabet) &lt; 0</c>
    /// answers, by three range tests on 16 bytes at a time, inlined, since base64 values (GUIDs, SIDs, a name with an
    /// accent) are a few dozen bytes, where the call and table set-up of <c>SearchValues</c> cost more than the test.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllBase64Alphabet(ReadOnlySpan<byte> span)
    {
        if (Vector128.IsHardwareAccelerated && span.Length >= Vector128<byte>.Count)
        {
            var last = span.Length - Vector128<byte>.Count;
            for (var i = 0; i < last; i += Vector128<byte>.Count)
            {
                if (!IsBase64Block(Vector128.Create(span.Slice(i, Vector128<byte>.Count))))
                {
                    return false;
                }
            }

            return IsBase64Block(Vector128.Create(span.Slice(last, Vector128<byte>.Count))); // overlaps the block before
        }

        foreach (var b in span)
        {
            // Setting bit 5 maps A-Z onto a-z and nothing else into a-z.
            if ((uint)((b | 0x20) - 'a') >= 26 && (uint)(b - '0') >= 10 && b != (byte)'+' && b != (byte)'/')
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsBase64Block(Vector128<byte> v) =>
        (LettersOrDigits(v) | Vector128.Equals(v, Vector128.Create((byte)'+')) | Vector128.Equals(v, Vector128.Create((byte)'/')))
            .ExtractMostSignificantBits() == 0xFFFF;

    /// <summary>All ones in each byte of <paramref name="v"/> that is an ASCII letter or digit, by two range tests.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> LettersOrDigits(Vector128<byte> v) =>
        AtMost((v | Vector128.Create((byte)0x20)) - Vector128.Create((byte)'a'), 25) // setting bit 5 maps A-Z onto a-z, nothing else
        | AtMost(v - Vector128.Create((byte)'0'), 9);

    /// <summary>Unsigned <c>x &lt;= limit</c> per byte as <c>Min(x, limit) == x</c>: one instruction pair on every vector instruction set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> AtMost(Vector128<byte> x, byte limit) => Vector128.Equals(Vector128.Min(x, Vector128.Create(limit)), x);

    /// <summary>
    /// How many bytes <paramref name="span"/> starts with that are letters, digits, <c>-</c> or <c>.</c> (an attribute
    /// type), counted 16 at a time within the first 64 bytes; -1 when that cannot be told so (the run reaches the last
    /// whole block, or no vector instructions): the caller then scans byte by byte. An LDIF line is a name and its value,
    /// so the name's end nearly always falls inside a whole block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LeadingNameChars(ReadOnlySpan<byte> span)
    {
        if (!Vector128.IsHardwareAccelerated)
        {
            return -1;
        }

        for (var p = 0; p + Vector128<byte>.Count <= span.Length && p < 64; p += Vector128<byte>.Count)
        {
            var v = Vector128.Create(span.Slice(p, Vector128<byte>.Count));
            var name = LettersOrDigits(v) | AtMost(v - Vector128.Create((byte)'-'), 1); // '-' and '.' are 0x2D and 0x2E
            var other = ~name.ExtractMostSignificantBits() & 0xFFFF;
            if (other != 0)
            {
                return p + BitOperations.TrailingZeroCount(other);
            }
        }

        return -1;
    }
}
