using System.Buffers.Text;
using System.Text;
using RusSnapshot.Dumps.Ldif;
using static RusSnapshot.Dumps.Tests.Conformance.ConformanceParser;

namespace RusSnapshot.Dumps.Tests.Conformance;

/// <summary>
/// Seeded random damage to valid LDIF, read at random buffer sizes: with Collect the reader never throws, with Throw it
/// throws only <see cref="DumpFormatException"/>, it never hangs, and its statistics account for every record started.
/// Plus inputs that are huge in one dimension. A failure message quotes the input, so it can become an edge-case test.
/// </summary>
public sealed class LdifFuzzTests
{
    internal static readonly string[] Seeds =
    [
        // ldifde: CRLF, changetype add, folded value, base64 GUID and DN.
        "dn: CN=Jane Doe,OU=Sales,DC=corp,DC=contoso,DC=com\r\nchangetype: add\r\nobjectClass: top\r\nobjectClass: user\r\n" +
        "description: a long value that ldifde folds at seventy-eight col\r\n umns, like this\r\nobjectGUID:: 0Y+BC6NcqEmkzcaSPfwDHg==\r\n\r\n" +
        "dn:: Q049UmVuw6llLE9VPVNhbGVzLERDPWNvcnA=\r\nchangetype: add\r\ncn:: UmVuw6ll\r\n\r\n",

        // ldapsearch extended LDIF, paged, with a reference and result trailers.
        "# extended LDIF\n#\n# LDAPv3\n# base <dc=x> with scope subtree\n#\n\n# a, x\ndn: cn=a,dc=x\ncn: a\nsn:: IEplbnNlbiA=\n\n" +
        "# search reference\nref: ldap://ForestDnsZones.x/DC=ForestDnsZones,DC=x\n\n# search result\nsearch: 2\nresult: 0 Success\n" +
        "pagedresults: cookie=AQID\n# extended LDIF\n\ndn: cn=b,dc=x\ncn: b\n\n# search result\nsearch: 3\nresult: 0 Success\n\n# numEntries: 2\n",

        // RFC 2849 change records: controls, modify groups, modrdn, delete.
        "version: 1\n# Add\ndn: cn=Fiona Jensen, ou=Marketing\ncontrol: 1.2.3 true:: ZG46Y249\n ZQ==\nchangetype: add\ncn: Fiona\n" +
        "jpegphoto:< file:///x.jpg\n\ndn: cn=Robert\ncontrol: 1.2.840.113556.1.4.805 true\nchangetype: delete\n\n" +
        "dn: cn=Paul\nchangetype: modrdn\nnewrdn: cn=Paula\ndeleteoldrdn: 1\nnewsuperior: ou=x\n\n" +
        "dn: cn=Paula\nchangetype: modify\nadd: postaladdress\npostaladdress: 123 Anystreet $ Sunnyvale\n-\ndelete: description\n-\n" +
        "replace: telephonenumber\ntelephonenumber: +1 408 555 1234\n",

        // Content records: comments, folds everywhere, options, empty values, UTF-8, root DSE.
        "#LEAD\ndn:\nvendorName: x\n\ndn: cn=Gern Jensen,\n ou=Product Testing\n#EMBEDDED\n CONTINUED\nobject\n Class: top\n" +
        "description:: V2hhdCBhIGNhcmVmdWwgcmVhZGVy\n IHlvdSBhcmUh\nou;lang-ja;phonetic:: 44GI44GE44GO\nsn:    Jensen\nempty:\n" +
        "lastname: Str\u00f6der\ncn:\n  folded after colon\n\n",
    ];

    private static readonly byte[] Inserts = "\n\r :#-"u8.ToArray();

    [Fact]
    public async Task Random_mutations_never_crash_hang_or_lose_a_record()
    {
        await WithinAsync(TimeSpan.FromMinutes(FuzzSettings().Cases > 4000 ? 60 : 3), () =>
        {
            // RUSSNAPSHOT_FUZZ=<seed>,<cases> runs a longer or different campaign locally; the default is fixed.
            var (seed, cases) = FuzzSettings();
            var random = new Random(seed);
            for (var n = 0; n < cases; n++)
            {
                var bytes = B(Seeds[random.Next(Seeds.Length)]).ToList();
                var mutations = random.Next(1, 5);
                for (var m = 0; m < mutations && bytes.Count > 0; m++)
                {
                    var at = random.Next(bytes.Count);
                    switch (random.Next(3))
                    {
                        case 0: bytes[at] = (byte)random.Next(256); break;
                        case 1: bytes.Insert(at, Inserts[random.Next(Inserts.Length)]); break;
                        default: bytes.RemoveAt(at); break;
                    }
                }

                var bufferSize = random.Next(4) == 0 ? 1 << 20 : random.Next(16, 200);
                CheckReader([.. bytes], bufferSize, $"mutation case {n.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }
        });
    }

    [Fact]
    public async Task Truncation_at_every_position_never_crashes_or_loses_a_record()
    {
        await WithinAsync(TimeSpan.FromMinutes(2), () =>
        {
            var random = new Random(7);
            foreach (var seed in Seeds)
            {
                var bytes = B(seed);
                for (var length = 0; length <= bytes.Length; length++)
                {
                    CheckReader(bytes[..length], random.Next(16, 80), $"truncated to {length.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes");
                }
            }
        });
    }

    // A 20 MB binary value, base64 and folded at 76 columns (360,000 continuation lines): over the default value
    // limit it is an error on its line and the next record is read; under a raised limit it decodes exactly.
    [Fact]
    public void Twenty_megabyte_value_is_limited_or_read_exactly()
    {
        var value = new byte[20 * 1024 * 1024];
        new Random(1).NextBytes(value);
        var input = BuildFoldedBase64("dn: cn=big\nobjectClass: top\njpegPhoto:: ", value, "\n\ndn: cn=next\ncn: next\n");

        var limited = Parse(input);
        limited.SingleError("LDIF-VALUE-TOO-LARGE", line: 3, recordLine: 1);
        Assert.Equal("cn=next", limited.SingleEntry().Dn);

        var options = new DumpReaderOptions { MaxValueBytes = 32 * 1024 * 1024, OnBadRecord = BadRecordHandling.Collect };
        using var reader = new LdifReader(new MemoryStream(input), "big.ldif", options);
        Assert.True(reader.Read());
        Assert.Equal(2, reader.Current.Count);
        Assert.True(reader.Current.ValueAt(1).SequenceEqual(value));
        Assert.True(reader.Read());
        Assert.Equal("cn=next", reader.Current.Dn);
        Assert.False(reader.Read());
        Assert.Empty(reader.Diagnostics);
    }

    // 100,000 values in one record (a large group), read at a small starting buffer that has to grow.
    [Fact]
    public void Record_with_100k_values_is_read_whole()
    {
        var text = new StringBuilder("dn: CN=All Users,DC=corp,DC=contoso,DC=com\n");
        for (var i = 0; i < 100_000; i++)
        {
            text.Append("member: CN=User").Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(",OU=Users,DC=corp,DC=contoso,DC=com\n");
        }

        using var reader = new LdifReader(new MemoryStream(B(text.ToString())), "group.ldif", new DumpReaderOptions { BufferSize = 64 });
        Assert.True(reader.Read());
        var record = reader.Current;
        Assert.Equal(100_000, record.Count);
        Assert.Equal(100_001, record.LineAt(99_999));
        Assert.Equal("CN=User99999,OU=Users,DC=corp,DC=contoso,DC=com", record.ValueStringAt(99_999));
        Assert.Equal(100_000, Assert.Single(record.ToEntry().Attributes).Values.Count);
        Assert.False(reader.Read());
        Assert.Empty(reader.Diagnostics);
        Assert.Equal(100_001, reader.Statistics.Lines);
    }

    // A 1 MB line at the end of the input without a line break, read from a 16-byte starting buffer.
    [Fact]
    public void Megabyte_line_without_newline_at_the_end_is_read()
    {
        var big = new string('x', 1024 * 1024);

        var content = Parse("dn: cn=a\ndescription: " + big, 16);
        Assert.Equal(1024 * 1024, content.SingleEntry().Value("description").Length);
        content.SingleWarning("LDIF-NO-FINAL-NEWLINE", 2);

        var ldifde = Parse("dn: cn=a\r\nchangetype: add\r\ndescription: " + big, 16);
        ldifde.SingleError("LDIF-TRUNCATED", line: 3, recordLine: 1);
        Assert.False(ldifde.Statistics.Complete);

        var garbage = Parse("dn: cn=a\n" + big, 16);
        garbage.SingleError("LDIF-NO-COLON", line: 2, recordLine: 1);
        Assert.Empty(garbage.Records);
    }

    private static void CheckReader(byte[] input, int bufferSize, string context)
    {
        var reproduce = $"{context}, buffer {bufferSize.ToString(System.Globalization.CultureInfo.InvariantCulture)}, input \"{Escape(input)}\"";

        // Collect: never throws, every record started is accounted for.
        try
        {
            var options = new DumpReaderOptions { BufferSize = bufferSize, OnBadRecord = BadRecordHandling.Collect };
            using var reader = new LdifReader(new MemoryStream(input), "fuzz.ldif", options);
            var returned = 0L;
            var reads = 0;
            while (reader.Read())
            {
                Assert.True(++reads <= input.Length + 1, "more records than bytes: " + reproduce);
                returned++;
                Touch(reader.Current);
            }

            var s = reader.Statistics;
            Assert.True(returned == s.Entries + s.ChangeRecords + s.SearchResults + s.SearchReferences, "records returned != counted: " + reproduce);
            var accounted = returned + s.RejectedRecords;
            var started = RecordsStarted(input);
            Assert.True(accounted >= started, $"{started} records started, {accounted} accounted for: {reproduce}");
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"Collect threw {ex.GetType().Name}: {ex.Message} ({reproduce})\n{ex.StackTrace}");
        }

        // Throw: only DumpFormatException, and reading can go on when it says so.
        var throwOptions = new DumpReaderOptions { BufferSize = bufferSize, OnBadRecord = BadRecordHandling.Throw };
        using var throwing = new LdifReader(new MemoryStream(input), "fuzz.ldif", throwOptions);
        for (var calls = 0; ; calls++)
        {
            Assert.True(calls <= input.Length + 2, "Read() does not come to an end: " + reproduce);
            try
            {
                if (!throwing.Read())
                {
                    break;
                }

                Touch(throwing.Current);
            }
            catch (DumpFormatException ex)
            {
                Assert.True(ex.Position.Line >= 1, "error without a line: " + reproduce);
                if (!ex.MayContinue)
                {
                    Assert.False(throwing.Read());
                    break;
                }
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"Throw mode threw {ex.GetType().Name}: {ex.Message} ({reproduce})\n{ex.StackTrace}");
            }
        }
    }

    /// <summary>Decodes everything a caller could ask for: a value the reader accepted must decode.</summary>
    private static void Touch(DumpRecord record)
    {
        _ = record.Dn;
        for (var i = 0; i < record.Count; i++)
        {
            _ = record.DescriptionStringAt(i);
            _ = record.ValueAt(i).Length;
        }

        for (var i = 0; i < record.ControlCount; i++)
        {
            _ = record.ControlAt(i);
        }

        _ = record.CountDuplicateValues();
        _ = record.ToEntry();
    }

    /// <summary>
    /// Independent count of records started: blocks of lines between blank lines (a line ends with LF, CRLF or a lone
    /// CR; a blank line is an empty line ended by LF or CRLF) that hold a "dn:" line.
    /// </summary>
    private static int RecordsStarted(byte[] input)
    {
        var started = 0;
        var blockHasDn = false;
        var p = 0;
        while (p < input.Length)
        {
            var end = p;
            while (end < input.Length && input[end] is not ((byte)'\n' or (byte)'\r'))
            {
                end++;
            }

            var loneCr = end < input.Length && input[end] == (byte)'\r' && (end + 1 >= input.Length || input[end + 1] != (byte)'\n');
            var next = end >= input.Length ? end : input[end] == (byte)'\r' && !loneCr ? end + 2 : end + 1;
            if (end == p && !loneCr)
            {
                if (end < input.Length)
                {
                    started += blockHasDn ? 1 : 0;
                    blockHasDn = false;
                }
            }
            else if (end - p >= 3 && Ascii.EqualsIgnoreCase(input.AsSpan(p, 3), "dn:"u8))
            {
                blockHasDn = true;
            }

            p = next;
        }

        return started + (blockHasDn ? 1 : 0);
    }

    private static byte[] BuildFoldedBase64(string head, byte[] value, string tail)
    {
        var encoded = new byte[Base64.GetMaxEncodedToUtf8Length(value.Length)];
        Base64.EncodeToUtf8(value, encoded, out _, out var written);
        using var output = new MemoryStream(written + written / 38 + 1024);
        output.Write(B(head));
        var first = Math.Min(76 - head.Length + head.LastIndexOf('\n') + 1, written);
        output.Write(encoded, 0, first);
        for (var at = first; at < written; at += 75)
        {
            output.Write("\n "u8);
            output.Write(encoded, at, Math.Min(75, written - at));
        }

        output.Write(B(tail));
        return output.ToArray();
    }

    private static string Escape(byte[] input)
    {
        var text = new StringBuilder();
        foreach (var b in input.Take(2000))
        {
            text.Append(b switch
            {
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                (byte)'\t' => "\\t",
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => $"\\x{b:X2}",
            });
        }

        return text.ToString();
    }

    private static (int Seed, int Cases) FuzzSettings()
    {
        var setting = Environment.GetEnvironmentVariable("RUSSNAPSHOT_FUZZ")?.Split(',');
        return setting is [var seed, var cases]
            ? (int.Parse(seed, System.Globalization.CultureInfo.InvariantCulture), int.Parse(cases, System.Globalization.CultureInfo.InvariantCulture))
            : (20261124, 4000);
    }

    private static async Task WithinAsync(TimeSpan limit, Action body)
    {
        var work = Task.Run(body);
        var finished = await Task.WhenAny(work, Task.Delay(limit));
        Assert.True(finished == work, $"not finished within {limit}: the reader hangs");
        await work;
    }
}
