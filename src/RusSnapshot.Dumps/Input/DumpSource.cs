using System.Globalization;

namespace RusSnapshot.Dumps.Input;

/// <summary>One dump to read: a file, a member of a <c>.zip</c>, or a <c>.gz</c>, by display name.</summary>
public sealed class DumpSource
{
    private readonly Func<InputDigest, Stream> _open;

    internal DumpSource(string displayName, string path, Func<InputDigest, Stream> open, IDisposable? shared = null, bool isPlainFile = false)
    {
        DisplayName = displayName;
        Path = path;
        _open = open;
        Shared = shared;
        IsPlainFile = isPlainFile;
    }

    /// <summary>True when the source is <see cref="Path"/> itself, neither compressed nor in an archive: it can be read at any offset.</summary>
    internal bool IsPlainFile { get; }

    /// <summary>The name used in every message: the path, or <c>archive.zip!/member.ldf</c>.</summary>
    public string DisplayName { get; }

    /// <summary>The file on disk this source comes from.</summary>
    public string Path { get; }

    /// <summary>What this source shares with others (its archive), released when the set reader is disposed.</summary>
    internal IDisposable? Shared { get; }

    /// <summary>Opens the raw (decompressed, not yet transcoded) bytes.</summary>
    public Stream OpenRaw() => _open(new InputDigest());

    /// <summary>Opens the raw bytes, noting the file's size (and SHA-256 when asked) in <paramref name="digest"/> as they are read.</summary>
    internal Stream OpenRaw(InputDigest digest) => _open(digest);

    /// <summary>A source over a stream (tests, standard input).</summary>
    public static DumpSource FromStream(string displayName, Func<Stream> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        return new(displayName, displayName, d => new HashingStream(open(), d));
    }

    /// <summary>
    /// Expands the paths a user gave: files as they are, folders recursively (dump files only, in ordinal order),
    /// <c>.gz</c> decompressed, each dump inside a <c>.zip</c> as its own source. What a folder scan skipped is
    /// dropped: use <see cref="ExpandAll"/> to report it.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path names nothing.</exception>
    /// <exception cref="InvalidDataException">A .zip archive is corrupt, or not a regular file.</exception>
    public static IReadOnlyList<DumpSource> Expand(IEnumerable<string> paths) => ExpandAll(paths).Sources;

    /// <summary>
    /// As <see cref="Expand"/>, and says what folder scans skipped: links to folders are not followed (a link to
    /// <c>..</c> would make the scan endless), and a link to a file already listed is not listed twice.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path names nothing.</exception>
    /// <exception cref="InvalidDataException">A .zip archive is corrupt, or not a regular file.</exception>
    public static DumpSourceExpansion ExpandAll(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var result = new List<DumpSource>();
        var notes = new List<DumpDiagnostic>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in FolderScan.Files(path, notes))
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

        return new DumpSourceExpansion(result, notes);
    }

    /// <summary>True for names the analyzer reads when given a folder: <c>.ldf</c>, <c>.ldif</c>, <c>.csv</c>, <c>.dat</c> (AD Explorer), their <c>.gz</c>, and <c>.zip</c>.</summary>
    public static bool IsDumpFileName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
        return n.EndsWith(".ldf", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".ldif", StringComparison.OrdinalIgnoreCase)
            || n.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
            || n.EndsWith(".dat", StringComparison.OrdinalIgnoreCase);
    }

    private static void AddFile(List<DumpSource> result, string file)
    {
        if (file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            AddArchive(result, file);
            return;
        }

        if (file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            // Streamed: no seek to the trailer, so a FIFO or a pipe named *.gz is read like a file.
            result.Add(new DumpSource(file, file, d => new GzipMemberStream(OpenFile(file, d), file)));
            return;
        }

        result.Add(new DumpSource(file, file, d => OpenFile(file, d), isPlainFile: true));
    }

    private static void AddArchive(List<DumpSource> result, string file)
    {
        List<(string Name, int Index)> members;
        using (var zip = SharedZipArchive.Open(file, out var stream))
        using (stream)
        {
            // Only dump files: an archive also holds READMEs, manifests and macOS "__MACOSX/._x" resource forks.
            // Members are opened by index: two members may carry the same name.
            members = [.. zip.Entries
                .Select((e, index) => (Entry: e, Index: index))
                .Where(m => !string.IsNullOrEmpty(m.Entry.Name) && !m.Entry.Name.StartsWith('.') && !m.Entry.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal))
                .Where(m => IsDumpFileName(m.Entry.FullName))
                .OrderBy(m => m.Entry.FullName, StringComparer.Ordinal).ThenBy(m => m.Index)
                .Select(m => (m.Entry.FullName, m.Index))];
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, _) in members)
        {
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }

        static bool Nested(string name) =>
            name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".zip.gz", StringComparison.OrdinalIgnoreCase);
        var shared = new SharedZipArchive(file, members.Count(m => !Nested(m.Name)));
        foreach (var (name, index) in members)
        {
            // Member names are only labels here: nothing is ever extracted to disk.
            var label = counts[name] > 1 ? $"{file}!/{name}#{index.ToString(CultureInfo.InvariantCulture)}" : $"{file}!/{name}";
            if (Nested(name))
            {
                result.Add(new DumpSource(label, file, _ => throw new InvalidDataException($"{label}: an archive inside an archive is not read; extract it first")));
                continue;
            }

            var gz = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
            result.Add(new DumpSource(label, file, d => shared.OpenMember(index, label, gz, d), shared));
        }
    }

    private static HashingStream OpenFile(string file, InputDigest digest)
    {
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        if (stream.CanSeek)
        {
            digest.FileBytes = stream.Length; // known before the end for a regular file; a pipe's once it is read
        }

        return new HashingStream(stream, digest);
    }
}

/// <summary>What <see cref="DumpSource.ExpandAll"/> found: the sources, and what folder scans skipped (warnings).</summary>
/// <param name="Sources">The inputs, in order.</param>
/// <param name="Notes">One warning per link not followed or not listed twice, naming the link.</param>
public sealed record DumpSourceExpansion(IReadOnlyList<DumpSource> Sources, IReadOnlyList<DumpDiagnostic> Notes);
