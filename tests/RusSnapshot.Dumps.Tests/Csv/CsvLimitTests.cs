using System.Text;

namespace RusSnapshot.Dumps.Tests.Csv;

/// <summary>A csvde row over the record size limit: never a silent loss of the rows after it.</summary>
public sealed class CsvLimitTests
{
    private static string Dump(int after)
    {
        var sb = new StringBuilder("DN,description\r\n\"CN=a,DC=x\",short\r\n\"CN=big,DC=x\",\"").Append('x', 5000).Append("\"\r\n");
        for (var i = 0; i < after; i++)
        {
            sb.Append("\"CN=b").Append(i).Append(",DC=x\",b\r\n");
        }

        return sb.ToString();
    }

    [Theory]
    [InlineData(64)]
    [InlineData(1 << 20)]
    public void A_row_over_the_limit_is_an_error_that_says_what_was_not_read(int bufferSize)
    {
        var result = CsvTestReader.Read(Dump(100), bufferSize, options: new DumpReaderOptions { MaxRecordBytes = 1000, BufferSize = bufferSize, OnBadRecord = BadRecordHandling.Collect });

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain("raise", error.Message, StringComparison.Ordinal);
        if (result.Entries.Count < 101)
        {
            Assert.Equal("CSV-RECORD-UNBOUNDED", error.Code);
            // The row did not fit the buffer: reading stopped there, and the message must say the rest was not read.
            Assert.Contains("rest of the file", error.Message, StringComparison.Ordinal);
            Assert.False(result.Statistics.Complete);
        }
        else
        {
            Assert.Equal("CSV-RECORD-TOO-LARGE", error.Code);
            Assert.Contains("skipped", error.Message, StringComparison.Ordinal);
        }
    }
}
