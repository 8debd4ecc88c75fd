using System.Text;
using RusSnapshot.Dumps;

namespace RusSnapshot.Synth.Tests;

public sealed class ForestGeneratorTests
{
    private static readonly ForestSpec Small = new() { Domains = 4, Users = 200, Groups = 12, Seed = 7 };

    public static IEnumerable<object[]> LdifDialects() =>
        from d in new[] { SynthDialect.Ldifde, SynthDialect.Ldapsearch, SynthDialect.Rfc2849 }
        from e in new[] { SynthEncoding.Utf8, SynthEncoding.Utf16LittleEndian }
        from split in new[] { false, true }
        select new object[] { d.ToString(), e.ToString(), split }; // names: the enums are internal to the generator

    [Theory]
    [MemberData(nameof(LdifDialects))]
    public void Same_spec_gives_the_same_bytes(string dialectName, string encodingName, bool split)
    {
        var (dialect, encoding) = (Enum.Parse<SynthDialect>(dialectName), Enum.Parse<SynthEncoding>(encodingName));
        var spec = Small with { Dialect = dialect, Encoding = encoding, SplitByPartition = split, Faults = [SynthFault.Parse("unstamped:9"), SynthFault.Parse("rus-deleted-server")] };

        var first = SynthDump.Generate(spec);
        var second = SynthDump.Generate(spec);

        Assert.Equal(first.Files.Keys.Order(StringComparer.Ordinal), second.Files.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in first.Files)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(second.Files[name]), $"{name} differs between two runs");
        }
    }

    [Fact]
    public void Another_seed_gives_other_bytes()
    {
        var a = SynthDump.Generate(Small);
        var b = SynthDump.Generate(Small with { Seed = 8 });

        Assert.False(a.Files.Single().Value.AsSpan().SequenceEqual(b.Files.Single().Value));
    }

    [Theory]
    [MemberData(nameof(LdifDialects))]
    public void Output_reads_back_without_errors_and_with_the_reported_counts(string dialectName, string encodingName, bool split)
    {
        var (dialect, encoding) = (Enum.Parse<SynthDialect>(dialectName), Enum.Parse<SynthEncoding>(encodingName));
        var dump = SynthDump.Generate(Small with { Dialect = dialect, Encoding = encoding, SplitByPartition = split, LdapsearchPageSize = 50 });

        Assert.Equal(split ? 5 : 1, dump.Files.Count);
        foreach (var file in dump.Report.Files)
        {
            var bytes = dump.Files[file.Name];
            var read = SynthDump.Read(file.Name, bytes);
            Assert.Empty(read.Diagnostics);
            Assert.Equal(file.Entries, read.Entries.Count);
            Assert.Equal(file.Entries, read.Statistics.Entries);
            Assert.Equal(file.Bytes, bytes.Length);
            Assert.True(read.Statistics.Complete);
            Assert.Equal(dialect switch
            {
                SynthDialect.Ldifde => DumpDialect.Ldifde,
                SynthDialect.Ldapsearch => DumpDialect.Ldapsearch,
                _ => DumpDialect.Rfc2849,
            }, read.Dialect);
            Assert.Equal(encoding == SynthEncoding.Utf16LittleEndian ? "utf-16le-bom" : "utf-8", read.Encoding);
            if (dialect == SynthDialect.Ldapsearch)
            {
                Assert.Empty(read.Statistics.FailedSearches);
                Assert.True(read.Statistics.SearchResults > file.NamingContexts.Length, "paged searches have one result per page");
                Assert.True(read.Statistics.SearchReferences > 0);
            }

            // Each entry belongs to one of the file's partitions.
            Assert.All(read.Entries, entry => Assert.Contains(Partition(dump.Layout, entry.Dn), file.NamingContexts));
        }

        var all = dump.ReadAll();
        foreach (var d in dump.Layout.Domains)
        {
            Assert.Equal(dump.Generator.EntriesIn(d.Dn), all.Count(e => Partition(dump.Layout, e.Dn) == d.Dn));
        }
    }

    [Fact]
    public void Ldifde_output_looks_like_ldifde()
    {
        var dump = SynthDump.Generate(Small);
        var text = Encoding.UTF8.GetString(dump.Files.Single().Value);

        Assert.StartsWith("\r\ndn: CN=Configuration,DC=contoso,DC=test\r\nchangetype: add\r\nobjectClass: top\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("version:", text, StringComparison.Ordinal);
        var lines = text.Split("\r\n");
        Assert.All(lines, l => Assert.InRange(l.Length, 0, 78));
        Assert.DoesNotContain(lines, l => l.Contains('\n', StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("dn:: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("objectGUID:: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("dn: CN=", StringComparison.Ordinal) && l.Contains("\\, ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("OU=Support \\+ Services", StringComparison.Ordinal));
    }

    [Fact]
    public void Forest_has_the_documented_shape()
    {
        var dump = SynthDump.Generate(Small);
        var all = dump.ReadAll();
        var layout = dump.Layout;
        var byDn = all.ToDictionary(e => e.Dn, StringComparer.OrdinalIgnoreCase);

        // Domains: crossRefs with systemFlags 3, tree structure, NC heads.
        var crossRefs = all.Where(e => e.HasClass("crossRef") && e.GetString("systemFlags") == "3").ToList();
        Assert.Equal(["DC=contoso,DC=test", "DC=child1,DC=contoso,DC=test", "DC=fabrikam,DC=test", "DC=child2,DC=fabrikam,DC=test"], crossRefs.Select(c => c.GetString("nCName")));
        Assert.Null(crossRefs[0].GetString("trustParent"));
        Assert.Equal(crossRefs[0].Dn, crossRefs[1].GetString("trustParent"));
        Assert.Equal(crossRefs[0].Dn, crossRefs[2].GetString("rootTrust"));
        Assert.Equal(crossRefs[2].Dn, crossRefs[3].GetString("trustParent"));
        Assert.All(layout.Domains, d => Assert.True(byDn[d.Dn].HasClass("domainDNS")));
        Assert.All(layout.Domains, d => Assert.True(byDn["CN=Microsoft Exchange System Objects," + d.Dn].GetString("objectVersion") is "6936" or "13040"));

        // Exchange servers with their versions.
        var servers = all.Where(e => e.HasClass("msExchExchangeServer")).ToDictionary(e => e.GetString("cn")!, StringComparer.Ordinal);
        Assert.Equal("Version 6.5 (Build 7638.2: Service Pack 2)", servers["EX2003A"].GetString("serialNumber"));
        Assert.Equal("7638", servers["EX2003A"].GetString("versionNumber"));
        Assert.Equal("1", servers["EX2003FEA"].GetString("serverRole"));
        Assert.Equal("Version 8.3 (Build 83.6)", servers["EX2007A"].GetString("serialNumber"));
        Assert.True(long.Parse(servers["EX2007A"].GetString("versionNumber")!, System.Globalization.CultureInfo.InvariantCulture) >= 1912602624);
        Assert.Equal("38", servers["EX2010A"].GetString("msExchCurrentServerRoles"));
        Assert.Equal("14322", byDn[layout.OrganizationDn].GetString("objectVersion"));

        // RUS: enterprise + one per domain, linked to real servers and DCs; back links on the servers.
        var rus = all.Where(e => e.HasClass("msExchAddressListService")).ToList();
        Assert.Equal(5, rus.Count);
        Assert.Contains(rus, r => r.GetString("msExchDomainLink") == layout.ConfigurationDn);
        Assert.All(layout.Domains, d => Assert.Contains(rus, r => r.GetString("msExchDomainLink") == d.Dn));
        Assert.All(rus, r => Assert.True(byDn[r.GetString("msExchAddressListServiceLink")!].HasClass("msExchExchangeServer")));
        Assert.All(rus, r => Assert.Contains(r.GetString("msExchServer1NetworkAddress"), all.Where(e => e.HasClass("server")).Select(s => s.GetString("dNSHostName"))));
        Assert.Equal(rus.Count, servers.Values.Sum(s => s.Strings("msExchAddressListServiceBL").Count()));

        // Every DN-valued reference resolves inside the dump.
        foreach (var e in all)
        {
            foreach (var attribute in new[] { "member", "homeMDB", "homeMTA", "showInAddressBook", "serverReference", "msExchOwningServer", "trustParent", "rootTrust" })
            {
                Assert.All(e.Strings(attribute), v => Assert.True(byDn.ContainsKey(v), $"{e.Dn}: {attribute} {v} is not in the dump"));
            }
        }

        // Recipients: users stamped (no fault), groups with members, contacts.
        var users = all.Where(e => e.HasClass("user") && !e.HasClass("computer") && e.Dn.Contains(",OU=Staff,", StringComparison.Ordinal)).ToList();
        Assert.Equal(200, users.Count);
        var mailboxes = users.Where(u => u.Get("mailNickname") is not null).ToList();
        Assert.Equal(layout.Domains.Sum(d => d.MailboxUsers), mailboxes.Count);
        Assert.All(mailboxes, u => Assert.NotNull(u.Get("proxyAddresses")));
        Assert.All(mailboxes, u => Assert.Equal(2, u.Strings("showInAddressBook").Count()));
        Assert.All(mailboxes, u => Assert.StartsWith("/o=Contoso/ou=", u.GetString("legacyExchangeDN"), StringComparison.Ordinal));
        Assert.Contains(users, u => !Ascii.IsValid(u.Dn));
        Assert.Equal(12, all.Count(e => e.HasClass("group") && e.Dn.Contains(",OU=Groups,", StringComparison.Ordinal)));
        Assert.Equal(10, all.Count(e => e.HasClass("contact")));
        Assert.All(users, u => Assert.Equal(16, u.Get("objectGUID")!.Values[0].Bytes.Length));
        Assert.All(users, u => Assert.Equal(28, u.Get("objectSid")!.Values[0].Bytes.Length));
        Assert.Equal(users.Count, users.Select(u => u.Dn).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(all.Count, all.Select(u => u.Dn).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Missing_rus_leaves_the_domain_prepared_without_a_rus()
    {
        var dump = SynthDump.Generate(Small with { Faults = [SynthFault.Parse("missing-rus:child1")] });
        var all = dump.ReadAll();
        var child1 = dump.Layout.FindDomain("child1")!;

        Assert.DoesNotContain(Rus(all), r => string.Equals(r.GetString("msExchDomainLink"), child1.Dn, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(all, e => e.Dn == "CN=Microsoft Exchange System Objects," + child1.Dn);
        Assert.Equal(4, Rus(all).Count);
        Assert.All(dump.Layout.Domains.Where(d => d != child1), d => Assert.Contains(Rus(all), r => r.GetString("msExchDomainLink") == d.Dn));
    }

    [Fact]
    public void No_enterprise_rus_removes_the_configuration_instance()
    {
        var all = SynthDump.Generate(Small with { Faults = [SynthFault.Parse("no-enterprise-rus")] }).ReadAll();

        Assert.DoesNotContain(Rus(all), r => r.GetString("msExchDomainLink") == "CN=Configuration,DC=contoso,DC=test");
        Assert.Equal(4, Rus(all).Count);
    }

    [Fact]
    public void Rus_server_faults_change_the_server_link()
    {
        var dump = SynthDump.Generate(Small with
        {
            Servers = [(ExchangeServerKind.Exchange2003, 1)],
            Faults =
            [
                SynthFault.Parse("rus-deleted-server:child1"),
                SynthFault.Parse("rus-on-e2007:fabrikam"),
                SynthFault.Parse("rus-on-frontend:enterprise"),
                SynthFault.Parse("rus-no-server:child2"),
                SynthFault.Parse("rus-dc-unknown:contoso"),
            ],
        });
        var all = dump.ReadAll();
        var byDn = all.ToDictionary(e => e.Dn, StringComparer.OrdinalIgnoreCase);
        DumpEntry RusOf(string domainDn) => Rus(all).Single(r => r.GetString("msExchDomainLink") == domainDn);

        var deleted = RusOf("DC=child1,DC=contoso,DC=test").GetString("msExchAddressListServiceLink")!;
        Assert.StartsWith("CN=EX2003OLD\nDEL:", deleted, StringComparison.Ordinal);
        Assert.EndsWith(",CN=Deleted Objects,CN=Configuration,DC=contoso,DC=test", deleted, StringComparison.Ordinal);
        Assert.False(byDn.ContainsKey(deleted));

        var e2007 = byDn[RusOf("DC=fabrikam,DC=test").GetString("msExchAddressListServiceLink")!];
        Assert.StartsWith("Version 8", e2007.GetString("serialNumber"), StringComparison.Ordinal);

        var frontEnd = byDn[RusOf("CN=Configuration,DC=contoso,DC=test").GetString("msExchAddressListServiceLink")!];
        Assert.Equal("1", frontEnd.GetString("serverRole"));
        Assert.StartsWith("Version 6.5", frontEnd.GetString("serialNumber"), StringComparison.Ordinal);

        Assert.Null(RusOf("DC=child2,DC=fabrikam,DC=test").Get("msExchAddressListServiceLink"));

        var dcs = all.Where(e => e.HasClass("server") && !e.HasClass("msExchExchangeServer")).Select(e => e.GetString("dNSHostName")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(RusOf("DC=contoso,DC=test").GetString("msExchServer1NetworkAddress"), dcs);
        Assert.Contains(RusOf("DC=fabrikam,DC=test").GetString("msExchServer1NetworkAddress"), dcs);
    }

    [Fact]
    public void Rus_for_an_unknown_domain_links_to_no_crossref()
    {
        var all = SynthDump.Generate(Small with { Faults = [SynthFault.Parse("rus-unknown-domain"), SynthFault.Parse("precreated-domain")] }).ReadAll();
        var ncs = all.Where(e => e.HasClass("crossRef") && e.GetString("Enabled") != "FALSE").Select(e => e.GetString("nCName")).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var unknown = Assert.Single(Rus(all), r => !ncs.Contains(r.GetString("msExchDomainLink")));
        Assert.Equal("DC=olddomain,DC=contoso,DC=test", unknown.GetString("msExchDomainLink"));
        var precreated = Assert.Single(all, e => e.HasClass("crossRef") && e.GetString("Enabled") == "FALSE");
        Assert.Equal("3", precreated.GetString("systemFlags"));
        Assert.DoesNotContain(all, e => e.Dn.EndsWith(precreated.GetString("nCName")!, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Unstamped_users_lack_what_rus_stamps_and_are_counted_exactly()
    {
        var dump = SynthDump.Generate(Small with { Faults = [SynthFault.Parse("unstamped:13"), SynthFault.Parse("unstamped:5:fabrikam")] });
        var all = dump.ReadAll();

        var unstamped = all.Where(e => e.Get("mailNickname") is not null && e.Get("homeMDB") is not null && e.Get("proxyAddresses") is null).ToList();

        Assert.Equal(18, unstamped.Count);
        Assert.All(unstamped, u =>
        {
            Assert.Null(u.Get("showInAddressBook"));
            Assert.Null(u.Get("legacyExchangeDN"));
            Assert.Null(u.Get("mail"));
            Assert.NotNull(u.Get("msExchHomeServerName"));
        });
        // 13 spread as 4, 3, 3, 3 over the four domains, plus 5 in fabrikam (the third).
        Assert.Equal(3 + 5, unstamped.Count(u => Partition(dump.Layout, u.Dn) == "DC=fabrikam,DC=test"));
        Assert.Equal(dump.Layout.Domains.Select(d => d.UnstampedUsers), dump.Layout.Domains.Select(d => (long)unstamped.Count(u => Partition(dump.Layout, u.Dn) == d.Dn)));
    }

    [Fact]
    public void Unprepared_domain_has_mailboxes_but_no_system_objects()
    {
        var all = SynthDump.Generate(Small with { Faults = [SynthFault.Parse("unprepared-domain:child2")] }).ReadAll();

        Assert.DoesNotContain(all, e => e.Dn.StartsWith("CN=Microsoft Exchange System Objects,DC=child2", StringComparison.Ordinal));
        Assert.DoesNotContain(all, e => e.Dn.StartsWith("CN=Exchange Domain Servers,CN=Users,DC=child2", StringComparison.Ordinal));
        Assert.Contains(all, e => e.Dn.EndsWith("DC=child2,DC=fabrikam,DC=test", StringComparison.Ordinal) && e.Get("mailNickname") is not null);
        Assert.Contains(all, e => e.Dn == "CN=Microsoft Exchange System Objects,DC=child1,DC=contoso,DC=test");
    }

    [Fact]
    public void Size_limit_ends_one_ldapsearch_run_with_result_4()
    {
        var dump = SynthDump.Generate(Small with { Dialect = SynthDialect.Ldapsearch, Faults = [SynthFault.Parse("size-limit:child1")], SplitByPartition = true });

        var read = SynthDump.Read("child1.contoso.test.ldif", dump.Files["child1.contoso.test.ldif"]);
        var other = SynthDump.Read("contoso.test.ldif", dump.Files["contoso.test.ldif"]);

        Assert.Equal(4, Assert.Single(read.Statistics.FailedSearches).Code);
        Assert.Empty(other.Statistics.FailedSearches);
    }

    [Fact]
    public void Rus_layouts()
    {
        Assert.Empty(new ForestGenerator(Small with { RusLayout = RusLayout.None }).Layout.RusInstances);
        Assert.Equal(9, new ForestGenerator(Small with { RusLayout = RusLayout.Redundant }).Layout.RusInstances.Length);
        var single = new ForestGenerator(Small with { RusLayout = RusLayout.SingleServer }).Layout;
        Assert.Single(single.RusInstances.Select(r => r.ServerLink).Distinct());
        var standard = new ForestGenerator(Small).Layout;
        Assert.Equal(2, standard.RusInstances.Select(r => r.ServerLink).Distinct().Count());
    }

    [Theory]
    [InlineData("missing-rus:nowhere")]
    [InlineData("unstamped:100000")]
    [InlineData("size-limit")]
    public void Impossible_faults_are_refused(string fault) =>
        Assert.Throws<ArgumentException>(() => new ForestGenerator(Small with { Faults = [SynthFault.Parse(fault)] }));

    [Fact]
    public void A_rus_layout_needs_a_legacy_server() =>
        Assert.Throws<ArgumentException>(() => new ForestGenerator(Small with { Servers = [(ExchangeServerKind.Exchange2010, 1)] }));

    [Theory]
    [InlineData(1000)]
    [InlineData(12345)]
    public void Total_entries_is_exact(long entries)
    {
        var spec = ForestGenerator.WithTotalEntries(new ForestSpec { Faults = [SynthFault.Parse("unstamped:3"), SynthFault.Parse("missing-rus:fabrikam")] }, entries);

        var dump = SynthDump.Generate(spec);

        Assert.Equal(entries, dump.Report.Entries);
        Assert.Equal(entries, SynthDump.Read("forest.ldf", dump.Files.Single().Value).Entries.Count);
    }

    [Fact]
    public void One_domain_forest()
    {
        var dump = SynthDump.Generate(new ForestSpec { Domains = 1, Users = 30, Groups = 2 });

        var all = dump.ReadAll();

        Assert.Equal(2, Rus(all).Count);
        Assert.Single(all, e => e.HasClass("domainDNS"));
    }

    private static List<DumpEntry> Rus(List<DumpEntry> all) => all.Where(e => e.HasClass("msExchAddressListService")).ToList();

    private static string Partition(ForestLayout layout, string dn) =>
        layout.Domains.Select(d => d.Dn).Append(layout.ConfigurationDn)
            .Where(nc => dn.EndsWith(nc, StringComparison.OrdinalIgnoreCase))
            .MaxBy(nc => nc.Length)!;
}
