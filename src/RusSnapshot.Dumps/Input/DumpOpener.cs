using System.Text;
using RusSnapshot.Dumps.Ldif;

namespace RusSnapshot.Dumps.Input;

/// <summary>Options for opening a dump.</summary>
public sealed record DumpOpenOptions
{
    /// <summary>Forced text encoding (null: detect).</summary>
    public Encoding? Encoding { get; init; }

    /// <summary>Forced format (null: detect from content, then from the extension).</summary>
    public DumpFormat? Format { get; init; }

    /// <summary>Options given to the reader.</summary>
    public DumpReaderOptions Reader { get; init; } = DumpReaderOptions.Default;

    /// <summary>
    /// Whether the SHA-256 of each input's file is computed while it is read (see <see cref="DumpInputSummary.Sha256"/>).
    /// Off by default: it costs a pass over every byte, on the reading thread.
    /// </summary>
    public bool ComputeSha256 { get; init; }

    /// <summary>The default of <see cref="MaxSnapshotSpoolBytes"/>: 4 GiB.</summary>
    public const long DefaultMaxSnapshotSpoolBytes = 4L * 1024 * 1024 * 1024;

    /// <summary>
    /// An AD Explorer snapshot must be read at random; one inside a <c>.gz</c> or a <c>.zip</c>, or from a pipe, is first
    /// copied (to memory up to 16 MiB, else to a temporary file only this process can read, deleted when closed). A larger
    /// one is refused (<c>ADX-SPOOL-LIMIT</c>): extract it and give the file. Default 4 GiB.
    /// </summary>
    public long MaxSnapshotSpoolBytes { get; init; } = DefaultMaxSnapshotSpoolBytes;
}

/// <summary>Opens a <see cref="DumpSource"/>: detects encoding and format, transcodes to UTF-8, and returns the right reader.</summary>
public static class DumpOpener
{
    /// <summary>Opens a source for reading: an AD Explorer snapshot by its signature (or its <c>.dat</c> name), else LDIF or csvde CSV.</summary>
    /// <exception cref="DumpFormatException">The content is neither LDIF nor csvde CSV.</exception>
    public static OpenedDump Open(DumpSource source, DumpOpenOptions? options = null) => Open(source, options, rawLimit: null);

    /// <summary>
    /// As <see cref="Open(DumpSource, DumpOpenOptions?)"/>; with <paramref name="rawLimit"/>, the reader sees only the text
    /// of the file's first that many bytes: the first part of a file read in parts (<see cref="ChunkedRead"/>), opened,
    /// sniffed and decided exactly as the whole file would be. Meaningful only while the text is the file's bytes (UTF-8,
    /// or ASCII so far): a byte order mark is allowed for, decoding is not (see <see cref="OpenedDump.Transcoded"/>).
    /// </summary>
    internal static OpenedDump Open(DumpSource source, DumpOpenOptions? options, long? rawLimit)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new DumpOpenOptions();
        var digest = new InputDigest { ComputeSha256 = options.ComputeSha256 };
        var raw = source.OpenRaw(digest);
        try
        {
            var prefix = new byte[Math.Min(DumpEncodings.SniffBytes, 64 * 1024)];
            var length = ReadAtMost(raw, prefix, prefix.Length);
            var atEnd = length < prefix.Length;
            if (options.Format == DumpFormat.AdExplorer
                || (options.Format is null && (AdExplorer.AdExplorerFormat.LooksLikeSnapshot(prefix.AsSpan(0, length)) || AdExplorer.AdExplorerFormat.IsSnapshotFileName(source.DisplayName))))
            {
                // Binary and read at random: no encoding, no transcoding. A .dat without the signature is refused by the reader, with the reason.
                var snapshot = AdExplorer.AdExplorerReader.ForSource(source, raw, prefix.AsSpan(0, length), options);
                return new OpenedDump(source, snapshot, DumpFormat.AdExplorer, () => "binary") { Digest = digest };
            }

            if (!atEnd)
            {
                // Read further, up to the sniff limit, only to tell UTF-8 from ANSI.
                Array.Resize(ref prefix, DumpEncodings.SniffBytes);
                length += ReadAtMost(raw, prefix.AsSpan(length), prefix.Length - length);
                atEnd = length < prefix.Length;
            }

            var detected = DumpEncodings.Detect(prefix.AsSpan(0, length), atEnd, out var evidence);
            Encoding encoding;
            string encodingName;
            int bom;
            if (options.Encoding is { } overridden && detected.BomLength > 0 && !SameFamily(overridden, detected.Encoding))
            {
                // A byte order mark is authoritative: a folder often mixes ANSI exports and "-u" exports, and --encoding
                // is meant for the former. Say so in the encoding name.
                (encoding, encodingName, bom) = detected;
                encodingName += " (BOM overrides --encoding)";
            }
            else if (options.Encoding is { } forced)
            {
                encoding = forced;
                encodingName = DumpEncodings.NameOf(forced);
                bom = detected.BomLength > 0 && SameFamily(forced, detected.Encoding) ? detected.BomLength : 0;
            }
            else
            {
                (encoding, encodingName, bom) = detected;
            }

            Stream utf8 = new PrefixedStream(prefix, bom, length - bom, raw);
            DeferredEncodingStream? deferred = null;
            if (options.Encoding is null && !atEnd && bom == 0 && encoding.CodePage == 65001
                && prefix.AsSpan(0, length).IndexOfAnyInRange((byte)0x80, (byte)0xFF) < 0)
            {
                // Only ASCII in the sniff window of a larger input: UTF-8 or ANSI is decided at the first non-ASCII byte.
                utf8 = deferred = new DeferredEncodingStream(utf8, Encoding.GetEncoding(1252),
                    source.IsPlainFile ? DeferredEncodingStream.CountedInFile(source.Path) : null);
            }
            else if (encoding.CodePage != 65001)
            {
                utf8 = SingleByteToUtf8Stream.Supports(encoding)
                    ? new SingleByteToUtf8Stream(utf8, encoding)
                    : Encoding.CreateTranscodingStream(utf8, encoding, new UTF8Encoding(false), leaveOpen: false);
            }

            var format = options.Format ?? DetectFormat(prefix.AsSpan(bom, length - bom), encoding, source.DisplayName);
            var transcoded = deferred is null && encoding.CodePage != 65001;
            if (rawLimit is { } limit)
            {
                utf8 = new LimitedStream(utf8, limit - bom);
            }

            // An input that fits in the sniffed prefix gets a buffer its size (it grows if transcoding needs more):
            // 20,000 one-entry zip members cost 20 GB of 1 MiB buffers otherwise.
            var readerOptions = atEnd && length < options.Reader.BufferSize
                ? options.Reader with { BufferSize = Math.Max(4096, length) }
                : options.Reader;
            IDumpReader reader = format == DumpFormat.Csv
                ? new Csv.CsvDumpReader(utf8, source.DisplayName, readerOptions)
                : new LdifReader(utf8, source.DisplayName, readerOptions);
            void Warn(DiagnosticCode code, long line, string message) => ((BufferedDumpReader)reader).Warn(code, line, message);

            // Say what was decided when the evidence was mixed (an explicit --encoding or a BOM needs no word).
            var badLine = evidence.Invalid > 0 ? Utf8Evidence.LineOf(prefix.AsSpan(0, length), evidence.FirstInvalid, 0) : 0;
            if (options.Encoding is null && bom == 0
                && evidence.Warning(badLine, $"in the first {length.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes", "windows-1252") is var (code, message))
            {
                Warn(code, badLine, message);
            }

            if (deferred is not null)
            {
                deferred.Warn = Warn;
                ((BufferedDumpReader)reader).AsciiSoFar = deferred;
            }
            return new OpenedDump(source, reader, format, () => deferred is null ? encodingName : deferred.Decision ?? "ascii")
            {
                Digest = digest,
                Deferred = deferred,
                Transcoded = transcoded,
            };
        }
        catch
        {
            raw.Dispose();
            throw;
        }
    }

    /// <summary>Tells LDIF from csvde CSV by the first meaningful line; falls back to the file extension.</summary>
    internal static DumpFormat DetectFormat(ReadOnlySpan<byte> prefix, Encoding encoding, string name)
    {
        var text = encoding.GetString(prefix[..Math.Min(prefix.Length, 8192)]);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("dn:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("version:", StringComparison.OrdinalIgnoreCase))
            {
                return DumpFormat.Ldif;
            }

            if (line.StartsWith("DN,", StringComparison.OrdinalIgnoreCase) || line.StartsWith("\"DN\"", StringComparison.OrdinalIgnoreCase)
                || string.Equals(line, "DN", StringComparison.OrdinalIgnoreCase))
            {
                return DumpFormat.Csv;
            }

            break;
        }

        return name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase)
            ? DumpFormat.Csv
            : DumpFormat.Ldif;
    }

    private static bool SameFamily(Encoding a, Encoding b) =>
        a.CodePage == b.CodePage || (a.CodePage is 65001 && b.CodePage is 65001);

    private static int ReadAtMost(Stream s, Span<byte> buffer, int count)
    {
        var total = 0;
        while (total < count)
        {
            var n = s.Read(buffer[total..count]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}

/// <summary>An opened dump: its reader and what was detected.</summary>
public sealed class OpenedDump(DumpSource source, IDumpReader reader, DumpFormat format, Func<string> encodingName) : IDisposable
{
    /// <summary>Where it comes from.</summary>
    public DumpSource Source { get; } = source;

    /// <summary>The reader.</summary>
    public IDumpReader Reader { get; } = reader;

    /// <summary>LDIF, CSV or an AD Explorer snapshot.</summary>
    public DumpFormat Format { get; } = format;

    /// <summary>The detected (or forced) encoding, e.g. <c>utf-16le-bom</c>; <c>binary</c> for an AD Explorer snapshot.</summary>
    public string EncodingName => encodingName();

    /// <summary>The file's size and hash, filled in as it is read.</summary>
    internal InputDigest Digest { get; init; } = new();

    /// <summary>The stream that decides between UTF-8 and ANSI at the first non-ASCII byte, when the sniffed prefix was all ASCII.</summary>
    internal DeferredEncodingStream? Deferred { get; init; }

    /// <summary>True when the text was decoded from another encoding than UTF-8 from its start (so byte offsets in it are not the file's).</summary>
    internal bool Transcoded { get; init; }

    /// <inheritdoc/>
    public void Dispose() => Reader.Dispose();
}
