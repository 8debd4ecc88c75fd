using System.Text;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Dumps.Tests.Input;

/// <summary>Inputs whose first 4 MiB are pure ASCII: UTF-8 or ANSI is decided at the first non-ASCII byte.</summary>
public sealed class DeferredEncodingTests
{
    static DeferredEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Csv(Encoding encoding, int asciiRows)
    {
        var sb = new StringBuilder("DN,cn\r\n");
        for (var i = 0; i < asciiRows; i++)
        {
            sb.Append("\"CN=user").Append(i).Append(",OU=People,DC=contoso,DC=test\",user").Append(i).Append("\r\n");
        }

        sb.Append("\"CN=Ren\u00e9e,OU=People,DC=contoso,DC=test\",Ren\u00e9e\r\n");
        return encoding.GetBytes(sb.ToString());
    }

    [Theory]
    [InlineData(1252, "windows-1252")]
    [InlineData(65001, "utf-8")]
    public void Late_non_ascii_decides_the_encoding_and_every_row_is_read(int codePage, string expected)
    {
        var bytes = Csv(Encoding.GetEncoding(codePage), 120_000); // about 6 MB: past the 4 MiB sniff window
        Assert.True(bytes.Length > DumpEncodings.SniffBytes);

        using var opened = DumpOpener.Open(DumpSource.FromStream("late.csv", () => new MemoryStream(bytes)),
            new DumpOpenOptions { Reader = new DumpReaderOptions { OnBadRecord = BadRecordHandling.Collect } });
        string? last = null;
        while (opened.Reader.Read())
        {
            last = opened.Reader.Current.FirstString("cn"u8);
        }

        Assert.Empty(opened.Reader.Diagnostics);
        Assert.Equal(120_001, opened.Reader.Statistics.Entries);
        Assert.Equal("Ren\u00e9e", last);
        Assert.Equal(expected, opened.EncodingName);
    }

    [Fact]
    public void Large_pure_ascii_input_says_so()
    {
        var bytes = Encoding.ASCII.GetBytes("DN,cn\r\n" + string.Concat(Enumerable.Repeat("\"CN=x,DC=test\",x\r\n", 300_000)));

        using var opened = DumpOpener.Open(DumpSource.FromStream("ascii.csv", () => new MemoryStream(bytes)));
        while (opened.Reader.Read())
        {
        }

        Assert.Equal("ascii", opened.EncodingName);
    }
}
