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
}
