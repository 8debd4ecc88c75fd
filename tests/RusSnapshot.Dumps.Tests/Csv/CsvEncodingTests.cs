using System.Text;
using RusSnapshot.Dumps.Csv;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Dumps.Tests.Csv;

/// <summary>csvde writes the ANSI code page, or UTF-16LE with a BOM under <c>-u</c>: the opener transcodes both for the reader.</summary>
public sealed class CsvEncodingTests
{
    private const string Text =
        "DN,objectClass,cn,description\r\n" +
        "\"CN=Ren\u00e9e Fa\u00f1ch,OU=Ventes,DC=corp,DC=contoso,DC=com\",top;person,Ren\u00e9e Fa\u00f1ch,\"caf\u00e9, cr\u00e8me\"\r\n";

    [Fact]
    public void Utf16le_with_bom_opens_as_csv()
    {
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(Text)).ToArray();

        var (entry, opened) = ReadOne(bytes, "export-u.csv");

        Assert.Equal("utf-16le-bom", opened.EncodingName);
        AssertRenee(entry);
    }

    [Fact]
    public void Windows_1252_opens_as_csv()
    {
        var bytes = DumpEncodings.Resolve("windows-1252").GetBytes(Text);
        Assert.Contains((byte)0xE9, bytes);

        var (entry, opened) = ReadOne(bytes, "export.csv");

        Assert.Equal("windows-1252", opened.EncodingName);
        AssertRenee(entry);
    }

    [Fact]
    public void Utf8_with_bom_opens_as_csv()
    {
        var (entry, opened) = ReadOne([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Text)], "export.csv");

        Assert.Equal("utf-8-bom", opened.EncodingName);
        AssertRenee(entry);
    }

    [Theory]
    [InlineData("unicode")]
    [InlineData("ansi")]
    [InlineData("utf-8")]
    public void What_the_writer_writes_in_each_encoding_opens_and_reads_back(string encoding)
    {
        var options = encoding switch
        {
            "unicode" => CsvDumpWriterOptions.Unicode,
            "ansi" => CsvDumpWriterOptions.Ansi,
            _ => CsvDumpWriterOptions.Default,
        };
        var written = new DumpEntry("CN=Ren\u00e9e,DC=x", [DumpAttribute.Text("cn", "Ren\u00e9e"), DumpAttribute.Binary("objectGUID", [1, 2, 0xFF])]);

        var bytes = CsvDumpWriterTests.WriteBytes(["cn", "objectGUID"], options, written);
        var (entry, _) = ReadOne(bytes, "w.csv");

        Assert.True(written.SameContentAs(entry));
    }

    private static void AssertRenee(DumpEntry entry)
    {
        Assert.Equal("CN=Ren\u00e9e Fa\u00f1ch,OU=Ventes,DC=corp,DC=contoso,DC=com", entry.Dn);
        Assert.Equal("Ren\u00e9e Fa\u00f1ch", entry.GetString("cn"));
        Assert.Equal("caf\u00e9, cr\u00e8me", entry.GetString("description"));
        Assert.Equal(2, entry.Position.Line);
    }

    private static (DumpEntry Entry, OpenedDump Opened) ReadOne(byte[] bytes, string name)
    {
        var source = DumpSource.FromStream(name, () => new MemoryStream(bytes));
        using var opened = DumpOpener.Open(source);
        Assert.Equal(DumpFormat.Csv, opened.Format);
        Assert.Equal(DumpFormat.Csv, opened.Reader.Format);
        Assert.True(opened.Reader.Read());
        Assert.Equal(DumpDialect.Csvde, opened.Reader.Dialect);
        var entry = opened.Reader.Current.ToEntry();
        Assert.False(opened.Reader.Read());
        Assert.Empty(opened.Reader.Diagnostics);
        Assert.True(opened.Reader.Statistics.Complete);
        return (entry, opened);
    }
}
