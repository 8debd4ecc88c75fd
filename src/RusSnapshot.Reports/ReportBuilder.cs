using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using RusSnapshot.Analysis;
using RusSnapshot.Analysis.Model;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Analysis.Verdict;
using RusSnapshot.Dumps;

namespace RusSnapshot.Reports;

/// <summary>Turns an <see cref="AnalysisResult"/> into the <see cref="ReportDocument"/> every writer renders.</summary>
public static class ReportBuilder
{
    private static readonly HashSet<string> KnownTextKeys = new(RuleTexts.Keys(ReportLanguage.En), StringComparer.Ordinal);

    /// <summary>Builds the report: texts in <see cref="ReportOptions.Language"/>, everything sorted; coverage and counts as the analysis judged them.</summary>
    public static ReportDocument Build(AnalysisResult result, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var language = options.Language;
        var forest = result.Forest;

        var findings = result.Findings
            .Select(f => MakeFinding(f, result.Rules, language))
            .OrderBy(f => f.Group)
            .ToImmutableArray();

        var rusInstances = forest.RusInstances
            .Select(r => MakeRus(r, forest))
            .OrderBy(r => r.Enterprise ? 0 : 1)
            .ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.Dn, StringComparer.Ordinal)
            .ToImmutableArray();

        var domains = result.Coverage
            .Select(MakeDomain)
            .Order(DomainOrder.Instance)
            .ToImmutableArray();

        var exchange = new ReportExchange(
            forest.Organization is { } org ? new ReportOrganization(Clean(org.Dn), Clean(org.Name)) : null,
            [.. forest.AdministrativeGroups.Select(Clean).Order(StringComparer.OrdinalIgnoreCase).ThenBy(g => g, StringComparer.Ordinal)],
            [.. forest.Servers.Select(MakeServer).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Dn, StringComparer.Ordinal)],
            rusInstances);

        return new ReportDocument
        {
            Tool = new ReportTool(Clean(options.ToolName), Clean(options.ToolVersion), RuleCatalog.Version, options.CommandLine is null ? null : Clean(options.CommandLine)),
            GeneratedAt = options.Timestamp.ToUniversalTime(),
            Language = language,
            Inputs = [.. result.Inputs.Select(i => i with
            {
                Path = Clean(i.Path),
                Dialect = Clean(i.Dialect),
                Encoding = CleanOrNull(i.Encoding),
                CollectedBy = CleanOrNull(i.CollectedBy),
                Capture = i.Capture is { } c ? c with { Tool = Clean(c.Tool), Server = CleanOrNull(c.Server), Description = CleanOrNull(c.Description) } : null,
            })],
            Forest = new ReportForest(
                forest.ConfigurationDn is null ? null : Clean(forest.ConfigurationDn),
                domains,
                ReportRecipients.From(forest.UnassignedRecipients)),
            Exchange = exchange,
            Readiness = MakeReadiness(result.Readiness, domains),
            SetupLogs = [.. result.SetupLogs.Select(MakeSetupLog)],
            Findings = findings,
            Summary = InDomainOrder(result.Summary, domains),
        };
    }

    private static ReportFinding MakeFinding(Finding finding, ImmutableArray<RuleDescriptor> rules, ReportLanguage language)
    {
        var descriptor = rules.FirstOrDefault(r => string.Equals(r.Id, finding.RuleId, StringComparison.Ordinal))
            ?? RuleCatalog.Find(finding.RuleId);

        // What to do depends on what the finding says: a failure has the rule's steps; a rule that could not
        // judge needs a complete dump (RSN1001's steps); a fact needs nothing.
        var remediationRule = finding.Kind switch
        {
            FindingKind.Fail => finding.RuleId,
            FindingKind.NotApplicable => RuleIds.IncompleteDump,
            _ => null,
        };

        return new ReportFinding
        {
            RuleId = Clean(finding.RuleId),
            Name = Clean(descriptor?.Name ?? finding.RuleId),
            Title = Text(language, finding.RuleId + ".title") ?? Clean(finding.RuleId),
            Severity = finding.Severity,
            Kind = finding.Kind,
            Subject = Clean(finding.Subject),
            Message = Clean(KnownTextKeys.Contains(finding.MessageId)
                ? RuleTexts.Message(language, finding)
                : finding.MessageId + (finding.Arguments.IsEmpty ? string.Empty : ": " + string.Join(", ", finding.Arguments))),
            MessageId = Clean(finding.MessageId),
            Evidence = [.. finding.Evidence.Select(e => new ReportEvidence(Clean(e.Source), e.Line, Clean(e.Dn), CleanOrNull(e.Attribute), CleanOrNull(e.Value)))],
            Remediation = remediationRule is not null && KnownTextKeys.Contains(remediationRule + ".remediation")
                ? [.. RuleTexts.Remediation(language, remediationRule).Select(Clean)]
                : [],
            Fingerprint = Clean(finding.Fingerprint),
            Suppressed = CleanOrNull(finding.SuppressedBecause),
            SuppressionExpired = finding.SuppressionExpired,
            Group = finding.Group,
            HelpUri = Clean(descriptor?.HelpUri ?? $"docs/rules/{finding.RuleId}.md"),
        };
    }

    private static ReportDomain MakeDomain(DomainVerdict verdict)
    {
        var domain = verdict.Domain;
        return new ReportDomain
        {
            Dn = Clean(domain.Dn),
            DnsName = CleanOrNull(domain.DnsName),
            NetbiosName = CleanOrNull(domain.NetbiosName),
            Enabled = domain.Enabled,
            ParentDn = CleanOrNull(domain.ParentDn),
            IsForestRoot = domain.IsForestRoot,
            PartitionInDump = domain.PartitionInDump,
            Prepared = domain.IsPrepared,
            Covered = verdict.Covered,
            Coverage = verdict.Coverage,
            RusInstances = [.. verdict.ServingRus.Select(r => Clean(r.Dn)).Order(StringComparer.Ordinal)],
            Recipients = domain.PartitionInDump ? ReportRecipients.From(domain.Recipients) : null,
        };
    }

    private static ReportReadiness MakeReadiness(ReadinessVerdict verdict, ImmutableArray<ReportDomain> domains)
    {
        var order = domains.Select((d, i) => (Key: DnKey.Of(d.Dn), i)).ToDictionary(x => x.Key, x => x.i);
        return new ReportReadiness(
            [.. verdict.Domains
                .OrderBy(d => order.GetValueOrDefault(d.Domain.Key, int.MaxValue))
                .Select(d => new ReportDomainReadiness(
                    Clean(d.Domain.Dn),
                    CleanOrNull(d.Domain.DnsName),
                    [.. d.ServingRus.Select(r => Clean(r.Dn)).Order(StringComparer.Ordinal)],
                    d.Exchange2007Stops,
                    d.Exchange2010Stops,
                    d.Exchange2013Warns,
                    d.Unknown))],
            verdict.Exchange2013Blocked,
            verdict.BlockedUnknown,
            [.. verdict.LegacyServers.Select(s => Clean(s.Name)).Order(StringComparer.OrdinalIgnoreCase).ThenBy(n => n, StringComparer.Ordinal)],
            ReadinessVerdict.Sources);
    }

    /// <summary>A setup log as the analysis read and compared it. Its text was decoded with replacement, so it holds no lone surrogate; the path is cleaned.</summary>
    private static ReportSetupLog MakeSetupLog(SetupLogComparison c) => new()
    {
        Path = Clean(c.Log.Path),
        Log = c.Log,
        Agreement = c.Agreement,
        Reason = c.Reason,
        DomainDn = c.Domain is null ? null : Clean(c.Domain.Dn),
        DomainLabel = c.Domain is null ? null : Clean(c.Domain.DnsName ?? c.Domain.Dn),
        DumpWouldFire = c.Dump?.RusMissing switch
        {
            ReadinessAnswer.Yes => true,
            ReadinessAnswer.No => false,
            _ => null,
        },
        Newer = c.Order,
    };

    private static ReportRusInstance MakeRus(RusInstanceInfo rus, ForestModel forest) => new(
        Clean(rus.Dn),
        Clean(rus.Name),
        CleanOrNull(rus.DomainLink),
        CleanOrNull(rus.ServerLink),
        forest.ServerOf(rus.ServerLinkKey) is { } server ? Clean(server.Name) : null,
        CleanOrNull(rus.DomainController),
        rus.Serves(forest.ConfigurationKey));

    private static ReportServer MakeServer(ExchangeServerInfo server)
    {
        var v = server.Version;
        var build = v.Generation == ExchangeGeneration.Unknown && v.Major == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{v.Major}.{v.Minor}.{v.Build}");
        return new ReportServer(Clean(server.Dn), Clean(server.Name), Clean(v.Display), build, v.Generation, server.IsFrontEnd, CleanOrNull(server.AdministrativeGroup));
    }

    /// <summary>The analysis's summary with its domain lists in the report's domain order (DNs no domain matches last).</summary>
    private static AnalysisSummary InDomainOrder(AnalysisSummary summary, ImmutableArray<ReportDomain> domains)
    {
        ImmutableArray<string> Order(ImmutableArray<string> dns)
        {
            var keys = dns.Select(DnKey.Of).ToHashSet();
            var known = domains.Where(d => keys.Remove(DnKey.Of(d.Dn))).Select(d => d.Dn).ToList();
            return [.. known.Concat(dns.Where(dn => keys.Contains(DnKey.Of(dn))).Select(Clean))];
        }

        return summary with
        {
            DomainsCovered = Order(summary.DomainsCovered),
            DomainsMissing = Order(summary.DomainsMissing),
            DomainsNotJudged = Order(summary.DomainsNotJudged),
        };
    }

    private static string? Text(ReportLanguage language, string key) =>
        KnownTextKeys.Contains(key) ? Clean(RuleTexts.Get(language, key)) : null;

    private static string? CleanOrNull(string? value) => value is null ? null : Clean(value);

    /// <summary>Replaces lone UTF-16 surrogates (which no UTF-8 writer can encode) with U+FFFD; other text is kept as is.</summary>
    internal static string Clean(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var i = 0;
        while (i < value.Length && !char.IsSurrogate(value[i]))
        {
            i++;
        }

        if (i == value.Length)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb.Append(c).Append(value[++i]);
            }
            else
            {
                sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Tree order: by DNS labels from the right (<c>com, contoso, child</c>), so a child follows its parent.</summary>
    private sealed class DomainOrder : IComparer<ReportDomain>
    {
        public static readonly DomainOrder Instance = new();

        public int Compare(ReportDomain? x, ReportDomain? y)
        {
            if (x is null || y is null)
            {
                return x is null ? (y is null ? 0 : -1) : 1;
            }

            var a = Labels(x);
            var b = Labels(y);
            for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
            {
                var c = StringComparer.OrdinalIgnoreCase.Compare(a[i], b[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            var byLength = a.Count.CompareTo(b.Count);
            return byLength != 0 ? byLength : string.CompareOrdinal(x.Dn, y.Dn);
        }

        private static List<string> Labels(ReportDomain domain)
        {
            List<string> labels = domain.DnsName is { Length: > 0 } dns
                ? [.. dns.Split('.')]
                : DistinguishedName.TryParse(domain.Dn, out var dn)
                    ? [.. dn.Rdns.Where(r => string.Equals(r.Type, "DC", StringComparison.OrdinalIgnoreCase)).Select(r => r.Value)]
                    : [domain.Dn];
            labels.Reverse();
            return labels;
        }
    }
}
