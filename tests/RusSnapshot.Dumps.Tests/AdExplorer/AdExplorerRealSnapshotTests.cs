using System.Diagnostics;
using RusSnapshot.Dumps.AdExplorer;
using RusSnapshot.Dumps.Input;
using RusSnapshot.Dumps.Tests.Input;

namespace RusSnapshot.Dumps.Tests.AdExplorer;

/// <summary>
/// The snapshot AD Explorer itself wrote (<c>../shared/adexplorer/detectionlab.dat</c>, see its SOURCE.md): read whole,
/// with the counts, header and values the format description and the file give. Skipped, not passed, when it is absent.
/// </summary>
public sealed class AdExplorerRealSnapshotTests
{
    private static readonly Lazy<SnapshotTestReader.Result> Whole = new(() =>
        SnapshotTestReader.Read(DumpSource.Expand([RealSnapshot.Path!]).Single(), new DumpOpenOptions { Reader = new DumpReaderOptions { OnBadRecord = BadRecordHandling.Collect } }));

    private static SnapshotTestReader.Result Read() => Whole.Value;

    [RealSnapshotFact]
    public void Reads_every_object_and_nothing_else()
    {
        var r = Read();

        Assert.Empty(r.Diagnostics);
        Assert.True(r.Statistics.Complete);
        Assert.Equal(3848, r.Entries.Count);
        Assert.Equal(3848, r.Statistics.Entries);
        Assert.Equal(1, r.Placeholders); // DC=RootDNSServers,...: a parent not captured, not an entry
        Assert.DoesNotContain(r.Entries, e => e.Dn.StartsWith("DC=RootDNSServers,", StringComparison.Ordinal));
        Assert.Equal(3616836, r.Statistics.Bytes);

        // The header counts attribute entries (one per attribute, not per value), not counting the distinguishedName ones.
        Assert.Equal(79590, r.Entries.Sum(e => e.Attributes.Count - 1));
    }

    [RealSnapshotFact]
    public void The_header_gives_server_time_and_description()
    {
        var capture = Read().Capture!;

        Assert.Equal("AD Explorer", capture.Tool);
        Assert.Equal("dc.windomain.local", capture.Server);
        Assert.Equal("Myoptionaldescription", capture.Description);
        Assert.Equal(new DateTimeOffset(2021, 11, 30, 21, 48, 42, TimeSpan.Zero), capture.Time!.Value.AddTicks(-(capture.Time.Value.Ticks % TimeSpan.TicksPerSecond)));
        Assert.Equal("AD Explorer, 2021-11-30T21:48:42Z, dc.windomain.local", capture.Summary());
    }

    [RealSnapshotFact]
    public void Schema_then_configuration_then_the_domain()
    {
        var r = Read();

        Assert.Equal("CN=Schema,CN=Configuration,DC=windomain,DC=local", r.Entries[0].Dn);
        Assert.Equal(1769, r.Entries.Count(e => e.Dn.EndsWith(",CN=Schema,CN=Configuration,DC=windomain,DC=local", StringComparison.OrdinalIgnoreCase)) + 1);
        Assert.Equal("CN=Configuration,DC=windomain,DC=local", r.Entries[1769].Dn);
        Assert.Equal("DC=windomain,DC=local", r.Entries[3589].Dn);
        Assert.Equal(259, r.Entries.Count(e => !e.Dn.EndsWith("CN=Configuration,DC=windomain,DC=local", StringComparison.OrdinalIgnoreCase)));

        // One domain's view: the domain's crossRef is there, with its nCName and the flags of a domain.
        var crossRef = r.Entry("CN=WINDOMAIN,CN=Partitions,CN=Configuration,DC=windomain,DC=local");
        Assert.Equal(["DC=windomain,DC=local"], crossRef.Strings("nCName"));
        Assert.Equal(3, int.Parse(crossRef.Strings("systemFlags").Single(), System.Globalization.CultureInfo.InvariantCulture) & 3);
    }

    [RealSnapshotFact]
    public void Values_come_out_as_an_ldif_export_gives_them()
    {
        var r = Read();
        var domain = r.Entry("DC=windomain,DC=local");
        var admin = r.Entry("CN=Administrator,CN=Users,DC=windomain,DC=local");
        var admins = r.Entry("CN=Domain Admins,CN=Users,DC=windomain,DC=local");
        var configuration = r.Entry("CN=Configuration,DC=windomain,DC=local");

        // The DN is the distinguishedName attribute, and the record's position is its index and offset.
        Assert.Equal([domain.Dn], domain.Strings("distinguishedName"));
        Assert.Equal(3590, domain.Position.Line);
        Assert.Equal(0x275661, domain.Position.Offset);

        // Octets: objectGUID in its little-endian form, objectSid as stored (S-1-5-21-2018156605-3479576465-3716878836).
        Assert.Equal("38846A037CE3F64A9DF1B7F5570EBCD9", Convert.ToHexString(domain.Bytes("objectGUID")));
        Assert.Equal("0104000000000005150000003DA04A78911F66CFF4128BDD", Convert.ToHexString(domain.Bytes("objectSid")));

        // Integers signed as LDAP writes them; large integers; booleans; strings; times.
        Assert.Equal(["512"], admin.Strings("userAccountControl"));
        Assert.Equal(["-2147483646"], admins.Strings("groupType"));
        Assert.Equal(["268435456"], admins.Strings("sAMAccountType"));
        Assert.Equal(["0"], admin.Strings("accountExpires"));
        Assert.Equal(["Administrator"], admin.Strings("sAMAccountName"));
        Assert.Equal(["TRUE"], admin.Strings("isCriticalSystemObject"));
        Assert.Equal(["top", "person", "organizationalPerson", "user"], admin.Strings("objectClass"));
        Assert.Equal(5, admin.Strings("memberOf").Count);
        Assert.Equal(["20211130200506.0Z"], admin.Strings("whenCreated"));
        Assert.Matches("^[0-9]{18}$", admin.Strings("pwdLastSet").Single());
        Assert.Equal(["CN=Administrator,CN=Users,DC=windomain,DC=local"], admins.Strings("member").Take(1));

        // DN-Binary (syntax 2.5.5.7): B:<hex digits>:<HEX>:<DN>, every value aligned.
        var wellKnown = configuration.Strings("wellKnownObjects");
        Assert.Equal(3, wellKnown.Count);
        Assert.Contains("B:32:6227F0AF1FC2410D8E3BB10615BB5B0F:CN=NTDS Quotas,CN=Configuration,DC=windomain,DC=local", wellKnown);
        Assert.All(wellKnown, v => Assert.Matches("^B:32:[0-9A-F]{32}:CN=[^,]+,CN=Configuration,DC=windomain,DC=local$", v));
        Assert.All(domain.Strings("otherWellKnownObjects"), v => Assert.Matches("^B:32:[0-9A-F]{32}:CN=.+,DC=windomain,DC=local$", v));

        // Security descriptors: self-relative, revision 1. Objects AD Explorer could not read hold only their DN.
        var described = r.Entries.Where(e => e.Get("nTSecurityDescriptor") is not null).ToList();
        Assert.Equal(3833, described.Count);
        Assert.All(described, e => Assert.Equal(1, e.Bytes("nTSecurityDescriptor")[0]));
        Assert.Equal(15, r.Entries.Count(e => e.Attributes.Count == 1));
        Assert.NotNull(r.Entry("CN=Deleted Objects,DC=windomain,DC=local").Get("distinguishedName"));
        Assert.Equal(804, r.Entries[0].Bytes("nTSecurityDescriptor").Length);

        // The DC's host name, as the inputs table shows the server.
        Assert.Equal(["dc.windomain.local"], r.Entry("CN=DC,OU=Domain Controllers,DC=windomain,DC=local").Strings("dNSHostName"));
    }

    [RealSnapshotFact]
    public void Shared_blocks_are_decoded_once_and_memory_stays_small()
    {
        using var reader = new AdExplorerReader(RealSnapshot.Path!);
        var values = 0L;
        while (reader.Read())
        {
            values += reader.Current.Count;
        }

        Assert.True(reader.Statistics.Complete);
        Assert.True(reader.Cache.Hits > 20_000, $"{reader.Cache.Hits} cache hits");
        Assert.True(reader.Cache.Bytes <= reader.Cache.BudgetBytes);

        // Read about once, in order (the tables a second time): the near window follows the records; the windows stay bounded.
        Assert.True(reader.Window!.BytesRead < 3616836L + (1024 * 1024), $"{reader.Window.BytesRead} bytes read");
        Assert.True(reader.Window.PeakBytes <= 9 * 1024 * 1024, $"{reader.Window.PeakBytes} bytes held");
        Assert.Equal(1498, reader.PropertyCount);
        Assert.Equal(3848, reader.HeaderObjectCount);
    }

    [RealSnapshotFact]
    public void Found_by_its_signature_whatever_its_name()
    {
        using var files = new InputFiles();
        var renamed = files.Write("export.bin", File.ReadAllBytes(RealSnapshot.Path!));

        var r = SnapshotTestReader.Read(DumpSource.Expand([renamed]).Single(), new DumpOpenOptions());

        Assert.Equal(3848, r.Entries.Count);
    }

    [RealSnapshotFact]
    public void Inside_a_zip_or_a_gz_it_is_copied_and_read_the_same()
    {
        using var files = new InputFiles();
        var bytes = File.ReadAllBytes(RealSnapshot.Path!);
        var zip = files.Write("case.zip", InputFiles.Zip(("snapshots/forest.dat", bytes), ("README.txt", "x"u8.ToArray())));
        var gz = files.Write("forest.dat.gz", InputFiles.Gzip(bytes));

        foreach (var source in DumpSource.Expand([zip, gz]))
        {
            var r = SnapshotTestReader.Read(source, new DumpOpenOptions { ComputeSha256 = true });
            Assert.Empty(r.Diagnostics);
            Assert.Equal(3848, r.Entries.Count);
        }
    }

    [RealSnapshotFact]
    public void The_hash_and_size_are_those_of_the_file()
    {
        using var set = new DumpSetReader(DumpSource.Expand([RealSnapshot.Path!]), new DumpOpenOptions { ComputeSha256 = true });
        while (set.Read())
        {
        }

        var input = set.Inputs.Single();
        Assert.Equal("af4e309aa1062865b744d2dab745cf5428fd00542b9ceb620aa60d7e978720b9", input.Sha256);
        Assert.Equal(3616836, input.FileBytes);
        Assert.Equal(DumpFormat.AdExplorer, input.Format);
        Assert.Equal(DumpDialect.AdExplorer, input.Dialect);
        Assert.Equal("binary", input.Encoding);
        Assert.Equal("dc.windomain.local", input.Capture!.Server);
        Assert.True(input.IsValid);
    }

    [RealSnapshotFact]
    public void Reads_in_well_under_a_second()
    {
        var clock = Stopwatch.StartNew();
        using var reader = new AdExplorerReader(RealSnapshot.Path!);
        while (reader.Read())
        {
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
    }

    [RealSnapshotFact]
    public void Cut_anywhere_it_is_an_error_naming_where_it_ends()
    {
        var bytes = File.ReadAllBytes(RealSnapshot.Path!);
        var random = new Random(3848);
        var cuts = new[] { 0, 9, 10, 0x43D, 0x43E, 0x500, 0x2A5637, 0x2A5638, 0x2FB2D5, 0x36B3A8, 0x36B3B8, bytes.Length - 1 }
            .Concat(Enumerable.Range(0, 40).Select(_ => random.Next(bytes.Length)));
        foreach (var length in cuts)
        {
            var r = SnapshotTestReader.Read(bytes[..length], "detectionlab.dat");
            var error = Assert.Single(r.Errors);
            Assert.False(r.Statistics.Complete, $"cut at {length}");
            Assert.NotNull(error.Position.Offset);
            if (error.Code == DiagnosticCodes.AdxTruncated.Id)
            {
                Assert.Equal(length, error.Position.Offset);
                Assert.Contains($"detectionlab.dat@0x{length:X}", error.ToString(), StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains(error.Code, new[] { DiagnosticCodes.AdxHeader.Id, DiagnosticCodes.AdxTree.Id });
            }
        }
    }

    [RealSnapshotFact]
    public void Random_corruption_of_the_real_file_never_crashes()
    {
        var original = File.ReadAllBytes(RealSnapshot.Path!);
        var random = new Random(20211130);
        for (var round = 0; round < 20; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var f = 0; f < 1 + random.Next(16); f++)
            {
                // Mostly in the object area, where the offsets are.
                var at = random.Next(4) == 0 ? random.Next(bytes.Length) : 0x43E + random.Next(0x2A5637 - 0x43E);
                bytes[at] = (byte)random.Next(256);
            }

            var r = SnapshotTestReader.Read(bytes, "detectionlab.dat");
            Assert.All(r.Diagnostics, d => Assert.NotNull(d.Position.Offset));
            Assert.True(r.Entries.Count <= 3848);
            Assert.True(r.Statistics.Complete || r.Errors.Count > 0);
        }
    }
}
