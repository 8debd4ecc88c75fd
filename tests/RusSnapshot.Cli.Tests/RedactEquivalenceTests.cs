using RusSnapshot.Cli.Commands;
using RusSnapshot.Synth;

namespace RusSnapshot.Cli.Tests;

/// <summary>
/// Issue 12, item 2: for every support case and for generated forests with every fault, the redacted dump analyses to
/// the same findings (rule, kind, severity, message variant, evidence count, renamed subject), counts, coverage and
/// inputs (format, dialect, encoding, entries), and no identifying value of the input (name tokens of three characters
/// or more, addresses, SIDs, GUIDs) survives in the output, searched case-insensitively in every encoding the input
/// used and inside decoded base64 and hex values.
/// </summary>
public sealed class RedactEquivalenceTests
{
    public static IEnumerable<object[]> Cases() => SupportCaseTests.Cases();

    /// <summary>
    /// Every fault the generator knows, each in another dialect and encoding, so that every writer path is proved too.
    /// </summary>
    public static TheoryData<string, string, string> Faults() => new()
    {
        { "missing-rus:child1", "ldifde", "utf-16le" },
        { "no-enterprise-rus", "rfc2849", "utf-8" },
        { "rus-deleted-server", "csvde", "windows-1252" },
        { "rus-on-e2007", "ldapsearch", "utf-8" },
        { "rus-on-frontend:enterprise", "ldifde", "windows-1252" },
        { "rus-unknown-domain", "csvde", "utf-16le" },
        { "rus-no-server:child1", "ldifde", "utf-8" },
        { "rus-dc-unknown", "rfc2849", "utf-16le" },
        { "unstamped:7:child1", "ldifde", "utf-16le" },
        { "unprepared-domain", "ldapsearch", "utf-8" },
        { "precreated-domain", "csvde", "utf-8" },
        { "size-limit:child1", "ldapsearch", "utf-8" },
    };

    [Fact]
    public void Every_fault_of_the_generator_is_proved() =>
        Assert.Equal(
            SynthFault.KnownNames.Order(StringComparer.Ordinal),
            Faults().Select(f => ((string)f[0]).Split(':')[0]).Distinct().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_support_case_redacts_to_the_same_findings_and_leaks_nothing(string caseId)
    {
        var dir = Path.Combine(SupportCaseTests.CasesRoot, caseId);
        var spec = CaseSpec.Load(Path.Combine(dir, SupportCases.SpecFile));
        using var temp = new TempFolder();
        var redaction = RedactionProof.Redact([.. spec.Inputs.Select(i => Path.Combine(dir, i))], temp.Path, spec.Encoding);

        RedactionProof.AssertSameFindings(redaction, temp.Path, spec.Encoding);
        RedactionProof.AssertNothingLeaks(redaction);
    }

    [Fact]
    public void A_collector_dump_keeps_its_manifest_redacted_so_the_same_gaps_are_reported()
    {
        using var temp = new TempFolder();
        var dump = Path.Combine(temp.Path, "forest", "contoso.test.ldf");
        new ForestGenerator(new ForestSpec { Domains = 3, Users = 30, Groups = 3, Seed = 31 }).Generate(dump);
        var when = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        Dumps.Manifest.ManifestNamingContext Nc(string dn, string kind, string? dns, string server, string status, params string[] referrals) => new()
        {
            Dn = dn, Kind = kind, DnsName = dns, Server = server, Status = status, Entries = 10, Pages = 1, Searches = 1, RangeRequests = 0,
            RangedValues = 0, EntriesWithoutAttributes = 0, Referrals = referrals, Retries = 0,
        };
        Dumps.Manifest.CollectionManifestFile.WriteFile(new Dumps.Manifest.CollectionManifest
        {
            SchemaVersion = Dumps.Manifest.CollectionManifest.CurrentSchemaVersion,
            Tool = new("russnap-collect", "0.1.0"),
            Server = new("10.20.30.40", 636, "ldaps", "contoso-dc1.contoso.test"),
            Bind = new("simple", @"u:CONTOSO\auditor"),
            StartedAt = when,
            EndedAt = when.AddMinutes(3),
            Scope = "full",
            Dump = new("contoso.test.ldf", "ldif", 400),
            Complete = false,
            NamingContexts =
            [
                Nc("CN=Configuration,DC=contoso,DC=test", "configuration", null, "contoso-dc1.contoso.test:636", "complete"),
                Nc("DC=contoso,DC=test", "domain", "contoso.test", "contoso-dc1.contoso.test:636", "complete", "ldap://ForestDnsZones.contoso.test/DC=ForestDnsZones,DC=contoso,DC=test"),
                Nc("DC=fabrikam,DC=test", "domain", "fabrikam.test", "fabrikam-dc1.fabrikam.test:636", "unread"),
            ],
            Unread =
            [
                new("DC=fabrikam,DC=test", Dumps.Manifest.UnreadReason.Unreachable, "fabrikam-dc1.fabrikam.test:636", "fabrikam-dc1.fabrikam.test: connection refused", null),
                new("ldap://ForestDnsZones.contoso.test/DC=ForestDnsZones,DC=contoso,DC=test", Dumps.Manifest.UnreadReason.Referral, null, "referral not chased", 10),
            ],
        }, Dumps.Manifest.CollectionManifestFile.PathFor(dump));

        var redaction = RedactionProof.Redact([dump], temp.Path);

        Assert.Single(Directory.GetFiles(redaction.Output, "*" + Dumps.Manifest.CollectionManifestFile.Suffix));
        RedactionProof.AssertSameFindings(redaction, temp.Path);
        RedactionProof.AssertNothingLeaks(redaction, "contoso", "fabrikam", "auditor");
        var json = File.ReadAllText(Path.Combine(temp.Path, "after", "russnap-report.json"));
        Assert.Equal(2, json.Split('\n').Count(l => l.Contains("\"messageId\": \"RSN1001.collectionUnread\"", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_generated_forest_with_a_fault_redacts_to_the_same_findings_and_leaks_nothing(string fault, string dialect, string encoding)
    {
        using var temp = new TempFolder();
        var forest = Path.Combine(temp.Path, "forest");
        var spec = new ForestSpec
        {
            Domains = fault.StartsWith("unprepared", StringComparison.Ordinal) ? 4 : 3,
            Users = 40,
            Groups = 4,
            Seed = 1200 + fault.Length,
            Dialect = dialect switch
            {
                "ldapsearch" => SynthDialect.Ldapsearch,
                "rfc2849" => SynthDialect.Rfc2849,
                "csvde" => SynthDialect.Csvde,
                _ => SynthDialect.Ldifde,
            },
            Encoding = encoding switch
            {
                "utf-16le" => SynthEncoding.Utf16LittleEndian,
                "windows-1252" => SynthEncoding.Windows1252,
                _ => SynthEncoding.Utf8,
            },
            SplitByPartition = true,
            LdapsearchPageSize = dialect == "ldapsearch" ? 25 : 0,
            Faults = [SynthFault.Parse(fault)],
        };
        new ForestGenerator(spec).Generate(forest);
        var inputs = Directory.GetFiles(forest).Order(StringComparer.Ordinal).ToList();

        var redaction = RedactionProof.Redact(inputs, temp.Path);

        RedactionProof.AssertSameFindings(redaction, temp.Path);
        RedactionProof.AssertNothingLeaks(redaction, "contoso", "fabrikam", "child1", "test", "EX2003A");
    }
}
