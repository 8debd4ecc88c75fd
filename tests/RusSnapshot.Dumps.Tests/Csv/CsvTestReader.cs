using System.Text;
using RusSnapshot.Dumps.Csv;

namespace RusSnapshot.Dumps.Tests.Csv;

/// <summary>Reads csvde text in tests, at any buffer size, collecting rows as entries.</summary>
internal static class CsvTestReader
{
    public sealed record Result(
        IReadOnlyList<DumpEntry> Entries,
        IReadOnlyList<DumpDiagnostic> Diagnostics,
        DumpReadStatistics Statistics,
        DumpDialect Dialect,
        IReadOnlyList<string> Columns)
    {
        public IReadOnlyList<DumpDiagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        public IReadOnlyList<DumpDiagnostic> Warnings => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
    }

    public static Result Read(string text, int bufferSize = 1 << 20, BadRecordHandling handling = BadRecordHandling.Collect, DumpReaderOptions? options = null) =>
        Read(Encoding.UTF8.GetBytes(text), bufferSize, handling, options);

    public static Result Read(byte[] bytes, int bufferSize = 1 << 20, BadRecordHandling handling = BadRecordHandling.Collect, DumpReaderOptions? options = null)
    {
        options = (options ?? new DumpReaderOptions()) with { BufferSize = bufferSize, OnBadRecord = handling };
        using var reader = new CsvDumpReader(new MemoryStream(bytes), "test.csv", options);
        var entries = new List<DumpEntry>();
        while (reader.Read())
        {
            Assert.Equal(DumpRecordKind.Entry, reader.Current.Kind);
            entries.Add(reader.Current.ToEntry());
        }

        return new Result(entries, reader.Diagnostics.ToList(), reader.Statistics, reader.Dialect, reader.Columns);
    }

    /// <summary>Buffer sizes that put line ends, CRLF pairs, quotes and separators across buffer edges.</summary>
    public static IEnumerable<object[]> BufferSizes() => new[] { 16, 17, 31, 64, 1 << 20 }.Select(s => new object[] { s });

    /// <summary>Values of an attribute as strings.</summary>
    public static string[] Strings(this DumpEntry entry, string attribute) =>
        entry.Get(attribute)?.Values.Select(v => v.ToString()).ToArray() ?? [];

    /// <summary>Lines of an attribute's values.</summary>
    public static long[] Lines(this DumpEntry entry, string attribute) =>
        entry.Get(attribute)?.Values.Select(v => v.Line).ToArray() ?? [];

    /// <summary>A summary of everything read, to compare reads at different buffer sizes.</summary>
    public static string Describe(Result result)
    {
        var sb = new StringBuilder();
        foreach (var e in result.Entries)
        {
            sb.Append(e.Dn).Append('@').Append(e.Position.Line).Append('\n');
            foreach (var a in e.Attributes)
            {
                foreach (var v in a.Values)
                {
                    sb.Append("  ").Append(a.Description).Append('@').Append(v.Line).Append('=').Append(Convert.ToHexString(v.Bytes)).Append('\n');
                }
            }
        }

        foreach (var d in result.Diagnostics)
        {
            sb.Append(d).Append(" [").Append(d.Code).Append("]\n");
        }

        sb.Append("lines=").Append(result.Statistics.Lines).Append(" entries=").Append(result.Statistics.Entries)
            .Append(" rejected=").Append(result.Statistics.RejectedRecords).Append(" complete=").Append(result.Statistics.Complete);
        return sb.ToString();
    }
}
