using System.Collections.Immutable;
using System.Text;
using RusSnapshot.Synth.Content;
using RusSnapshot.Synth.Writing;

namespace RusSnapshot.Synth;

/// <summary>One file the generator wrote.</summary>
/// <param name="Name">File name (no folder).</param>
/// <param name="NamingContexts">The partitions in it, in order.</param>
/// <param name="Entries">Directory entries written.</param>
/// <param name="Bytes">File size in bytes.</param>
internal sealed record GeneratedFile(string Name, ImmutableArray<string> NamingContexts, long Entries, long Bytes);

/// <summary>What a generation wrote.</summary>
internal sealed record GenerationReport(ForestLayout Layout, ImmutableArray<GeneratedFile> Files)
{
    public long Entries => Files.Sum(f => f.Entries);

    public long Bytes => Files.Sum(f => f.Bytes);
}

/// <summary>
/// Generates a synthetic AD/Exchange forest dump from a <see cref="ForestSpec"/>: seeded and deterministic
/// (the same spec gives byte-identical files), streamed (nothing is held per entry), in the dialect and encoding
/// of the tool it imitates.
/// </summary>
internal sealed class ForestGenerator
{
    /// <summary>Prepares a generation.</summary>
    /// <exception cref="ArgumentException">The spec is out of range or inconsistent.</exception>
    public ForestGenerator(ForestSpec spec) => Layout = ForestLayout.Build(spec);

    public ForestLayout Layout { get; }

    private ForestSpec Spec => Layout.Spec;

    /// <summary>The file extension of the dialect: <c>.ldf</c> (ldifde), <c>.ldif</c>, <c>.csv</c>.</summary>
    public string Extension => Spec.Dialect switch
    {
        SynthDialect.Ldifde => ".ldf",
        SynthDialect.Csvde => ".csv",
        SynthDialect.AdExplorer => ".dat",
        _ => ".ldif",
    };

    /// <summary>
    /// The names of the files a generation writes, with their partitions: one file (<c>forest</c>) or, split by partition,
    /// <c>configuration</c> then one per domain named by its DNS name.
    /// </summary>
    public IReadOnlyList<(string Name, ImmutableArray<string> NamingContexts)> Plan()
    {
        if (!Spec.SplitByPartition)
        {
            return [("forest" + Extension, [Layout.ConfigurationDn, .. Layout.Domains.Select(d => d.Dn)])];
        }

        if (Spec.Dialect == SynthDialect.AdExplorer)
        {
            // A snapshot is one DC's view: its domain, and the Configuration partition every DC holds.
            return [.. Layout.Domains.Select(d => (d.DnsName + Extension, ImmutableArray.Create(Layout.ConfigurationDn, d.Dn)))];
        }

        return [("configuration" + Extension, [Layout.ConfigurationDn]), .. Layout.Domains.Select(d => (d.DnsName + Extension, ImmutableArray.Create(d.Dn)))];
    }

    /// <summary>Writes to <paramref name="path"/>: a file, or with <see cref="ForestSpec.SplitByPartition"/> a folder (created if needed).</summary>
    public GenerationReport Generate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Spec.SplitByPartition)
        {
            Directory.CreateDirectory(path);
            return Generate(name => Create(Path.Combine(path, name)));
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var report = Generate(_ => Create(path));
        return report with { Files = [report.Files[0] with { Name = Path.GetFileName(path) }] };
    }

    /// <summary>Writes each planned file to the stream <paramref name="create"/> returns for its name; the streams are disposed.</summary>
    public GenerationReport Generate(Func<string, Stream> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var files = ImmutableArray.CreateBuilder<GeneratedFile>();
        foreach (var (name, contexts) in Plan())
        {
            long entries, bytes;
            using (var sink = OpenSink(create(name), contexts))
            {
                foreach (var nc in contexts)
                {
                    WritePartition(sink, nc);
                }

                sink.Dispose();
                entries = sink.Entries;
                bytes = sink.Bytes;
            }

            files.Add(new GeneratedFile(name, contexts, entries, bytes));
        }

        return new GenerationReport(Layout, files.ToImmutable());
    }

    /// <summary>How many entries the partition <paramref name="namingContext"/> holds (known before writing).</summary>
    public long EntriesIn(string namingContext)
    {
        var domain = Layout.Domains.FirstOrDefault(d => string.Equals(d.Dn, namingContext, StringComparison.Ordinal));
        if (domain is null)
        {
            throw new ArgumentException("Use the generator's report for the Configuration partition.", nameof(namingContext));
        }

        return DomainWriter.FixedEntries(Layout, domain) + domain.Users + domain.Groups + domain.Contacts;
    }

    /// <summary>
    /// The spec with users, groups and contacts chosen so that the dump holds exactly <paramref name="entries"/> entries:
    /// of the recipients, 2% groups, 5% contacts, the rest users. With <see cref="ForestSpec.GroupMembers"/> set (groups of
    /// thousands of members), one group per 1,000 recipients instead, so that the members do not outweigh the entries.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer entries than the forest's fixed objects (configuration, containers, DCs).</exception>
    public static ForestSpec WithTotalEntries(ForestSpec spec, long entries)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var empty = spec with
        {
            Users = 0,
            Groups = 0,
            Contacts = 0,
            Faults = [.. spec.Faults.Where(f => f.Kind != FaultKind.Unstamped)],
        };
        var generator = new ForestGenerator(empty);
        using var sink = new CountingSink();
        foreach (var (_, contexts) in generator.Plan())
        {
            foreach (var nc in contexts)
            {
                generator.WritePartition(sink, nc);
            }
        }

        var recipients = entries - sink.Entries;
        if (recipients < 0)
        {
            throw new ArgumentException($"This forest has {sink.Entries.ToString(System.Globalization.CultureInfo.InvariantCulture)} entries before any recipient; ask for more.");
        }

        var groups = spec.GroupMembers is null ? recipients / 50 : Math.Max(1, recipients / 1000);
        var contacts = recipients / 20;
        return spec with { Users = recipients - groups - contacts, Groups = groups, Contacts = contacts };
    }

    private IEntrySink OpenSink(Stream stream, ImmutableArray<string> contexts) => Spec.Dialect switch
    {
        SynthDialect.Csvde => new CsvdeEntrySink(stream, Spec.Encoding),
        SynthDialect.AdExplorer => new AdExplorerEntrySink(stream, Capture(contexts)),
        _ => new LdifEntrySink(stream, Spec),
    };

    /// <summary>
    /// A snapshot's header: taken from the first DC of the first domain in it, at a time fixed by the seed (files stay
    /// byte-identical), with a description saying what it is.
    /// </summary>
    private AdExplorerCapture Capture(ImmutableArray<string> contexts)
    {
        var domain = Layout.Domains.FirstOrDefault(d => contexts.Contains(d.Dn)) ?? Layout.Domains[0];
        var time = new DateTime(2010, 6, 15, 9, 30, 0, DateTimeKind.Utc).AddSeconds(Math.Abs(Spec.Seed % 86_400));
        return new AdExplorerCapture(domain.DomainControllers[0], time,
            $"russnap-synth seed {Spec.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)}: synthetic forest");
    }

    internal void WritePartition(IEntrySink sink, string nc)
    {
        sink.BeginPartition(nc);
        var references = new List<string>();
        if (string.Equals(nc, Layout.ConfigurationDn, StringComparison.Ordinal))
        {
            var emitter = new Emitter(sink, Layout.SchemaDn, Spec.Seed, 0);
            new ConfigurationWriter(Layout, emitter).Write();
            references.Add($"ldap://{Spec.RootDomain}/{Layout.SchemaDn}");
        }
        else
        {
            var domain = Layout.Domains.First(d => string.Equals(d.Dn, nc, StringComparison.Ordinal));
            var emitter = new Emitter(sink, Layout.SchemaDn, Spec.Seed, (ulong)domain.Index + 1);
            new DomainWriter(Layout, domain, emitter).Write();

            // What AD returns as continuation references for a subtree search of a domain (ldapsearch prints them).
            if (domain.Index == 0)
            {
                references.Add($"ldap://ForestDnsZones.{domain.DnsName}/DC=ForestDnsZones,{domain.Dn}");
            }

            references.Add($"ldap://DomainDnsZones.{domain.DnsName}/DC=DomainDnsZones,{domain.Dn}");
            if (domain.Index == 0)
            {
                references.Add($"ldap://{domain.DnsName}/{Layout.ConfigurationDn}");
            }

            references.AddRange(Layout.Domains.Where(c => c.ParentIndex == domain.Index).Select(c => $"ldap://{c.DnsName}/{c.Dn}"));
        }

        var limited = string.Equals(Layout.SizeLimitedPartition, nc, StringComparison.Ordinal);
        sink.EndPartition(references, limited ? 4 : 0, limited ? "Size limit exceeded" : "Success");
    }

    private static FileStream Create(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    /// <summary>A one-paragraph description of the layout (for the console).</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        var c = System.Globalization.CultureInfo.InvariantCulture;
        sb.Append(c, $"{Layout.Domains.Length} domains, {Layout.Servers.Length} Exchange servers, {Layout.RusInstances.Length} RUS instances");
        if (!Spec.Faults.IsEmpty)
        {
            sb.Append(c, $"; faults: {string.Join(", ", Spec.Faults)}");
        }

        return sb.ToString();
    }
}
