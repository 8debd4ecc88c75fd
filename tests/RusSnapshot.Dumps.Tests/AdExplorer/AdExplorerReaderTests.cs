using System.Buffers.Binary;
using System.Text;
using RusSnapshot.Dumps.AdExplorer;
using RusSnapshot.Dumps.Input;
using RusSnapshot.Dumps.Tests.Input;
using RusSnapshot.Dumps.Tests.Ldif;

namespace RusSnapshot.Dumps.Tests.AdExplorer;

/// <summary>The reader on snapshots written to order: every value type, sharing, placeholders, and what it refuses.</summary>
public sealed class AdExplorerReaderTests
{
    private static readonly byte[] Guid1 = Convert.FromHexString("38846A037CE3F64A9DF1B7F5570EBCD9");
    private static readonly byte[] Sid1 = Convert.FromHexString("010500000000000515000000A065CF7E784B9B5FE77C8770E8030000");

    /// <summary>Two objects using every value type; the second shares most blocks with the first.</summary>
    internal static SnapshotBuilder Typed()
    {
        var b = new SnapshotBuilder();
        b.Property("cn", 7, 3);
        b.Property("objectCategory", 18, 1);
        b.Property("serialNumber", 13, 4);
        b.Property("isCriticalSystemObject", 1, 6);
        b.Property("userAccountControl", 3, 7);
        b.Property("groupType", 3, 7);
        b.Property("objectGUID", 11, 8);
        b.Property("objectSid", 14, 8);
        b.Property("wellKnownObjects", 21, 8);
        b.Property("whenCreated", 15, 9);
        b.Property("uSNChanged", 4, 10);
        b.Property("nTSecurityDescriptor", 9, 25);
        foreach (var (name, n) in new[] { ("Jane Doe", 1), ("Zoë Ångström", 2) })
        {
            b.Add($"CN={name},OU=Staff,DC=contoso,DC=test",
                ("objectClass", ["top", "person", "organizationalPerson", "user"]),
                ("cn", [name]),
                ("objectCategory", ["CN=Person,CN=Schema,CN=Configuration,DC=contoso,DC=test"]),
                ("serialNumber", ["Version 6.5 (Build 7638.2: Service Pack 2)"]),
                ("isCriticalSystemObject", [n == 1]),
                ("userAccountControl", [512]),
                ("groupType", [unchecked((int)0x80000002)]),
                ("objectGUID", [Guid1]),
                ("objectSid", [Sid1]),
                ("wellKnownObjects", [(Convert.FromHexString("AB1D30F3768811D1ADED00C04FD8D5CD"), "CN=Users,DC=contoso,DC=test"), (new byte[] { 0xA9, 0xD1, 0xCA, 0x15 }, "CN=Computers,DC=contoso,DC=test")]),
                ("whenCreated", [new DateTime(2004, 12, 2, 18, 5, 52, DateTimeKind.Utc), new DateTime(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc)]),
                ("uSNChanged", [long.MaxValue, -18000000000L]),
                ("nTSecurityDescriptor", [new byte[] { 1, 0, 4, 0x8C, 0, 0, 0, 0 }]));
        }

        return b;
    }

    [Fact]
    public void Every_value_type_reads_as_an_ldif_export_gives_it()
    {
        var r = SnapshotTestReader.Read(Typed().Build());

        Assert.Empty(r.Diagnostics);
        Assert.True(r.Statistics.Complete);
        Assert.Equal(2, r.Entries.Count);
        var e = r.Entries[1];
        Assert.Equal("CN=Zoë Ångström,OU=Staff,DC=contoso,DC=test", e.Dn);
        Assert.Equal([e.Dn], e.Strings("distinguishedName"));
        Assert.Equal(["top", "person", "organizationalPerson", "user"], e.Strings("objectClass"));
        Assert.Equal(["Zoë Ångström"], e.Strings("cn"));
        Assert.Equal("Zoë Ångström"u8.ToArray(), e.Get("cn")!.Values[0].Bytes);
        Assert.Equal(["Version 6.5 (Build 7638.2: Service Pack 2)"], e.Strings("serialNumber"));
        Assert.Equal(["FALSE"], e.Strings("isCriticalSystemObject"));
        Assert.Equal(["TRUE"], r.Entries[0].Strings("isCriticalSystemObject"));
        Assert.Equal(["512"], e.Strings("userAccountControl"));
        Assert.Equal(["-2147483646"], e.Strings("groupType"));
        Assert.Equal(Guid1, e.Bytes("objectGUID"));
        Assert.Equal(Sid1, e.Bytes("objectSid"));
        Assert.Equal(["B:32:AB1D30F3768811D1ADED00C04FD8D5CD:CN=Users,DC=contoso,DC=test", "B:8:A9D1CA15:CN=Computers,DC=contoso,DC=test"], e.Strings("wellKnownObjects"));
        Assert.Equal(["20041202180552.0Z", "16010101000000.0Z"], e.Strings("whenCreated"));
        Assert.Equal(["9223372036854775807", "-18000000000"], e.Strings("uSNChanged"));
        Assert.Equal(new byte[] { 1, 0, 4, 0x8C, 0, 0, 0, 0 }, e.Bytes("nTSecurityDescriptor"));
        Assert.All(e.Attributes.SelectMany(a => a.Values), v => Assert.Equal(2, v.Line));
        Assert.Equal(2, e.Position.Line);
        Assert.NotNull(e.Position.Offset);
    }

    [Fact]
    public void Shared_and_unshared_blocks_read_the_same_even_across_types()
    {
        var shared = Typed();
        var plain = Typed();
        plain.Share = false;
        shared.Property("flag", 1, 6);
        shared.Property("count", 3, 7);
        shared.Add("CN=x,DC=contoso,DC=test", ("count", [1]), ("flag", [true])); // one block, u32 1: an integer and a boolean

        var a = shared.Build();
        var b = plain.Build();
        Assert.True(a.Length < b.Length + 200, "sharing makes the file smaller");
        var ra = SnapshotTestReader.Read(a);
        var rb = SnapshotTestReader.Read(b);

        Assert.Empty(ra.Diagnostics);
        Assert.Equal(Flatten(rb.Entries), Flatten(ra.Entries.Take(2)));
        Assert.Equal(["1"], ra.Entries[2].Strings("count"));
        Assert.Equal(["TRUE"], ra.Entries[2].Strings("flag"));
    }

    [Fact]
    public void Values_equal_those_of_the_same_entries_in_ldif()
    {
        var snapshot = SnapshotTestReader.Read(Typed().Build());
        var ldif = new StringBuilder();
        foreach (var e in snapshot.Entries)
        {
            ldif.Append("dn:: ").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(e.Dn))).Append('\n').Append("changetype: add\n");
            foreach (var a in e.Attributes)
            {
                foreach (var v in a.Values)
                {
                    ldif.Append(a.Description).Append(":: ").Append(Convert.ToBase64String(v.Bytes)).Append('\n');
                }
            }

            ldif.Append('\n');
        }

        var fromLdif = LdifTestReader.Read(ldif.ToString());

        Assert.Empty(fromLdif.Diagnostics);
        Assert.Equal(Flatten(fromLdif.Entries), Flatten(snapshot.Entries));
    }

    [Fact]
    public void A_dn_string_attribute_is_noted_once_and_the_objects_are_read()
    {
        var b = new SnapshotBuilder();
        b.Property("msExchOWAAllowedFileTypes", 17, 28);
        b.Property("oddOne", 99, 77);
        b.Property("cn", 7, 3);
        b.Add("CN=a,DC=contoso,DC=test", ("msExchOWAAllowedFileTypes", [".doc", ".xls"]), ("oddOne", [1]), ("cn", ["a"]));
        b.Add("CN=b,DC=contoso,DC=test", ("msExchOWAAllowedFileTypes", [".pdf"]), ("cn", ["b"]));

        var r = SnapshotTestReader.Read(b.Build());

        Assert.Equal(2, r.Entries.Count);
        Assert.Equal(["a"], r.Entries[0].Strings("cn"));
        Assert.Null(r.Entries[0].Get("msExchOWAAllowedFileTypes"));
        Assert.Equal([DiagnosticCodes.AdxDnString.Id, DiagnosticCodes.AdxValueType.Id], r.Diagnostics.Select(d => d.Code));
        Assert.All(r.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Empty(r.Errors);
        Assert.True(r.Statistics.Complete);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Placeholders_after_the_objects_are_not_entries(int placeholders)
    {
        var b = Typed();
        for (var i = 0; i < placeholders; i++)
        {
            b.Placeholder($"CN=Uncaptured{i},DC=contoso,DC=test");
        }

        var r = SnapshotTestReader.Read(b.Build());

        Assert.Empty(r.Diagnostics);
        Assert.Equal(2, r.Entries.Count);
        Assert.Equal(placeholders, r.Placeholders);
    }

    [Fact]
    public void An_unfinished_capture_is_refused_with_its_header_known()
    {
        var b = Typed();
        b.Finished = false;

        var r = SnapshotTestReader.Read(b.Build());

        Assert.Empty(r.Entries);
        Assert.False(r.Statistics.Complete);
        var error = Assert.Single(r.Errors);
        Assert.Equal(DiagnosticCodes.AdxIncomplete.Id, error.Code);
        Assert.Equal("test.dat@0x0", error.Position.ToString());
        Assert.Equal("dc1.contoso.test", r.Capture!.Server);
    }

    [Fact]
    public void The_header_gives_server_time_and_description()
    {
        var b = Typed();
        b.Description = "before the migration";
        b.Server = "dc7.corp.example";

        var capture = SnapshotTestReader.Read(b.Build()).Capture!;

        Assert.Equal(new DumpCapture("AD Explorer", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), "dc7.corp.example", "before the migration"), capture);
    }

    [Fact]
    public void An_unknown_marker_is_a_warning()
    {
        var b = Typed();
        b.Marker = 0x00020001;

        var r = SnapshotTestReader.Read(b.Build());

        Assert.Equal(2, r.Entries.Count);
        Assert.Equal(DiagnosticCodes.AdxMarker.Id, Assert.Single(r.Diagnostics).Code);
    }

    [Fact]
    public void A_dat_that_is_not_a_snapshot_says_so()
    {
        var r = SnapshotTestReader.Read(Encoding.UTF8.GetBytes("dn: CN=x,DC=contoso,DC=test\nobjectClass: top\n\n"));

        Assert.Equal(DiagnosticCodes.AdxHeader.Id, Assert.Single(r.Errors).Code);
        Assert.Empty(r.Entries);
    }

    [Fact]
    public void The_signature_is_found_whatever_the_name()
    {
        var r = SnapshotTestReader.Read(Typed().Build(), name: "export.ldf");

        Assert.Equal(2, r.Entries.Count);
    }

    [Fact]
    public void A_record_after_the_counted_objects_that_is_not_a_placeholder_is_rejected()
    {
        var bytes = Typed().Build();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(0x426), 1); // the header counts one object; the second is extra

        var r = SnapshotTestReader.Read(bytes);

        Assert.Single(r.Entries);
        Assert.Equal(DiagnosticCodes.AdxExtraRecord.Id, Assert.Single(r.Diagnostics).Code);
        Assert.Equal(2, r.Errors[0].Position.Line);
    }

    [Fact]
    public void Fewer_records_than_the_header_counts_is_an_error()
    {
        var bytes = Typed().Build();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(0x426), 3);

        var r = SnapshotTestReader.Read(bytes);

        Assert.Equal(2, r.Entries.Count);
        Assert.Equal(DiagnosticCodes.AdxObjectCount.Id, Assert.Single(r.Errors).Code);
        Assert.False(r.Statistics.Complete);
    }

    [Fact]
    public void A_value_block_outside_the_object_area_rejects_that_object_only()
    {
        var bytes = Typed().Build();
        var first = SnapshotBuilder.HeaderSize;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(first + 8 + 8 + 4), -first - 100); // objectClass of object 1, before the file

        var r = SnapshotTestReader.Read(bytes);

        var error = Assert.Single(r.Errors);
        Assert.Equal(DiagnosticCodes.AdxValueOffset.Id, error.Code);
        Assert.StartsWith("test.dat@0x", error.Position.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(", object 1", error.Position.ToString(), StringComparison.Ordinal);
        Assert.Equal("CN=Zoë Ångström,OU=Staff,DC=contoso,DC=test", Assert.Single(r.Entries).Dn);
        Assert.Equal(1, r.Statistics.RejectedRecords);
        Assert.True(r.Statistics.Complete);
    }

    [Fact]
    public void An_attribute_index_outside_the_property_table_rejects_the_object()
    {
        var bytes = Typed().Build();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(SnapshotBuilder.HeaderSize + 8 + 16), 5000);

        var r = SnapshotTestReader.Read(bytes);

        Assert.Equal(DiagnosticCodes.AdxTable.Id, Assert.Single(r.Errors).Code);
        Assert.Single(r.Entries);
    }

    [Fact]
    public void A_value_over_the_size_limit_rejects_the_object()
    {
        var r = SnapshotTestReader.Read(Typed().Build(), reader: new DumpReaderOptions { MaxValueBytes = 12 });

        Assert.All(r.Errors, e => Assert.Equal(DiagnosticCodes.AdxValueTooLarge.Id, e.Code));
        Assert.Equal(2, r.Errors.Count);
        Assert.Empty(r.Entries);
    }

    [Fact]
    public void A_string_that_is_not_utf16_rejects_the_object()
    {
        var b = new SnapshotBuilder();
        b.Property("cn", 7, 3);
        b.Add("CN=a,DC=contoso,DC=test", ("cn", ["Qx"]));
        b.Add("CN=b,DC=contoso,DC=test", ("cn", ["b"]));
        var bytes = b.Build();
        var at = bytes.AsSpan().IndexOf("Q\0x\0"u8);
        bytes[at] = 0x00;
        bytes[at + 1] = 0xD8; // an unpaired high surrogate

        var r = SnapshotTestReader.Read(bytes);

        Assert.Equal(DiagnosticCodes.AdxString.Id, Assert.Single(r.Errors).Code);
        Assert.Equal("CN=b,DC=contoso,DC=test", Assert.Single(r.Entries).Dn);
    }

    [Fact]
    public void Thrown_errors_name_the_offset_and_the_object()
    {
        var bytes = Typed().Build();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(SnapshotBuilder.HeaderSize + 8 + 16), 5000);

        var ex = Assert.Throws<DumpFormatException>(() => SnapshotTestReader.Read(bytes, handling: BadRecordHandling.Throw));

        Assert.Matches(@"^test\.dat@0x[0-9A-F]+, object 1: attribute entry 3 names property 5,000, outside the property table of 14$", ex.Message);
        Assert.Equal(DiagnosticCodes.AdxTable.Id, ex.Code);
    }

    [Fact]
    public void A_record_size_past_the_object_area_stops_the_reading()
    {
        var bytes = Typed().Build();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(SnapshotBuilder.HeaderSize), 0x7FFFFFF0);

        var r = SnapshotTestReader.Read(bytes);

        Assert.Equal(DiagnosticCodes.AdxRecordSize.Id, Assert.Single(r.Errors).Code);
        Assert.Empty(r.Entries);
        Assert.False(r.Statistics.Complete);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_cut_file_is_an_error_at_every_length(bool withTree)
    {
        var b = Typed();
        b.WithTree = withTree;
        b.Placeholder("CN=Uncaptured,DC=contoso,DC=test");
        var bytes = b.Build();
        var mapping = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x42E));

        for (var length = 0; length < bytes.Length; length++)
        {
            if (!withTree && length >= bytes.Length - 8 - 7)
            {
                break; // without a tree index, a cut inside the (empty) class and right tables or their padding cannot all be told
            }

            var r = SnapshotTestReader.Read(bytes[..length]);
            Assert.False(r.Statistics.Complete, $"cut at {length}");
            var error = Assert.Single(r.Errors);
            Assert.NotNull(error.Position.Offset);
            Assert.Contains(error.Code, new[] { DiagnosticCodes.AdxTruncated.Id, DiagnosticCodes.AdxHeader.Id, DiagnosticCodes.AdxTree.Id });
            Assert.True(length >= mapping || r.Entries.Count == 0, "a file cut before its tables yields no object");
        }
    }

    [Fact]
    public void A_tree_index_that_does_not_match_the_records_is_an_error()
    {
        var bytes = Typed().Build();
        var tree = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x436));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(tree + 12), 1); // the root lists one leaf, and the file goes on
        var r = SnapshotTestReader.Read(bytes);

        Assert.Contains(r.Errors, e => e.Code == DiagnosticCodes.AdxTree.Id || e.Code == DiagnosticCodes.AdxTruncated.Id);
        Assert.False(r.Statistics.Complete);
    }

    [Fact]
    public void Random_corruption_never_crashes_and_every_error_names_its_offset()
    {
        var original = Typed().Build();
        var random = new Random(20240506);
        for (var round = 0; round < 3000; round++)
        {
            var bytes = (byte[])original.Clone();
            var flips = 1 + random.Next(8);
            for (var f = 0; f < flips; f++)
            {
                var at = random.Next(bytes.Length);
                bytes[at] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => 0xFF,
                    _ => 0,
                };
            }

            var r = SnapshotTestReader.Read(bytes);
            Assert.All(r.Diagnostics, d => Assert.NotNull(d.Position.Offset));
            Assert.All(r.Entries, e => Assert.False(string.IsNullOrEmpty(e.Dn)));
            Assert.True(r.Entries.Count <= 2);
            try
            {
                SnapshotTestReader.Read(bytes, handling: BadRecordHandling.Throw);
            }
            catch (DumpFormatException ex)
            {
                Assert.NotNull(ex.Position.Offset);
            }
        }
    }

    [Fact]
    public void A_snapshot_in_an_archive_over_the_copy_limit_is_refused_with_the_reason()
    {
        using var files = new InputFiles();
        var zip = files.Write("case.zip", InputFiles.Zip(("forest.dat", Typed().Build())));
        var source = DumpSource.Expand([zip]).Single();

        var r = SnapshotTestReader.Read(source, new DumpOpenOptions { MaxSnapshotSpoolBytes = 100, Reader = new DumpReaderOptions { OnBadRecord = BadRecordHandling.Collect } });

        var error = Assert.Single(r.Errors);
        Assert.Equal(DiagnosticCodes.AdxSpoolLimit.Id, error.Code);
        Assert.Contains("extract it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_scans_list_snapshots()
    {
        using var files = new InputFiles();
        files.Write("a/forest.dat", Typed().Build());
        files.Write("a/forest.dat.gz", InputFiles.Gzip(Typed().Build()));
        files.Write("a/notes.txt", "x"u8.ToArray());

        var names = DumpSource.Expand([files.Root]).Select(s => Path.GetFileName(s.DisplayName)).ToList();

        Assert.Equal(["forest.dat", "forest.dat.gz"], names);
        Assert.True(DumpSource.IsDumpFileName("FOREST.DAT"));
    }

    [Fact]
    public void A_large_file_is_read_with_bounded_windows_and_from_disk()
    {
        var b = new SnapshotBuilder();
        b.Property("cn", 7, 3);
        b.Property("description", 7, 3);
        var padding = new string('x', 3000);
        for (var i = 0; i < 2000; i++)
        {
            b.Add($"CN=u{i},DC=contoso,DC=test", ("objectClass", ["top", "user"]), ("cn", [$"u{i}"]), ("description", [padding + (i % 500)]));
        }

        using var files = new InputFiles();
        var path = files.Write("big.dat", b.Build());
        using var reader = new AdExplorerReader(path);
        var count = 0;
        while (reader.Read())
        {
            Assert.Equal(3000 + (((count % 500) < 10) ? 1 : (count % 500) < 100 ? 2 : 3), reader.Current.ValueAt(reader.Current.IndexOf("description"u8)).Length);
            count++;
        }

        Assert.Equal(2000, count);
        Assert.Empty(reader.Diagnostics);
        Assert.True(reader.Window!.PeakBytes <= 9 * 1024 * 1024);
    }

    private static List<string> Flatten(IEnumerable<DumpEntry> entries) =>
        [.. entries.SelectMany(e => e.Attributes.SelectMany(a => a.Values.Select(v => $"{e.Dn}|{a.Description.ToLowerInvariant()}|{Convert.ToHexString(v.Bytes)}"))).Order(StringComparer.Ordinal)];
}
