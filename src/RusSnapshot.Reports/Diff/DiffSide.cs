using System.Collections.Immutable;
using RusSnapshot.Analysis.Rules;

namespace RusSnapshot.Reports.Diff;

/// <summary>
/// One side of a comparison: what <c>russnap diff</c> needs of an analysis, taken from a fresh analysis of a dump
/// (<see cref="FromReport"/>) or from a JSON report written earlier (<see cref="JsonReportReader"/>).
/// </summary>
public sealed record DiffSide
{
    /// <summary>What the user named: the dump, folder or report path.</summary>
    public required string Label { get; init; }

    /// <summary>The report's generation time, or the analysis' own.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The inputs it came from (path and SHA-256 where known).</summary>
    public ImmutableArray<DiffInput> Inputs { get; init; } = [];

    public ImmutableArray<DiffFinding> Findings { get; init; } = [];

    public ImmutableArray<DiffDomain> Domains { get; init; } = [];

    public ImmutableArray<DiffServer> Servers { get; init; } = [];

    public ImmutableArray<DiffRus> RusInstances { get; init; } = [];

    /// <summary>The side of a report document built from an analysis.</summary>
    public static DiffSide FromReport(ReportDocument document, string label)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new DiffSide
        {
            Label = label,
            GeneratedAt = document.GeneratedAt,
            Inputs = [.. document.Inputs.Select(i => new DiffInput(i.Path, i.Sha256, i.Entries))],
            Findings = [.. document.Findings.Select(f => new DiffFinding(f.Fingerprint, f.RuleId, f.Name, f.Severity, f.Kind, f.Subject, f.Message, f.Suppressed is not null))],
            Domains = [.. document.Forest.Domains.Select(d => new DiffDomain(d.Dn, d.DnsName, d.Covered, d.RusInstances, d.Recipients?.MailEnabled, d.Recipients?.Unstamped))],
            Servers = [.. document.Exchange.Servers.Select(s => new DiffServer(s.Dn, s.Name, s.Version))],
            RusInstances = [.. document.Exchange.RusInstances.Select(r => new DiffRus(r.Dn, r.Name, r.DomainLink, r.ServerLink, r.ServerName, r.Enterprise))],
        };
    }
}

/// <summary>An input of one side.</summary>
public sealed record DiffInput(string Path, string? Sha256, long Entries);

/// <summary>A finding as the diff compares it: by <see cref="Fingerprint"/>.</summary>
public sealed record DiffFinding(string Fingerprint, string RuleId, string Name, Severity Severity, FindingKind Kind, string Subject, string Message, bool Suppressed)
{
    /// <summary>A failure that counts: not suppressed (not applicable and info findings are not compared).</summary>
    public bool IsActive => Kind == FindingKind.Fail && !Suppressed;
}

/// <summary>A domain of one side.</summary>
public sealed record DiffDomain(string Dn, string? DnsName, bool Covered, ImmutableArray<string> RusInstances, long? MailEnabled, long? Unstamped)
{
    public string Label => DnsName ?? Dn;
}

/// <summary>An Exchange server of one side.</summary>
public sealed record DiffServer(string Dn, string Name, string Version);

/// <summary>A RUS instance of one side.</summary>
public sealed record DiffRus(string Dn, string Name, string? DomainLink, string? ServerLink, string? ServerName, bool Enterprise);
