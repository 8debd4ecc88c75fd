namespace RusSnapshot.Dumps.Input;

/// <summary>
/// A forward-only stream that can only be read: what the wrappers here share. A subclass supplies
/// <c>Read</c> (and <c>Dispose</c>); length, position, seeking and writing are not supported.
/// </summary>
internal abstract class ReadOnlyStreamBase : Stream
{
    public sealed override bool CanRead => true;

    public sealed override bool CanSeek => false;

    public sealed override bool CanWrite => false;

    public sealed override long Length => throw new NotSupportedException();

    public sealed override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public sealed override void Flush()
    {
    }

    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public sealed override void SetLength(long value) => throw new NotSupportedException();

    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
