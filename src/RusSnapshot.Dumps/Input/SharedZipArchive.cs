using System.IO.Compression;
using System.Security.Cryptography;

namespace RusSnapshot.Dumps.Input;

/// <summary>
/// One <c>.zip</c> opened once for all its members: opened at the first member read, closed after the last one (or
/// when the set reader is disposed). Re-opening it and re-reading its directory per member made a 20,000-member
/// archive take minutes.
/// </summary>
internal sealed class SharedZipArchive(string file, int members) : IDisposable
{
    private readonly HashSet<int> _done = [];
    private FileStream? _stream;
    private ZipArchive? _zip;
    private string? _sha256;

    /// <summary>Opens an archive for listing or reading; a pipe or a device is refused, every error names the file.</summary>
    /// <exception cref="InvalidDataException">Not a regular file, or not a readable archive.</exception>
    public static ZipArchive Open(string file, out FileStream stream)
    {
        stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.RandomAccess);
        try
        {
            if (!stream.CanSeek)
            {
                // A zip's directory is at its end: a pipe would have to be held whole in memory first.
                throw new InvalidDataException($"{file}: a .zip must be a regular file, not a pipe or a device: copy it to a file first");
            }

            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex) when (!ex.Message.StartsWith(file, StringComparison.Ordinal))
        {
            stream.Dispose();
            throw new InvalidDataException($"{file}: not a readable .zip archive: {ex.Message}", ex);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens member <paramref name="index"/>, verified against its recorded length and CRC-32.</summary>
    public Stream OpenMember(int index, string label, bool gz, InputDigest digest)
    {
        var zip = Archive(digest.ComputeSha256);
        var entry = zip.Entries[index];
        digest.Sha256 = _sha256; // of the archive: a member has no file of its own
        digest.FileBytes = entry.CompressedLength;
        Stream member;
        try
        {
            member = entry.Open();
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{label}: {ex.Message}", ex);
        }

        Stream s = new MemberStream(new VerifyingStream(member, label, entry.Length, entry.Crc32), this, index);
        return gz ? new GzipMemberStream(s, label) : s;
    }

    private ZipArchive Archive(bool hash)
    {
        if (_zip is not null)
        {
            if (hash && _sha256 is null)
            {
                _stream!.Position = 0;
                _sha256 = Convert.ToHexStringLower(SHA256.HashData(_stream));
            }

            return _zip;
        }

        var zip = Open(file, out var stream);
        if (hash)
        {
            // A zip is a regular file (checked above): one sequential pass over it, once per archive.
            stream.Position = 0;
            _sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        _stream = stream;
        _zip = zip;
        return zip;
    }

    private void Done(int index)
    {
        if (_done.Add(index) && _done.Count >= members)
        {
            Dispose();
        }
    }

    /// <summary>Closes the archive; a later member read opens it again.</summary>
    public void Dispose()
    {
        _zip?.Dispose();
        _stream?.Dispose();
        _zip = null;
        _stream = null;
        _done.Clear();
    }

    /// <summary>Tells the archive when a member is done with.</summary>
    private sealed class MemberStream(Stream inner, SharedZipArchive owner, int index) : ReadOnlyStreamBase
    {
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Done(index);
            }

            base.Dispose(disposing);
        }
    }
}
