using System.Text;
using RusSnapshot.Analysis.Verdict;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Reports.Html;

/// <summary>
/// One self-contained HTML file: inline CSS, an inline SVG chart, no script, no external resource, and a
/// Content-Security-Policy that forbids loading anything. Readable on a phone (tables become cards) and printed.
/// Every value goes through <see cref="HtmlText.Encode"/>, in text and in attributes.
/// </summary>
public sealed class HtmlReportWriter : IReportWriter
{
    /// <summary>Nothing may be fetched, run, framed or submitted; only the inline style sheet and data: images apply.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    public string Format => "html";

    public string FileExtension => "html";

    public void Write(ReportDocument document, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        var l = ReportLabels.For(document.Language);
        var h = new HtmlBuilder();

        h.BeginPage(document.Language, $"{l.Title}{l.Colon}{l.VerdictText(document.Summary.Verdict)} ({ReportText.Timestamp(document.GeneratedAt)})",
            $"{document.Tool.Name} {document.Tool.Version}");

        WriteHeader(h, document, l);
        h.Raw("<main>");
        WriteSummary(h, document, l);
        WriteCoverage(h, document, l);
        WriteReadiness(h, document, l);
        WriteSetupLogs(h, document, l);
        WriteFindings(h, document, l);
        WriteExchange(h, document, l);
        WriteInputs(h, document, l);
        h.Raw("</main>");
        h.EndPage(l.Footer);
        output.Write(h.ToString());
    }

    private static void WriteHeader(HtmlBuilder h, ReportDocument d, ReportLabels l)
    {
        h.Raw("<header>");
        h.Raw($"<h1>{T(l.Title)}</h1>");
        h.Raw($"<p class=\"sub\">{T(l.Subtitle)}</p>");
        h.Raw("<dl class=\"meta\">");
        h.Meta(l.GeneratedAt, $"<time datetime=\"{A(ReportText.Timestamp(d.GeneratedAt))}\">{T(ReportText.Timestamp(d.GeneratedAt))}</time>");
        h.Meta(l.Tool, $"{T(d.Tool.Name)} {T(d.Tool.Version)}");
        h.Meta(l.RuleCatalog, T(d.Tool.RuleCatalogVersion));
        if (d.Tool.CommandLine is { } commandLine)
        {
            h.Meta(l.CommandLine, $"<code>{T(commandLine)}</code>");
        }

        h.Raw("</dl>");
        h.Raw("<nav><ul>");
        h.Raw($"<li><a href=\"#summary\">{T(l.Summary)}</a></li>");
        h.Raw($"<li><a href=\"#coverage\">{T(l.Coverage)}</a></li>");
        h.Raw($"<li><a href=\"#readiness\">{T(l.Readiness)}</a></li>");
        if (!d.SetupLogs.IsEmpty)
        {
            h.Raw($"<li><a href=\"#setup-logs\">{T(l.SetupLogs)}</a></li>");
        }

        h.Raw($"<li><a href=\"#findings\">{T(l.Findings)}</a></li>");
        h.Raw($"<li><a href=\"#exchange\">{T(l.Exchange)}</a></li>");
        h.Raw($"<li><a href=\"#inputs\">{T(l.Inputs)}</a></li>");
        h.Raw("</ul></nav>");
        h.Raw("</header>");
    }

    private static void WriteSummary(HtmlBuilder h, ReportDocument d, ReportLabels l)
    {
        var s = d.Summary;
        h.Raw("<section id=\"summary\">");
        h.Raw($"<h2>{T(l.Summary)}</h2>");
        h.Raw($"<p class=\"verdict {s.Verdict.ToName()}\" data-verdict=\"{s.Verdict.ToName()}\">{T(l.Verdict)}{T(l.Colon)}{T(l.VerdictText(s.Verdict))}</p>");
        h.Raw("<ul class=\"counts\">");
        h.Count("error", l.Errors, s.Errors);
        h.Count("warning", l.Warnings, s.Warnings);
        h.Count("info", l.Infos, s.Infos);
        h.Count("notApplicable", l.NotApplicable, s.NotApplicable);
        h.Count("suppressed", l.SuppressedCount, s.Suppressed);
        h.Raw("</ul>");
        h.Raw("<ul class=\"counts\">");
        h.Count("covered", l.DomainsCovered, s.DomainsCovered.Length);
        h.Count("missing", l.DomainsMissing, s.DomainsMissing.Length);
        h.Count("notJudged", l.DomainsNotJudged, s.DomainsNotJudged.Length);
        h.Raw("</ul>");
        DomainList(h, d, "missing", l.DomainsMissing, s.DomainsMissing);
        DomainList(h, d, "notJudged", l.DomainsNotJudged, s.DomainsNotJudged);
        h.Raw("</section>");
    }

    private static void DomainList(HtmlBuilder h, ReportDocument d, string kind, string label, IReadOnlyCollection<string> dns)
    {
        if (dns.Count == 0)
        {
            return;
        }

        h.Raw($"<h3>{T(label)}</h3>");
        h.Raw($"<ul class=\"domains {kind}\">");
        foreach (var dn in dns)
        {
            var domain = d.Forest.Domains.FirstOrDefault(x => string.Equals(x.Dn, dn, StringComparison.Ordinal));
            h.Raw(domain?.DnsName is { } name
                ? $"<li><strong>{T(name)}</strong> <span class=\"dn\">{T(dn)}</span></li>"
                : $"<li><span class=\"dn\">{T(dn)}</span></li>");
        }

        h.Raw("</ul>");
    }

    private static void WriteCoverage(HtmlBuilder h, ReportDocument d, ReportLabels l)
    {
        h.Raw("<section id=\"coverage\">");
        h.Raw($"<h2>{T(l.Coverage)}</h2>");
        h.Raw($"<p>{T(l.ConfigurationPartition)}{T(l.Colon)}<span class=\"dn\">{T(d.Forest.ConfigurationDn ?? l.Unknown)}</span></p>");
        if (d.Forest.Domains.IsEmpty)
        {
            h.Raw($"<p>{T(l.NoDomains)}</p>");
            h.Raw("</section>");
            return;
        }

        h.Raw("<figure class=\"chart\">");
        h.Raw(CoverageChart.Svg(d, l));
        h.Raw($"<figcaption>{T(l.CoverageChart)}</figcaption>");
        h.Raw("</figure>");
        h.Raw("<ul class=\"legend\">");
        foreach (var c in new[] { DomainCoverage.Covered, DomainCoverage.Missing, DomainCoverage.NotJudged, DomainCoverage.NotRequired })
        {
            h.Raw($"<li><span class=\"sw {c.ToName()}\"></span>{T(l.CoverageName(c))}</li>");
        }

        h.Raw($"<li><span class=\"sw stamped\"></span>{T(l.Stamped)}</li>");
        h.Raw($"<li><span class=\"sw unstamped\"></span>{T(l.Unstamped)}</li>");
        h.Raw($"<li><span class=\"sw optedOut\"></span>{T(l.OptedOut)}</li>");
        h.Raw("</ul>");

        var table = new TableWriter(h, "domains",
            [l.Domain, l.RusCoverage, l.RusInstances, l.MailEnabled, l.Stamped, l.Unstamped, l.OptedOut, l.Mailboxes]);
        foreach (var x in d.Forest.Domains)
        {
            var r = x.Recipients;
            string N(Func<ReportRecipients, long> count) => r is null ? T(l.Unknown) : ReportText.Number(count(r));
            var about = new List<string>();
            if (x.NetbiosName is not null)
            {
                about.Add($"{T(l.NetbiosName)} {T(x.NetbiosName)}");
            }

            if (x.IsForestRoot)
            {
                about.Add($"<span class=\"tag\">{T(l.ForestRoot)}</span>");
            }

            if (!x.Enabled)
            {
                about.Add($"<span class=\"tag\">{T(l.Disabled)}</span>");
            }

            if (!x.PartitionInDump)
            {
                about.Add($"<span class=\"tag warn\">{T(l.PartitionNotInDump)}</span>");
            }
            else if (!x.Prepared)
            {
                about.Add($"<span class=\"tag\">{T(l.NotPrepared)}</span>");
            }

            table.Row($"data-coverage=\"{x.Coverage.ToName()}\"",
                Cell.Value($"<strong>{T(x.Label)}</strong><br><span class=\"dn\">{T(x.Dn)}</span><br><small>{string.Join(" ", about)}</small>", "wide"),
                Cell.Label($"<span class=\"status {x.Coverage.ToName()}\">{T(l.CoverageName(x.Coverage))}</span>"),
                x.RusInstances.IsEmpty
                    ? Cell.Label(T(l.None))
                    : Cell.Value(string.Join("<br>", x.RusInstances.Select(dn => T(d.Exchange.RusInstances.FirstOrDefault(i => string.Equals(i.Dn, dn, StringComparison.Ordinal))?.Name ?? dn)))),
                Cell.Number(N(c => c.MailEnabled)),
                Cell.Number(N(c => c.Stamped)),
                Cell.Number(N(c => c.Unstamped)),
                Cell.Number(N(c => c.OptedOut)),
                Cell.Number(N(c => c.Mailboxes)));
        }

        table.End();

        var u = d.Forest.UnassignedRecipients;
        if (u.MailEnabled > 0)
        {
            h.Raw($"<p>{T(l.UnassignedRecipients)}{T(l.Colon)}{T(l.MailEnabled)} {ReportText.Number(u.MailEnabled)}, {T(l.Stamped)} {ReportText.Number(u.Stamped)}, {T(l.Unstamped)} {ReportText.Number(u.Unstamped)}, {T(l.OptedOut)} {ReportText.Number(u.OptedOut)}</p>");
        }

        h.Raw("</section>");
    }

    private static void WriteReadiness(HtmlBuilder h, ReportDocument d, ReportLabels l)
    {
        var r = d.Readiness;
        h.Raw("<section id=\"readiness\">");
        h.Raw($"<h2>{T(l.Readiness)}</h2>");
        h.Raw($"<p><span class=\"tag\">{T(l.Derived)}</span> {T(l.ReadinessIntro)}</p>");
        h.Raw($"<p class=\"verdict {(r.Exchange2013Blocked == ReadinessAnswer.Yes ? "fail" : r.Exchange2013Blocked == ReadinessAnswer.No ? "pass" : "incomplete")}\" data-blocked=\"{Answer(r.Exchange2013Blocked)}\">"
            + $"{T(l.Exchange2013ForestWide)}{T(l.Colon)}{T(l.BlockedText(r.Exchange2013Blocked, r.BlockedUnknown))}</p>");
        if (r.Domains.IsEmpty)
        {
            h.Raw($"<p>{T(l.NoDomains)}</p>");
        }
        else
        {
            var table = new TableWriter(h, "readiness", [l.Domain, l.Exchange2007Setup, l.Exchange2010Setup, l.Exchange2013Setup, l.RusInstances]);
            foreach (var x in r.Domains)
            {
                table.Row($"data-rus-missing=\"{Answer(x.Exchange2013Warns)}\"",
                    Cell.Value($"<strong>{T(x.Label)}</strong><br><span class=\"dn\">{T(x.Dn)}</span>", "wide"),
                    Cell.Status(Status(x.Exchange2007Stops, l.StopsText(x.Exchange2007Stops, x.Unknown))),
                    Cell.Status(Status(x.Exchange2010Stops, l.StopsText(x.Exchange2010Stops, x.Unknown))),
                    Cell.Status(Status(x.Exchange2013Warns, l.WarnsText(x.Exchange2013Warns, x.Unknown))),
                    x.RusInstances.IsEmpty
                        ? Cell.Label(T(l.None))
                        : Cell.Value(string.Join("<br>", x.RusInstances.Select(dn => T(d.Exchange.RusInstances.FirstOrDefault(i => string.Equals(i.Dn, dn, StringComparison.Ordinal))?.Name ?? dn)))));
            }

            table.End();
        }

        h.Raw($"<p>{T(l.LegacyServers)}{T(l.Colon)}{(r.LegacyServers.IsEmpty ? T(l.None) : string.Join(", ", r.LegacyServers.Select(T)))}</p>");
        h.Raw($"<h3>{T(l.Sources)}</h3>");
        h.Raw("<ul class=\"sources\">");
        foreach (var source in r.Sources)
        {
            h.Raw($"<li>{T(source)}</li>");
        }

        h.Raw("</ul>");
        h.Raw("</section>");
    }

    private static string Answer(ReadinessAnswer answer) => answer switch
    {
        ReadinessAnswer.Yes => "yes",
        ReadinessAnswer.No => "no",
        _ => "unknown",
    };

    private static string Status(ReadinessAnswer answer, string text) => $"<span class=\"status {Answer(answer)}\">{T(text)}</span>";

    private static void WriteSetupLogs(HtmlBuilder h, ReportDocument d, ReportLabels l)
    {
        if (d.SetupLogs.IsEmpty)
        {
            return;
        }

        h.Raw("<section id=\"setup-logs\">");
        h.Raw($"<h2>{T(l.SetupLogs)}</h2>");
        var n = 0;
        foreach (var s in d.SetupLogs)
        {
            n++;
            var log = s.Log;
            h.Raw($"<article class=\"setup-log\" id=\"setup-log-{ReportText.Number(n)}\" data-agreement=\"{s.Agreement.ToName()}\">");
            h.Raw($"<h3><code>{T(s.Path)}</code></h3>");
            var kind = s.Agreement == SetupLogAgreement.Disagrees ? "warning" : s.Agreement == SetupLogAgreement.Agrees ? "pass" : "incomplete";
            h.Raw($"<p class=\"verdict {kind}\">{T(l.AgainstTheDump)}{T(l.Colon)}{T(l.AgreementText(s.Agreement, s.Reason))}</p>");
            h.Raw("<dl class=\"meta\">");
            if (s.DomainLabel is { } domain)
            {
                h.Meta(l.Domain, T(domain));
            }

            if (s.DumpWouldFire is { } would)
            {
                h.Meta(l.DumpView, T(would ? l.WouldFire : l.WouldNotFire));
            }

            h.Meta(l.Newer, T(l.OrderText(s.Newer)));
            h.Meta(l.Complete, T(l.YesNo(log.Complete)));
            h.Raw("</dl>");
            if (log.Run is not { } run)
            {
                h.Raw($"<p>{T(l.NoRunRead)}</p>");
            }
            else
            {
                var which = log.RequestedRun is null ? l.RunLast : l.RunAsked;
                h.Raw($"<p>{T(l.RunRead)}{T(l.Colon)}{ReportText.Number(run.Number)} {T(l.Of)} {ReportText.Number(log.RunCount)} ({T(which)}), <code>{T(s.Path)}:{ReportText.Number(run.Line)}</code></p>");
                var table = new TableWriter(h, $"setup-run-{ReportText.Number(n)}", [l.Name, l.Value]);
                void Row(string name, string html) => table.Row(string.Empty, Cell.Label(T(name)), Cell.Value(html));
                string Where(long line) => $" <code class=\"where\">{T(s.Path)}:{ReportText.Number(line)}</code>";
                string Setting(Analysis.SetupLogs.SetupSetting? setting) => setting is null ? T(l.Unknown)
                    : (setting.Value.Length == 0 ? $"<em>{T(l.None)}</em>" : $"<span class=\"value\">{T(setting.Value)}</span>") + Where(setting.Line);
                Row(l.Started, T(run.Started is null ? l.Unknown : run.Format(run.Started)));
                Row(l.TimeZone, T(run.TimeZone ?? l.Unknown));
                Row(l.Product, T(run.Product ?? l.Unknown));
                Row(l.SetupVersion, T(run.SetupVersion ?? l.Unknown));
                Row(l.Mode, T(run.Mode ?? l.Unknown));
                Row(l.User, T(run.User ?? l.Unknown));
                Row(l.Succeeded, T(l.YesNo(run.Succeeded)));
                Row(l.Ended, T(l.YesNo(run.Ended)));
                Row(l.ReadinessEvaluations, ReportText.Number(run.ReadinessEvaluations));
                Row(l.RusMissingSeen, run.RusMissing is { } rm ? $"<strong>{T(l.FiredText(rm.Rule.Fired))}</strong>{Where(rm.Rule.Line)}" : T(l.NotEvaluated));
                Row(l.LocalDomain, Setting(run.RusMissing?.DomainNcName));
                Row(l.RusFound, Setting(run.RusMissing?.RusName));
                Row(l.LegacySeen, T(run.RusMissing?.LegacyServerSeen is { } seen ? l.YesNo(seen) : l.Unknown));
                Row(l.ServerVersionsRead, run.RusMissing is { SerialNumbers.IsEmpty: false } v ? string.Join("<br>", v.SerialNumbers.Select(x => T(x.Value) + Where(x.Line))) : T(l.None));
                Row(l.LegacyRule, run.Exchange2000Or2003PresentInOrg is { } legacy ? T(l.FiredText(legacy.Fired)) + Where(legacy.Line) : T(l.NotEvaluated));
                table.End();
                if (!run.Fired.IsEmpty)
                {
                    h.Raw($"<h4>{T(l.FiredRules)}</h4>");
                    var fired = new TableWriter(h, $"setup-fired-{ReportText.Number(n)}", [l.Level, l.Rule, l.Message, l.Line]);
                    foreach (var f in run.Fired)
                    {
                        fired.Row($"data-level=\"{f.Level.ToName()}\"", Cell.Label(T(l.LevelText(f.Level))), Cell.Text(f.Rule ?? l.Unknown), Cell.Text(f.Message), Cell.Number(ReportText.Number(f.Line)));
                    }

                    fired.End();
                }
            }

            if (log.Runs.Length > 1)
            {
                h.Raw($"<h4>{T(l.RunsInLog)}</h4>");
                var runs = new TableWriter(h, $"setup-runs-{ReportText.Number(n)}", [l.Run, l.Line, l.Started, l.Product, l.SetupVersion, l.Mode, l.Succeeded]);
                foreach (var r in log.Runs)
                {
                    runs.Row(string.Empty, Cell.Number(ReportText.Number(r.Number)), Cell.Number(ReportText.Number(r.Line)),
                        Cell.Label(T(r.Started is null ? l.Unknown : r.StartedText)), Cell.Text(r.Product ?? l.Unknown), Cell.Text(r.SetupVersion ?? l.Unknown),
                        Cell.Text(r.Mode ?? l.Unknown), Cell.Label(T(l.YesNo(r.Succeeded))));
                }

                runs.End();
            }

            if (!log.Diagnostics.IsEmpty)
            {
                h.Raw($"<h4>{T(l.LogProblems)}</h4>");
                h.Raw("<ul class=\"evidence\">");
                foreach (var diag in log.Diagnostics)
                {
                    h.Raw($"<li><code class=\"where\">{T(diag.Position.ToString())}</code> <code>{T(diag.Code)}</code> {T(diag.Message)}</li>");
                }

                h.Raw("</ul>");
            }

            h.Raw("</article>");
        }

        h.Raw("</section>");
    }

    private static void WriteFindings(HtmlBuilder h, ReportDocument d, ReportLabels l)
    {
        h.Raw("<section id=\"findings\">");
        h.Raw($"<h2>{T(l.Findings)}</h2>");
        if (d.Findings.IsEmpty)
        {
            h.Raw($"<p>{T(l.NoFindings)}</p>");
        }

        var n = 0;
        foreach (var group in d.Findings.GroupBy(f => f.Group))
        {
            h.Raw($"<h3 id=\"group-{group.Key.ToName()}\">{T(l.GroupName(group.Key))} ({ReportText.Number(group.Count())})</h3>");
            foreach (var f in group)
            {
                n++;
                WriteFinding(h, f, l, n);
            }
        }

        h.Raw("</section>");
    }

    private static void WriteFinding(HtmlBuilder h, ReportFinding f, ReportLabels l, int n)
    {
        var group = f.Group.ToName();
        h.Raw($"<article class=\"finding {group}\" id=\"finding-{ReportText.Number(n)}\" data-fingerprint=\"{A(f.Fingerprint)}\" data-rule=\"{A(f.RuleId)}\" data-severity=\"{f.Severity.ToName()}\" data-kind=\"{f.Kind.ToName()}\">");
        h.Raw($"<h4><span class=\"badge {group}\">{T(f.Group == FindingGroup.Suppressed ? l.GroupSuppressed : f.Kind == FindingKind.NotApplicable ? l.KindNotApplicable : l.SeverityName(f.Severity))}</span> <span class=\"rule\">{T(f.RuleId)}</span> {T(f.Title)}</h4>");
        h.Raw($"<p class=\"message\">{T(f.Message)}</p>");
        h.Raw("<dl>");
        h.Raw($"<dt>{T(l.Subject)}</dt><dd>{(f.Subject.Length == 0 ? T(l.ForestWide) : $"<span class=\"dn\">{T(f.Subject)}</span>")}</dd>");
        h.Raw($"<dt>{T(l.Rule)}</dt><dd>{T(f.RuleId)} {T(f.Name)}</dd>");
        h.Raw($"<dt>{T(l.Severity)}</dt><dd>{T(l.SeverityName(f.Severity))} ({T(l.KindName(f.Kind))})</dd>");
        if (f.Suppressed is { } reason)
        {
            h.Raw($"<dt>{T(l.SuppressedBecause)}</dt><dd class=\"reason\">{T(reason)}</dd>");
        }

        if (f.SuppressionExpired is { } expired)
        {
            h.Raw($"<dt>{T(l.SuppressionExpired)}</dt><dd class=\"reason\">{T(ReportText.Date(expired))}</dd>");
        }

        h.Raw($"<dt>{T(l.Fingerprint)}</dt><dd><code class=\"fingerprint\">{T(f.Fingerprint)}</code></dd>");
        h.Raw($"<dt>{T(l.Documentation)}</dt><dd><code>{T(f.HelpUri)}</code></dd>");
        h.Raw("</dl>");
        if (!f.Evidence.IsEmpty)
        {
            h.Raw($"<h5>{T(l.Evidence)}</h5>");
            h.Raw("<ul class=\"evidence\">");
            foreach (var e in f.Evidence)
            {
                var sb = new StringBuilder();
                sb.Append("<li><code class=\"where\">").Append(T(e.Source));
                if (e.Line > 0)
                {
                    sb.Append(':').Append(ReportText.Number(e.Line));
                }

                sb.Append("</code>");
                if (e.Dn.Length > 0)
                {
                    sb.Append(" <span class=\"dn\">").Append(T(e.Dn)).Append("</span>");
                }

                if (e.Attribute is not null)
                {
                    sb.Append(" <code class=\"attr\">").Append(T(e.Attribute)).Append("</code>");
                    if (e.Value is not null)
                    {
                        sb.Append("=<span class=\"value\">").Append(T(e.Value)).Append("</span>");
                    }
                    else
                    {
                        sb.Append(" <em class=\"absent\">").Append(T(l.NotSet)).Append("</em>");
                    }
                }
                else if (e.Value is not null)
                {
                    sb.Append(" <span class=\"value\">").Append(T(e.Value)).Append("</span>");
                }

                sb.Append("</li>");
                h.Raw(sb.ToString());
            }

            h.Raw("</ul>");
        }

        if (!f.Remediation.IsEmpty)
        {
            h.Raw($"<h5>{T(l.Remediation)}</h5>");
            h.Raw("<ol class=\"remediation\">");
            foreach (var step in f.Remediation)
            {
                h.Raw($"<li>{T(step)}</li>");
            }

            h.Raw("</ol>");
        }

        h.Raw("</article>");
    }

    private static void WriteExchange(HtmlBuilder h, ReportDocument d, ReportLabels l)
    {
        var x = d.Exchange;
        h.Raw("<section id=\"exchange\">");
        h.Raw($"<h2>{T(l.Exchange)}</h2>");
        h.Raw(x.Organization is { } org
            ? $"<p>{T(l.Organization)}{T(l.Colon)}<strong>{T(org.Name)}</strong> <span class=\"dn\">{T(org.Dn)}</span></p>"
            : $"<p>{T(l.NoOrganization)}</p>");
        if (!x.AdministrativeGroups.IsEmpty)
        {
            h.Raw($"<p>{T(l.AdministrativeGroups)}{T(l.Colon)}{string.Join(", ", x.AdministrativeGroups.Select(T))}</p>");
        }

        h.Raw($"<h3>{T(l.Servers)}</h3>");
        if (x.Servers.IsEmpty)
        {
            h.Raw($"<p>{T(l.NoServers)}</p>");
        }
        else
        {
            var table = new TableWriter(h, "servers", [l.Name, l.Version, l.Build, l.FrontEnd, l.AdministrativeGroup, l.DistinguishedName]);
            foreach (var s in x.Servers)
            {
                table.Row($"data-generation=\"{s.Generation.ToName()}\"",
                    Cell.Value($"<strong>{T(s.Name)}</strong>"),
                    Cell.Text(s.Version),
                    Cell.Label(T(s.Build ?? l.Unknown)),
                    Cell.Label(T(l.YesNo(s.FrontEnd))),
                    Cell.Text(s.AdministrativeGroup ?? string.Empty),
                    Cell.Dn(s.Dn));
            }

            table.End();
        }

        h.Raw($"<h3>{T(l.RusInstances)}</h3>");
        if (x.RusInstances.IsEmpty)
        {
            h.Raw($"<p>{T(l.NoRusInstances)}</p>");
        }
        else
        {
            var table = new TableWriter(h, "rus", [l.Name, l.Serves, l.ExchangeServer, l.DomainController, l.Enterprise, l.DistinguishedName]);
            foreach (var r in x.RusInstances)
            {
                table.Row(string.Empty,
                    Cell.Value($"<strong>{T(r.Name)}</strong>"),
                    r.DomainLink is null ? Cell.Label(T(l.None)) : Cell.Dn(r.DomainLink),
                    r.ServerName is not null ? Cell.Text(r.ServerName)
                        : r.ServerLink is null ? Cell.Label(T(l.None))
                        : Cell.Value($"<span class=\"dn\">{T(r.ServerLink)}</span> <em>({T(l.NotInDump)})</em>"),
                    r.DomainController is null ? Cell.Label(T(l.None)) : Cell.Text(r.DomainController),
                    Cell.Label(T(l.YesNo(r.Enterprise))),
                    Cell.Dn(r.Dn));
            }

            table.End();
        }

        h.Raw("</section>");
    }

    private static void WriteInputs(HtmlBuilder h, ReportDocument d, ReportLabels l)
    {
        h.Raw("<section id=\"inputs\">");
        h.Raw($"<h2>{T(l.Inputs)}</h2>");
        if (d.Inputs.IsEmpty)
        {
            h.Raw($"<p>{T(l.NoInputs)}</p>");
        }
        else
        {
            var table = new TableWriter(h, "inputs",
                [l.File, l.Format, l.Entries, l.Duplicates, l.ReadErrors, l.ReadWarnings, l.Complete, l.CollectedBy]);
            foreach (var i in d.Inputs)
            {
                var sha = i.Sha256 is null ? string.Empty : $"<br><span class=\"hash\">{T(l.Sha256)} {T(i.Sha256)}</span>";
                table.Row(string.Empty,
                    Cell.Value($"<code>{T(i.Path)}</code>{sha}", "wide"),
                    Cell.Value($"{T(i.Format ?? l.Unknown)}<br>{T(i.Dialect)}<br>{T(i.Encoding ?? l.Unknown)}"),
                    Cell.Number(ReportText.Number(i.Entries)),
                    Cell.Number(ReportText.Number(i.Duplicates)),
                    Cell.Number(ReportText.Number(i.Errors)),
                    Cell.Number(ReportText.Number(i.Warnings)),
                    Cell.Label(T(l.YesNo(i.Complete))),
                    Cell.Text(i.CollectedBy ?? string.Empty));
            }

            table.End();
        }

        h.Raw("</section>");
    }

    /// <summary>Escapes text content.</summary>
    private static string T(string value) => HtmlText.Encode(value);

    /// <summary>Escapes an attribute value (always written between double quotes).</summary>
    private static string A(string value) => HtmlText.Encode(value);
}
