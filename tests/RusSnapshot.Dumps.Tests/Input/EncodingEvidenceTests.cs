using System.Text;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Dumps.Tests.Input;

/// <summary>UTF-8 or ANSI decided on the evidence of the whole window, and said when the evidence was mixed.</summary>
public sealed class EncodingEvidenceTests
{
    static EncodingEvidenceTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static (List<string?> Cities, OpenedDump Opened, List<DumpDiagnostic> Diagnostics) Read(byte[] bytes, string name = "x.ldf")
    {
        var opened = DumpOpener.Open(DumpSource.FromStream(name, () => new MemoryStream(bytes)),
            new DumpOpenOptions { Reader = new DumpReaderOptions { OnBadRecord = BadRecordHandling.Collect } });
        var cities = new List<string?>();
        while (opened.Reader.Read())
        {
            cities.Add(opened.Reader.Current.FirstString("l"u8));
        }

        return (cities, opened, [.. opened.Reader.Diagnostics]);
    }

    private static byte[] Ldif(int asciiRecords, bool strayInComment)
    {
        var sb = new MemoryStream();
        void W(string s) => sb.Write(Encoding.UTF8.GetBytes(s));
        W("version: 1\n\n");
        for (var i = 0; i < asciiRecords; i++)
        {
            W($"dn: CN=a{i},DC=x\nl: Paris\n\n");
        }

        if (strayInComment)
        {
            W("# exported by ");
            sb.WriteByte(0xE9); // one Windows-1252 byte in a comment
            W("quipe\n\n");
        }

        W("dn: CN=z,DC=x\nl: Z\u00fcrich\n\n");
        W("dn: CN=y,DC=x\nl: S\u00e3o Paulo\n\n");
        return sb.ToArray();
    }

    [Theory]
    [InlineData(10)]        // the stray byte in the sniff window
    [InlineData(150_000)]   // after it: decided by the deferred stream
    public void One_stray_byte_does_not_turn_a_utf8_file_into_ansi_and_is_reported_with_its_line(int asciiRecords)
    {
        var (cities, opened, diagnostics) = Read(Ldif(asciiRecords, strayInComment: true));
        using (opened)
        {
            Assert.Equal("utf-8", opened.EncodingName);
            Assert.Contains("Z\u00fcrich", cities);
            Assert.Contains("S\u00e3o Paulo", cities);
            var warning = Assert.Single(diagnostics, d => d.Code == "ENCODING-INVALID-UTF8");
            Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
            Assert.Equal(3 + (3 * asciiRecords), warning.Position.Line);
            Assert.Contains("UTF-8", warning.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(150_000)]   // just past the 4 MiB sniff window
    [InlineData(400_000)]   // several buffers past it
    public void The_line_of_a_late_stray_byte_is_the_same_counted_from_the_file_as_counted_while_reading(int asciiRecords)
    {
        // A plain file's line is counted from the file only when the warning is made; a stream's, as it is read.
        var bytes = Ldif(asciiRecords, strayInComment: true);
        using var files = new InputFiles();
        var source = DumpSource.Expand([files.Write("late.ldf", bytes)])[0];
        Assert.True(source.IsPlainFile);
        using var opened = DumpOpener.Open(source, new DumpOpenOptions { Reader = new DumpReaderOptions { OnBadRecord = BadRecordHandling.Collect } });
        Assert.NotNull(opened.Deferred);
        while (opened.Reader.Read())
        {
        }

        var fromFile = Assert.Single(opened.Reader.Diagnostics, d => d.Code == "ENCODING-INVALID-UTF8");
        var (_, streamed, diagnostics) = Read(bytes);
        using (streamed)
        {
            var asRead = Assert.Single(diagnostics, d => d.Code == "ENCODING-INVALID-UTF8");
            Assert.Equal(3 + (3 * asciiRecords), fromFile.Position.Line);
            Assert.Equal(asRead.Position, fromFile.Position with { Source = asRead.Position.Source });
            Assert.Equal(asRead.Message, fromFile.Message);
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(150_000)]
    public void A_csvde_ansi_export_stays_windows_1252_without_a_warning(int rows)
    {
        var sb = new StringBuilder("DN,l\r\n");
        for (var i = 0; i < rows; i++)
        {
            sb.Append("\"CN=a").Append(i).Append(",DC=x\",Paris\r\n");
        }

        sb.Append("\"CN=z,DC=x\",Z\u00fcrich\r\n\"CN=y,DC=x\",Montr\u00e9al\r\n");
        var (cities, opened, diagnostics) = Read(Encoding.GetEncoding(1252).GetBytes(sb.ToString()), "x.csv");
        using (opened)
        {
            Assert.Equal("windows-1252", opened.EncodingName);
            Assert.Contains("Montr\u00e9al", cities);
            Assert.Empty(diagnostics);
        }
    }

    [Fact]
    public void Mostly_ansi_with_one_utf8_looking_pair_is_ansi_and_says_why()
    {
        // "Ã©" in Windows-1252 is C3 A9, a valid UTF-8 sequence by chance; three other accented bytes are not UTF-8.
        var text = "DN,l\r\n\"CN=a,DC=x\",\u00c3\u00a9\r\n\"CN=b,DC=x\",Montr\u00e9al\r\n\"CN=c,DC=x\",Z\u00fcrich\r\n\"CN=d,DC=x\",K\u00f6ln\r\n";
        var (cities, opened, diagnostics) = Read(Encoding.GetEncoding(1252).GetBytes(text), "x.csv");
        using (opened)
        {
            Assert.Equal("windows-1252", opened.EncodingName);
            Assert.Contains("K\u00f6ln", cities);
            var warning = Assert.Single(diagnostics);
            Assert.Equal("ENCODING-ASSUMED-ANSI", warning.Code);
            Assert.Equal(3, warning.Position.Line);
        }
    }
}
