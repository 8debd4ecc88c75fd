using System.Text;
using CsCheck;
using RusSnapshot.Dumps.Input;
using RusSnapshot.Dumps.Ldif;

namespace RusSnapshot.Dumps.Tests.Ldif;

public sealed class LdifWriterTests
{
    private static readonly byte[] Guid16 = [0xD1, 0x8F, 0x81, 0x0B, 0xA3, 0x5C, 0xA8, 0x49, 0xA4, 0xCD, 0xC6, 0x92, 0x3D, 0xFC, 0x03, 0x1E];

    public static IEnumerable<object[]> Dialects() =>
        from d in Enum.GetValues<LdifDialect>()
        from e in Enum.GetValues<LdifTextEncoding>()
        select new object[] { d, e };

    public static IEnumerable<object[]> DialectsOnly() => Enum.GetValues<LdifDialect>().Select(d => new object[] { d });

    /// <summary>Values RFC 2849 cannot write as they are, and the ones it can but that look tricky.</summary>
    private static IReadOnlyList<DumpEntry> HostileEntries()
    {
        var big = new string('x', 10 * 1024);
        var bigBinary = Enumerable.Range(0, 10 * 1024).Select(i => (byte)(i * 7)).ToArray();
        return
        [
            new DumpEntry("CN=Plain,DC=contoso,DC=test",
            [
                DumpAttribute.Text("objectClass", "top", "user"),
                DumpAttribute.Text("description", " leading space", "trailing space ", ":colon first", "<angle first", "inner: colon < ok", "a"),
                DumpAttribute.Binary("info", [0x61, 0x00, 0x62], "cr\rhere"u8.ToArray(), "lf\nhere"u8.ToArray(), "crlf\r\nhere"u8.ToArray()),
                DumpAttribute.Text("displayName", "Renée Müller", "日本語", "emoji 😀"),
                DumpAttribute.Binary("objectGUID", Guid16),
                DumpAttribute.Text("empty", string.Empty),
                DumpAttribute.Binary("emptyBinary", Array.Empty<byte>()),
                DumpAttribute.Text("big", big, big + " "),
                DumpAttribute.Binary("bigBinary", bigBinary),
                DumpAttribute.Text("userCertificate;binary", "options are kept"),
                DumpAttribute.Text("1.2.840.113556.1.4.221", "an OID as the name"),
                DumpAttribute.Text("space", " "),
                DumpAttribute.Text("high", "\u007f del and \u0001 control"),
            ]),
            new DumpEntry("CN=Renée Müller,OU=Ventes,DC=contoso,DC=test", [DumpAttribute.Text("cn", "Renée Müller")]),
            new DumpEntry("CN=EX1\nDEL:1c6b1deb-c372-4cbb-87b1-15031de169db,CN=Deleted Objects,CN=Configuration,DC=contoso,DC=test", [DumpAttribute.Text("isDeleted", "TRUE")]),
            new DumpEntry(" leading,DC=test", [DumpAttribute.Text("cn", "x")]),
            new DumpEntry(":colon,DC=test", [DumpAttribute.Text("cn", "x")]),
            new DumpEntry("<angle,DC=test", [DumpAttribute.Text("cn", "x")]),
            new DumpEntry("CN=Doe\\, Jane,OU=Sales,DC=contoso,DC=test", [DumpAttribute.Text("cn", "Doe, Jane")]),
            new DumpEntry(string.Empty, [DumpAttribute.Text("namingContexts", "DC=contoso,DC=test")]),
            new DumpEntry("CN=" + new string('a', 300) + ",DC=test", [DumpAttribute.Text("cn", new string('a', 300))]),
            new DumpEntry("CN=NoAttributes,DC=test", []),
        ];
    }

    /// <summary>ldifde never writes an add record without attributes (RFC 2849 requires one): such entries are left out for it.</summary>
    private static List<DumpEntry> Writable(IEnumerable<DumpEntry> entries, LdifDialect dialect) =>
        entries.Where(e => dialect != LdifDialect.Ldifde || e.Attributes.Count > 0).ToList();

    [Fact]
    public void Ldifde_refuses_a_record_without_attributes()
    {
        using var writer = new LdifWriter(new MemoryStream(), new LdifWriterOptions { Dialect = LdifDialect.Ldifde });

        Assert.Throws<ArgumentException>(() => writer.Write(new DumpEntry("CN=x,DC=test", [])));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Hostile_values_round_trip(LdifDialect dialect, LdifTextEncoding encoding)
    {
        var entries = Writable(HostileEntries(), dialect);
        var bytes = WriteAll(entries, new LdifWriterOptions { Dialect = dialect, Encoding = encoding });

        var read = ReadBack(bytes);

        Assert.Equal(entries.Count, read.Entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.True(entries[i].SameContentAs(read.Entries[i]), $"entry {i} ({entries[i].Dn}) differs after the round trip");
        }

        // An entry without attributes is legal (the reader warns); nothing else may draw a remark.
        Assert.All(read.Diagnostics, d => Assert.Equal("LDIF-DN-ONLY", d.Code));
        Assert.Equal(dialect switch
        {
            LdifDialect.Ldifde => DumpDialect.Ldifde,
            LdifDialect.Ldapsearch => DumpDialect.Ldapsearch,
            _ => DumpDialect.Rfc2849,
        }, read.Dialect);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Rewriting_a_written_file_gives_the_same_bytes(LdifDialect dialect, LdifTextEncoding encoding)
    {
        var options = new LdifWriterOptions { Dialect = dialect, Encoding = encoding };
        var first = WriteAll(Writable(HostileEntries(), dialect), options);

        var second = WriteAll(ReadBack(first).Entries, options);

        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(DialectsOnly))]
    public void No_physical_line_is_longer_than_the_fold_width(LdifDialect dialect)
    {
        var options = LdifWriterOptions.For(dialect);
        var text = Encoding.UTF8.GetString(WriteAll(Writable(HostileEntries(), options.Dialect), options));

        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.All(lines, l => Assert.InRange(Encoding.UTF8.GetByteCount(l), 0, options.EffectiveFoldWidth));
        Assert.Contains(lines, l => Encoding.UTF8.GetByteCount(l) == options.EffectiveFoldWidth);
        Assert.All(lines.Where(l => l.Length > 0 && l[0] != '#' && l[0] != ' '), l => Assert.True(Ascii.IsValid(l), $"non-ASCII data line: {l}"));
    }

    [Fact]
    public void Fold_width_zero_never_folds()
    {
        var options = new LdifWriterOptions { FoldWidth = 0 };
        var text = Encoding.UTF8.GetString(WriteAll(Writable(HostileEntries(), options.Dialect), options));

        Assert.DoesNotContain("\n ", text, StringComparison.Ordinal);
        Assert.Contains("big: " + new string('x', 10 * 1024) + "\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(10)]
    public void Comments_are_folded_between_characters(int width)
    {
        using var ms = new MemoryStream();
        using (var writer = new LdifWriter(ms, new LdifWriterOptions { FoldWidth = width }, leaveOpen: true))
        {
            writer.WriteComment("Müller 日本語 😀 and more ünïcödé text");
        }

        var lines = ms.ToArray().AsSpan();
        foreach (var range in lines.Split((byte)'\n'))
        {
            var line = lines[range];
            Assert.True(System.Text.Unicode.Utf8.IsValid(line), "a fold split a UTF-8 sequence");
        }

        var joined = Encoding.UTF8.GetString(ms.ToArray()).Replace("\n ", string.Empty, StringComparison.Ordinal);
        Assert.Equal("# Müller 日本語 😀 and more ünïcödé text\n", joined);
    }

    [Fact]
    public void Ldifde_text_is_exact()
    {
        var text = WriteText(SmallEntry(), LdifDialect.Ldifde);

        Assert.Equal(
            "\r\n" +
            "dn: CN=Jane Doe,OU=Sales,DC=contoso,DC=test\r\n" +
            "changetype: add\r\n" +
            "objectClass: top\r\n" +
            "objectClass: user\r\n" +
            "cn: Jane Doe\r\n" +
            "description: A description long enough to be folded by every dialect of LDIF, \r\n" +
            " which happens at a different width in each\r\n" +
            "objectGUID:: 0Y+BC6NcqEmkzcaSPfwDHg==\r\n" +
            "displayName:: UmVuw6ll\r\n" +
            "\r\n",
            text);
    }

    [Fact]
    public void Rfc2849_text_is_exact()
    {
        var text = WriteText(SmallEntry(), LdifDialect.Rfc2849, version: true);

        Assert.Equal(
            "version: 1\n" +
            "dn: CN=Jane Doe,OU=Sales,DC=contoso,DC=test\n" +
            "objectClass: top\n" +
            "objectClass: user\n" +
            "cn: Jane Doe\n" +
            "description: A description long enough to be folded by every dialect of LDIF\n" +
            " , which happens at a different width in each\n" +
            "objectGUID:: 0Y+BC6NcqEmkzcaSPfwDHg==\n" +
            "displayName:: UmVuw6ll\n" +
            "\n",
            text);
    }

    [Fact]
    public void Property_random_entries_round_trip()
    {
        var dnChar = Gen.Char.Select(c => char.IsSurrogate(c) ? 'x' : c);
        var dn = Gen.OneOf(
            dnChar.Array[0, 40].Select(a => new string(a)),
            Gen.Char[" :<\r\n\0aé,=\\"].Array[0, 12].Select(a => new string(a)));
        var name = Gen.Select(Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"], Gen.Char["abcXYZ019-."].Array[0, 12], (first, rest) => first + new string(rest));
        var value = Gen.OneOf(
            Gen.Byte.Array[0, 200],
            Gen.Byte[0, 0x7F].Array[0, 200],
            Gen.Byte[0, 0x7F].Array[150, 400],
            dnChar.Array[0, 100].Select(a => Encoding.UTF8.GetBytes(new string(a))),
            Gen.Char[" :<ab\r\n"].Array[0, 6].Select(a => Encoding.UTF8.GetBytes(new string(a))));
        var attribute = Gen.Select(name, value.Array[1, 4], (n, v) => new DumpAttribute(n, v.Select(b => new DumpValue(b)).ToArray()));
        var entry = Gen.Select(dn, attribute.Array[0, 6], (d, attributes) => new DumpEntry(d, Unique(attributes)));
        var dialect = Gen.Int[0, 2].Select(i => (LdifDialect)i);
        var width = Gen.OneOf(Gen.Const(0), Gen.Int[2, 100]);

        Gen.Select(entry.Array[1, 5], dialect, width).Sample((generated, d, w) =>
        {
            var entries = Writable(generated, d);
            var bytes = WriteAll(entries, new LdifWriterOptions { Dialect = d, FoldWidth = w });
            var read = ReadBack(bytes);
            Assert.Equal(entries.Count, read.Entries.Count);
            for (var i = 0; i < entries.Count; i++)
            {
                Assert.True(entries[i].SameContentAs(read.Entries[i]), $"entry {i} differs ({d}, width {w})");
            }
        }, iter: 300);
    }

    [Fact]
    public void Invalid_descriptions_and_misplaced_calls_are_refused()
    {
        using var writer = new LdifWriter(new MemoryStream());
        Assert.Throws<InvalidOperationException>(() => writer.WriteValue("cn", "x"));
        writer.BeginEntry("CN=x");
        Assert.Throws<ArgumentException>(() => writer.WriteValue("changetype", "add"));
        Assert.Throws<ArgumentException>(() => writer.WriteValue("bad name", "x"));
        Assert.Throws<ArgumentException>(() => writer.WriteValue("under_score", "x"));
        Assert.Throws<ArgumentException>(() => writer.WriteValue("-dash", "x"));
        Assert.Throws<InvalidOperationException>(() => writer.BeginEntry("CN=y"));
        Assert.Throws<InvalidOperationException>(() => writer.WriteComment("inside an entry"));
        Assert.Throws<InvalidOperationException>(() => writer.WriteDirective("search", "2"));
        Assert.Throws<InvalidOperationException>(() => writer.WriteBlankLine());
        writer.WriteValue("cn", "x");
        writer.EndEntry();
        Assert.Throws<ArgumentException>(() => writer.WriteDirective("bad name", "x"));
        Assert.Throws<NotSupportedException>(() => writer.Write(new DumpEntry(string.Empty, [DumpAttribute.Text("search", "2")], kind: DumpRecordKind.SearchResult)));
        Assert.Throws<NotSupportedException>(() => writer.Write(new DumpEntry("CN=x", [], kind: DumpRecordKind.Delete)));
        Assert.Throws<ArgumentException>(() => new LdifWriter(new MemoryStream(), new LdifWriterOptions { FoldWidth = 1 }));
    }

    [Fact]
    public void Ldifde_can_start_with_changetype_like_attributes_and_utf16_has_a_bom()
    {
        using var ms = new MemoryStream();
        using (var writer = new LdifWriter(ms, new LdifWriterOptions { Dialect = LdifDialect.Ldifde, Encoding = LdifTextEncoding.Utf16LittleEndian }, leaveOpen: true))
        {
            writer.Write(new DumpEntry("CN=é", [DumpAttribute.Text("control", "is just an attribute here")]));
        }

        var bytes = ms.ToArray();
        Assert.Equal([0xFF, 0xFE], bytes[..2]);
        Assert.Equal("\r\ndn:: Q049w6k=\r\nchangetype: add\r\ncontrol: is just an attribute here\r\n\r\n", Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2));
    }

    [Fact]
    public void Small_buffers_give_the_same_bytes()
    {
        var expected = WriteAll(Writable(HostileEntries(), LdifDialect.Ldifde), new LdifWriterOptions { Dialect = LdifDialect.Ldifde, Encoding = LdifTextEncoding.Utf16LittleEndian });

        var actual = WriteAll(Writable(HostileEntries(), LdifDialect.Ldifde), new LdifWriterOptions { Dialect = LdifDialect.Ldifde, Encoding = LdifTextEncoding.Utf16LittleEndian, BufferSize = 1 });

        Assert.Equal(expected, actual);
    }

    private static DumpEntry SmallEntry() => new(
        "CN=Jane Doe,OU=Sales,DC=contoso,DC=test",
        [
            DumpAttribute.Text("objectClass", "top", "user"),
            DumpAttribute.Text("cn", "Jane Doe"),
            DumpAttribute.Text("description", "A description long enough to be folded by every dialect of LDIF, which happens at a different width in each"),
            DumpAttribute.Binary("objectGUID", Guid16),
            DumpAttribute.Text("displayName", "Renée"),
        ]);

    private static string WriteText(DumpEntry entry, LdifDialect dialect, bool version = false)
    {
        using var ms = new MemoryStream();
        using (var writer = new LdifWriter(ms, LdifWriterOptions.For(dialect), leaveOpen: true))
        {
            if (version)
            {
                writer.WriteVersion();
            }

            writer.Write(entry);
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static byte[] WriteAll(IEnumerable<DumpEntry> entries, LdifWriterOptions options)
    {
        using var ms = new MemoryStream();
        using (var writer = new LdifWriter(ms, options, leaveOpen: true))
        {
            if (options.Dialect == LdifDialect.Ldapsearch)
            {
                // What makes it ldapsearch output for a reader: its header comments and its result trailer.
                writer.WriteComment("extended LDIF\n\nLDAPv3\nbase <DC=contoso,DC=test> with scope subtree");
                writer.WriteBlankLine();
            }

            foreach (var entry in entries)
            {
                writer.Write(entry);
            }

            if (options.Dialect == LdifDialect.Ldapsearch)
            {
                writer.WriteComment("search result");
                writer.WriteDirective("search", "2");
                writer.WriteDirective("result", "0 Success");
                writer.WriteBlankLine();
            }
        }

        return ms.ToArray();
    }

    /// <summary>Reads through <see cref="DumpOpener"/>, so that the encoding is detected as for a real file.</summary>
    private static LdifTestReader.Result ReadBack(byte[] bytes)
    {
        var source = DumpSource.FromStream("written.ldif", () => new MemoryStream(bytes));
        var options = new DumpOpenOptions { Format = DumpFormat.Ldif, Reader = new DumpReaderOptions { OnBadRecord = BadRecordHandling.Collect, BufferSize = 4096 } };
        using var opened = DumpOpener.Open(source, options);
        var reader = opened.Reader;
        var records = new List<DumpEntry>();
        while (reader.Read())
        {
            records.Add(reader.Current.ToEntry());
        }

        return new LdifTestReader.Result(records, reader.Diagnostics.ToList(), reader.Statistics, reader.Dialect);
    }

    private static DumpAttribute[] Unique(DumpAttribute[] attributes) =>
        attributes.DistinctBy(a => a.Description, StringComparer.OrdinalIgnoreCase)
            .Where(a => !a.Description.Equals("changetype", StringComparison.OrdinalIgnoreCase) && !a.Description.Equals("control", StringComparison.OrdinalIgnoreCase))
            .ToArray();

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
