using System.IO.Compression;

namespace RusSnapshot.Dumps.Input;

/// <summary>One dump to read: a file, a member of a <c>.zip</c>, or a <c>.gz</c>, by display name.</summary>
public sealed class DumpSource
{
    private readonly Func<Stream> _open;

    internal DumpSource(string displayName, string path, Func<Stream> open)
    {
        DisplayName = displayName;
        Path = path;
        _open = open;
    }

    /// <summary>The name used in every message: the path, or <c>archive.zip!/member.ldf</c>.</summary>
    public string DisplayName { get; }

    /// <summary>The file on disk this source comes from.</summary>
    public string Path { get; }

    /// <summary>Opens the raw (decompressed, not yet transcoded) bytes.</summary>
    public Stream OpenRaw() => _open();

    /// <summary>A source over a stream (tests, standard input).</summary>
    public static DumpSource FromStream(string displayName, Func<Stream> open) => new(displayName, displayName, open);

    /// <summary>
    /// Expands the paths a user gave: files as they are, folders recursively (dump files only, in ordinal order),
    /// <c>.gz</c> decompressed, each dump inside a <c>.zip</c> as its own source.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path names nothing.</exception>
    /// <exception cref="InvalidDataException">A .zip archive is corrupt.</exception>
    public static IReadOnlyList<DumpSource> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var result = new List<DumpSource>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(IsDumpFileName)
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    AddFile(result, file);
                }
            }
            else if (File.Exists(path))
            {
                AddFile(result, path);
            }
            else
            {
                throw new FileNotFoundException($"{path}: no such file or folder", path);
            }
        }

        return result;
    }

    /// <summary>True for names the analyzer reads when given a folder.</summary>
    public static bool IsDumpFileName(string name)
    {
        var n = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
        return n.EndsWith(".ldf", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".ldif", StringComparison.OrdinalIgnoreCase)
            || n.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
    }

    private static void AddFile(List<DumpSource> result, string file)
    {
        if (file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = ZipFile.OpenRead(file);

            // Only dump files: an archive also holds READMEs, manifests and macOS "__MACOSX/._x" resource forks.
            // Members are opened by index: two members may carry the same name.
            var members = zip.Entries
                .Select((e, index) => (Entry: e, Index: index))
                .Where(m => !string.IsNullOrEmpty(m.Entry.Name) && !m.Entry.Name.StartsWith('.') && !m.Entry.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal))
                .Where(m => IsDumpFileName(m.Entry.FullName))
                .OrderBy(m => m.Entry.FullName, StringComparer.Ordinal).ThenBy(m => m.Index)
                .ToList();
            foreach (var (entry, index) in members)
            {
                // Member names are only labels here: nothing is ever extracted to disk.
                var name = entry.FullName;
                var label = members.Count(m => m.Entry.FullName == name) > 1 ? $"{file}!/{name}#{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : $"{file}!/{name}";
                if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".zip.gz", StringComparison.OrdinalIgnoreCase))
                {
                    result.Add(new DumpSource(label, file, () => throw new InvalidDataException($"{label}: an archive inside an archive is not read; extract it first")));
                    continue;
                }

                var gz = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
                result.Add(new DumpSource(label, file, () => OpenZipMember(file, index, gz)));
            }

            return;
        }

        if (file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            result.Add(new DumpSource(file, file, () => OpenGzipFile(file)));
            return;
        }

        result.Add(new DumpSource(file, file, () => OpenFile(file)));
    }

    private static FileStream OpenFile(string file) =>
        new(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);

    /// <summary>
    /// .NET's GZipStream ends quietly on a file cut short; the gzip trailer's ISIZE (RFC 1952: length mod 2^32) lets
    /// a cut be told from a clean end, so a truncated .gz is an error, never a shorter dump.
    /// </summary>
    private static Stream OpenGzipFile(string file)
    {
        var raw = OpenFile(file);
        uint? expected = null;
        if (raw.Length >= 18)
        {
            Span<byte> trailer = stackalloc byte[4];
            raw.Seek(-4, SeekOrigin.End);
            raw.ReadExactly(trailer);
            raw.Seek(0, SeekOrigin.Begin);
            expected = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        }

        return new VerifyingStream(new GZipStream(raw, CompressionMode.Decompress), file, expected is null ? null : (long)expected.Value, lengthModulo32: true, crc32: null);
    }

    private static Stream OpenZipMember(string file, int index, bool gz)
    {
        var zip = ZipFile.OpenRead(file);
        try
        {
            var entry = zip.Entries[index];
            Stream s = new OwningStream(new VerifyingStream(entry.Open(), $"{file}!/{entry.FullName}", entry.Length, lengthModulo32: false, crc32: entry.Crc32), zip);
            return gz ? new GZipStream(s, CompressionMode.Decompress) : s;
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>Checks at the end of a stream that its length (and CRC-32) are what the container promised.</summary>
    private sealed class VerifyingStream(Stream inner, string name, long? expectedLength, bool lengthModulo32, uint? crc32) : ReadOnlyStreamBase
    {
        private long _length;
        private uint _crc = 0xFFFFFFFFu;
        private bool _checked;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            if (n > 0)
            {
                _length += n;
                if (crc32 is not null)
                {
                    _crc = Crc32.Update(_crc, buffer[..n]);
                }

                return n;
            }

            if (!buffer.IsEmpty && !_checked)
            {
                _checked = true;
                var length = lengthModulo32 ? _length & 0xFFFFFFFFL : _length;
                if (expectedLength is { } expected && expected != length)
                {
                    throw new InvalidDataException($"{name}: the data ends after {_length.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes, not the length its archive records: the file is truncated or corrupt");
                }

                if (crc32 is { } crc && crc != ~_crc)
                {
                    throw new InvalidDataException($"{name}: CRC-32 mismatch: the archive member is corrupt");
                }
            }

            return 0;
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

    /// <summary>Disposes the archive with the member stream.</summary>
    private sealed class OwningStream(Stream inner, IDisposable owner) : ReadOnlyStreamBase
    {
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
