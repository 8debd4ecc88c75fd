namespace RusSnapshot.Dumps.Input;

/// <summary>
/// The first <c>limit</c> bytes of a stream, then its end: the first part of a file read in parts. Reads never ask the
/// inner stream for more than is left, so it reads (and decides, for a <see cref="DeferredEncodingStream"/>) exactly as it
/// would for the whole file up to there.
/// </summary>
internal sealed class LimitedStream(Stream inner, long limit) : ReadOnlyStreamBase
{
    private long _left = limit;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_left <= 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
        _left -= n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
