using System.Text;

namespace RusSnapshot.Dumps.Tests.Ldif;

/// <summary>What the LDIF reader does at its limits: nothing after them is lost in silence, and memory stays bounded.</summary>
public sealed class LdifLimitTests
{
    [Fact]
    public void A_hundred_thousand_failed_trailers_are_counted_with_a_bounded_sample()
    {
        var sb = new StringBuilder("# extended LDIF\n#\n# LDAPv3\n# base <dc=x> with scope subtree\n#\n\n");
        for (var i = 0; i < 100_000; i++)
        {
            sb.Append("# search result\nsearch: ").Append(i + 2).Append("\nresult: 4 Size limit exceeded\n\n");
        }

        var result = LdifTestReader.Read(sb.ToString());

        Assert.Equal(100_000, result.Statistics.FailedSearchCount);
        Assert.Equal(DumpReadStatistics.FailedSearchSampleSize, result.Statistics.FailedSearches.Count);
        Assert.Equal(9, result.Statistics.FailedSearches[0].Position.Line);
        Assert.All(result.Statistics.FailedSearches, f => Assert.Equal(4, f.Code));
        Assert.Equal(100_000, result.Statistics.Errors); // every one counted as an error, as before
    }

    private static string Dump(string newline, int before, string big, int after)
    {
        var sb = new StringBuilder("version: 1\n\n");
        for (var i = 0; i < before; i++)
        {
            sb.Append("dn: CN=b").Append(i).Append(",DC=x\ncn: b").Append(i).Append("\n\n");
        }

        sb.Append(big).Append('\n');
        for (var i = 0; i < after; i++)
        {
            sb.Append("dn: CN=a").Append(i).Append(",DC=x\ncn: a").Append(i).Append("\n\n");
        }

        return sb.ToString().Replace("\n", newline, StringComparison.Ordinal);
    }

    private static LdifTestReader.Result Read(string text, int bufferSize, int maxBytes = 1000, int maxLines = 1000)
    {
        var options = new DumpReaderOptions { BufferSize = bufferSize, MaxRecordBytes = maxBytes, MaxRecordLines = maxLines, OnBadRecord = BadRecordHandling.Collect };
        using var reader = new Dumps.Ldif.LdifReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.ldif", options);
        var records = new List<DumpEntry>();
        while (reader.Read())
        {
            records.Add(reader.Current.ToEntry());
        }

        return new LdifTestReader.Result(records, [.. reader.Diagnostics], reader.Statistics, reader.Dialect);
    }

    public static TheoryData<int, string> Edges() => new() { { 16, "\n" }, { 64, "\r\n" }, { 1 << 20, "\n" }, { 1 << 20, "\r\n" }, { 37, "\r\n" } };

    [Theory]
    [MemberData(nameof(Edges))]
    public void A_record_over_the_size_limit_is_skipped_and_the_records_after_it_are_read(int bufferSize, string newline)
    {
        var big = "dn: CN=big,DC=x\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"member: CN=member{i:D4},DC=x\n"));
        var result = Read(Dump(newline, 3, big, 1000), bufferSize);

        Assert.Equal(1003, result.Entries.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal("LDIF-RECORD-TOO-LARGE", error.Code);
        Assert.Equal(12, error.Position.Line);
        Assert.Contains("skipped", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("raise", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.Statistics.RejectedRecords);
        Assert.True(result.Statistics.Complete);
        Assert.Equal("CN=a0,DC=x", result.Entries[3].Dn);
        Assert.Equal(12 + 101 + 1, result.Entries[3].Position.Line); // line numbers still right after the skip
    }

    [Theory]
    [MemberData(nameof(Edges))]
    public void A_record_over_the_line_limit_is_skipped(int bufferSize, string newline)
    {
        var big = "dn: CN=big,DC=x\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"m: {i}\n"));
        var result = Read(Dump(newline, 0, big, 5), bufferSize, maxBytes: 1 << 20, maxLines: 10);

        Assert.Equal(5, result.Entries.Count);
        Assert.Contains("more than 10 lines", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(3 + 51 + 1, result.Entries[0].Position.Line);
    }

    [Fact]
    public void A_line_longer_than_the_size_limit_stops_reading_and_says_the_rest_was_not_read()
    {
        var big = "dn: CN=big,DC=x\ndescription: " + new string('x', 5000) + "\n";
        var result = Read(Dump("\n", 2, big, 10), 64);

        Assert.Equal(2, result.Entries.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal("LDIF-LINE-TOO-LONG", error.Code);
        Assert.Contains("rest of the input", error.Message, StringComparison.Ordinal);
        Assert.False(result.Statistics.Complete);
    }

    [Fact]
    public void An_oversized_record_at_the_end_of_the_input_is_skipped_to_the_end()
    {
        var big = "dn: CN=big,DC=x\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"member: CN=member{i:D4},DC=x\n"));
        var result = Read(Dump("\n", 2, big.TrimEnd('\n'), 0), 16);

        Assert.Equal(2, result.Entries.Count);
        Assert.Contains("end of the input", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }
}
