using System.DirectoryServices.Protocols;
using System.Text;
using RusSnapshot.Dumps.Manifest;
using Xunit.Abstractions;

namespace RusSnapshot.Collector.Tests;

/// <summary>Issue 11, item 7: the collector against a real Samba AD DC (one per run, see <see cref="SambaDc"/>).</summary>
[Collection(SambaCollection.Name)]
public sealed class SambaCollectorTests(SambaDc dc, ITestOutputHelper log) : IDisposable
{
    private const string Org = "CN=Contoso,CN=Microsoft Exchange,CN=Services," + SambaDc.ConfigurationDn;
    private const string DomainRus = "CN=Recipient Update Service (CORP),CN=Recipient Update Services,CN=Address Lists Container," + Org;
    private const string ChildCrossRef = "CN=CHILD,CN=Partitions," + SambaDc.ConfigurationDn;

    private readonly string _folder = Directory.CreateTempSubdirectory("russnap-collect-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] Args(string dump, params string[] more) =>
        ["--server", "127.0.0.1", "--ldaps", "--ca-cert", dc.CaFile, "--user", SambaDc.User, "--password-env", Collect.PasswordVariable, "-o", dump, "-q", .. more];

    [SambaFact]
    public void Both_formats_find_the_domain_without_RUS_and_no_longer_once_a_RUS_is_added()
    {
        log.WriteLine($"DC provisioned, seeded and started in {dc.StartSeconds:0.0} s: {dc.StartLog.Trim()}");
        foreach (var format in new[] { "ldif", "csv" })
        {
            var before = Path.Combine(_folder, "before." + format);
            var run = Collect.InProcess(SambaDc.Password, Args(before, "--format", format));
            Assert.True(run.Code == 0, run.Error);
            log.WriteLine($"{format}: collected in {run.Elapsed.TotalSeconds:0.0} s");
            var findings = Collect.Analyze(before);
            Assert.Contains(findings, f => f is { RuleId: "RSN2001", Kind: "fail", Subject: SambaDc.DomainDn });
            Assert.DoesNotContain(findings, f => f.RuleId is "RSN1001" or "RSN2002");
        }

        using var admin = dc.Admin();
        admin.SendRequest(new AddRequest(DomainRus,
            new DirectoryAttribute("objectClass", "msExchAddressListService"),
            new DirectoryAttribute("msExchDomainLink", SambaDc.DomainDn),
            new DirectoryAttribute("msExchAddressListServiceLink", "CN=EX2003A,CN=Servers,CN=First Administrative Group,CN=Administrative Groups," + Org),
            new DirectoryAttribute("msExchServer1NetworkAddress", "rsdc.corp.test")));
        try
        {
            foreach (var format in new[] { "ldif", "csv" })
            {
                var after = Path.Combine(_folder, "after." + format);
                var run = Collect.InProcess(SambaDc.Password, Args(after, "--format", format));
                Assert.True(run.Code == 0, run.Error);
                var findings = Collect.Analyze(after);
                Assert.DoesNotContain(findings, f => f.RuleId == "RSN2001" && f.Kind == "fail");
                Assert.DoesNotContain(findings, f => f.RuleId is "RSN1001" or "RSN2005" or "RSN2006");
            }
        }
        finally
        {
            admin.SendRequest(new DeleteRequest(DomainRus));
        }
    }

    [SambaFact]
    public void More_than_1000_recipients_and_a_group_of_1600_members_arrive_whole_through_pages_and_ranges()
    {
        var dump = Path.Combine(_folder, "paged.ldf");
        var run = Collect.InProcess(SambaDc.Password, Args(dump, "--page-size", "1000", "--range-size", "1000"));
        Assert.True(run.Code == 0, run.Error);

        var text = File.ReadAllText(dump);
        Assert.Equal(SambaDc.Recipients + 21, CountLines(text, "mailNickname: "));
        var group = Block(text, "dn: CN=All Staff,OU=Staff," + SambaDc.DomainDn);
        Assert.Equal(1600, CountLines(group, "member: "));
        Assert.Equal(1600, group.Split('\n').Where(l => l.StartsWith("member: ", StringComparison.Ordinal)).Distinct().Count());

        var manifest = CollectionManifestFile.ReadBeside(dump)!;
        var domain = manifest.NamingContexts.Single(n => n.Kind == "domain");
        log.WriteLine($"domain: {domain.Entries} entries, {domain.Pages} pages, {domain.RangeRequests} range requests, {domain.RangedValues} ranged values");
        Assert.True(domain.Pages >= 11, $"{domain.Pages} pages");               // 10,021 recipients at 1,000 a page
        Assert.True(domain.RangeRequests >= 1);
        Assert.Equal(600, domain.RangedValues);                                  // 1,600 = 0-999, then 1000-* (600)
        Assert.True(manifest.Complete);
        Assert.Empty(manifest.Unread);
    }

    [SambaFact]
    public void Ldaps_and_StartTls_validate_the_certificate_against_ca_cert_and_another_CA_gives_exit_5()
    {
        foreach (var transport in new[] { "--ldaps", "--starttls" })
        {
            string[] Common(string ca, string dump) =>
                ["--server", "127.0.0.1", transport, "--ca-cert", ca, "--user", SambaDc.User, "--password-env", Collect.PasswordVariable, "-o", dump, "--scope", "config", "-q"];

            var good = Collect.InProcess(SambaDc.Password, Common(dc.CaFile, Path.Combine(_folder, "good.ldf")));
            Assert.True(good.Code == 0, transport + ": " + good.Error);
            var manifest = CollectionManifestFile.ReadBeside(Path.Combine(_folder, "good.ldf"))!;
            Assert.Equal(transport[2..], manifest.Server.Transport);

            var bad = Collect.InProcess(SambaDc.Password, Common(dc.OtherCaFile, Path.Combine(_folder, "bad.ldf")));
            Assert.Equal(5, bad.Code);
            Assert.Contains("--ca-cert", bad.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(_folder, "bad.ldf")));
            log.WriteLine($"{transport} with another CA: {bad.Error.Trim()}");
        }
    }

    [SambaFact]
    public void A_wrong_password_gives_exit_5_within_seconds()
    {
        var run = Collect.InProcess("not-the-password", Args(Path.Combine(_folder, "x.ldf")));
        Assert.Equal(5, run.Code);
        Assert.Contains("invalidCredentials", run.Error, StringComparison.Ordinal);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(5), run.Elapsed.ToString());
        Assert.DoesNotContain("not-the-password", run.Error, StringComparison.Ordinal);
    }

    [SambaFact]
    public void A_domain_whose_DC_cannot_be_reached_gives_exit_6_a_manifest_that_says_so_and_an_analysis_that_reports_it()
    {
        using var admin = dc.Admin();
        admin.SendRequest(new ModifyRequest(ChildCrossRef, DirectoryAttributeOperation.Replace, "Enabled", "TRUE"));
        try
        {
            var dump = Path.Combine(_folder, "partial.ldf");
            var run = Collect.InProcess(SambaDc.Password, Args(dump, "--timeout", "5"));
            Assert.True(run.Code == 6, run.Error);
            Assert.Contains("child.corp.test", run.Error, StringComparison.Ordinal);

            var manifest = CollectionManifestFile.ReadBeside(dump)!;
            Assert.False(manifest.Complete);
            var unread = Assert.Single(manifest.Unread);
            Assert.Equal("DC=child,DC=corp,DC=test", unread.Subject);
            Assert.Equal(UnreadReason.Unreachable, unread.Reason);
            Assert.Contains(manifest.NamingContexts, n => n is { Dn: "DC=child,DC=corp,DC=test", Status: "unread" });
            Assert.Contains(manifest.NamingContexts, n => n is { Dn: SambaDc.DomainDn, Status: "complete" });

            var findings = Collect.Analyze(dump);
            Assert.Contains(findings, f => f is { RuleId: "RSN1001", Kind: "fail", Subject: "DC=child,DC=corp,DC=test" });

            // The analysis read the manifest beside the dump: the unreachable domain is reported as the collector saw it.
            Assert.Contains(findings, f => f.Fingerprint == "RSN1001:DC=CHILD,DC=CORP,DC=TEST#collectionUnread");
        }
        finally
        {
            admin.SendRequest(new ModifyRequest(ChildCrossRef, DirectoryAttributeOperation.Replace, "Enabled", "FALSE"));
        }
    }

    [SambaFact]
    public void The_executable_exits_with_its_codes_keeps_memory_flat_and_writes_the_password_nowhere()
    {
        var runs = new List<Collect.Result>();

        // Exit 5 within --timeout for a closed port (nothing listens on port 1).
        var closed = Collect.Executable(SambaDc.Password,
            ["--server", "127.0.0.1", "--port", "1", "--ldaps", "--ca-cert", dc.CaFile, "--user", SambaDc.User, "--password-env", Collect.PasswordVariable,
             "-o", Path.Combine(_folder, "closed.ldf"), "--timeout", "3"]);
        runs.Add(closed);
        Assert.Equal(5, closed.Code);
        Assert.True(closed.Elapsed < TimeSpan.FromSeconds(3 + 2), closed.Elapsed.ToString());   // + process start
        Assert.Contains("connection refused", closed.Error, StringComparison.Ordinal);

        // Exit 0, and memory. Entries are written as each page arrives, so the peak follows the page size, not the
        // number of recipients: the whole forest (10,000 recipients) at 100 a page stays near the Configuration alone.
        var full = Collect.Executable(SambaDc.Password, Args(Path.Combine(_folder, "full.ldf"), "--page-size", "1000"));
        runs.Add(full);
        Assert.True(full.Code == 0, full.Error);
        var small = Collect.Executable(SambaDc.Password, Args(Path.Combine(_folder, "small-pages.ldf"), "--page-size", "100"));
        runs.Add(small);
        Assert.True(small.Code == 0, small.Error);
        var config = Collect.Executable(SambaDc.Password, Args(Path.Combine(_folder, "config.csv"), "--scope", "config", "--format", "csv"));
        runs.Add(config);
        Assert.True(config.Code == 0, config.Error);
        var fullCsv = Collect.Executable(SambaDc.Password, Args(Path.Combine(_folder, "full.csv"), "--format", "csv"));
        runs.Add(fullCsv);
        Assert.True(fullCsv.Code == 0, fullCsv.Error);
        var dumpMb = new FileInfo(Path.Combine(_folder, "full.ldf")).Length / 1048576.0;
        log.WriteLine($"peak RSS: whole forest ({SambaDc.Recipients:N0} recipients, {dumpMb:0.0} MB LDIF) {full.PeakRssKb / 1024.0:0.0} MB at 1,000 a page "
            + $"({full.Elapsed.TotalSeconds:0.0} s), {small.PeakRssKb / 1024.0:0.0} MB at 100 a page ({small.Elapsed.TotalSeconds:0.0} s), "
            + $"CSV {fullCsv.PeakRssKb / 1024.0:0.0} MB at 1,000 a page; Configuration only {config.PeakRssKb / 1024.0:0.0} MB");
        Assert.True(small.PeakRssKb > 0 && config.PeakRssKb > 0);
        Assert.True(small.PeakRssKb - config.PeakRssKb < 40 * 1024, $"{small.PeakRssKb} kB against {config.PeakRssKb} kB");
        Assert.True(full.PeakRssKb < 256 * 1024, $"{full.PeakRssKb} kB");

        // Exit 6 is proven in-process above; exit 2 here.
        var usage = Collect.Executable(SambaDc.Password, ["--server", "127.0.0.1", "--ldaps", "--starttls"]);
        runs.Add(usage);
        Assert.Equal(2, usage.Code);

        // A wrong password too, then: the password is in no output and no file written.
        var wrong = Collect.Executable("Wrong-" + SambaDc.Password, Args(Path.Combine(_folder, "wrong.ldf")));
        runs.Add(wrong);
        Assert.Equal(5, wrong.Code);
        foreach (var run in runs)
        {
            Assert.DoesNotContain(SambaDc.Password, run.Output + run.Error, StringComparison.Ordinal);
        }

        foreach (var file in Directory.EnumerateFiles(_folder))
        {
            ByteSearch.DoesNotContain(Encoding.UTF8.GetBytes(SambaDc.Password), File.ReadAllBytes(file));
            ByteSearch.DoesNotContain(Encoding.Unicode.GetBytes(SambaDc.Password), File.ReadAllBytes(file));
        }
    }

    private static int CountLines(string text, string prefix) =>
        text.Split('\n').Count(l => l.StartsWith(prefix, StringComparison.Ordinal));

    private static string Block(string text, string dnLine)
    {
        var start = text.IndexOf(dnLine + "\r\n", StringComparison.Ordinal);
        Assert.True(start >= 0, dnLine);
        var end = text.IndexOf("\r\n\r\n", start, StringComparison.Ordinal);
        return text[start..(end < 0 ? text.Length : end)].Replace("\r\n ", string.Empty, StringComparison.Ordinal);
    }
}

internal static class ByteSearch
{
    public static void DoesNotContain(byte[] needle, byte[] haystack) =>
        Assert.True(haystack.AsSpan().IndexOf(needle) < 0, "the password was found in a file");
}
