namespace RusSnapshot.Dumps.Input;

/// <summary>A read-only stream that first returns a buffered prefix (already read for sniffing), then the rest of the inner stream.</summary>
internal sealed class PrefixedStream(byte[] prefix, int offset, int count, Stream inner) : ReadOnlyStreamBase
{
    private int _offset = offset;
    private int _remaining = count;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_remaining > 0)
        {
            var n = Math.Min(_remaining, buffer.Length);
            prefix.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            _remaining -= n;
            return n;
        }

        return inner.Read(buffer);
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
