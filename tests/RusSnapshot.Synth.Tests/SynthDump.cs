using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Synth.Tests;

/// <summary>Generates a forest in memory and reads it back with the library's readers.</summary>
internal sealed class SynthDump
{
    private SynthDump(ForestGenerator generator, GenerationReport report, Dictionary<string, byte[]> files)
    {
        Generator = generator;
        Report = report;
        Files = files;
    }

    public ForestGenerator Generator { get; }

    public GenerationReport Report { get; }

    public Dictionary<string, byte[]> Files { get; }

    public ForestLayout Layout => Generator.Layout;

    public static SynthDump Generate(ForestSpec spec)
    {
        var generator = new ForestGenerator(spec);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var report = generator.Generate(name => new CapturingStream(bytes => files[name] = bytes));
        return new SynthDump(generator, report, files);
    }

    /// <summary>Reads one file through <see cref="DumpOpener"/> (encoding detected as for a real file).</summary>
    public static ReadResult Read(string name, byte[] bytes, DumpFormat? format = DumpFormat.Ldif)
    {
        var source = DumpSource.FromStream(name, () => new MemoryStream(bytes));
        var options = new DumpOpenOptions { Format = format, Reader = new DumpReaderOptions { OnBadRecord = BadRecordHandling.Collect } };
        using var opened = DumpOpener.Open(source, options);
        var entries = new List<DumpEntry>();
        while (opened.Reader.Read())
        {
            if (opened.Reader.Current.Kind == DumpRecordKind.Entry)
            {
                entries.Add(opened.Reader.Current.ToEntry());
            }
        }

        return new ReadResult(entries, opened.Reader.Diagnostics.ToList(), opened.Reader.Statistics, opened.Reader.Dialect, opened.EncodingName);
    }

    /// <summary>All entries of all files.</summary>
    public List<DumpEntry> ReadAll()
    {
        var all = new List<DumpEntry>();
        foreach (var (name, bytes) in Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var result = Read(name, bytes);
            Assert.Empty(result.Diagnostics);
            all.AddRange(result.Entries);
        }

        return all;
    }

    public sealed record ReadResult(List<DumpEntry> Entries, List<DumpDiagnostic> Diagnostics, DumpReadStatistics Statistics, DumpDialect Dialect, string Encoding);

    /// <summary>A MemoryStream that hands its bytes over when disposed.</summary>
    private sealed class CapturingStream(Action<byte[]> done) : MemoryStream
    {
        private bool _done;

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_done)
            {
                _done = true;
                done(ToArray());
            }

            base.Dispose(disposing);
        }
    }
}

internal static class EntryExtensions
{
    public static bool HasClass(this DumpEntry e, string cls) =>
        e.Get("objectClass") is { } a && a.Values.Any(v => string.Equals(v.ToString(), cls, StringComparison.OrdinalIgnoreCase));

    public static IEnumerable<string> Strings(this DumpEntry e, string attribute) =>
        e.Get(attribute) is { } a ? a.Values.Select(v => v.ToString()) : [];
}
