using System.Collections.Immutable;
using RusSnapshot.Analysis.Model;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Dumps;

namespace RusSnapshot.Analysis.Verdict;

/// <summary>Whether a Recipient Update Service serves a domain, as the analysis judges it.</summary>
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

/// <summary>What the analysis says overall.</summary>
public enum AnalysisVerdict
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

/// <summary>Where a finding belongs: the sections of the reports, in order, and what the summary counts.</summary>
public enum FindingGroup
{
    Error,
    Warning,
    Info,
    NotApplicable,
    Suppressed,
}

/// <summary>One domain's coverage and the RUS instances that serve it.</summary>
public sealed record DomainVerdict(DomainInfo Domain, DomainCoverage Coverage, ImmutableArray<RusInstanceInfo> ServingRus)
{
    public bool Covered => Coverage == DomainCoverage.Covered;
}

/// <summary>Counts (suppressed findings only under <see cref="Suppressed"/>), coverage and the verdict.</summary>
/// <param name="DomainsKnown">False when the dump holds no crossRefs, so the forest's domains are not known (RSN1001 says so).</param>
/// <param name="DomainsMissing">DNs an RSN2001 failure names (suppressed or not), including any that match no domain.</param>
public sealed record AnalysisSummary(
    int Errors,
    int Warnings,
    int Infos,
    int NotApplicable,
    int Suppressed,
    bool DomainsKnown,
    ImmutableArray<string> DomainsCovered,
    ImmutableArray<string> DomainsMissing,
    ImmutableArray<string> DomainsNotJudged,
    AnalysisVerdict Verdict);

/// <summary>Turns the model and the findings into coverage per domain and the summary: the one place that judges them.</summary>
internal static class Verdicts
{
    public static FindingGroup GroupOf(Finding f) => f.SuppressedBecause is not null ? FindingGroup.Suppressed
        : f.Kind == FindingKind.NotApplicable ? FindingGroup.NotApplicable
        : f.Kind == FindingKind.Info || f.Severity == Severity.Info ? FindingGroup.Info
        : f.Severity == Severity.Error ? FindingGroup.Error
        : FindingGroup.Warning;

    /// <summary>Coverage comes from the model (a RUS links the domain) and from RSN2001, the rule that judges the rest.</summary>
    public static ImmutableArray<DomainVerdict> Coverage(ForestModel forest, ImmutableArray<Finding> findings)
    {
        var rsn2001 = findings.Where(f => string.Equals(f.RuleId, RuleIds.DomainWithoutRus, StringComparison.Ordinal)).ToList();
        var missing = rsn2001.Where(f => f.Kind == FindingKind.Fail).Select(f => DnKey.Of(f.Subject)).ToHashSet();
        var notJudged = rsn2001.Where(f => f.Kind == FindingKind.NotApplicable).Select(f => DnKey.Of(f.Subject)).ToHashSet();
        return [.. forest.Domains.Select(d =>
        {
            var serving = forest.RusServing(d.Key).ToImmutableArray();
            var coverage = !serving.IsEmpty ? DomainCoverage.Covered
                : missing.Contains(d.Key) ? DomainCoverage.Missing
                : notJudged.Contains(d.Key) || notJudged.Contains(DnKey.Empty) || (d.Enabled && d.CrossRef is null) ? DomainCoverage.NotJudged
                : DomainCoverage.NotRequired;
            return new DomainVerdict(d, coverage, serving);
        })];
    }

    public static AnalysisSummary Summarize(ForestModel forest, ImmutableArray<Finding> findings, ImmutableArray<DomainVerdict> coverage)
    {
        int Count(FindingGroup group) => findings.Count(f => GroupOf(f) == group);
        var errors = Count(FindingGroup.Error);
        var warnings = Count(FindingGroup.Warning);
        var notApplicable = Count(FindingGroup.NotApplicable);
        var domainKeys = forest.Domains.Select(d => d.Key).ToHashSet();
        var unmatched = findings
            .Where(f => string.Equals(f.RuleId, RuleIds.DomainWithoutRus, StringComparison.Ordinal) && f.Kind == FindingKind.Fail && !domainKeys.Contains(DnKey.Of(f.Subject)))
            .Select(f => f.Subject).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return new AnalysisSummary(
            errors,
            warnings,
            Count(FindingGroup.Info),
            notApplicable,
            Count(FindingGroup.Suppressed),
            forest.Completeness.HasPartitions,
            [.. coverage.Where(c => c.Covered).Select(c => c.Domain.Dn)],
            [.. coverage.Where(c => c.Coverage == DomainCoverage.Missing).Select(c => c.Domain.Dn).Concat(unmatched)],
            [.. coverage.Where(c => c.Coverage == DomainCoverage.NotJudged).Select(c => c.Domain.Dn)],
            errors > 0 ? AnalysisVerdict.Fail
                : notApplicable > 0 ? AnalysisVerdict.Incomplete
                : warnings > 0 ? AnalysisVerdict.Warning
                : AnalysisVerdict.Pass);
    }
}
