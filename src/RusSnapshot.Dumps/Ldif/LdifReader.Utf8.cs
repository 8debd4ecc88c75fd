using System.Buffers;
using System.Text;

namespace RusSnapshot.Dumps.Ldif;

/// <summary>Locating the first byte that is not UTF-8, on the cold path where a region is not valid UTF-8.</summary>
public sealed partial class LdifReader
{
    /// <summary>
    /// Cold path, taken only when the region as a whole is not valid UTF-8. Each logical line is judged with its folds
    /// joined (RFC 2849 folds bytes, so a fold may fall inside a multi-byte sequence, and that is valid), and the error
    /// names the physical line that holds the first bad byte.
    /// </summary>
    private void ReportInvalidUtf8(int region, long firstLine)
    {
        var i = 0;
        while (i < _lineCount)
        {
            var last = i + 1;
            var length = _lineEnd[i] - _lineStart[i];
            while (last < _lineCount && _buf[region + _lineStart[last]] == (byte)' ')
            {
                length += _lineEnd[last] - _lineStart[last] - 1;
                last++;
            }

            var bad = -1;
            if (last == i + 1)
            {
                bad = IndexOfInvalidUtf8(_buf.AsSpan(region + _lineStart[i], length));
            }
            else
            {
                var joined = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
                try
                {
                    var at = 0;
                    for (var k = i; k < last; k++)
                    {
                        var from = region + _lineStart[k] + (k == i ? 0 : 1);
                        var n = region + _lineEnd[k] - from;
                        _buf.AsSpan(from, n).CopyTo(joined.AsSpan(at));
                        at += n;
                    }

                    bad = IndexOfInvalidUtf8(joined.AsSpan(0, length));
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(joined);
                }
            }

            if (bad >= 0)
            {
                // Map the offset in the joined line back to its physical line.
                var k = i;
                var segment = _lineEnd[i] - _lineStart[i];
                while (bad >= segment && k + 1 < last)
                {
                    bad -= segment;
                    k++;
                    segment = _lineEnd[k] - _lineStart[k] - 1;
                }

                throw _sink.Fail(DiagnosticCodes.LdifUtf8, firstLine + k, firstLine,
                    "bytes that are not valid UTF-8 (an ANSI export? try --encoding windows-1252)");
            }

            i = last;
        }
    }

    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence, or -1.</summary>
    private static int IndexOfInvalidUtf8(ReadOnlySpan<byte> text)
    {
        var pos = 0;
        while (pos < text.Length)
        {
            var nonAscii = text[pos..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (nonAscii < 0)
            {
                return -1;
            }

            pos += nonAscii;
            if (Rune.DecodeFromUtf8(text[pos..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return pos;
            }

            pos += consumed;
        }

        return -1;
    }
}
