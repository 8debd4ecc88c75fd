using System.Globalization;
using System.Text;
using RusSnapshot.Analysis.Building;
using RusSnapshot.Analysis.Model;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Analysis.Tests;

/// <summary>
/// <see cref="ForestModelBuilder.Append"/>: records split between two builders at any record, the second appended to the
/// first, give the model one builder over all of them gives, down to which copy of a DN is kept (positions tell them apart).
/// </summary>
public sealed class ModelAppendTests : IDisposable
{
    private readonly string _copies = Directory.CreateTempSubdirectory("russnap-append-").FullName;

    public void Dispose() => Directory.Delete(_copies, recursive: true);

    public static TheoryData<string> Forests() =>
    [
        Path.Combine(RepoPaths.Fixtures, "sample"),
        .. Directory.EnumerateDirectories(Path.Combine(RepoPaths.Fixtures, "cases")).Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(Forests))]
    public void A_split_at_any_record_appended_gives_the_model_of_one_builder(string folder)
    {
        // The forest twice over, the second time from a copy (so its positions name another file): the second copy of
        // every DN is read after the first, so first-seen must hold across the split.
        var copy = Directory.CreateDirectory(Path.Combine(_copies, Path.GetFileName(folder))).FullName;
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var sources = new[] { DumpSource.Expand([folder]), DumpSource.Expand([copy]) };
        var count = Feed(sources, _ => null);
        var one = new ForestModelBuilder();
        Feed(sources, _ => one);
        var expected = $"{one.Entries} entries, {one.DeletedObjects} deleted\n" + Describe(one.Build());
        Assert.Contains("domain ", expected, StringComparison.Ordinal);

        var splits = Enumerable.Range(0, count + 1).Where(i => i % Math.Max(1, count / 40) == 0 || i == count / 2 || i == count).Distinct().ToList();
        foreach (var split in splits)
        {
            var (first, later) = (new ForestModelBuilder(), new ForestModelBuilder());
            Feed(sources, i => i < split ? first : later);
            first.Append(later, lineOffset: 0);
            var actual = $"{first.Entries} entries, {first.DeletedObjects} deleted\n" + Describe(first.Build());
            Assert.True(expected == actual, $"{folder} split at record {split.ToString(CultureInfo.InvariantCulture)} of {count.ToString(CultureInfo.InvariantCulture)}\n{expected}\n---\n{actual}");
        }
    }

    [Fact]
    public void A_split_anywhere_in_a_dump_with_a_rootdse_and_deleted_objects_gives_the_model_of_one_builder()
    {
        var ldif = string.Join("\n\n", [
            "dn: DC=corp,DC=test\nobjectClass: domainDNS\nwhenChanged: 20240101000000.0Z",
            "dn: CN=Gone\\0ADEL:1c6b1deb-c372-4cbb-87b1-15031de169db,CN=Deleted Objects,DC=corp,DC=test\nobjectClass: user\nmailNickname: gone",
            "dn: CN=CORP,CN=Partitions,CN=Configuration,DC=corp,DC=test\nobjectClass: crossRef\nnCName: DC=corp,DC=test\nsystemFlags: 3\ndnsRoot: corp.test",
            "dn: CN=Old RUS,CN=Recipient Update Services,CN=Configuration,DC=corp,DC=test\nobjectClass: msExchAddressListService\nisDeleted: TRUE",
            "dn:\nconfigurationNamingContext: CN=Configuration,DC=corp,DC=test",
            "dn: CN=u1,CN=Users,DC=corp,DC=test\nobjectClass: user\nmailNickname: u1\nproxyAddresses: SMTP:u1@corp.test",
            "dn: dc=CORP,dc=test\nobjectClass: domainDNS\nwhenChanged: 20250101000000.0Z",
            "dn:\nconfigurationNamingContext: CN=Configuration,DC=other,DC=test",
            "dn: CN=u2,CN=Users,DC=corp,DC=test\nobjectClass: user\nmailNickname: u2",
        ]) + "\n";
        var path = Path.Combine(_copies, "deleted.ldif");
        File.WriteAllText(path, ldif);
        var sources = new[] { DumpSource.Expand([path]) };
        var one = new ForestModelBuilder();
        var count = Feed(sources, _ => one);
        Assert.Equal(9, count);
        Assert.Equal(2, one.DeletedObjects);
        var expected = $"{one.Entries} entries, {one.DeletedObjects} deleted\n" + Describe(one.Build());
        for (var split = 0; split <= count; split++)
        {
            var (first, later) = (new ForestModelBuilder(), new ForestModelBuilder());
            Feed(sources, i => i < split ? first : later);
            first.Append(later, lineOffset: 0);
            Assert.Equal(expected, $"{first.Entries} entries, {first.DeletedObjects} deleted\n" + Describe(first.Build()));
        }
    }

    [Fact]
    public void The_line_offset_moves_the_positions_of_what_the_later_builder_kept()
    {
        var sources = DumpSource.Expand([Path.Combine(RepoPaths.Fixtures, "sample")]);
        var (empty, later) = (new ForestModelBuilder(), new ForestModelBuilder());
        Feed([sources], _ => later);
        var unmoved = later.Build();
        empty.Append(later, lineOffset: 1000);
        var moved = empty.Build();
        Assert.NotEmpty(moved.RusInstances);
        Assert.Equal(unmoved.RusInstances.Select(r => r.Entry.Position.Line + 1000), moved.RusInstances.Select(r => r.Entry.Position.Line));
        var values = (ForestModel m) => m.RusInstances.SelectMany(r => r.Entry.Attributes).SelectMany(a => a.Values).Select(v => v.Line).ToList();
        Assert.Equal(values(unmoved).Select(l => l + 1000), values(moved));
        Assert.Equal(unmoved.Domains.Select(d => d.Head?.Position.Line + 1000), moved.Domains.Select(d => d.Head?.Position.Line));
    }

    /// <summary>Hands record i of the sets, read one after the other, to <paramref name="builderFor"/>(i); the records read.</summary>
    private static int Feed(IReadOnlyList<DumpSource>[] sets, Func<int, ForestModelBuilder?> builderFor)
    {
        var i = 0;
        foreach (var sources in sets)
        {
            using var set = new DumpSetReader(sources, new DumpOpenOptions { Reader = new DumpReaderOptions { OnBadRecord = BadRecordHandling.Collect } });
            while (set.Read())
            {
                builderFor(i++)?.Add(set.Current);
            }
        }

        return i;
    }

    /// <summary>What the model says, with where each kept entry was read.</summary>
    private static string Describe(ForestModel m)
    {
        static string At(DumpEntry? e) => e is null ? "-" : $"{e.Position.Source}:{e.Position.Line.ToString(CultureInfo.InvariantCulture)}";
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"config {m.ConfigurationDn} foreign {m.ForeignConfigurationObjects} org {m.Organization?.Dn} at {At(m.Organization?.Entry)}\n");
        s.Append(CultureInfo.InvariantCulture, $"groups {string.Join("|", m.AdministrativeGroups)} unassigned {m.UnassignedRecipients} newest {m.Time.NewestChange} at {At(m.Time.NewestChangeEntry)}\n");
        s.Append(CultureInfo.InvariantCulture, $"completeness {m.Completeness.HasPartitions} {m.Completeness.HasSites} {m.Completeness.HasExchangeServices}\n");
        foreach (var d in m.Domains)
        {
            s.Append(CultureInfo.InvariantCulture, $"domain {d.Dn} {d.DnsName} {d.NetbiosName} {d.Enabled} parent {d.ParentDn} root {d.IsForestRoot} in dump {d.PartitionInDump} {d.Recipients}");
            s.Append(CultureInfo.InvariantCulture, $" crossRef {At(d.CrossRef)} head {At(d.Head)} meso {At(d.ExchangeSystemObjects)} dcs {string.Join("|", d.DomainControllers.Select(dc => $"{dc.Dn} {dc.DomainDn} {At(dc.Entry)}"))}\n");
        }

        foreach (var server in m.Servers)
        {
            s.Append(CultureInfo.InvariantCulture, $"server {server.Dn} {server.Name} {server.Version} {server.AdministrativeGroup} at {At(server.Entry)}\n");
        }

        foreach (var rus in m.RusInstances)
        {
            s.Append(CultureInfo.InvariantCulture, $"rus {rus.Dn} {rus.DomainLink} {rus.ServerLink} {rus.DomainController} at {At(rus.Entry)}\n");
        }

        return s.ToString();
    }
}
