using RusSnapshot.Dumps.AdExplorer;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Dumps.Tests.AdExplorer;

/// <summary>Reads snapshots in tests, through <see cref="DumpOpener"/> as the analyzer does, collecting entries and diagnostics.</summary>
internal static class SnapshotTestReader
{
    public sealed record Result(IReadOnlyList<DumpEntry> Entries, IReadOnlyList<DumpDiagnostic> Diagnostics, DumpReadStatistics Statistics, DumpCapture? Capture, long Placeholders)
    {
        public IReadOnlyList<DumpDiagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        public DumpEntry Entry(string dn) => Entries.Single(e => string.Equals(e.Dn, dn, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Reads bytes as an input named <paramref name="name"/> (copied to memory, as a member of an archive is).</summary>
    public static Result Read(byte[] bytes, string name = "test.dat", BadRecordHandling handling = BadRecordHandling.Collect, DumpReaderOptions? reader = null)
    {
        var source = DumpSource.FromStream(name, () => new MemoryStream(bytes));
        return Read(source, new DumpOpenOptions { Reader = (reader ?? new DumpReaderOptions()) with { OnBadRecord = handling } });
    }

    public static Result Read(DumpSource source, DumpOpenOptions options)
    {
        using var opened = DumpOpener.Open(source, options);
        var entries = new List<DumpEntry>();
        while (opened.Reader.Read())
        {
            entries.Add(opened.Reader.Current.ToEntry());
        }

        var placeholders = opened.Reader is AdExplorerReader adx ? adx.PlaceholderRecords : 0;
        return new Result(entries, [.. opened.Reader.Diagnostics], opened.Reader.Statistics, opened.Reader.Capture, placeholders);
    }
}

internal static class SnapshotEntryExtensions
{
    public static IReadOnlyList<string> Strings(this DumpEntry e, string attribute) =>
        e.Get(attribute) is { } a ? [.. a.Values.Select(v => v.ToString())] : [];

    public static byte[] Bytes(this DumpEntry e, string attribute) => e.Get(attribute)!.Values.Single().Bytes;
}
