using System.Collections.Immutable;
using RusSnapshot.Analysis.Model;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;

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
    public required ImmutableArray<ReportInput> Inputs { get; init; }

    public required ReportForest Forest { get; init; }

    public required ReportExchange Exchange { get; init; }

    /// <summary>In display order: errors, warnings, information, not applicable, suppressed (see <see cref="ReportFinding.Group"/>); within a group, the analysis order.</summary>
    public required ImmutableArray<ReportFinding> Findings { get; init; }

    public required ReportSummary Summary { get; init; }
}

/// <summary>The program that made the report.</summary>
/// <param name="Name">Executable name (<c>russnap</c>).</param>
/// <param name="Version">Its version.</param>
/// <param name="RuleCatalogVersion">The rule catalog's version.</param>
/// <param name="CommandLine">How it was invoked, when the caller says so.</param>
public sealed record ReportTool(string Name, string Version, string RuleCatalogVersion, string? CommandLine);

/// <summary>One input file and what reading it gave.</summary>
public sealed record ReportInput
{
    public required string Path { get; init; }

    public string? Format { get; init; }

    public required string Dialect { get; init; }

    public string? Encoding { get; init; }

    public string? Sha256 { get; init; }

    public long Entries { get; init; }

    public long Duplicates { get; init; }

    public long Errors { get; init; }

    public long Warnings { get; init; }

    public bool Complete { get; init; }

    /// <summary>How the input was made (from a collector manifest), when known.</summary>
    public string? CollectedBy { get; init; }
}

/// <summary>The forest's domains with their RUS coverage.</summary>
/// <param name="ConfigurationDn">The Configuration partition, when known.</param>
/// <param name="Domains">Sorted in tree order (by reversed DNS name).</param>
/// <param name="UnassignedRecipients">Recipients in naming contexts that match no domain of the dump.</param>
public sealed record ReportForest(string? ConfigurationDn, ImmutableArray<ReportDomain> Domains, ReportRecipients UnassignedRecipients);

/// <summary>Whether a Recipient Update Service serves a domain, as the findings judge it.</summary>
public enum DomainCoverage
{
    /// <summary>A RUS instance's <c>msExchDomainLink</c> names the domain.</summary>
    Covered,

    /// <summary>An RSN2001 failure names the domain: it needs a RUS and has none.</summary>
    Missing,

    /// <summary>RSN2001 could not judge the domain (the dump lacks its partition, the crossRefs or the organisation).</summary>
    NotJudged,

    /// <summary>No RUS and none needed: not a domain of the Exchange organisation, disabled, or no Exchange 2000/2003 server left.</summary>
    NotRequired,
}

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

/// <summary>Where a finding is shown: the sections of the Markdown and HTML reports, in order.</summary>
public enum FindingGroup
{
    Error,
    Warning,
    Info,
    NotApplicable,
    Suppressed,
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

    /// <summary>The section the finding belongs to.</summary>
    public FindingGroup Group => Suppressed is not null ? FindingGroup.Suppressed
        : Kind == FindingKind.NotApplicable ? FindingGroup.NotApplicable
        : Kind == FindingKind.Info || Severity == Severity.Info ? FindingGroup.Info
        : Severity == Severity.Error ? FindingGroup.Error
        : FindingGroup.Warning;
}

/// <summary>A piece of evidence.</summary>
/// <param name="Source">The input's name.</param>
/// <param name="Line">The physical line; 0 when there is none (an absence).</param>
/// <param name="Dn">The entry's DN (empty when the evidence is not an entry, e.g. an ldapsearch result line).</param>
/// <param name="Attribute">The attribute, or null for the entry as a whole.</param>
/// <param name="Value">The value, or null.</param>
public sealed record ReportEvidence(string Source, long Line, string Dn, string? Attribute, string? Value);

/// <summary>What the report says overall.</summary>
public enum ReportVerdict
{
    /// <summary>No finding counts: nothing wrong was found and the dump was complete enough to judge.</summary>
    Pass,

    /// <summary>Warnings, no errors.</summary>
    Warning,

    /// <summary>No errors, but some rules could not judge (not applicable): an incomplete dump never passes.</summary>
    Incomplete,

    /// <summary>At least one error.</summary>
    Fail,
}

/// <summary>Counts (suppressed findings are counted only under <see cref="Suppressed"/>) and coverage.</summary>
/// <param name="Errors">Unsuppressed failures of severity error.</param>
/// <param name="Warnings">Unsuppressed failures of severity warning.</param>
/// <param name="Infos">Unsuppressed information findings (and failures lowered to info).</param>
/// <param name="NotApplicable">Unsuppressed not-applicable findings.</param>
/// <param name="Suppressed">Findings a configuration suppression matched.</param>
/// <param name="DomainsCovered">DNs of the domains a RUS serves, in domain order.</param>
/// <param name="DomainsMissing">DNs an RSN2001 failure names (suppressed or not), in domain order.</param>
/// <param name="DomainsNotJudged">DNs RSN2001 could not judge, in domain order.</param>
public sealed record ReportSummary(
    int Errors,
    int Warnings,
    int Infos,
    int NotApplicable,
    int Suppressed,
    ImmutableArray<string> DomainsCovered,
    ImmutableArray<string> DomainsMissing,
    ImmutableArray<string> DomainsNotJudged,
    ReportVerdict Verdict);

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
