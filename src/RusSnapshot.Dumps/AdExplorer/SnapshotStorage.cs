using Microsoft.Win32.SafeHandles;

namespace RusSnapshot.Dumps.AdExplorer;

/// <summary>The bytes of a snapshot, read at any offset: a file through positioned reads, or a small copy in memory.</summary>
internal abstract class SnapshotStorage : IDisposable
{
    /// <summary>The size in bytes.</summary>
    public abstract long Length { get; }

    /// <summary>Reads up to <paramref name="destination"/>'s length at <paramref name="offset"/>; fewer bytes only at the end.</summary>
    public abstract int ReadAt(long offset, Span<byte> destination);

    public abstract void Dispose();
}

/// <summary>A file read with <see cref="RandomAccess"/>: no file position, no read-ahead buffer of its own.</summary>
internal sealed class FileSnapshotStorage : SnapshotStorage
{
    private readonly SafeFileHandle _handle;
    private readonly IDisposable? _owner;

    /// <param name="handle">A handle that supports positioned reads.</param>
    /// <param name="owner">What closes the handle (its FileStream), disposed with the storage; null when someone else closes it.</param>
    public FileSnapshotStorage(SafeFileHandle handle, IDisposable? owner)
    {
        _handle = handle;
        _owner = owner;
        Length = RandomAccess.GetLength(handle);
    }

    public override long Length { get; }

    public override int ReadAt(long offset, Span<byte> destination) => Input.PositionedRead.Fill(_handle, destination, offset);

    public override void Dispose() => _owner?.Dispose();
}

/// <summary>A snapshot held in memory: one small enough, copied out of an archive or a pipe.</summary>
internal sealed class MemorySnapshotStorage(byte[] bytes, int length) : SnapshotStorage
{
    public override long Length => length;

    public override int ReadAt(long offset, Span<byte> destination)
    {
        if (offset >= length)
        {
            return 0;
        }

        var n = (int)Math.Min(destination.Length, length - offset);
        bytes.AsSpan((int)offset, n).CopyTo(destination);
        return n;
    }

    public override void Dispose()
    {
    }
}

/// <summary>
/// Makes a stream that cannot be read at random (a member of a <c>.zip</c>, a <c>.gz</c>, a pipe) readable at random:
/// copied to memory when small, else to a temporary file that only this process can read and that is deleted when closed.
/// </summary>
internal static class SnapshotSpool
{
    /// <summary>Up to this size a copy is kept in memory; larger ones go to a temporary file.</summary>
    public const int InMemoryBytes = 16 * 1024 * 1024;

    /// <summary>Copies <paramref name="prefix"/> then the rest of <paramref name="stream"/>; null when it holds more than <paramref name="maxBytes"/>.</summary>
    public static SnapshotStorage? Copy(ReadOnlySpan<byte> prefix, Stream stream, long maxBytes)
    {
        var memory = new byte[Math.Max(prefix.Length, 64 * 1024)];
        prefix.CopyTo(memory);
        var length = prefix.Length;
        while (true)
        {
            if (length == memory.Length)
            {
                if (memory.Length >= InMemoryBytes)
                {
                    return ToFile(memory, length, stream, maxBytes);
                }

                Array.Resize(ref memory, Math.Min(memory.Length * 2, InMemoryBytes));
            }

            var n = stream.Read(memory, length, memory.Length - length);
            if (n == 0)
            {
                return length > maxBytes ? null : new MemorySnapshotStorage(memory, length);
            }

            length += n;
        }
    }

    private static FileSnapshotStorage? ToFile(byte[] head, int headLength, Stream stream, long maxBytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"russnap-snapshot-{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose | FileOptions.RandomAccess,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var file = new FileStream(path, options);
        try
        {
            file.Write(head, 0, headLength);
            long total = headLength;
            var buffer = head; // reused: its content is written
            while (true)
            {
                var n = stream.Read(buffer, 0, buffer.Length);
                if (n == 0)
                {
                    break;
                }

                total += n;
                if (total > maxBytes)
                {
                    file.Dispose();
                    return null;
                }

                file.Write(buffer, 0, n);
            }

            file.Flush();
            return new FileSnapshotStorage(file.SafeFileHandle, file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
