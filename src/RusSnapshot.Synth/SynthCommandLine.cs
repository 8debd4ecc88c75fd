using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace RusSnapshot.Synth;

/// <summary>The <c>russnap-synth</c> command line; tests call <see cref="Run"/> with their own writers.</summary>
internal static class SynthCommandLine
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var outputPath = new Option<string>("--output", "-o") { Description = "Output file, or folder with --split-by-partition", Required = true };
        var domains = new Option<int>("--domains") { Description = "Domains (the first is the forest root; then children and a second tree)", DefaultValueFactory = _ => 4 };
        var users = new Option<long>("--users") { Description = "Users in total, spread over the domains", DefaultValueFactory = _ => 1000 };
        var groups = new Option<long>("--groups") { Description = "Groups in total, with full member lists", DefaultValueFactory = _ => 50 };
        var contacts = new Option<long?>("--contacts") { Description = "Mail-enabled contacts in total (default: users / 20)" };
        var entries = new Option<long?>("--entries") { Description = "Exact number of entries in the dump: sets users, groups (2%) and contacts (5%) of the recipients" };
        var seed = new Option<long>("--seed") { Description = "Seed of every random choice (same arguments and seed: byte-identical files)", DefaultValueFactory = _ => 1 };
        var dialect = new Option<string>("--dialect") { Description = "Which tool's output to imitate (adexplorer: an AD Explorer snapshot, .dat)", DefaultValueFactory = _ => "ldifde" };
        dialect.AcceptOnlyFromAmong("ldifde", "ldapsearch", "rfc2849", "csvde", "adexplorer");
        var encoding = new Option<string>("--encoding") { Description = "utf-8; utf-16le (with BOM, as ldifde/csvde -u); windows-1252 (ANSI, as csvde/ldifde without -u)", DefaultValueFactory = _ => "utf-8" };
        encoding.AcceptOnlyFromAmong("utf-8", "utf-16le", "windows-1252");
        var split = new Option<bool>("--split-by-partition") { Description = "One file per naming context (configuration.*, <domain>.*), as ldifde run once per partition; with adexplorer, one snapshot per domain (<domain>.dat, each with the Configuration partition)" };
        var layout = new Option<string>("--rus-layout") { Description = "RUS instances before faults: standard, single-server, redundant (two per domain) or none", DefaultValueFactory = _ => "standard" };
        layout.AcceptOnlyFromAmong("standard", "single-server", "redundant", "none");
        var servers = new Option<string>("--servers") { Description = "Exchange servers, KIND:N,... with kinds 2000, 2003, 2003fe, 2007, 2010", DefaultValueFactory = _ => "2003:2,2003fe:1,2007:1,2010:1" };
        var faults = new Option<string[]>("--fault")
        {
            Description = "Fault to inject (repeatable): " + string.Join(", ", SynthFault.KnownNames) +
                ". Forms: missing-rus:DOMAIN, rus-*[:DOMAIN|enterprise] (default: the forest root's RUS), unstamped:N[:DOMAIN] (default: spread), " +
                "unprepared-domain[:DOMAIN] and size-limit[:DOMAIN|configuration] (default: the last domain). DOMAIN: first DNS label, NetBIOS or DNS name",
        };
        var pageSize = new Option<int>("--page-size") { Description = "ldapsearch dialect: paged-results page size (0: no paging)", DefaultValueFactory = _ => 1000 };
        var longDns = new Option<bool>("--long-dns") { Description = "Shape: users three OUs deeper, so DN values are 230-320 bytes and fold 3-4 times" };
        var base64Every = new Option<int>("--base64-every") { Description = "Shape (LDIF): write every Nth text value base64 (5: a fifth of them); 0: only what must be" };
        var groupMembers = new Option<int?>("--group-members") { Description = "Shape: every group has N members (at most its domain's users)" };
        var reverse = new Option<bool>("--reverse-attributes") { Description = "Shape (LDIF): each entry's values in reverse order" };
        var lineEnds = new Option<string?>("--line-ends") { Description = "Shape (LDIF): crlf or lf (default: the dialect's)" };
        lineEnds.AcceptOnlyFromAmong("crlf", "lf");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors" };

        var root = new RootCommand("russnap-synth: writes a synthetic Active Directory / Exchange forest dump (ldifde, ldapsearch, RFC 2849, csvde or an AD Explorer snapshot) for benchmarks and tests.")
        {
            outputPath, domains, users, groups, contacts, entries, seed, dialect, encoding, split, layout, servers, faults, pageSize,
            longDns, base64Every, groupMembers, reverse, lineEnds, quiet,
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                error.WriteLine($"russnap-synth: {e.Message}");
            }

            return 2;
        }

        if (parse.Action is not null)
        {
            // The root has no action of its own: this is --help or --version.
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        }

        ForestSpec spec;
        try
        {
            spec = new ForestSpec
            {
                Domains = parse.GetValue(domains),
                Users = parse.GetValue(users),
                Groups = parse.GetValue(groups),
                Contacts = parse.GetValue(contacts),
                Seed = parse.GetValue(seed),
                Dialect = parse.GetValue(dialect) switch
                {
                    "ldapsearch" => SynthDialect.Ldapsearch,
                    "rfc2849" => SynthDialect.Rfc2849,
                    "csvde" => SynthDialect.Csvde,
                    "adexplorer" => SynthDialect.AdExplorer,
                    _ => SynthDialect.Ldifde,
                },
                Encoding = parse.GetValue(encoding) switch
                {
                    "utf-16le" => SynthEncoding.Utf16LittleEndian,
                    "windows-1252" => SynthEncoding.Windows1252,
                    _ => SynthEncoding.Utf8,
                },
                SplitByPartition = parse.GetValue(split),
                RusLayout = parse.GetValue(layout) switch
                {
                    "single-server" => RusLayout.SingleServer,
                    "redundant" => RusLayout.Redundant,
                    "none" => RusLayout.None,
                    _ => RusLayout.Standard,
                },
                Servers = ForestSpec.ParseServers(parse.GetValue(servers) ?? string.Empty),
                Faults = [.. (parse.GetValue(faults) ?? []).Select(SynthFault.Parse)],
                LdapsearchPageSize = parse.GetValue(pageSize),
                LongDns = parse.GetValue(longDns),
                Base64Every = parse.GetValue(base64Every),
                GroupMembers = parse.GetValue(groupMembers),
                ReverseAttributes = parse.GetValue(reverse),
                LfLineEnds = parse.GetValue(lineEnds) switch { "lf" => true, "crlf" => false, _ => null },
            };
            if (parse.GetValue(entries) is { } total)
            {
                spec = ForestGenerator.WithTotalEntries(spec, total);
            }

            var generator = new ForestGenerator(spec);
            var clock = Stopwatch.StartNew();
            var report = generator.Generate(parse.GetValue(outputPath)!);
            clock.Stop();
            if (!parse.GetValue(quiet))
            {
                var c = CultureInfo.InvariantCulture;
                var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-6);
                output.WriteLine(string.Create(c,
                    $"russnap-synth: {report.Entries} entries, {report.Bytes} bytes in {report.Files.Length} file(s), {seconds:F2} s ({report.Bytes / seconds / 1e6:F0} MB/s); {generator.Describe()}"));
                foreach (var f in report.Files)
                {
                    output.WriteLine(string.Create(c, $"  {f.Name}\t{f.Entries} entries\t{f.Bytes} bytes"));
                }
            }

            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            error.WriteLine($"russnap-synth: {ex.Message}");
            return 2;
        }
        catch (IOException ex)
        {
            error.WriteLine($"russnap-synth: {ex.Message}");
            return 3;
        }
    }
}
