using System.Collections.Immutable;
using RusSnapshot.Analysis;
using RusSnapshot.Analysis.Model;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.SetupLogs;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Analysis.Verdict;

namespace RusSnapshot.Reports;

/// <summary>
/// Everything a report shows, already localised and sorted: the one model every writer renders, so that the
/// JSON, Markdown and HTML reports carry the same findings. Built by <see cref="ReportBuilder.Build"/>.
/// </summary>
/// <remarks>Strings are the values as written in the dump: writers escape them for their format.</remarks>
public sealed record ReportDocument
{
    /// <summary>The version of the JSON contract (<c>schemas/report.schema.json</c>).</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required ReportTool Tool { get; init; }

    /// <summary>When the report was made (UTC), as pinned by the caller.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    public required ReportLanguage Language { get; init; }

    /// <summary>The inputs, in the order they were given.</summary>
    public required ImmutableArray<InputReport> Inputs { get; init; }

    public required ReportForest Forest { get; init; }

    public required ReportExchange Exchange { get; init; }

    /// <summary>What setup would say per Exchange version, derived by the analysis (<see cref="ReadinessVerdict"/>).</summary>
    public required ReportReadiness Readiness { get; init; }

    /// <summary>The setup logs given beside the dump (<c>--setup-log</c>), in order: the run read, what it saw, and how it compares.</summary>
    public ImmutableArray<ReportSetupLog> SetupLogs { get; init; } = [];

    /// <summary>In display order: errors, warnings, information, not applicable, suppressed (see <see cref="ReportFinding.Group"/>); within a group, the analysis order.</summary>
    public required ImmutableArray<ReportFinding> Findings { get; init; }

    public required AnalysisSummary Summary { get; init; }
}

/// <summary>The program that made the report.</summary>
/// <param name="Name">Executable name (<c>russnap</c>).</param>
/// <param name="Version">Its version.</param>
/// <param name="RuleCatalogVersion">The rule catalog's version.</param>
/// <param name="CommandLine">How it was invoked, when the caller says so.</param>
public sealed record ReportTool(string Name, string Version, string RuleCatalogVersion, string? CommandLine);


/// <summary>The forest's domains with their RUS coverage.</summary>
/// <param name="ConfigurationDn">The Configuration partition, when known.</param>
/// <param name="Domains">Sorted in tree order (by reversed DNS name).</param>
/// <param name="UnassignedRecipients">Recipients in naming contexts that match no domain of the dump.</param>
public sealed record ReportForest(string? ConfigurationDn, ImmutableArray<ReportDomain> Domains, ReportRecipients UnassignedRecipients);

/// <summary>One domain of the forest.</summary>
public sealed record ReportDomain
{
    public required string Dn { get; init; }

    public string? DnsName { get; init; }

    public string? NetbiosName { get; init; }

    public bool Enabled { get; init; }

    public string? ParentDn { get; init; }

    public bool IsForestRoot { get; init; }

    public bool PartitionInDump { get; init; }

    /// <summary>The Microsoft Exchange System Objects container exists (<c>/domainprep</c> ran).</summary>
    public bool Prepared { get; init; }

    /// <summary>A RUS instance's <c>msExchDomainLink</c> names this domain.</summary>
    public bool Covered { get; init; }

    public DomainCoverage Coverage { get; init; }

    /// <summary>DNs of the RUS instances that serve this domain.</summary>
    public ImmutableArray<string> RusInstances { get; init; } = [];

    /// <summary>Recipient counts; null when the domain's partition is not in the dump (unknown, not zero).</summary>
    public ReportRecipients? Recipients { get; init; }

    /// <summary>The name to show: the DNS name, else the DN.</summary>
    public string Label => DnsName ?? Dn;
}

/// <summary>Recipients of a domain (counted while streaming).</summary>
public sealed record ReportRecipients(long MailEnabled, long Stamped, long Unstamped, long OptedOut, long Mailboxes)
{
    internal static ReportRecipients From(RecipientCounts counts) =>
        new(counts.MailEnabled, counts.Stamped, counts.Unstamped, counts.OptedOut, counts.Mailboxes);
}

/// <summary>The Exchange organisation, its servers and its RUS instances.</summary>
/// <param name="Organization">Null when the dump holds no organisation.</param>
/// <param name="AdministrativeGroups">Sorted.</param>
/// <param name="Servers">Sorted by name.</param>
/// <param name="RusInstances">Sorted: the Enterprise instance first, then by name.</param>
public sealed record ReportExchange(
    ReportOrganization? Organization,
    ImmutableArray<string> AdministrativeGroups,
    ImmutableArray<ReportServer> Servers,
    ImmutableArray<ReportRusInstance> RusInstances);

/// <summary>The Exchange organisation object.</summary>
public sealed record ReportOrganization(string Dn, string Name);

/// <summary>An Exchange server.</summary>
/// <param name="Version">Product name (<c>Exchange Server 2003</c>), or <c>unknown</c>.</param>
/// <param name="Build">Major.minor.build (<c>6.5.7638</c>), or null when unknown.</param>
public sealed record ReportServer(
    string Dn,
    string Name,
    string Version,
    string? Build,
    ExchangeGeneration Generation,
    bool FrontEnd,
    string? AdministrativeGroup);

/// <summary>A Recipient Update Service instance.</summary>
/// <param name="ServerName">The name of the Exchange server <paramref name="ServerLink"/> names, when the dump holds it.</param>
/// <param name="Enterprise">It serves the Configuration partition (the Enterprise Configuration RUS).</param>
public sealed record ReportRusInstance(
    string Dn,
    string Name,
    string? DomainLink,
    string? ServerLink,
    string? ServerName,
    string? DomainController,
    bool Enterprise);

/// <summary>The readiness verdict per Exchange version: always derived from the documented logic, never from running setup.</summary>
/// <param name="Domains">In the report's domain order.</param>
/// <param name="Exchange2013Blocked">Forest-wide: Exchange 2013+ setup refuses to install while an Exchange 2000/2003 server exists.</param>
/// <param name="LegacyServers">Names of the Exchange 2000/2003 servers (sorted).</param>
/// <param name="Sources">The documented logic it is derived from.</param>
public sealed record ReportReadiness(
    ImmutableArray<ReportDomainReadiness> Domains,
    ReadinessAnswer Exchange2013Blocked,
    ReadinessUnknown BlockedUnknown,
    ImmutableArray<string> LegacyServers,
    ImmutableArray<string> Sources);

/// <summary>What setup run in one domain would say.</summary>
/// <param name="RusInstances">DNs of the RUS instances that serve the domain (what setup reads as RusName).</param>
public sealed record ReportDomainReadiness(
    string Dn,
    string? DnsName,
    ImmutableArray<string> RusInstances,
    ReadinessAnswer Exchange2007Stops,
    ReadinessAnswer Exchange2010Stops,
    ReadinessAnswer Exchange2013Warns,
    ReadinessUnknown Unknown)
{
    public string Label => DnsName ?? Dn;
}

/// <summary>One setup log: the run read and what it saw (as the analysis read it), and its comparison with the dump.</summary>
public sealed record ReportSetupLog
{
    public required string Path { get; init; }

    public required SetupLogEvidence Log { get; init; }

    public required SetupLogAgreement Agreement { get; init; }

    public SetupLogNotComparable Reason { get; init; }

    /// <summary>The dump's domain the log is about, when the dump has it.</summary>
    public string? DomainDn { get; init; }

    public string? DomainLabel { get; init; }

    /// <summary>Whether RusMissing would fire for that domain, by the documented logic applied to the dump (null when unknown).</summary>
    public bool? DumpWouldFire { get; init; }

    public SourceOrder Newer { get; init; }
}

/// <summary>One finding, its texts in the report's language.</summary>
public sealed record ReportFinding
{
    public required string RuleId { get; init; }

    /// <summary>The rule's PascalCase name (<c>DomainWithoutRus</c>).</summary>
    public required string Name { get; init; }

    public required string Title { get; init; }

    public required Severity Severity { get; init; }

    public required FindingKind Kind { get; init; }

    /// <summary>The DN the finding is about, as written in the dump; empty for forest-wide findings.</summary>
    public required string Subject { get; init; }

    public required string Message { get; init; }

    /// <summary>The message's key in the rule texts (<c>RSN2001.fail</c>): the same in every language.</summary>
    public required string MessageId { get; init; }

    public ImmutableArray<ReportEvidence> Evidence { get; init; } = [];

    /// <summary>Remediation steps, in order.</summary>
    public ImmutableArray<string> Remediation { get; init; } = [];

    public required string Fingerprint { get; init; }

    /// <summary>The suppression's reason, or null when the finding is not suppressed.</summary>
    public string? Suppressed { get; init; }

    public required string HelpUri { get; init; }

    /// <summary>The section the finding belongs to (the analysis decides it: <see cref="Finding.Group"/>).</summary>
    public required FindingGroup Group { get; init; }

    /// <summary>When a suppression matched but had expired: since when (the finding counts again).</summary>
    public DateOnly? SuppressionExpired { get; init; }
}

/// <summary>A piece of evidence.</summary>
/// <param name="Source">The input's name.</param>
/// <param name="Line">The physical line; 0 when there is none (an absence).</param>
/// <param name="Dn">The entry's DN (empty when the evidence is not an entry, e.g. an ldapsearch result line).</param>
/// <param name="Attribute">The attribute, or null for the entry as a whole.</param>
/// <param name="Value">The value, or null.</param>
public sealed record ReportEvidence(string Source, long Line, string Dn, string? Attribute, string? Value);

/// <summary>The caller's choices for a report.</summary>
public sealed record ReportOptions
{
    public ReportLanguage Language { get; init; } = ReportLanguage.En;

    /// <summary>The report's timestamp, pinned by the caller (SOURCE_DATE_EPOCH, --timestamp or the clock): writers never read the clock.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    public string ToolName { get; init; } = "russnap";

    public required string ToolVersion { get; init; }

    /// <summary>The command line, shown in the report when given.</summary>
    public string? CommandLine { get; init; }
}
