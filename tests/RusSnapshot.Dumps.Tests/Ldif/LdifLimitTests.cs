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
}
