using System.Text;
using RusSnapshot.Analysis.Verdict;
using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Reports.Markdown;

/// <summary>
/// Markdown for tickets and chat (GitHub Flavored Markdown tables): the summary first (verdict, counts, domains,
/// inputs), then the findings by severity, then domain coverage and the Exchange organisation. Every value goes
/// through <see cref="MarkdownText.Escape"/>.
/// </summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    public string Format => "md";

    public string FileExtension => "md";

    public void Write(ReportDocument document, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        var md = new MarkdownBuilder();
        var l = ReportLabels.For(document.Language);

        md.Line("# " + E(l.Title));
        md.Blank();
        md.Line(P(l.Subtitle));
        md.Blank();
        md.Line($"- {E(l.GeneratedAt)}{l.Colon}{E(ReportText.Timestamp(document.GeneratedAt))}");
        md.Line($"- {E(l.Tool)}{l.Colon}{E(document.Tool.Name)} {E(document.Tool.Version)}");
        md.Line($"- {E(l.RuleCatalog)}{l.Colon}{E(document.Tool.RuleCatalogVersion)}");
        if (document.Tool.CommandLine is { } commandLine)
        {
            md.Line($"- {E(l.CommandLine)}{l.Colon}{E(commandLine)}");
        }

        md.Blank();
        WriteSummary(md, document, l);
        WriteInputs(md, document, l);
        WriteFindings(md, document, l);
        WriteCoverage(md, document, l);
        WriteReadiness(md, document, l);
        WriteSetupLogs(md, document, l);
        WriteExchange(md, document, l);

        md.Line("---");
        md.Blank();
        md.Line(P(l.Footer));
        output.Write(md.ToString());
    }

    private static void WriteSummary(MarkdownBuilder md, ReportDocument d, ReportLabels l)
    {
        var s = d.Summary;
        md.Line("## " + E(l.Summary));
        md.Blank();
        md.Line($"**{E(l.Verdict)}{l.Colon}{E(l.VerdictText(s.Verdict))}**");
        md.Blank();
        md.Table(
            [l.Summary, l.Count],
            [false, true],
            [
                [l.Errors, ReportText.Number(s.Errors)],
                [l.Warnings, ReportText.Number(s.Warnings)],
                [l.Infos, ReportText.Number(s.Infos)],
                [l.NotApplicable, ReportText.Number(s.NotApplicable)],
                [l.SuppressedCount, ReportText.Number(s.Suppressed)],
                [l.DomainsCovered, ReportText.Number(s.DomainsCovered.Length)],
                [l.DomainsMissing, ReportText.Number(s.DomainsMissing.Length)],
                [l.DomainsNotJudged, ReportText.Number(s.DomainsNotJudged.Length)],
            ]);
        DomainList(md, d, l, l.DomainsMissing, s.DomainsMissing);
        DomainList(md, d, l, l.DomainsNotJudged, s.DomainsNotJudged);
    }

    private static void DomainList(MarkdownBuilder md, ReportDocument d, ReportLabels l, string label, IReadOnlyCollection<string> dns)
    {
        if (dns.Count == 0)
        {
            return;
        }

        md.Line(E(label) + l.Colon.TrimEnd());
        md.Blank();
        foreach (var dn in dns)
        {
            var domain = d.Forest.Domains.FirstOrDefault(x => string.Equals(x.Dn, dn, StringComparison.Ordinal));
            md.Line(domain?.DnsName is { } dns1 ? $"- {E(dns1)} ({E(dn)})" : $"- {E(dn)}");
        }

        md.Blank();
    }

    private static void WriteInputs(MarkdownBuilder md, ReportDocument d, ReportLabels l)
    {
        md.Line("### " + E(l.Inputs));
        md.Blank();
        if (d.Inputs.IsEmpty)
        {
            md.Line(E(l.NoInputs));
            md.Blank();
            return;
        }

        md.Table(
            [l.File, l.Format, l.Dialect, l.Encoding, l.Entries, l.Duplicates, l.ReadErrors, l.ReadWarnings, l.Complete, l.CollectedBy, l.Sha256],
            [false, false, false, false, true, true, true, true, false, false, false],
            [.. d.Inputs.Select(i => new[]
            {
                i.Path, i.Format ?? l.Unknown, i.Dialect, i.Encoding ?? l.Unknown,
                ReportText.Number(i.Entries), ReportText.Number(i.Duplicates), ReportText.Number(i.Errors), ReportText.Number(i.Warnings),
                l.YesNo(i.Complete), i.CollectedBy ?? string.Empty, i.Sha256 ?? string.Empty,
            })]);
    }

    private static void WriteFindings(MarkdownBuilder md, ReportDocument d, ReportLabels l)
    {
        md.Line("## " + E(l.Findings));
        md.Blank();
        if (d.Findings.IsEmpty)
        {
            md.Line(E(l.NoFindings));
            md.Blank();
            return;
        }

        foreach (var group in d.Findings.GroupBy(f => f.Group))
        {
            md.Line($"### {E(l.GroupName(group.Key))} ({ReportText.Number(group.Count())})");
            md.Blank();
            foreach (var f in group)
            {
                md.Line($"#### {E(f.RuleId)} {E(f.Name)}{l.Colon}{E(f.Title)}");
                md.Blank();
                md.Line(P(f.Message));
                md.Blank();
                md.Line($"- {E(l.Severity)}{l.Colon}{E(l.SeverityName(f.Severity))} ({E(l.KindName(f.Kind))})");
                md.Line($"- {E(l.Subject)}{l.Colon}{(f.Subject.Length == 0 ? E(l.ForestWide) : E(f.Subject))}");
                if (f.Suppressed is { } reason)
                {
                    md.Line($"- {E(l.SuppressedBecause)}{l.Colon}{E(reason)}");
                }

                if (f.SuppressionExpired is { } expired)
                {
                    md.Line($"- {E(l.SuppressionExpired)}{l.Colon}{E(ReportText.Date(expired))}");
                }

                md.Line($"- {E(l.Fingerprint)}{l.Colon}{E(f.Fingerprint)}");
                md.Line($"- {E(l.Documentation)}{l.Colon}{E(f.HelpUri)}");
                md.Blank();
                if (!f.Evidence.IsEmpty)
                {
                    md.Line($"{E(l.Evidence)}{l.Colon.TrimEnd()}");
                    md.Blank();
                    foreach (var e in f.Evidence)
                    {
                        md.Line("- " + Evidence(e, l));
                    }

                    md.Blank();
                }

                if (!f.Remediation.IsEmpty)
                {
                    md.Line($"{E(l.Remediation)}{l.Colon.TrimEnd()}");
                    md.Blank();
                    for (var i = 0; i < f.Remediation.Length; i++)
                    {
                        md.Line($"{ReportText.Number(i + 1)}. {E(f.Remediation[i])}");
                    }

                    md.Blank();
                }
            }
        }
    }

    /// <summary><c>file:line DN attribute=value</c>, each part escaped; the line is left out when there is none.</summary>
    private static string Evidence(ReportEvidence e, ReportLabels l)
    {
        var sb = new StringBuilder();
        sb.Append(E(e.Source));
        if (e.Line > 0)
        {
            sb.Append(':').Append(ReportText.Number(e.Line));
        }

        if (e.Dn.Length > 0)
        {
            sb.Append(' ').Append(E(e.Dn));
        }

        if (e.Attribute is not null)
        {
            sb.Append(' ').Append(E(e.Attribute));
            if (e.Value is not null)
            {
                sb.Append('=').Append(E(e.Value));
            }
            else
            {
                sb.Append(" *").Append(E(l.NotSet)).Append('*');
            }
        }
        else if (e.Value is not null)
        {
            sb.Append(' ').Append(E(e.Value));
        }

        return sb.ToString();
    }

    private static void WriteCoverage(MarkdownBuilder md, ReportDocument d, ReportLabels l)
    {
        md.Line("## " + E(l.Coverage));
        md.Blank();
        md.Line($"{E(l.ConfigurationPartition)}{l.Colon}{E(d.Forest.ConfigurationDn ?? l.Unknown)}");
        md.Blank();
        if (d.Forest.Domains.IsEmpty)
        {
            md.Line(E(l.NoDomains));
            md.Blank();
        }
        else
        {
            md.Table(
                [l.Domain, l.RusCoverage, l.RusInstances, l.MailEnabled, l.Stamped, l.Unstamped, l.OptedOut, l.Mailboxes, l.NetbiosName, l.Enabled, l.PartitionInDump, l.Prepared, l.DistinguishedName],
                [false, false, false, true, true, true, true, true, false, false, false, false, false],
                [.. d.Forest.Domains.Select(x =>
                {
                    var r = x.Recipients;
                    string N(Func<ReportRecipients, long> count) => r is null ? l.Unknown : ReportText.Number(count(r));
                    return new[]
                    {
                        x.Label, l.CoverageName(x.Coverage), RusNames(d, x, l),
                        N(c => c.MailEnabled), N(c => c.Stamped), N(c => c.Unstamped), N(c => c.OptedOut), N(c => c.Mailboxes),
                        x.NetbiosName ?? string.Empty, l.YesNo(x.Enabled), l.YesNo(x.PartitionInDump), l.YesNo(x.Prepared), x.Dn,
                    };
                })]);
        }

        var u = d.Forest.UnassignedRecipients;
        if (u.MailEnabled > 0)
        {
            md.Line($"{E(l.UnassignedRecipients)}{l.Colon}{E(l.MailEnabled)} {ReportText.Number(u.MailEnabled)}, {E(l.Stamped)} {ReportText.Number(u.Stamped)}, {E(l.Unstamped)} {ReportText.Number(u.Unstamped)}");
            md.Blank();
        }
    }

    private static void WriteReadiness(MarkdownBuilder md, ReportDocument d, ReportLabels l)
    {
        var r = d.Readiness;
        md.Line("## " + E(l.Readiness));
        md.Blank();
        md.Line($"*{E(l.Derived)}.* {E(l.ReadinessIntro)}");
        md.Blank();
        if (r.Domains.IsEmpty)
        {
            md.Line(E(l.NoDomains));
            md.Blank();
        }
        else
        {
            md.Table(
                [l.Domain, l.Exchange2007Setup, l.Exchange2010Setup, l.Exchange2013Setup, l.RusInstances],
                [false, false, false, false, false],
                [.. r.Domains.Select(x => new[]
                {
                    x.Label, l.StopsText(x.Exchange2007Stops, x.Unknown), l.StopsText(x.Exchange2010Stops, x.Unknown), l.WarnsText(x.Exchange2013Warns, x.Unknown),
                    x.RusInstances.IsEmpty ? l.None : string.Join("; ", x.RusInstances.Select(dn => d.Exchange.RusInstances.FirstOrDefault(i => string.Equals(i.Dn, dn, StringComparison.Ordinal))?.Name ?? dn)),
                })]);
        }

        md.Line($"- {E(l.Exchange2013ForestWide)}{l.Colon}**{E(l.BlockedText(r.Exchange2013Blocked, r.BlockedUnknown))}**");
        md.Line($"- {E(l.LegacyServers)}{l.Colon}{(r.LegacyServers.IsEmpty ? E(l.None) : string.Join(", ", r.LegacyServers.Select(E)))}");
        md.Blank();
        md.Line($"{E(l.Sources)}{l.Colon.TrimEnd()}");
        md.Blank();
        foreach (var source in r.Sources)
        {
            md.Line("- " + E(source));
        }

        md.Blank();
    }

    private static void WriteSetupLogs(MarkdownBuilder md, ReportDocument d, ReportLabels l)
    {
        if (d.SetupLogs.IsEmpty)
        {
            return;
        }

        md.Line("## " + E(l.SetupLogs));
        md.Blank();
        foreach (var s in d.SetupLogs)
        {
            var log = s.Log;
            md.Line("### " + E(s.Path));
            md.Blank();
            md.Line($"**{E(l.AgainstTheDump)}{l.Colon}{E(l.AgreementText(s.Agreement, s.Reason))}**");
            md.Blank();
            if (s.DomainLabel is { } domain)
            {
                md.Line($"- {E(l.Domain)}{l.Colon}{E(domain)}");
            }

            if (s.DumpWouldFire is { } would)
            {
                md.Line($"- {E(l.DumpView)}{l.Colon}{E(would ? l.WouldFire : l.WouldNotFire)}");
            }

            md.Line($"- {E(l.Newer)}{l.Colon}{E(l.OrderText(s.Newer))}");
            md.Line($"- {E(l.Complete)}{l.Colon}{E(l.YesNo(log.Complete))}");
            md.Blank();
            if (log.Run is not { } run)
            {
                md.Line(E(l.NoRunRead));
                md.Blank();
            }
            else
            {
                var which = log.RequestedRun is null ? l.RunLast : l.RunAsked;
                md.Line($"{E(l.RunRead)}{l.Colon}{ReportText.Number(run.Number)} {E(l.Of)} {ReportText.Number(log.RunCount)} ({E(which)}), {E(s.Path)}:{ReportText.Number(run.Line)}");
                md.Blank();
                md.Table(
                    [l.Name, l.Value],
                    [false, false],
                    [
                        [l.Started, run.Started is null ? l.Unknown : run.Format(run.Started)],
                        [l.TimeZone, run.TimeZone ?? l.Unknown],
                        [l.Product, run.Product ?? l.Unknown],
                        [l.SetupVersion, run.SetupVersion ?? l.Unknown],
                        [l.Mode, run.Mode ?? l.Unknown],
                        [l.User, run.User ?? l.Unknown],
                        [l.Succeeded, l.YesNo(run.Succeeded)],
                        [l.Ended, l.YesNo(run.Ended)],
                        [l.ReadinessEvaluations, ReportText.Number(run.ReadinessEvaluations)],
                        [l.RusMissingSeen, run.RusMissing is { } rm ? $"{l.FiredText(rm.Rule.Fired)} ({s.Path}:{ReportText.Number(rm.Rule.Line)})" : l.NotEvaluated],
                        [l.LocalDomain, Setting(run.RusMissing?.DomainNcName, s.Path, l)],
                        [l.RusFound, Setting(run.RusMissing?.RusName, s.Path, l)],
                        [l.LegacySeen, run.RusMissing?.LegacyServerSeen is { } seen ? l.YesNo(seen) : l.Unknown],
                        [l.ServerVersionsRead, run.RusMissing is { SerialNumbers.IsEmpty: false } v ? string.Join("; ", v.SerialNumbers.Select(x => x.Value)) : l.None],
                        [l.LegacyRule, run.Exchange2000Or2003PresentInOrg is { } legacy ? $"{l.FiredText(legacy.Fired)} ({s.Path}:{ReportText.Number(legacy.Line)})" : l.NotEvaluated],
                    ]);
                if (!run.Fired.IsEmpty)
                {
                    md.Line($"{E(l.FiredRules)}{l.Colon.TrimEnd()}");
                    md.Blank();
                    md.Table(
                        [l.Level, l.Rule, l.Message, l.Line],
                        [false, false, false, true],
                        [.. run.Fired.Select(f => new[] { l.LevelText(f.Level), f.Rule ?? l.Unknown, f.Message, ReportText.Number(f.Line) })]);
                }
            }

            if (log.Runs.Length > 1)
            {
                md.Line($"{E(l.RunsInLog)}{l.Colon.TrimEnd()}");
                md.Blank();
                md.Table(
                    [l.Run, l.Line, l.Started, l.Product, l.SetupVersion, l.Mode, l.Succeeded],
                    [true, true, false, false, false, false, false],
                    [.. log.Runs.Select(r => new[]
                    {
                        ReportText.Number(r.Number), ReportText.Number(r.Line), r.Started is null ? l.Unknown : r.StartedText,
                        r.Product ?? l.Unknown, r.SetupVersion ?? l.Unknown, r.Mode ?? l.Unknown, l.YesNo(r.Succeeded),
                    })]);
            }

            if (!log.Diagnostics.IsEmpty)
            {
                md.Line($"{E(l.LogProblems)}{l.Colon.TrimEnd()}");
                md.Blank();
                foreach (var diag in log.Diagnostics)
                {
                    md.Line("- " + E(diag.ToString()) + $" ({E(diag.Code)})");
                }

                md.Blank();
            }
        }
    }

    /// <summary>A setting's value and line, <c>(none)</c> for an empty value, <c>unknown</c> when not evaluated.</summary>
    private static string Setting(Analysis.SetupLogs.SetupSetting? setting, string path, ReportLabels l) =>
        setting is null ? l.Unknown
        : $"{(setting.Value.Length == 0 ? l.None : setting.Value)} ({path}:{ReportText.Number(setting.Line)})";

    private static string RusNames(ReportDocument d, ReportDomain domain, ReportLabels l) =>
        domain.RusInstances.IsEmpty
            ? l.None
            : string.Join("; ", domain.RusInstances.Select(dn =>
                d.Exchange.RusInstances.FirstOrDefault(r => string.Equals(r.Dn, dn, StringComparison.Ordinal))?.Name ?? dn));

    private static void WriteExchange(MarkdownBuilder md, ReportDocument d, ReportLabels l)
    {
        var x = d.Exchange;
        md.Line("## " + E(l.Exchange));
        md.Blank();
        md.Line(x.Organization is { } org
            ? $"{E(l.Organization)}{l.Colon}{E(org.Name)} ({E(org.Dn)})"
            : E(l.NoOrganization));
        md.Blank();
        if (!x.AdministrativeGroups.IsEmpty)
        {
            md.Line($"{E(l.AdministrativeGroups)}{l.Colon}{string.Join(", ", x.AdministrativeGroups.Select(E))}");
            md.Blank();
        }

        md.Line("### " + E(l.Servers));
        md.Blank();
        if (x.Servers.IsEmpty)
        {
            md.Line(E(l.NoServers));
            md.Blank();
        }
        else
        {
            md.Table(
                [l.Name, l.Version, l.Build, l.FrontEnd, l.AdministrativeGroup, l.DistinguishedName],
                [false, false, false, false, false, false],
                [.. x.Servers.Select(s => new[] { s.Name, s.Version, s.Build ?? l.Unknown, l.YesNo(s.FrontEnd), s.AdministrativeGroup ?? string.Empty, s.Dn })]);
        }

        md.Line("### " + E(l.RusInstances));
        md.Blank();
        if (x.RusInstances.IsEmpty)
        {
            md.Line(E(l.NoRusInstances));
            md.Blank();
        }
        else
        {
            md.Table(
                [l.Name, l.Serves, l.ExchangeServer, l.DomainController, l.Enterprise, l.DistinguishedName],
                [false, false, false, false, false, false],
                [.. x.RusInstances.Select(r => new[]
                {
                    r.Name, r.DomainLink ?? l.None,
                    r.ServerName ?? (r.ServerLink is null ? l.None : $"{r.ServerLink} ({l.NotInDump})"),
                    r.DomainController ?? l.None, l.YesNo(r.Enterprise), r.Dn,
                })]);
        }
    }

    private static string E(string value) => MarkdownText.Escape(value);

    /// <summary>Escapes text that starts a paragraph.</summary>
    private static string P(string value) => MarkdownText.Escape(value, atLineStart: true);
}
