using System.Text;
using RusSnapshot.Dumps.Ldif;
using RusSnapshot.Dumps.Tests.Ldif;

namespace RusSnapshot.Dumps.Tests.Conformance;

/// <summary>One value line of a record as the reader exposes it, in file order (modify groups included).</summary>
internal sealed record ParsedValue(string Description, string Name, byte[] Bytes, ValueEncoding Encoding, long Line)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Bytes);
}

/// <summary>A record copied out of the reader with everything the conformance tests look at.</summary>
internal sealed record ParsedRecord(DumpEntry Entry, bool IsChangeAdd, IReadOnlyList<ParsedValue> Values, IReadOnlyList<DumpControl> Controls, int DuplicateValues)
{
    public DumpRecordKind Kind => Entry.Kind;

    public string Dn => Entry.Dn;

    public long Line => Entry.Position.Line;

    /// <summary>The values of one attribute description (case-insensitive, as <see cref="DumpEntry.Get"/>).</summary>
    public IReadOnlyList<byte[]> ValuesOf(string description) =>
        Entry.Get(description)?.Values.Select(v => v.Bytes).ToList() ?? [];

    public byte[] Value(string description) => Assert.Single(ValuesOf(description));

    public string Text(string description) => Encoding.UTF8.GetString(Value(description));
}

internal sealed record ParseResult(IReadOnlyList<ParsedRecord> Records, IReadOnlyList<DumpDiagnostic> Diagnostics, DumpReadStatistics Statistics, DumpDialect Dialect)
{
    public IReadOnlyList<ParsedRecord> Entries => Records.Where(r => r.Kind == DumpRecordKind.Entry).ToList();

    public IReadOnlyList<DumpDiagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    public IReadOnlyList<DumpDiagnostic> Warnings => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();

    public ParsedRecord SingleEntry() => Assert.Single(Entries);

    /// <summary>Asserts exactly one error, with this code, on this physical line, in a record starting on <paramref name="recordLine"/>.</summary>
    public DumpDiagnostic SingleError(string code, long line, long? recordLine = null)
    {
        var error = Assert.Single(Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(line, error.Position.Line);
        if (recordLine is not null)
        {
            Assert.Equal(recordLine.Value, error.Position.RecordStartLine);
        }

        return error;
    }

    /// <summary>Asserts exactly one warning, with this code, on this physical line.</summary>
    public DumpDiagnostic SingleWarning(string code, long line)
    {
        var warning = Assert.Single(Warnings);
        Assert.Equal(code, warning.Code);
        Assert.Equal(line, warning.Position.Line);
        return warning;
    }
}

/// <summary>Outcome of reading with <see cref="BadRecordHandling.Throw"/>: the records read and every exception thrown.</summary>
internal sealed record ThrowResult(IReadOnlyList<ParsedRecord> Records, IReadOnlyList<DumpFormatException> Exceptions);

internal static class ConformanceParser
{
    public static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    public static ParseResult Parse(string text, int bufferSize = 1 << 20, DumpReaderOptions? options = null) =>
        Parse(B(text), bufferSize, options);

    public static ParseResult Parse(byte[] bytes, int bufferSize = 1 << 20, DumpReaderOptions? options = null)
    {
        options = (options ?? DumpReaderOptions.Default) with { BufferSize = bufferSize, OnBadRecord = BadRecordHandling.Collect };
        using var reader = new LdifReader(new MemoryStream(bytes), "test.ldif", options);
        var records = new List<ParsedRecord>();
        while (reader.Read())
        {
            records.Add(Copy(reader.Current));
        }

        return new ParseResult(records, reader.Diagnostics.ToList(), reader.Statistics, reader.Dialect);
    }

    /// <summary>Reads with <see cref="BadRecordHandling.Throw"/>, going on after each exception the reader says it may continue from.</summary>
    public static ThrowResult ParseThrowing(string text, int bufferSize = 1 << 20) => ParseThrowing(B(text), bufferSize);

    public static ThrowResult ParseThrowing(byte[] bytes, int bufferSize = 1 << 20)
    {
        var options = new DumpReaderOptions { BufferSize = bufferSize, OnBadRecord = BadRecordHandling.Throw };
        using var reader = new LdifReader(new MemoryStream(bytes), "test.ldif", options);
        var records = new List<ParsedRecord>();
        var exceptions = new List<DumpFormatException>();
        for (var guard = 0; guard <= bytes.Length + 2; guard++)
        {
            try
            {
                if (!reader.Read())
                {
                    break;
                }

                records.Add(Copy(reader.Current));
            }
            catch (DumpFormatException ex)
            {
                exceptions.Add(ex);
                if (!ex.MayContinue)
                {
                    break;
                }
            }
        }

        return new ThrowResult(records, exceptions);
    }

    public static ParsedRecord Copy(DumpRecord record)
    {
        var values = new List<ParsedValue>(record.Count);
        for (var i = 0; i < record.Count; i++)
        {
            values.Add(new ParsedValue(
                record.DescriptionStringAt(i), Encoding.ASCII.GetString(record.NameAt(i)), record.ValueAt(i).ToArray(), record.EncodingAt(i), record.LineAt(i)));
        }

        var controls = new List<DumpControl>(record.ControlCount);
        for (var i = 0; i < record.ControlCount; i++)
        {
            controls.Add(record.ControlAt(i));
        }

        return new ParsedRecord(record.ToEntry(), record.IsChangeAdd, values, controls, record.CountDuplicateValues());
    }

    /// <summary>Theory rows: every row crossed with every buffer size of <see cref="LdifTestReader.BufferSizes"/>.</summary>
    public static IEnumerable<object[]> WithBufferSizes(params object[][] rows) =>
        from row in rows
        from size in LdifTestReader.BufferSizes()
        select row.Append(size[0]).ToArray();
}
