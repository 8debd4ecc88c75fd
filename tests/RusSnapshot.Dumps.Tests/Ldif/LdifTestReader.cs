using System.Text;
using RusSnapshot.Dumps.Ldif;

namespace RusSnapshot.Dumps.Tests.Ldif;

/// <summary>Reads LDIF text in tests, at any buffer size, collecting records as entries.</summary>
internal static class LdifTestReader
{
    public sealed record Result(IReadOnlyList<DumpEntry> Records, IReadOnlyList<DumpDiagnostic> Diagnostics, DumpReadStatistics Statistics, DumpDialect Dialect)
    {
        public IReadOnlyList<DumpEntry> Entries => Records.Where(r => r.Kind == DumpRecordKind.Entry).ToList();

        public IReadOnlyList<DumpDiagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    public static Result Read(string text, int bufferSize = 1 << 20, BadRecordHandling handling = BadRecordHandling.Collect) =>
        Read(Encoding.UTF8.GetBytes(text), bufferSize, handling);

    public static Result Read(byte[] bytes, int bufferSize = 1 << 20, BadRecordHandling handling = BadRecordHandling.Collect)
    {
        var options = new DumpReaderOptions { BufferSize = bufferSize, OnBadRecord = handling };
        using var reader = new LdifReader(new MemoryStream(bytes), "test.ldif", options);
        var records = new List<DumpEntry>();
        while (reader.Read())
        {
            records.Add(reader.Current.ToEntry());
        }

        return new Result(records, reader.Diagnostics.ToList(), reader.Statistics, reader.Dialect);
    }

    /// <summary>Buffer sizes that put line ends, CRLF pairs and folds across buffer edges.</summary>
    public static IEnumerable<object[]> BufferSizes() => new[] { 16, 17, 31, 64, 1 << 20 }.Select(s => new object[] { s });
}
