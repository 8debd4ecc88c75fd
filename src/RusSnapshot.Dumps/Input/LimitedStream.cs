namespace RusSnapshot.Dumps.Input;

/// <summary>
/// The first <c>limit</c> bytes of a stream, then its end: the first part of a file read in parts. Reads never ask the
/// inner stream for more than is left, so it reads (and decides, for a <see cref="DeferredEncodingStream"/>) exactly as it
/// would for the whole file up to there.
/// </summary>
internal sealed class LimitedStream(Stream inner, long limit) : ReadOnlyStreamBase
{
    private long _left = limit;

    /// <summary>True once a read found nothing left: what is above it read to the end.</summary>
    public bool Ended { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var n = _left <= 0 ? 0 : inner.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
        _left -= n;
        Ended |= n == 0;
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
