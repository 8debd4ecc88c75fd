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
            var members = zip.Entries
                .Where(e => !string.IsNullOrEmpty(e.Name) && !e.Name.StartsWith('.') && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal))
                .Select(e => e.FullName)
                .Where(n => IsDumpFileName(n) && !n.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
            foreach (var member in members)
            {
                // Zip member names are only labels here: nothing is ever extracted to disk.
                var name = member;
                var gz = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
                result.Add(new DumpSource($"{file}!/{name}", file, () => OpenZipMember(file, name, gz)));
            }

            return;
        }

        if (file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            result.Add(new DumpSource(file, file, () => new GZipStream(OpenFile(file), CompressionMode.Decompress)));
            return;
        }

        result.Add(new DumpSource(file, file, () => OpenFile(file)));
    }

    private static FileStream OpenFile(string file) =>
        new(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);

    private static Stream OpenZipMember(string file, string member, bool gz)
    {
        var zip = ZipFile.OpenRead(file);
        try
        {
            var entry = zip.GetEntry(member) ?? throw new FileNotFoundException($"{file}!/{member}: member vanished from the archive");
            Stream s = new OwningStream(entry.Open(), zip);
            return gz ? new GZipStream(s, CompressionMode.Decompress) : s;
        }
        catch
        {
            zip.Dispose();
            throw;
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
