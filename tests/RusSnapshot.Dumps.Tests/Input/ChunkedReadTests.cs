using System.Globalization;
using System.Text;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Dumps.Tests.Input;

/// <summary>
/// <see cref="ChunkedRead"/> (a file read in two parts on two threads, for <c>validate</c>) against one reader over the
/// whole file: the same summary to the last counter, diagnostic, position and message, on every shape the read-ahead
/// tests use (conformance files, bundled dumps, fuzz inputs) placed after the cut, and on the cases where the second
/// part must be read again (the first part changes the dialect state, decides the encoding, has a lone CR) or the
/// whole file must (the first part stops reading, or decodes from ANSI).
/// </summary>
public sealed class ChunkedReadTests : IDisposable
{
    private readonly InputFiles _files = new();

    /// <summary>A little over the sniff window of valid ldifde entries, ending with a line feed: the cut goes after it.</summary>
    private static readonly byte[] Padding = PaddingOf(DumpEncodings.SniffBytes + 4096);

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Every_input_shape_after_the_cut_gives_what_one_reader_gives()
    {
        var checkedInputs = 0;
        var inputs = ReadAheadTests.Inputs().Where((input, i) => !input.Name.Contains("mutation", StringComparison.Ordinal) || i % 4 == 0);
        foreach (var (name, bytes) in inputs)
        {
            // The input on its own after the padding, cut at the blank line between them.
            var file = Concat(Padding, "\n"u8.ToArray(), bytes);
            var cut = Padding.Length;
            AssertSame(name, file, cut, MaxDiagnostics(3), checkRecords: checkedInputs % 8 == 0); // records: every eighth, for time
            checkedInputs++;
        }

        Assert.True(checkedInputs > 100, $"only {checkedInputs} inputs checked");
    }

    [Fact]
    public void A_cut_inside_a_real_dump_at_each_of_its_blank_lines_gives_what_one_reader_gives()
    {
        // The bundled exports are UTF-16 (as ldifde -u writes them), which is never cut: each is made UTF-8 first.
        var sample = ReadAheadTests.Inputs()
            .Where(i => i.Name.StartsWith("fixtures", StringComparison.Ordinal) && (i.Name.EndsWith(".ldf", StringComparison.Ordinal) || i.Name.EndsWith(".ldif", StringComparison.Ordinal)))
            .ToList();
        Assert.True(sample.Count >= 10, $"only {sample.Count} bundled exports");
        var checkedCuts = 0;
        foreach (var (name, bytes) in sample)
        {
            using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var file = Concat(Padding, "\n"u8.ToArray(), Encoding.UTF8.GetBytes(text.ReadToEnd()));
            var cuts = BlankLineCuts(file, Padding.Length).ToList();
            Assert.True(cuts.Count > 1, $"{name}: no blank line to cut at");
            foreach (var cut in cuts.Where((_, i) => i % Math.Max(1, cuts.Count / 6) == 0))
            {
                AssertSame($"{name} cut at {cut.ToString(CultureInfo.InvariantCulture)}", file, cut, MaxDiagnostics(100), checkRecords: checkedCuts % 3 == 0);
                checkedCuts++;
            }
        }

        Assert.True(checkedCuts > 100, $"only {checkedCuts} cuts checked");
    }

    [Fact]
    public void Diagnostics_on_both_sides_of_the_cut_are_kept_under_one_cap_in_order()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"dn: CN=Bad {i},DC=x\nchangetype: add\ndescription: trailing space \nbad_name: x\ncn:: not base64!\n\n");
        }

        var bad = Encoding.ASCII.GetBytes(text.ToString());
        var file = Concat(bad, Padding, "\n"u8.ToArray(), bad);
        foreach (var cap in new[] { 1, 10, 40, 79, 80, 81, 1000 })
        {
            var chunked = AssertSame($"cap {cap}", file, bad.Length + Padding.Length, MaxDiagnostics(cap));
            Assert.Contains("80 errors", chunked, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_search_trailer_before_the_cut_makes_the_second_part_be_read_again_from_it()
    {
        // ldapsearch output whose search result comes before the cut, then a second search that never finishes: the flags
        // the second reader assumed (from the first records: inside a search) are wrong, and the end-of-input warning
        // must still come out once, at the end.
        var header = "# extended LDIF\n#\n# LDAPv3\n# base <DC=x> with scope subtree\n# filter: (objectClass=*)\n# requesting: ALL\n#\n\n"u8.ToArray();
        var entries = PaddingOf(DumpEncodings.SniffBytes + 100, changeAdd: false);
        var trailer = "# search result\nsearch: 2\nresult: 0 Success\n\n# numResponses: 5\n# numEntries: 4\n"u8.ToArray();
        var second = "\n# extended LDIF\n#\n# LDAPv3\n\ndn: CN=After,DC=x\ncn: After\n\n"u8.ToArray();
        var file = Concat(header, entries, trailer, second);
        var summary = AssertSame("ldapsearch", file, header.Length + entries.Length + trailer.Length, MaxDiagnostics(100));
        Assert.Contains("True True", summary, StringComparison.Ordinal); // SearchUnfinished, Complete
        Assert.Contains("LDIF-SEARCH-UNFINISHED", summary, StringComparison.Ordinal);

        // The search finished before the cut and nothing after it starts a new one: no end-of-input warning.
        var after = "\ndn: CN=After,DC=x\ncn: After\n\n"u8.ToArray();
        var finished = AssertSame("ldapsearch finished", Concat(header, entries, trailer, after), header.Length + entries.Length + trailer.Length, MaxDiagnostics(100));
        Assert.DoesNotContain("LDIF-SEARCH-UNFINISHED", finished, StringComparison.Ordinal);

        // Plain RFC 2849 content records first, then ldifde's "changetype: add" before the cut: the cut-off last line
        // after it is an ldifde dump's truncation (an error) only because of that.
        var content = PaddingOf(200_000, changeAdd: false);
        var cutOff = "\ndn: CN=Cut,DC=x\ncn: Cu"u8.ToArray();
        var truncated = AssertSame("changetype before the cut", Concat(content, "\n"u8.ToArray(), Padding, cutOff), content.Length + 1 + Padding.Length, MaxDiagnostics(100));
        Assert.Contains("LDIF-TRUNCATED", truncated, StringComparison.Ordinal);

        // Failed searches on both sides: the sample is filled in order, all of them counted.
        var failed = new StringBuilder();
        for (var i = 0; i < 15; i++)
        {
            failed.Append(CultureInfo.InvariantCulture, $"# search result\nsearch: {i}\nresult: 4 Size limit exceeded\n\n");
        }

        var fails = Encoding.ASCII.GetBytes(failed.ToString());
        var file2 = Concat(header, fails, entries, "\n"u8.ToArray(), fails);
        var summary2 = AssertSame("failed searches", file2, header.Length + fails.Length + entries.Length, MaxDiagnostics(100));
        Assert.Contains(" 30 ", summary2, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_before_the_cut_is_read_as_utf8_after_it()
    {
        var accented = "dn: CN=Zoë,DC=x\nchangetype: add\ncn: Zoë\n\n"u8.ToArray();
        var file = Concat(accented, Padding, "\n"u8.ToArray(), accented, "dn: CN=Bad,DC=x\nchangetype: add\ncn: "u8.ToArray(), [0xFF], "\n\n"u8.ToArray());
        var summary = AssertSame("utf-8", file, accented.Length + Padding.Length, MaxDiagnostics(10));
        Assert.Contains(" utf-8 ", summary, StringComparison.Ordinal);
        Assert.Contains("LDIF-UTF8", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_non_ascii_byte_after_the_cut_decides_as_one_reader_would()
    {
        // All ASCII up to the cut (the encoding is not decided yet), then UTF-8, or ANSI (windows-1252), or mixed evidence.
        var cases = new (string Name, byte[] After, string Encoding)[]
        {
            ("utf-8", "dn: CN=Zoë,DC=x\nchangetype: add\ncn: Zoë\n\n"u8.ToArray(), "utf-8"),
            ("ansi", Concat("dn: CN=Zo"u8.ToArray(), [0xEB], ",DC=x\nchangetype: add\ncn: Zo"u8.ToArray(), [0xEB], "\n\n"u8.ToArray()), "windows-1252"),
            ("mixed", Concat("dn: CN=Zoë,DC=x\nchangetype: add\ncn: Zoë\n\ndn: CN=B,DC=x\nchangetype: add\ncn: "u8.ToArray(), [0xEB], "\n\n"u8.ToArray()), "utf-8"),
        };
        foreach (var (name, after, encoding) in cases)
        {
            var file = Concat(Padding, "\n"u8.ToArray(), after);
            var summary = AssertSame(name, file, Padding.Length, MaxDiagnostics(10));
            Assert.Contains($" {encoding} ", summary, StringComparison.Ordinal);

            // All ASCII before the decision lets the reader skip UTF-8 validation; after it, a bad byte is still found.
            Assert.Equal(name == "mixed", summary.Contains("LDIF-UTF8", StringComparison.Ordinal));
            if (name == "mixed")
            {
                // The line of the byte that is not UTF-8 (the seventh line after the cut), counted from the file.
                var line = 7 + Concat(Padding, "\n"u8.ToArray()).Count(b => b == (byte)'\n');
                Assert.Contains($"the first such byte is on line {line.ToString(CultureInfo.InvariantCulture)}", summary, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void An_ansi_byte_before_the_cut_makes_the_file_be_read_in_one_piece()
    {
        var ansi = Concat("dn: CN=Zo"u8.ToArray(), [0xEB], ",DC=x\nchangetype: add\ncn: x\n\n"u8.ToArray());
        var file = Concat(Padding, ansi, Padding, "\n"u8.ToArray(), ansi);
        var summary = AssertSame("ansi first", file, (2 * Padding.Length) + ansi.Length, MaxDiagnostics(10), expectParts: false);
        Assert.Contains(" windows-1252 ", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_cr_before_the_cut_shifts_the_lines_after_it_as_one_reader_does()
    {
        var loneCr = "dn: CN=Cr,DC=x\nchangetype: add\ncn: a\rb\n\n"u8.ToArray();
        var after = "dn: CN=After,DC=x\nchangetype: add\ncn:: @@@\n\n"u8.ToArray();
        var file = Concat(loneCr, Padding, "\n"u8.ToArray(), after);
        var summary = AssertSame("lone CR", file, loneCr.Length + Padding.Length, MaxDiagnostics(10));
        Assert.Contains("LDIF-BASE64", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Crlf_line_ends_a_byte_order_mark_and_a_version_line_after_the_cut_give_what_one_reader_gives()
    {
        var crlf = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(Padding).Replace("\n", "\r\n", StringComparison.Ordinal));
        var after = "\r\nversion: 1\r\ndn: CN=After,DC=x\r\nchangetype: add\r\ncn: After\r\n"u8.ToArray();
        AssertSame("crlf", Concat(crlf, after), crlf.Length, MaxDiagnostics(10));
        AssertSame("bom", Concat([0xEF, 0xBB, 0xBF], crlf, after), 3 + crlf.Length, MaxDiagnostics(10));
        AssertSame("no final line break", Concat(crlf, "\r\ndn: CN=Cut,DC=x\r\nchangetype: add\r\ncn: Cu"u8.ToArray()), crlf.Length, MaxDiagnostics(10));
    }

    [Fact]
    public void Messages_after_the_cut_that_quote_line_numbers_quote_the_file_s()
    {
        // The second reader counts lines from the cut, and its positions are moved afterwards; a message that names a
        // line in its text (a modify group, a record skipped up to its blank line) makes it read again from the right line.
        var modify = "dn: CN=M,DC=x\nchangetype: modify\nreplace: cn\ncn: a\ndescription: b\n-\n\n"u8.ToArray();
        var modifySummary = AssertSame("modify", Concat(Padding, "\n"u8.ToArray(), modify), Padding.Length, MaxDiagnostics(10));
        Assert.Contains("modify group opened on line", modifySummary, StringComparison.Ordinal);

        var options = new DumpOpenOptions { Reader = new DumpReaderOptions { OnBadRecord = BadRecordHandling.Collect, MaxRecordLines = 50 } };
        var many = Encoding.ASCII.GetBytes("dn: CN=Many,DC=x\nchangetype: add\n" + string.Concat(Enumerable.Repeat("member: CN=y\n", 80)) + "\n");
        var skipped = AssertSame("too many lines", Concat(Padding, "\n"u8.ToArray(), many, Padding), Padding.Length, options);
        Assert.Contains("up to the blank line that ends it (line", skipped, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_that_stops_before_the_cut_makes_the_file_be_read_in_one_piece()
    {
        // A line longer than the record limit is not LDIF: reading stops there, and the second part must not count.
        var options = new DumpOpenOptions { Reader = new DumpReaderOptions { OnBadRecord = BadRecordHandling.Collect, MaxRecordBytes = 64 * 1024 } };
        var huge = Encoding.ASCII.GetBytes("dn: CN=Huge,DC=x\nchangetype: add\ndescription: " + new string('x', 3 * 1024 * 1024) + "\n\n");
        var file = Concat(Padding, huge, Padding, "\n"u8.ToArray(), Padding);
        var summary = AssertSame("stopped", file, (2 * Padding.Length) + huge.Length, options, expectParts: false);
        Assert.Contains("False", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_that_stops_after_the_cut_makes_the_file_be_read_in_one_piece()
    {
        // Whether the one reader meets the end of the file before it stops (and so knows the file's size and hash)
        // depends on where its buffer stands; the parts cannot tell, so the file is read in one piece.
        var options = new DumpOpenOptions { Reader = new DumpReaderOptions { OnBadRecord = BadRecordHandling.Collect, MaxRecordBytes = 64 * 1024 } };
        var huge = Encoding.ASCII.GetBytes("dn: CN=Huge,DC=x\nchangetype: add\ndescription: " + new string('x', 3 * 1024 * 1024) + "\n\n");
        var file = Concat(Padding, "\n"u8.ToArray(), Padding, huge, Padding);
        var summary = AssertSame("stopped after the cut", file, Padding.Length, options, expectParts: false);
        Assert.Contains("LDIF-LINE-TOO-LONG", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Inputs_that_cannot_be_cut_are_read_in_one_piece()
    {
        var file = Concat(Padding, "\n"u8.ToArray(), Padding);
        var path = _files.Write("plain.ldf", file);
        var gz = _files.Write("plain.ldf.gz", InputFiles.Gzip(file));
        var collect = MaxDiagnostics(10);
        Assert.True(TryParts(path, collect, Padding.Length));
        Assert.False(TryParts(gz, collect, Padding.Length));
        Assert.True(TryParts(path, collect with { ComputeSha256 = true }, Padding.Length)); // hashed by a thread of its own
        Assert.False(TryParts(path, collect with { Reader = collect.Reader with { OnBadRecord = BadRecordHandling.Throw } }, Padding.Length));
        Assert.False(TryParts(path, collect with { Encoding = Encoding.Latin1 }, Padding.Length));
        Assert.False(TryParts(path, collect, 4096)); // inside the sniff window
        Assert.False(TryParts(path, collect, Padding.Length - 1)); // not at a blank line
        Assert.False(TryParts(path, collect, Padding.Length + 1));
        var csv = _files.Write("x.csv", CsvPadding);
        var rowStart = CsvPadding.Length - 1000 + CsvPadding.AsSpan(CsvPadding.Length - 1000).IndexOf((byte)'\n') + 1;
        Assert.True(TryParts(csv, collect, rowStart));
        Assert.False(TryParts(csv, collect with { Format = DumpFormat.Ldif }, rowStart));
        Assert.False(TryParts(csv, collect, CsvPadding.Length - 1)); // not after a line feed
        var utf16 = _files.Write("utf16.csv", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Encoding.ASCII.GetString(CsvPadding))]);
        Assert.False(TryParts(utf16, collect, (2 * CsvPadding.Length) - 200));
    }

    [Fact]
    public void Cancelling_a_read_in_parts_stops_every_thread_with_the_hash_still_running()
    {
        // Progress goes on while the parts wait for each other and for the hash: a caller that cancels from it (as the
        // command line does on Ctrl-C) stops the read, whichever wait it is in.
        var file = Concat(Padding, "\n"u8.ToArray(), Padding);
        var source = DumpSource.Expand([_files.Write("cancel.ldf", file)]);
        var hashing = MaxDiagnostics(10) with { ComputeSha256 = true };
        var cancelled = 0;
        foreach (var after in new[] { 1, 100, 5_000, 30_000 })
        {
            using var cancel = new CancellationTokenSource();
            var calls = 0;
            using var set = new DumpSetReader(source, hashing);
            var error = Record.Exception(() => set.TryReadInParts(() => new RecordLog(), out _, (_, _) =>
            {
                if (++calls == after)
                {
                    cancel.Cancel();
                }

                cancel.Token.ThrowIfCancellationRequested();
            }, cancel.Token, cutAt: Padding.Length));
            Assert.True(calls < after || error is OperationCanceledException, $"after {after} calls: {error}");
            cancelled += error is OperationCanceledException ? 1 : 0;
        }

        Assert.True(cancelled >= 3, $"cancelled {cancelled} times");
    }

    [Fact]
    public void A_sink_that_throws_on_either_thread_surfaces_as_one_reader_would_throw()
    {
        var file = Concat(Padding, "\n"u8.ToArray(), Padding);
        var source = DumpSource.Expand([_files.Write("throws.ldf", file)]);
        var made = 0;
        foreach (var failing in new[] { 1, 2 })
        {
            made = 0;
            using var set = new DumpSetReader(source, MaxDiagnostics(10) with { ComputeSha256 = true });
            var parted = false;
            var error = Record.Exception(() => parted = set.TryReadInParts<IRecordSink>(() => ++made == failing ? new ThrowingSink() : new RecordLog(), out _, cutAt: Padding.Length));

            // The first part's failure is the caller's; the second part's makes the file be read in one piece (where it is the caller's again).
            Assert.True(failing == 1 ? error is InvalidOperationException : error is null && !parted, $"sink {failing}: {error}");
        }
    }

    private sealed class ThrowingSink : IRecordSink
    {
        public void Add(DumpRecord record) => throw new InvalidOperationException("a sink failed");
    }

    [Fact]
    public void A_set_that_cannot_be_read_in_parts_reads_nothing_and_is_read_in_order_after()
    {
        var file = Concat(Padding, "\ndn: CN=Tail,DC=x\ncn: Tail\n"u8.ToArray());
        var a = _files.Write("a.ldf", file);
        var b = _files.Write("b.ldf", file);
        using var two = new DumpSetReader(DumpSource.Expand([a, b]), MaxDiagnostics(10));
        Assert.False(two.TryReadInParts(() => new RecordLog(), out var parts, cutAt: Padding.Length)); // duplicates are decided in order
        Assert.Empty(parts);
        Assert.Empty(two.Inputs);
        var entries = 0L;
        while (two.Read())
        {
            entries++;
        }

        Assert.Equal(two.Inputs[0].Statistics!.Entries, entries); // the second file is all duplicates of the first
        Assert.Equal(entries, two.Inputs[1].DuplicateEntries);

        using var one = new DumpSetReader(DumpSource.Expand([a]), MaxDiagnostics(10));
        Assert.True(one.Read());
        Assert.False(one.TryReadInParts(() => new RecordLog(), out _, cutAt: Padding.Length)); // already being read
    }

    [Fact]
    public void The_cut_is_the_first_blank_line_past_the_middle_and_none_is_minus_one()
    {
        var block = 64 * 1024;
        var bytes = new byte[4 * block];
        bytes.AsSpan().Fill((byte)'a');
        var path = _files.Write("none.ldf", bytes);
        Assert.Equal(-1, FindCut(path, bytes.Length, DumpFormat.Ldif));

        // A blank line across the first block boundary after the middle, in CRLF.
        var start = (long)(bytes.Length * 0.5);
        var at = (int)start + block - 1;
        bytes[at] = (byte)'\n';
        bytes[at + 1] = (byte)'\r';
        bytes[at + 2] = (byte)'\n';
        path = _files.Write("crlf.ldf", bytes);
        Assert.Equal(at + 1, FindCut(path, bytes.Length, DumpFormat.Ldif));

        // A line feed just before the start of the search does not count; one right at it does.
        bytes[(int)start - 1] = (byte)'\n';
        bytes[(int)start] = (byte)'\n';
        path = _files.Write("early.ldf", bytes);
        Assert.Equal(at + 1, FindCut(path, bytes.Length, DumpFormat.Ldif));
        bytes[(int)start + 1] = (byte)'\n';
        path = _files.Write("at.ldf", bytes);
        Assert.Equal(start + 1, FindCut(path, bytes.Length, DumpFormat.Ldif));
    }

    [Fact]
    public void A_file_large_enough_is_read_in_parts_through_the_set_reader_with_the_same_summary()
    {
        var entries = PaddingOf((int)ChunkedRead.MinBytes + 1024);
        var path = _files.Write("large.ldf", Concat(entries, "dn: CN=Bad,DC=x\nchangetype: add\ncn:: !!\n\n"u8.ToArray()));
        var source = DumpSource.Expand([path]);
        var options = MaxDiagnostics(100);
        var summary = new DumpInputSummary(source[0]);
        Assert.True(ChunkedRead.TryRead(source[0], options, summary, null, default, FindCut(path, new FileInfo(path).Length, DumpFormat.Ldif)));

        string expected;
        using (var set = new DumpSetReader(source, options))
        {
            while (set.Read())
            {
            }

            expected = Describe(set.Inputs);
        }

        using var parts = new DumpSetReader(source, options);
        long progress = 0;
        parts.ReadToEnd((_, bytes) => progress = Math.Max(progress, bytes));
        Assert.Equal(expected, Describe(parts.Inputs));
        Assert.Equal(expected, Describe([summary]));
        Assert.True(progress > 0);
    }

    [Fact]
    public void Every_csv_shape_after_the_cut_gives_what_one_reader_gives()
    {
        var checkedInputs = 0;
        foreach (var (name, bytes) in ReadAheadTests.Inputs().Where(i => i.Name.StartsWith("csv", StringComparison.Ordinal) || i.Name.EndsWith(".csv", StringComparison.Ordinal)))
        {
            AssertSame(name, Concat(CsvPadding, bytes), CsvPadding.Length, MaxDiagnostics(3), expectParts: bytes.Length > 0, extension: ".csv",
                checkRecords: checkedInputs % 4 == 0);
            checkedInputs++;
        }

        Assert.True(checkedInputs > 20, $"only {checkedInputs} inputs checked");
    }

    [Fact]
    public void A_csv_cut_at_every_line_feed_of_tricky_rows_gives_what_one_reader_gives_and_is_refused_inside_a_row()
    {
        // Multi-line quoted values (a line feed inside quotes is no row end), a stray quote in an unquoted field (data,
        // not the start of a quoted value), doubled quotes, CRLF, a lone CR, a row with too few fields.
        var tricky = Encoding.UTF8.GetBytes(
            "\"CN=Multi,DC=x\",user,\"line one\nline \"\"two\"\"\nthree\",X'0A0B'\n" +
            "\"CN=Stray,DC=x\",user,ab\"c,\n" +
            "\"CN=Crlf,DC=x\",user,crlf,\r\n" +
            "\"CN=Lone,DC=x\",user,a\rb,\n" +
            "\"CN=Few,DC=x\",user\n" +
            "\"CN=Quoted\nDN,DC=x\",user,\"\n\",\n" +
            "\"CN=Zoë,DC=x\",user,Zoë,\n");
        var file = Concat(CsvPadding, tricky, CsvPadding[CsvPadding.AsSpan().IndexOf((byte)'\n')..][1..]);
        var inside = 0;
        for (var i = 0; i < tricky.Length; i++)
        {
            if (tricky[i] == (byte)'\n')
            {
                var cut = CsvPadding.Length + i + 1;
                var expected = AssertSame($"cut after byte {i.ToString(CultureInfo.InvariantCulture)} of the tricky rows", file, cut, MaxDiagnostics(20), expectParts: null, extension: ".csv");
                Assert.Contains("Csv Csvde", expected, StringComparison.Ordinal);
                inside += TryParts(_files.Write("t.csv", file), MaxDiagnostics(20), cut) ? 0 : 1;
            }
        }

        Assert.Equal(4, inside); // the line feeds inside the quoted values: read in one piece
    }

    [Fact]
    public void The_first_non_ascii_byte_after_a_csv_cut_decides_as_one_reader_would()
    {
        var cases = new (string Name, byte[] After, string Encoding)[]
        {
            ("utf-8", "\"CN=Zoë,DC=x\",user,Zoë,\n"u8.ToArray(), "utf-8"),
            ("ansi", Concat("\"CN=Zo"u8.ToArray(), [0xEB], ",DC=x\",user,x,\n"u8.ToArray()), "windows-1252"),
            ("mixed", Concat("\"CN=Zoë,DC=x\",user,Zoë,\n\"CN=B,DC=x\",user,"u8.ToArray(), [0xEB], ",\n"u8.ToArray()), "utf-8"),
        };
        foreach (var (name, after, encoding) in cases)
        {
            var summary = AssertSame(name, Concat(CsvPadding, after), CsvPadding.Length, MaxDiagnostics(10), extension: ".csv");
            Assert.Contains($" {encoding} ", summary, StringComparison.Ordinal);
            Assert.Equal(name == "mixed", summary.Contains("CSV-UTF8", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_csv_cut_prefers_a_line_feed_before_a_quote()
    {
        var bytes = new byte[256 * 1024];
        bytes.AsSpan().Fill((byte)'a');
        var start = (int)(bytes.Length * 0.5);
        bytes[start + 10] = (byte)'\n';
        bytes[start + 5000] = (byte)'\n';
        bytes[start + 5001] = (byte)'"';
        Assert.Equal(start + 5001, FindCut(_files.Write("q.csv", bytes), bytes.Length, DumpFormat.Csv));
        bytes[start + 5001] = (byte)'b';
        Assert.Equal(start + 11, FindCut(_files.Write("n.csv", bytes), bytes.Length, DumpFormat.Csv));
    }

    /// <summary>A csvde header and rows of its five columns, a little over the sniff window, ending with a row's line feed.</summary>
    private static readonly byte[] CsvPadding = CsvPaddingOf(DumpEncodings.SniffBytes + 4096);

    private static byte[] CsvPaddingOf(int bytes)
    {
        var s = new StringBuilder("DN,objectClass,cn,member,objectGUID\r\n");
        for (var i = 0; s.Length < bytes; i++)
        {
            s.Append(CultureInfo.InvariantCulture, $"\"CN=Padding {i},OU=Users,DC=corp,DC=test\",user,Padding {i},\"CN=a,DC=x;CN=b,DC=x\",X'000102030405060708090a0b0c0d0e0f'\r\n");
        }

        return Encoding.ASCII.GetBytes(s.ToString());
    }

    private string AssertSame(string name, byte[] file, long cut, DumpOpenOptions options, bool? expectParts = true, string extension = ".ldf",
        bool checkRecords = true)
    {
        var path = _files.Write("dump" + extension, file);
        var sources = DumpSource.Expand([path]);
        string expected;
        using (var set = new DumpSetReader(sources, options))
        {
            while (set.Read())
            {
            }

            expected = Describe(set.Inputs);
        }

        var summary = new DumpInputSummary(sources[0]);
        var inParts = ChunkedRead.TryRead(sources[0], options, summary, null, default, cut);
        Assert.True(expectParts is null || inParts == expectParts, $"{name}: read in parts: {inParts}");
        if (inParts)
        {
            var actual = Describe([summary]);
            Assert.True(expected == actual, $"{name}: the parts differ from one reader\n{expected}\n---\n{actual}");
        }

        using (var set = new DumpSetReader(sources, options))
        {
            set.ReadToEnd(null, default, cut);
            Assert.Equal(expected, Describe(set.Inputs));
        }

        if (checkRecords)
        {
            AssertSameRecords(name, sources, cut, options with { ComputeSha256 = true }, inParts);
        }

        return expected;
    }

    /// <summary>
    /// The records a read in parts hands its sinks, joined in order with the second part's lines moved, against those of
    /// one reader: every record, kind, DN, position and value; and the summary with the SHA-256 of the file.
    /// </summary>
    private static void AssertSameRecords(string name, IReadOnlyList<DumpSource> sources, long cut, DumpOpenOptions options, bool expectParts)
    {
        var expected = new RecordLog();
        string expectedSummary;
        using (var set = new DumpSetReader(sources, options))
        {
            while (set.Read())
            {
                expected.Add(set.Current);
            }

            expectedSummary = Describe(set.Inputs);
        }

        using var parted = new DumpSetReader(sources, options);
        Assert.Equal(expectParts, parted.TryReadInParts(() => new RecordLog(), out var parts, cutAt: cut));
        if (!expectParts)
        {
            Assert.Empty(parts);
            return;
        }

        Assert.Equal(2, parts.Count);
        Assert.Equal(0, parts[0].LineOffset);
        var actual = parts.SelectMany(p => p.Sink.Entries.Select(e => Shifted(e, p.LineOffset))).ToList();
        Assert.True(expectedSummary == Describe(parted.Inputs), $"{name}: the summary differs when hashed\n{expectedSummary}\n---\n{Describe(parted.Inputs)}");
        if (parted.Inputs[0].Sha256 is { } sha)
        {
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(sources[0].Path))), sha);
        }
        Assert.True(expected.Entries.Count == actual.Count, $"{name}: {expected.Entries.Count} records from one reader, {actual.Count} from the parts");
        for (var i = 0; i < actual.Count; i++)
        {
            var (e, a) = (expected.Entries[i], actual[i]);
            Assert.True(e.Kind == a.Kind && e.Position == a.Position && e.SameContentAs(a) && LinesOf(e).SequenceEqual(LinesOf(a)),
                $"{name}: record {i.ToString(CultureInfo.InvariantCulture)}: {e.Kind} {e.Dn} at {e.Position} from one reader, {a.Kind} {a.Dn} at {a.Position} from the parts");
        }
    }

    private static DumpEntry Shifted(DumpEntry e, long lines) => e.ShiftedBy(lines);

    private static IEnumerable<long> LinesOf(DumpEntry e) => e.Attributes.SelectMany(a => a.Values.Select(v => v.Line));

    /// <summary>A sink that keeps every record it is given (test inputs are small).</summary>
    private sealed class RecordLog : IRecordSink
    {
        public List<DumpEntry> Entries { get; } = [];

        public void Add(DumpRecord record) => Entries.Add(record.ToEntry());
    }

    private static long FindCut(string path, long length, DumpFormat format)
    {
        using var file = File.OpenHandle(path);
        return ChunkedRead.FindCut(file, length, format);
    }

    private bool TryParts(string path, DumpOpenOptions options, long cut)
    {
        var source = DumpSource.Expand([path])[0];
        return ChunkedRead.TryRead(source, options, new DumpInputSummary(source), null, default, cut);
    }

    private static DumpOpenOptions MaxDiagnostics(int cap) =>
        new() { Reader = new DumpReaderOptions { OnBadRecord = BadRecordHandling.Collect, MaxDiagnostics = cap } };

    /// <summary>Everything a summary tells.</summary>
    private static string Describe(IEnumerable<DumpInputSummary> inputs)
    {
        var s = new StringBuilder();
        foreach (var i in inputs)
        {
            s.Append(CultureInfo.InvariantCulture, $"{i.Format} {i.Dialect} {i.Encoding} sha={i.Sha256} file={i.FileBytes} capture={i.Capture} dup={i.DuplicateEntries} unique={i.UniqueEntries} {i.Errors} errors valid={i.IsValid}\n");
            if (i.Statistics is { } st)
            {
                s.Append(CultureInfo.InvariantCulture, $"  {st.Entries} {st.ChangeRecords} {st.SearchResults} {st.SearchReferences} {st.RejectedRecords} {st.Lines} {st.Bytes} {st.Errors} {st.Warnings} {st.FailedSearchCount} {st.SearchUnfinished} {st.Complete} {string.Join("|", st.FailedSearches)}\n");
            }

            foreach (var d in i.Diagnostics)
            {
                s.Append(CultureInfo.InvariantCulture, $"  {d.Code} {d.Position.Line}/{d.Position.RecordStartLine} {d}\n");
            }
        }

        return s.ToString();
    }

    /// <summary>Valid entries up to at least <paramref name="bytes"/> bytes, ending with a record's last line feed (no blank line after it).</summary>
    private static byte[] PaddingOf(int bytes, bool changeAdd = true)
    {
        var s = new StringBuilder();
        for (var i = 0; s.Length < bytes; i++)
        {
            if (i > 0)
            {
                s.Append('\n');
            }

            s.Append(CultureInfo.InvariantCulture, $"dn: CN=Padding {i},OU=Users,DC=corp,DC=test\n");
            if (changeAdd)
            {
                s.Append("changetype: add\n");
            }

            s.Append(CultureInfo.InvariantCulture, $"objectClass: user\ncn: Padding {i}\ndescription: a value long enough to fold, as ldifde folds at 78 characters, an\n d so on\nobjectGUID:: AAECAwQFBgcICQoLDA0ODw==\n");
        }

        return Encoding.ASCII.GetBytes(s.ToString());
    }

    /// <summary>Offsets after <paramref name="from"/> that follow a line feed and start a blank line.</summary>
    private static IEnumerable<long> BlankLineCuts(byte[] file, int from)
    {
        for (var i = from; i + 1 < file.Length; i++)
        {
            if (file[i] == (byte)'\n' && (file[i + 1] == (byte)'\n' || (file[i + 1] == (byte)'\r' && i + 2 < file.Length && file[i + 2] == (byte)'\n')))
            {
                yield return i + 1;
            }
        }
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
