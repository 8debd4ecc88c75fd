using System.Text;
using System.Text.Unicode;

namespace RusSnapshot.Dumps.Input;

/// <summary>
/// For inputs whose sniffed prefix is pure ASCII: passes bytes through until the first non-ASCII byte, then decides.
/// Valid UTF-8 there: the rest is passed through as UTF-8. Otherwise: the rest is decoded from the ANSI code page.
/// Everything before that byte is ASCII, the same in both, so deciding late loses nothing; this is how a csvde file
/// written without <c>-u</c>, whose first accented name comes after the sniff window, is still read right.
/// </summary>
internal sealed class DeferredEncodingStream(Stream inner, Encoding ansi) : ReadOnlyStreamBase
{
    private Stream? _decided;

    /// <summary>The encoding chosen, or null while only ASCII has been seen.</summary>
    public string? Decision { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_decided is not null)
        {
            return _decided.Read(buffer);
        }

        // Leave room to look ahead: a UTF-8 sequence is at most 4 bytes.
        var n = inner.Read(buffer);
        if (n == 0)
        {
            return 0;
        }

        var chunk = buffer[..n];
        if (Ascii.IsValid(chunk))
        {
            return n; // the common case, checked at memory speed
        }

        var first = chunk.IndexOfAnyInRange((byte)0x80, (byte)0xFF);

        // Complete a sequence cut at the end of the chunk, so the test below sees it whole.
        var rest = chunk[first..].ToArray();
        var more = new byte[4];
        var extra = rest.Length < 4 ? ReadAtMost(more, 4 - rest.Length) : 0;
        var probe = rest.Concat(more.Take(extra)).ToArray();
        if (Utf8.IsValid(TrimIncomplete(probe)))
        {
            Decision = "utf-8";
            _decided = new PrefixedStream(more, 0, extra, inner);
            return n;
        }

        Decision = ansi.WebName;
        var pending = rest.Concat(more.Take(extra)).ToArray();
        _decided = new SingleByteToUtf8Stream(new PrefixedStream(pending, 0, pending.Length, inner), ansi);
        return first > 0 ? first : _decided.Read(buffer); // the ASCII part now; the rest, decoded, on the next reads
    }

    private int ReadAtMost(byte[] into, int count)
    {
        var total = 0;
        while (total < count)
        {
            var r = inner.Read(into, total, count - total);
            if (r == 0)
            {
                break;
            }

            total += r;
        }

        return total;
    }

    private static ReadOnlySpan<byte> TrimIncomplete(ReadOnlySpan<byte> s)
    {
        for (var i = 1; i <= Math.Min(3, s.Length); i++)
        {
            var b = s[^i];
            if ((b & 0xC0) != 0x80)
            {
                var need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return need > i ? s[..^i] : s;
            }
        }

        return s;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            (_decided ?? inner).Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
