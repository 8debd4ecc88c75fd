using System.Globalization;
using System.Text;
using RusSnapshot.Analysis;
using RusSnapshot.Analysis.Options;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Reports.Tests;

/// <summary>
/// Analysis of one file read in two parts, a model builder per part joined in file order, against one builder over the
/// whole file: byte-identical reports in every format. Each forest of the bundled sample and the LDIF support cases is
/// made one UTF-8 file (its exports concatenated), after 4 MiB of plain entries (the first part must hold the encoding
/// sniff window), and cut at the blank line after the padding and at blank lines spread over the forest, so that every
/// kind of kept object (crossRefs, servers, RUS instances, domain heads...) falls on either side.
/// </summary>
public sealed class PartsReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("russnap-parts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Forests()
    {
        var data = new TheoryData<string>();
        foreach (var folder in ReadAheadReportTests.Folders())
        {
            if (Directory.EnumerateFiles(folder, "*.ld*").Any())
            {
                data.Add(folder);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Forests))]
    public void Reports_are_byte_identical_when_one_file_is_read_in_two_parts(string folder)
    {
        var (file, padding) = OneFile(folder);
        var path = Path.Combine(_folder, Path.GetFileName(folder) + ".ldf");
        File.WriteAllBytes(path, file);
        var sources = DumpSource.Expand([path]);
        var one = ForestAnalyzer.Analyze(sources, Options(cutAt: null));
        Assert.False(one.ReadInParts); // a small file: read in one piece
        var whole = Render(one);

        var cuts = BlankLineCuts(file, padding).ToList();
        var chosen = cuts.Where((_, i) => i % Math.Max(1, cuts.Count / 12) == 0).Prepend(padding).Distinct().ToList();
        Assert.True(chosen.Count >= 5, $"{folder}: only {chosen.Count} cuts");
        foreach (var cut in chosen)
        {
            using (var probe = new DumpSetReader(sources, Options(null).Open with { ComputeSha256 = true }))
            {
                Assert.True(probe.TryReadInParts(() => new Counter(), out var parts, cutAt: cut), $"{folder}: not read in parts at {cut}");
                Assert.True(parts[1].Sink.Records > 0, $"{folder}: nothing after the cut at {cut}");
            }

            var result = ForestAnalyzer.Analyze(sources, Options(cut));
            Assert.True(result.ReadInParts, $"{folder}: the analysis did not read in parts at {cut}");
            var parted = Render(result);
            Assert.Equal(whole.Count, parted.Count);
            for (var i = 0; i < whole.Count; i++)
            {
                Assert.True(whole[i] == parted[i], $"{folder}, cut at byte {cut.ToString(CultureInfo.InvariantCulture)}: report {i} differs\n{FirstDifference(whole[i], parted[i])}");
            }
        }
    }

    /// <summary>
    /// <c>--recipients</c> on a file read in parts: each part's recipients are spooled apart and reach the list in file
    /// order. The list must be byte-identical to one reader's: the same rows in the same order, lines as in the file, and
    /// a naming context that is no domain spelt as first written in the file, though the second part first sees it
    /// spelt another way (the trailer's recipients).
    /// </summary>
    [Theory]
    [MemberData(nameof(Forests))]
    public void The_recipients_list_is_byte_identical_when_one_file_is_read_in_two_parts(string folder)
    {
        var (forest, padding) = OneFile(folder);
        var trailer = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            trailer.Append(CultureInfo.InvariantCulture, $"dn: CN=Late {i},OU=People,dc=PADDING,dc=Invalid\nobjectClass: user\nsAMAccountName: late{i}\nmailNickname: late{i}\n\n");
        }

        var file = forest.Concat(Encoding.UTF8.GetBytes(trailer.ToString())).ToArray();
        var path = Path.Combine(_folder, Path.GetFileName(folder) + ".recipients.ldf");
        File.WriteAllBytes(path, file);
        var sources = DumpSource.Expand([path]);
        var (whole, listed) = RecipientsList(sources, cutAt: null, expectParts: false);
        Assert.True(listed >= 40 + 4, $"{folder}: only {listed} recipients listed"); // the padding's and the trailer's at least
        Assert.Contains("\"CN=Late 0,OU=People,dc=PADDING,dc=Invalid\"", whole, StringComparison.Ordinal);
        Assert.Contains("\r\n\"DC=padding,DC=invalid\",", whole, StringComparison.Ordinal); // the first spelling names the NC
        Assert.DoesNotContain("\r\n\"dc=PADDING,dc=Invalid\",", whole, StringComparison.Ordinal);

        var cuts = BlankLineCuts(file, padding).ToList();
        var chosen = cuts.Where((_, i) => i % Math.Max(1, cuts.Count / 12) == 0).Prepend(padding).Append(cuts[^1]).Distinct().ToList();
        foreach (var cut in chosen)
        {
            var (parted, _) = RecipientsList(sources, cut, expectParts: true);
            Assert.True(whole == parted, $"{folder}, cut at byte {cut.ToString(CultureInfo.InvariantCulture)}: the lists differ\n{FirstDifference(whole, parted)}");
        }
    }

    /// <summary>
    /// A read in parts that is dropped after its first part spooled recipients (that part turns out to be ANSI, so the
    /// file is read again in one piece): the list holds each recipient once, as one reader lists them.
    /// </summary>
    [Fact]
    public void A_read_in_parts_that_is_dropped_lists_each_recipient_once()
    {
        var folder = Path.Combine(ReadAheadReportTests.FindRepository(), "fixtures", "sample");
        var (file, padding) = OneFile(folder);
        var ansi = Encoding.Latin1.GetBytes("dn: CN=Caf\u00e9,OU=Padding,DC=padding,DC=invalid\nobjectClass: top\n\n");
        var bytes = file[..(padding + 1)].Concat(ansi).Concat(file[(padding + 1)..]).ToArray(); // in the first part, after its recipients
        var path = Path.Combine(_folder, "ansi.ldf");
        File.WriteAllBytes(path, bytes);
        var sources = DumpSource.Expand([path]);

        var (whole, listed) = RecipientsList(sources, cutAt: null, expectParts: false);
        var cut = BlankLineCuts(bytes, padding + 1 + ansi.Length).First();
        var (parted, listedParted) = RecipientsList(sources, cut, expectParts: false);

        Assert.True(listed >= 6, $"only {listed} recipients listed");
        Assert.Equal(listed, listedParted);
        Assert.Equal(whole, parted);
    }

    /// <summary>The recipients list of an analysis, as the command line writes it (spool, then list).</summary>
    private (string List, long Count) RecipientsList(IReadOnlyList<DumpSource> sources, long? cutAt, bool expectParts)
    {
        var spool = new StringWriter();
        AnalysisResult result;
        using (var sink = new Recipients.RecipientListSpool(spool))
        {
            result = ForestAnalyzer.Analyze(sources, Options(cutAt) with { SpoolFolder = _folder }, unstamped: sink);
            sink.Flush();
        }

        Assert.Equal(expectParts, result.ReadInParts);
        Assert.Empty(Directory.EnumerateFiles(_folder, ".russnap-*")); // the part spools deleted themselves
        var output = new StringWriter();
        var count = Recipients.RecipientList.Write(new StringReader(spool.ToString()), output, result.RecipientDomain);
        return (output.ToString(), count);
    }

    /// <summary>The forest's LDIF exports as one UTF-8 file after the padding, and the cut after the padding (the line feed of the blank line that ends it).</summary>
    private static (byte[] File, int Padding) OneFile(string folder)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < (4 * 1024 * 1024) + 4096; i++)
        {
            // Every 10,000th a recipient that RUS did not stamp, in a naming context that is no domain.
            if (i % 10_000 == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"dn: CN=Padding {i},OU=Padding,DC=padding,DC=invalid\nobjectClass: user\nmailNickname: padding{i}\n\n");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"dn: CN=Padding {i},OU=Padding,DC=padding,DC=invalid\nobjectClass: top\ncn: Padding {i}\n\n");
            }
        }

        var padding = text.Length - 1;
        foreach (var export in Directory.EnumerateFiles(folder, "*.ld*").Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(export, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var lines = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            text.AppendJoin('\n', lines.Where(l => !l.StartsWith("version:", StringComparison.Ordinal))).Append("\n\n");
        }

        return (Encoding.UTF8.GetBytes(text.ToString()), padding);
    }

    /// <summary>Offsets just after a line feed that a blank line follows and a record comes after, from <paramref name="from"/> on.</summary>
    private static IEnumerable<long> BlankLineCuts(byte[] file, int from)
    {
        for (var i = from; i + 2 < file.Length; i++)
        {
            if (file[i] == (byte)'\n' && file[i + 1] == (byte)'\n' && file[i + 2] != (byte)'\n')
            {
                yield return i + 1;
            }
        }
    }

    private static string FirstDifference(string a, string b)
    {
        var at = 0;
        while (at < a.Length && at < b.Length && a[at] == b[at])
        {
            at++;
        }

        var from = Math.Max(0, at - 200);
        return $"one piece: ...{a[from..Math.Min(a.Length, at + 200)]}\n---\nin parts: ...{b[from..Math.Min(b.Length, at + 200)]}";
    }

    /// <summary>As the command line reads: errors collected, not thrown.</summary>
    private static AnalysisOptions Options(long? cutAt) => new()
    {
        Today = new DateOnly(2026, 11, 24),
        ReadAhead = false,
        PartsCutAt = cutAt,
        Open = new DumpOpenOptions { Reader = new Dumps.DumpReaderOptions { OnBadRecord = Dumps.BadRecordHandling.Collect } },
    };

    private static List<string> Render(AnalysisResult result)
    {
        var document = ReportBuilder.Build(result, TestReport.Options(ReportLanguage.En));
        return [.. ReportWriters.All.Select(w => w.Render(document))];
    }

    /// <summary>Counts what a part was given.</summary>
    private sealed class Counter : IRecordSink
    {
        public long Records { get; private set; }

        public void Add(Dumps.DumpRecord record) => Records++;
    }
}
