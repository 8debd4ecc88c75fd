using RusSnapshot.Analysis.Recipients;
using RusSnapshot.Dumps;
using RusSnapshot.Reports.Recipients;
using RusSnapshot.Tests.Shared;

namespace RusSnapshot.Reports.Tests;

/// <summary>The affected-recipients list: two streamed passes with CsvHelper, values exact, spreadsheets protected.</summary>
public sealed class RecipientListTests
{
    [Fact]
    public void Recipients_go_through_the_spool_into_the_list_with_their_domain_and_values_exact()
    {
        var hostile = "CN=Doe\\, \"Jane\"\nsecond line ,OU=Ventes été,DC=child1,DC=contoso,DC=test";
        var (list, count) = Run(
            [
                new UnstampedRecipient("DC=child1,DC=contoso,DC=test", hostile, " jdoe ", "jane.doe", StampedAttributes.ProxyAddresses | StampedAttributes.ShowInAddressBook, new DumpPosition("child1.ldf", 42, 42)),
                new UnstampedRecipient("DC=contoso,DC=test", "CN=Bob,DC=contoso,DC=test", null, "bob", StampedAttributes.LegacyExchangeDn, new DumpPosition("contoso.ldf", 7, 7)),
            ],
            nc => nc.StartsWith("DC=child1", StringComparison.Ordinal) ? "child1.contoso.test" : "contoso.test");

        Assert.Equal(2, count);
        Assert.StartsWith("\uFEFFdomain,dn,sAMAccountName,mailNickname,missing,source,line\r\n", list, StringComparison.Ordinal);
        var rows = RecipientCsv.Parse(list);
        Assert.Equal(["child1.contoso.test", hostile, " jdoe ", "jane.doe", "proxyAddresses;showInAddressBook", "child1.ldf", "42"], rows[0]);
        Assert.Equal(["contoso.test", "CN=Bob,DC=contoso,DC=test", "", "bob", "legacyExchangeDN", "contoso.ldf", "7"], rows[1]);
    }

    [Fact]
    public void A_naming_context_without_a_domain_is_left_out_and_its_domain_is_asked_once()
    {
        var asked = new List<string>();
        var recipients = Enumerable.Range(0, 50).Select(i => new UnstampedRecipient(
            i % 2 == 0 ? "DC=a,DC=test" : "DC=excluded,DC=test", $"CN=u{i},DC=x", $"u{i}", $"u{i}", StampedAttributes.ProxyAddresses, new DumpPosition("d.ldf", i + 1, i + 1)));

        var (list, count) = Run(recipients, nc =>
        {
            asked.Add(nc);
            return nc == "DC=a,DC=test" ? "a.test" : null;
        });

        Assert.Equal(25, count);
        Assert.Equal(26, RecipientCsv.Parse(list).Count + 1);
        Assert.Equal(["DC=a,DC=test", "DC=excluded,DC=test"], asked);
    }

    [Fact]
    public void Values_a_spreadsheet_would_run_as_formulas_are_written_as_text()
    {
        var (list, _) = Run(
            [new UnstampedRecipient("DC=a,DC=test", "CN=x,DC=a,DC=test", "=HYPERLINK(\"http://evil.invalid\")", "@SUM(1)", StampedAttributes.ProxyAddresses, new DumpPosition("d.ldf", 1, 1))],
            _ => "a.test");

        var row = RecipientCsv.Parse(list)[0];
        Assert.Equal("'=HYPERLINK(\"http://evil.invalid\")", row[2]);
        Assert.Equal("'@SUM(1)", row[3]);
    }

    [Fact]
    public void An_empty_list_is_its_header()
    {
        var (list, count) = Run([], _ => "a.test");

        Assert.Equal(0, count);
        Assert.Equal("\uFEFFdomain,dn,sAMAccountName,mailNickname,missing,source,line\r\n", list);
    }

    private static (string List, long Count) Run(IEnumerable<UnstampedRecipient> recipients, Func<string, string?> domainOf)
    {
        var spool = new StringWriter();
        using (var sink = new RecipientListSpool(spool))
        {
            foreach (var r in recipients)
            {
                sink.Add(r);
            }

            sink.Flush();
        }

        var output = new StringWriter();
        var count = RecipientList.Write(new StringReader(spool.ToString()), output, domainOf);
        return (output.ToString(), count);
    }
}
