using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Net;
using RusSnapshot.Collector.Ldap;
using RusSnapshot.Dumps.Manifest;
using Xunit.Abstractions;

namespace RusSnapshot.Collector.Tests;

/// <summary>
/// A dropped connection, for real: a proxy of ours (<see cref="LdapProxy"/>) between the collector and the Samba DC
/// closes both sockets in the middle of a page of the paged recipients search, or every connection. Plain LDAP with
/// --allow-plain-bind, so that the proxy can see where the pages are.
/// </summary>
[Collection(SambaCollection.Name)]
public sealed class ReconnectTests(SambaDc dc, ITestOutputHelper log) : IDisposable
{
    private const string ChildCrossRef = "CN=CHILD,CN=Partitions," + SambaDc.ConfigurationDn;
    private static readonly IPEndPoint Dc = new(IPAddress.Loopback, 389);

    private readonly string _folder = Directory.CreateTempSubdirectory("russnap-reconnect-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string[] Args(int port, string dump, params string[] more) =>
        ["--server", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--user", SambaDc.User, "--password-env", Collect.PasswordVariable,
         "--allow-plain-bind", "--page-size", "500", "-o", dump, "-q", .. more];

    [SambaFact]
    public void A_connection_cut_in_the_middle_of_a_paged_search_is_re_established_and_every_entry_arrives_exactly_once()
    {
        var direct = Path.Combine(_folder, "direct.ldf");
        var baseline = Collect.InProcess(SambaDc.Password, Args(389, direct));
        Assert.True(baseline.Code == 0, baseline.Error);

        // 3,000 entries in: past the Configuration partition and the domain's groups, in the 7th of the recipients' 21 pages.
        var dropped = Path.Combine(_folder, "dropped.ldf");
        Collect.Result run;
        using (var proxy = new LdapProxy(Dc, ProxyMode.CutOnce, cutAfterEntries: 3000))
        {
            run = Collect.InProcess(SambaDc.Password, Args(proxy.Port, dropped));
            log.WriteLine($"proxy: {proxy.Connections} connections, {proxy.Cuts} cut, {proxy.EntriesRelayed} entries relayed; collector ({run.Elapsed.TotalSeconds:0.0} s):\n{run.Error.Trim()}");
            Assert.Equal(1, proxy.Cuts);
            Assert.Equal(3, proxy.Connections);   // the TCP probe, the first connection, the new one
        }

        Assert.True(run.Code == 0, run.Error);
        Assert.Contains("recipients: the connection to 127.0.0.1:", run.Error, StringComparison.Ordinal);

        // What Samba does with the cookie of a connection that is gone: it refuses it on the new connection, so the search
        // starts again from its first page and skips what was written. (A server that resumed would write no warning.)
        Assert.Contains("refused to resume the paged search", run.Error, StringComparison.Ordinal);
        Assert.Contains("entries already written were skipped", run.Error, StringComparison.Ordinal);

        // Every entry exactly once, each as it is without the drop (the same entries, the same values).
        var expected = Entries(direct);
        var actual = Entries(dropped);
        Assert.Equal(actual.Count, actual.Select(e => e.Dn).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Select(e => e.Text).Order(StringComparer.Ordinal), actual.Select(e => e.Text).Order(StringComparer.Ordinal));
        Assert.Equal(SambaDc.Recipients + 21, actual.Count(e => e.Text.Contains("\nmailNickname: ", StringComparison.Ordinal)));

        // The manifest: complete, the same counts, and the drop recorded: one reconnect, one restart, the skipped entries.
        var before = CollectionManifestFile.ReadBeside(direct)!;
        var after = CollectionManifestFile.ReadBeside(dropped)!;
        Assert.True(after.Complete);
        Assert.Empty(after.Unread);
        Assert.Equal(before.Dump.Entries, after.Dump.Entries);
        var domain = after.NamingContexts.Single(n => n.Kind == "domain");
        Assert.Equal(before.NamingContexts.Single(n => n.Kind == "domain").Entries, domain.Entries);
        Assert.Equal(0, before.NamingContexts.Sum(n => n.Retries));
        Assert.True(domain.Retries >= 2, $"{domain.Retries} retries");   // the request re-sent on the new connection, and the restart
        Assert.Equal(1, domain.Reconnects);
        Assert.Equal(1, domain.Restarts);
        Assert.InRange(domain.DuplicatesSkipped, 1, domain.Entries);
        Assert.Equal(0, before.NamingContexts.Sum(n => n.Reconnects + n.Restarts + n.DuplicatesSkipped));
        Assert.Equal("complete", domain.Status);

        // And the analysis is the same as without the drop.
        Assert.Equal(Collect.Analyze(direct).Order(), Collect.Analyze(dropped).Order());
    }

    [SambaFact]
    public void An_entry_deleted_while_the_connection_is_down_costs_no_other_entry_when_the_search_starts_again()
    {
        var direct = Path.Combine(_folder, "direct.ldf");
        var baseline = Collect.InProcess(SambaDc.Password, Args(389, direct));
        Assert.True(baseline.Code == 0, baseline.Error);

        // Right before the cut, a recipient of the first page (written already) is deleted: the search that starts again
        // returns one entry fewer before the point where it stopped. Skipping "as many entries as were written" would
        // then drop an entry never written; skipping by DN loses nothing.
        using var admin = dc.Admin();
        string? deleted = null;
        var dump = Path.Combine(_folder, "deleted.ldf");
        try
        {
            Collect.Result run;
            using (var proxy = new LdapProxy(Dc, ProxyMode.CutOnce, cutAfterEntries: 3000)
            {
                BeforeCut = p =>
                {
                    // A contact in no group (the first 1,600 are in All Staff): deleting a member would change its group
                    // too, which the comparison below would take for a loss, and RestoreContact does not put members back.
                    var inNoGroup = ContactsInNoGroup(admin);
                    deleted = p.RelayedDns.First(inNoGroup.Contains);
                    admin.SendRequest(new DeleteRequest(deleted));
                },
            })
            {
                run = Collect.InProcess(SambaDc.Password, Args(proxy.Port, dump));
                log.WriteLine($"deleted {deleted} before the cut; collector: {run.Error.Trim()}");
                Assert.Equal(1, proxy.Cuts);
            }

            Assert.True(run.Code == 0, run.Error);
            Assert.NotNull(deleted);
            Assert.Contains("refused to resume the paged search", run.Error, StringComparison.Ordinal);
            Assert.Equal(Entries(direct).Select(e => e.Text).Order(StringComparer.Ordinal), Entries(dump).Select(e => e.Text).Order(StringComparer.Ordinal));
        }
        finally
        {
            if (deleted is not null)
            {
                RestoreContact(admin, deleted);
            }
        }
    }

    [SambaFact]
    public void A_DC_that_drops_every_connection_gives_exit_5_and_a_domain_behind_one_gives_exit_6_within_seconds()
    {
        using var proxy = new LdapProxy(Dc, ProxyMode.CutAtOnce);

        // The first DC: nothing to read from, bounded retries, exit 5, nothing written.
        var dump = Path.Combine(_folder, "never.ldf");
        var run = Collect.InProcess(SambaDc.Password, Args(proxy.Port, dump, "--timeout", "5", "--retries", "2"));
        log.WriteLine($"first DC: exit {run.Code} in {run.Elapsed.TotalSeconds:0.0} s after {proxy.Connections} connections: {run.Error.Trim()}");
        Assert.Equal(5, run.Code);
        Assert.Contains($"127.0.0.1:{proxy.Port}", run.Error, StringComparison.Ordinal);
        Assert.Contains("cannot connect", run.Error, StringComparison.Ordinal);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(10), run.Elapsed.ToString());
        Assert.InRange(proxy.Connections, 2, 2 * 3);   // a TCP probe and an LDAP connection per try, 1 + 2 retries
        Assert.False(File.Exists(dump));
        Assert.False(File.Exists(CollectionManifestFile.PathFor(dump)));

        // A domain whose DC drops every connection: the rest is read, the domain is listed as unreachable, exit 6.
        using var admin = dc.Admin();
        admin.SendRequest(new ModifyRequest(ChildCrossRef, DirectoryAttributeOperation.Replace, "Enabled", "TRUE"));
        try
        {
            var partial = Path.Combine(_folder, "partial.ldf");
            var domain = Collect.InProcess(SambaDc.Password,
                Args(389, partial, "--timeout", "5", "--retries", "2", "--domain-server", $"child.corp.test=127.0.0.1:{proxy.Port}"));
            log.WriteLine($"domain: exit {domain.Code} in {domain.Elapsed.TotalSeconds:0.0} s: {domain.Error.Trim()}");
            Assert.True(domain.Code == 6, domain.Error);
            Assert.True(domain.Elapsed < TimeSpan.FromSeconds(60), domain.Elapsed.ToString());
            var manifest = CollectionManifestFile.ReadBeside(partial)!;
            var unread = Assert.Single(manifest.Unread);
            Assert.Equal("DC=child,DC=corp,DC=test", unread.Subject);
            Assert.Equal(UnreadReason.Unreachable, unread.Reason);
            Assert.Equal($"127.0.0.1:{proxy.Port}", unread.Server);
            Assert.Contains(manifest.NamingContexts, n => n is { Dn: SambaDc.DomainDn, Status: "complete" });
        }
        finally
        {
            admin.SendRequest(new ModifyRequest(ChildCrossRef, DirectoryAttributeOperation.Replace, "Enabled", "FALSE"));
        }
    }

    [SambaFact]
    public void A_link_that_keeps_dropping_gives_up_after_bounded_reconnects_with_exit_6_and_writes_nothing_twice()
    {
        var dump = Path.Combine(_folder, "flapping.ldf");
        Collect.Result run;
        using (var proxy = new LdapProxy(Dc, ProxyMode.CutEach, cutAfterEntries: 2000))
        {
            run = Collect.InProcess(SambaDc.Password, Args(proxy.Port, dump, "--timeout", "10"));
            log.WriteLine($"proxy: {proxy.Connections} connections, {proxy.Cuts} cut; collector ({run.Elapsed.TotalSeconds:0.0} s):\n{run.Error.Trim()}");

            // The TCP probe, the first connection and one per reconnect: the reconnects are bounded.
            Assert.Equal(2 + LdapSession.MaxReconnects, proxy.Connections);
        }

        Assert.True(run.Code == 6, run.Error);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(60), run.Elapsed.ToString());
        var manifest = CollectionManifestFile.ReadBeside(dump)!;
        Assert.False(manifest.Complete);
        var unread = Assert.Single(manifest.Unread);
        Assert.Equal(SambaDc.DomainDn, unread.Subject);
        Assert.Equal(UnreadReason.ServerError, unread.Reason);
        Assert.StartsWith("recipients: ", unread.Message, StringComparison.Ordinal);
        Assert.Contains(manifest.NamingContexts, n => n is { Dn: SambaDc.DomainDn, Status: "partial" });

        var entries = Entries(dump);
        Assert.Equal(entries.Count, entries.Select(e => e.Dn).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(manifest.Dump.Entries, entries.Count);
    }

    /// <summary>Puts back a contact as tests/samba/seed-recipients.py made it, with its membership of All Staff.</summary>
    private static HashSet<string> ContactsInNoGroup(LdapConnection admin)
    {
        var request = new SearchRequest(SambaDc.DomainDn, "(&(objectClass=contact)(!(memberOf=*)))", SearchScope.Subtree, "1.1");
        request.Controls.Add(new PageResultRequestControl(1000));
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            var response = (SearchResponse)admin.SendRequest(request);
            foreach (SearchResultEntry entry in response.Entries)
            {
                found.Add(entry.DistinguishedName);
            }

            var cookie = response.Controls.OfType<PageResultResponseControl>().Single().Cookie;
            if (cookie.Length == 0)
            {
                return found;
            }

            request.Controls.OfType<PageResultRequestControl>().Single().Cookie = cookie;
        }
    }

    private static void RestoreContact(LdapConnection admin, string dn)
    {
        var name = dn[3..dn.IndexOf(',', StringComparison.Ordinal)];
        var number = int.Parse(name["contact".Length..], CultureInfo.InvariantCulture);
        const string Gal = "CN=Default Global Address List,CN=All Global Address Lists,CN=Address Lists Container,CN=Contoso,CN=Microsoft Exchange,CN=Services,"
            + SambaDc.ConfigurationDn;
        admin.SendRequest(new AddRequest(dn,
            new DirectoryAttribute("objectClass", "contact"),
            new DirectoryAttribute("displayName", "Contact " + number.ToString(CultureInfo.InvariantCulture)),
            new DirectoryAttribute("mailNickname", name),
            new DirectoryAttribute("mail", name + "@partner.example"),
            new DirectoryAttribute("targetAddress", $"SMTP:{name}@partner.example"),
            new DirectoryAttribute("proxyAddresses", $"SMTP:{name}@partner.example", $"X400:c=US;a= ;p=Contoso;o=Exchange;s={name};"),
            new DirectoryAttribute("legacyExchangeDN", "/o=Contoso/ou=First Administrative Group/cn=Recipients/cn=" + name),
            new DirectoryAttribute("showInAddressBook", Gal)));
        if (number < 1600)
        {
            admin.SendRequest(new ModifyRequest("CN=All Staff,OU=Staff," + SambaDc.DomainDn, DirectoryAttributeOperation.Add, "member", dn));
        }
    }

    /// <summary>The entries of an LDIF dump: DN and the whole record, continuation lines joined.</summary>
    private static List<(string Dn, string Text)> Entries(string ldif) =>
        [.. File.ReadAllText(ldif).Replace("\r\n ", string.Empty, StringComparison.Ordinal)
            .Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(b => b.TrimStart('\r', '\n'))   // ldifde begins the file with a blank line
            .Where(b => b.StartsWith("dn:", StringComparison.Ordinal))
            .Select(b => (b[..b.IndexOf('\r', StringComparison.Ordinal)], b.Replace("\r\n", "\n", StringComparison.Ordinal)))];
}
