using System.Buffers.Binary;
using RusSnapshot.Analysis;
using RusSnapshot.Analysis.Options;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Synth.Tests;

/// <summary>
/// <c>--dialect adexplorer</c>: snapshots as AD Explorer writes them, read back by the library's reader with the values
/// the LDIF dialects give, and analysed to the same findings as the same forest in LDIF (each support case included).
/// </summary>
public sealed class AdExplorerOutputTests
{
    private static readonly ForestSpec Spec = new()
    {
        Domains = 3,
        Users = 150,
        Groups = 8,
        Seed = 21,
        Dialect = SynthDialect.AdExplorer,
        Faults = [SynthFault.Parse("unstamped:9"), SynthFault.Parse("rus-deleted-server"), SynthFault.Parse("missing-rus:child1")],
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Same_spec_gives_the_same_bytes(bool split)
    {
        var a = SynthDump.Generate(Spec with { SplitByPartition = split });
        var b = SynthDump.Generate(Spec with { SplitByPartition = split });

        Assert.Equal(a.Files.Keys.Order(StringComparer.Ordinal), b.Files.Keys.Order(StringComparer.Ordinal));
        Assert.All(a.Files, f => Assert.True(f.Value.AsSpan().SequenceEqual(b.Files[f.Key]), f.Key));
    }

    [Fact]
    public void A_snapshot_reads_back_with_the_values_of_the_same_forest_in_ldif()
    {
        var snapshot = SynthDump.Generate(Spec);
        var ldif = SynthDump.Generate(Spec with { Dialect = SynthDialect.Rfc2849 });
        var (name, bytes) = snapshot.Files.Single();

        var read = SynthDump.Read(name, bytes, format: null);
        var fromLdif = SynthDump.Read(ldif.Files.Single().Key, ldif.Files.Single().Value);

        Assert.Equal("forest.dat", name);
        Assert.Empty(read.Diagnostics);
        Assert.True(read.Statistics.Complete);
        Assert.Equal(DumpDialect.AdExplorer, read.Dialect);
        Assert.Equal("binary", read.Encoding);
        Assert.Equal(snapshot.Report.Entries, read.Entries.Count);
        Assert.Equal(snapshot.Report.Files[0].Bytes, bytes.Length);
        Assert.Equal(fromLdif.Entries.Count, read.Entries.Count);
        Assert.Equal(Flatten(fromLdif.Entries), Flatten(read.Entries));
    }

    [Fact]
    public void The_file_is_laid_out_as_ad_explorer_writes_it()
    {
        var bytes = SynthDump.Generate(Spec).Files.Single().Value;

        Assert.True(bytes.AsSpan(0, 10).SequenceEqual("win-ad-ob\0"u8));
        Assert.Equal(0x00010001u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(0x0A)));
        var objects = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(0x426));
        var mapping = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x42E));
        var tree = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x436));
        Assert.True(0x43E < mapping && mapping < tree && tree < bytes.Length);
        Assert.Equal(-2L, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan((int)tree)));

        // Records: the DN first; identical values shared by pointing back, never further than 1,000,000 bytes; DNs never shared.
        long at = 0x43E, backwards = 0, entries = 0;
        for (var i = 0; i < objects; i++)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)at));
            var table = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)at + 4));
            Assert.True(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan((int)at + 12)) > 0, "the DN block is the record's own");
            for (var k = 0; k < table; k++)
            {
                var offset = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan((int)at + 12 + (8 * k)));
                entries++;
                if (offset < 0)
                {
                    backwards++;
                    Assert.True(-offset < 1_000_000);
                }
            }

            at += size;
        }

        Assert.True(backwards > entries / 3, $"{backwards} of {entries} entries point back");
    }

    [Fact]
    public void Split_gives_one_snapshot_per_domain_each_with_the_configuration()
    {
        var dump = SynthDump.Generate(Spec with { SplitByPartition = true });

        Assert.Equal(["child1.contoso.test.dat", "contoso.test.dat", "fabrikam.test.dat"], dump.Files.Keys.Order(StringComparer.Ordinal));
        foreach (var domain in dump.Layout.Domains)
        {
            var source = DumpSource.FromStream(domain.DnsName + ".dat", () => new MemoryStream(dump.Files[domain.DnsName + ".dat"]));
            using var opened = DumpOpener.Open(source);
            var dns = new List<string>();
            while (opened.Reader.Read())
            {
                dns.Add(opened.Reader.Current.Dn);
            }

            Assert.Equal(domain.DomainControllers[0], opened.Reader.Capture!.Server);
            Assert.Equal(new DateTimeOffset(2010, 6, 15, 9, 30, 21, TimeSpan.Zero), opened.Reader.Capture.Time);
            Assert.Contains(dump.Layout.ConfigurationDn, dns);
            Assert.Contains(domain.Dn, dns);
            Assert.All(dns, d => Assert.Contains(Partition(dump.Layout, d), new[] { dump.Layout.ConfigurationDn, domain.Dn }));
            Assert.Equal(dump.Generator.EntriesIn(domain.Dn), dns.Count(d => Partition(dump.Layout, d) == domain.Dn));
        }
    }

    [Fact]
    public void Snapshots_analyse_to_the_findings_of_the_same_forest_in_ldif()
    {
        using var temp = new TempDirectory();
        var snapshots = SynthDump.Generate(Spec with { SplitByPartition = true });
        var ldif = SynthDump.Generate(Spec with { SplitByPartition = true, Dialect = SynthDialect.Ldifde });

        var a = Analyze(temp.Write("snapshots", snapshots.Files));
        var b = Analyze(temp.Write("ldif", ldif.Files));

        Assert.Equal(Findings(b), Findings(a));
        Assert.NotEmpty(Findings(a));
        Assert.All(a.Inputs, i => Assert.StartsWith("AD Explorer, 2010-06-15T09:30:21Z, ", i.CollectedBy, StringComparison.Ordinal));
        Assert.False(a.HasInvalidInput);
    }

    public static IEnumerable<object[]> SupportCases() =>
        Directory.EnumerateDirectories(Path.Combine(RepoRoot(), "fixtures", "cases")).Order(StringComparer.Ordinal).Select(d => new object[] { Path.GetFileName(d) });

    /// <summary>Every support case, generated again as AD Explorer snapshots, gives the findings of its committed dump.</summary>
    [Theory]
    [MemberData(nameof(SupportCases))]
    public void Each_support_case_has_a_snapshot_variant_with_the_same_findings(string caseId)
    {
        var folder = Path.Combine(RepoRoot(), "fixtures", "cases", caseId);
        var generatedWith = File.ReadLines(Path.Combine(folder, "case.yaml")).Single(l => l.StartsWith("generatedWith: russnap-synth ", StringComparison.Ordinal));
        var args = generatedWith["generatedWith: russnap-synth ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var option in new[] { "--dialect", "--encoding", "--page-size", "-o" })
        {
            var i = args.IndexOf(option);
            if (i >= 0)
            {
                args.RemoveRange(i, 2);
            }
        }

        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "snapshots");
        var code = SynthCommandLine.Run([.. args, "--dialect", "adexplorer", "-o", output, "-q"], TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, code);

        var inputs = File.ReadLines(Path.Combine(folder, "case.yaml")).Single(l => l.StartsWith("inputs: ", StringComparison.Ordinal))
            .Split('[', ']')[1].Split(',', StringSplitOptions.TrimEntries).Select(f => Path.Combine(folder, f));
        var fromSnapshots = Analyze(output);
        var fromCase = Analyze([.. inputs]);

        // A redacted case's dump holds pseudonyms where the generator writes names: compare without the subjects there.
        var redacted = File.ReadLines(Path.Combine(folder, "case.yaml")).Any(l => l.StartsWith("redactedWith:", StringComparison.Ordinal));
        Assert.Equal(Findings(fromCase, withSubjects: !redacted), Findings(fromSnapshots, withSubjects: !redacted));
        Assert.False(fromSnapshots.HasInvalidInput);
    }

    private static AnalysisResult Analyze(params string[] paths) =>
        ForestAnalyzer.Analyze(DumpSource.Expand(paths), new AnalysisOptions { HashInputs = false, Today = new DateOnly(2026, 1, 1) });

    private static List<string> Findings(AnalysisResult result, bool withSubjects = true) =>
        [.. result.Findings.Select(f => $"{f.RuleId} {f.Kind} {f.Severity} {(withSubjects ? f.Fingerprint : string.Empty)} {f.MessageId}").Order(StringComparer.Ordinal)];

    private static List<string> Flatten(IEnumerable<DumpEntry> entries) =>
        [.. entries.SelectMany(e => e.Attributes.SelectMany(a => a.Values.Select(v => $"{e.Dn}|{a.Type.ToLowerInvariant()}|{Convert.ToHexString(v.Bytes)}"))).Order(StringComparer.Ordinal)];

    private static string Partition(ForestLayout layout, string dn) =>
        dn.EndsWith(layout.ConfigurationDn, StringComparison.OrdinalIgnoreCase)
            ? layout.ConfigurationDn
            : layout.Domains.Where(d => dn.EndsWith(d.Dn, StringComparison.OrdinalIgnoreCase)).MaxBy(d => d.Dn.Length)!.Dn;

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RusSnapshot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("RusSnapshot.sln not found");
    }

    private sealed class TempDirectory : IDisposable
    {
        public TempDirectory() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "russnap-synth-tests", Guid.NewGuid().ToString("N"));

        public string Write(string folder, Dictionary<string, byte[]> files)
        {
            var target = System.IO.Path.Combine(Path, folder);
            Directory.CreateDirectory(target);
            foreach (var (name, bytes) in files)
            {
                File.WriteAllBytes(System.IO.Path.Combine(target, name), bytes);
            }

            return target;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
