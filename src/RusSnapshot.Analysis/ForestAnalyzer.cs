using System.Collections.Immutable;
using System.Globalization;
using RusSnapshot.Analysis.Building;
using RusSnapshot.Analysis.Model;
using RusSnapshot.Analysis.Options;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Analysis;

/// <summary>Reads dumps, builds the model, runs the rule catalog and applies the configuration.</summary>
public static class ForestAnalyzer
{
    /// <summary>Analyses <paramref name="sources"/> as one forest dump.</summary>
    /// <param name="onRecord">Called every record with the current input's name and bytes read (progress).</param>
    public static AnalysisResult Analyze(IReadOnlyList<DumpSource> sources, AnalysisOptions options, Action<string, long>? onRecord = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);

        // Inputs are hashed while they are read, once: a second read of a pipe would steal part of it.
        var builder = new ForestModelBuilder();
        using var set = new DumpSetReader(sources, options.Open with { ComputeSha256 = options.HashInputs });
        while (set.Read())
        {
            builder.Add(set.Current);
            onRecord?.Invoke(set.CurrentInput.Source.DisplayName, set.CurrentInput.Statistics?.Bytes ?? 0);
        }

        var model = builder.Build();
        model = Exclude(model, options.ExcludedDomains);
        model = model with
        {
            Completeness = model.Completeness with
            {
                Gaps = [.. Gaps(set.Inputs)],
                Conflicts = [.. set.Conflicts],
            },
        };

        var findings = Evaluate(model, options);
        var inputs = set.Inputs.Select(i => new InputReport
        {
            Path = i.Source.DisplayName,
            Format = i.Format?.ToName(),
            Dialect = i.Dialect.ToName(),
            Encoding = i.Encoding,
            Sha256 = i.Sha256,
            Bytes = i.FileBytes,
            Entries = i.Statistics?.Entries ?? 0,
            Duplicates = i.DuplicateEntries,
            Errors = i.Errors,
            ReadErrors = ReadErrorCount(i),
            Warnings = i.Statistics?.Warnings ?? 0,
            Complete = i.Statistics?.Complete ?? false,
            Diagnostics = [.. i.Diagnostics],
            Capture = i.Capture,
            CollectedBy = i.Capture?.Summary(),
        }).ToImmutableArray();

        return new AnalysisResult
        {
            Forest = model,
            Findings = findings,
            Rules = RuleCatalog.Descriptors,
            Inputs = inputs,
            Entries = set.Inputs.Sum(i => i.UniqueEntries),
        };
    }

    /// <summary>Runs every rule over a model and applies overrides and suppressions (also used by tests on hand-built models).</summary>
    public static ImmutableArray<Finding> Evaluate(ForestModel model, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var context = new RuleContext();
        var findings = new List<Finding>();
        foreach (var rule in RuleCatalog.All)
        {
            foreach (var finding in rule.Evaluate(model, context))
            {
                findings.Add(Configure(finding, rule.Descriptor, options));
            }
        }

        return [.. findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Subject, StringComparer.OrdinalIgnoreCase)
            .ThenBy(f => f.MessageId, StringComparer.Ordinal)
            .ThenBy(f => string.Join("\u0001", f.Arguments), StringComparer.Ordinal)];
    }

    private static Finding Configure(Finding finding, RuleDescriptor rule, AnalysisOptions options)
    {
        if (finding.Kind == FindingKind.Fail
            && (options.SeverityOverrides.TryGetValue(rule.Id, out var severity) || options.SeverityOverrides.TryGetValue(rule.Name, out severity)))
        {
            finding = finding with { Severity = severity };
        }

        var subject = DnKey.Of(finding.Subject);
        var matching = options.Suppressions.Where(s =>
            (string.Equals(s.RuleId, rule.Id, StringComparison.OrdinalIgnoreCase) || string.Equals(s.RuleId, rule.Name, StringComparison.OrdinalIgnoreCase))
            && (s.Subject is null || DnKey.Of(s.Subject) == subject)).ToList();
        var active = matching.FirstOrDefault(s => s.Expires is null || s.Expires.Value >= options.Today);
        if (active is not null)
        {
            return finding with { SuppressedBecause = active.Reason };
        }

        // An expired suppression no longer applies; say so, so nobody wonders why a suppressed finding is back.
        var expired = matching.Where(s => s.Expires is not null).MaxBy(s => s.Expires);
        return expired is null ? finding : finding with { SuppressionExpired = expired.Expires };
    }

    private static ForestModel Exclude(ForestModel model, ImmutableArray<string> excluded)
    {
        if (excluded.IsEmpty)
        {
            return model;
        }

        var keys = excluded.Select(DnKey.Of).ToHashSet();
        bool IsExcluded(DomainInfo d) => keys.Contains(d.Key)
            || excluded.Any(x => string.Equals(x, d.DnsName, StringComparison.OrdinalIgnoreCase) || string.Equals(x, d.NetbiosName, StringComparison.OrdinalIgnoreCase));
        var kept = model.Domains.Where(d => !IsExcluded(d)).ToImmutableArray();
        var gone = model.Domains.Where(IsExcluded).Select(d => d.Key).ToHashSet();
        return model with
        {
            Domains = kept,
            RusInstances = [.. model.RusInstances.Where(r => r.DomainLinkKey is not { } link || !gone.Contains(link))],
        };
    }

    private static IEnumerable<DumpGap> Gaps(IReadOnlyList<DumpInputSummary> inputs)
    {
        var c = CultureInfo.InvariantCulture;
        foreach (var input in inputs)
        {
            // Subjects name the file, not its path, so that fingerprints do not change with where the dump was unpacked.
            var name = Path.GetFileName(input.Source.DisplayName.Replace("!/", "/", StringComparison.Ordinal));
            if (input.Statistics is null)
            {
                var why = input.Diagnostics.FirstOrDefault()?.Message ?? "unknown error";
                yield return new DumpGap("unreadable", name, [name, why], []);
                continue;
            }

            // One gap per input, whatever the number of failed pages: the count, and the sampled trailers as evidence.
            if (input.Statistics.FailedSearches is [var first, ..])
            {
                yield return new DumpGap("searchFailed", name,
                    [name, first.Code.ToString(c), first.Text, input.Statistics.FailedSearchCount.ToString(c)],
                    [.. input.Statistics.FailedSearches.Select(f => new Evidence(f.Position.Source, f.Position.Line, string.Empty, "result", $"{f.Code.ToString(c)} {f.Text}"))]);
            }

            if (input.Statistics.SearchUnfinished)
            {
                yield return new DumpGap("ldapsearchUnfinished", name, [name], []);
            }

            var readErrors = input.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error
                && d.Code != DiagnosticCodes.LdifSearchFailed.Id && d.Code != DiagnosticCodes.LdifSearchUnfinished.Id).ToList();
            if (ReadErrorCount(input) > 0 || !input.Statistics.Complete)
            {
                yield return new DumpGap("readErrors", name,
                    [name, input.Statistics.RejectedRecords.ToString(c), Math.Max(ReadErrorCount(input), 1).ToString(c)],
                    [.. readErrors.Take(20).Select(d => new Evidence(d.Position.Source, d.Position.Line, string.Empty, null, $"{d.Code}: {d.Message}"))]);
            }
        }
    }

    /// <summary>Errors of an input other than "the search stopped early" (which is a gap, not a format error): counted, not taken from the kept list.</summary>
    internal static long ReadErrorCount(DumpInputSummary input) =>
        input.Errors - (input.Statistics?.FailedSearchCount ?? 0) - (input.Statistics is { SearchUnfinished: true } ? 1 : 0);
}
