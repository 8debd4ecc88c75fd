using System.Globalization;
using RusSnapshot.Analysis.Model;
using RusSnapshot.Analysis.SetupLogs;
using RusSnapshot.Analysis.Verdict;
using RusSnapshot.Dumps;

namespace RusSnapshot.Analysis.Rules.Rus;

/// <summary>
/// RSN2008: an Exchange setup log (<c>--setup-log</c>) whose RusMissing evaluation disagrees with what the dump shows for
/// the same domain, with both pieces of evidence and which source is newer (SETUPLOG.md section 3).
/// </summary>
internal sealed class SetupLogDisagrees : IRule
{
    internal const string Id = "RSN2008";

    public static readonly RuleDescriptor Rule = RuleDescriptors.Create(
        Id, nameof(SetupLogDisagrees), RuleCategory.Rus, Severity.Warning, derived: true,
        [
            Messages.FiredLogNewer, Messages.FiredDumpNewer, Messages.FiredSameTime, Messages.FiredOrderUnknown,
            Messages.NotFiredLogNewer, Messages.NotFiredDumpNewer, Messages.NotFiredSameTime, Messages.NotFiredOrderUnknown,
            Messages.NoRun, Messages.NoEvaluation, Messages.DomainNotInDump, Messages.DumpCannotTell,
        ],
        "Exchange setup log (ExchangeSetup.log): readiness lines 'Evaluated [Rule:RusMissing]' with the settings DomainNCName, RusName, ExchangeSerialNumber and Exchange200x (SETUPLOG.md)",
        "Exchange 2013 setup PrereqAnalysis RusMissing: fires when RusName is empty while an Exchange 2000/2003 server (serialNumber 'Version 6') exists",
        "Exchange readiness check RUSMissing (ms.exch.setupreadiness.rusmissing)");

    public RuleDescriptor Descriptor => Rule;

    internal static class Messages
    {
        private static readonly string[] Disagreement = ["log", "run", "time", "domain", "logRus", "rus", "legacy"];

        public static readonly RuleMessage FiredLogNewer = new("firedLogNewer", Disagreement);
        public static readonly RuleMessage FiredDumpNewer = new("firedDumpNewer", Disagreement);
        public static readonly RuleMessage FiredSameTime = new("firedSameTime", Disagreement);
        public static readonly RuleMessage FiredOrderUnknown = new("firedOrderUnknown", Disagreement);
        public static readonly RuleMessage NotFiredLogNewer = new("notFiredLogNewer", Disagreement);
        public static readonly RuleMessage NotFiredDumpNewer = new("notFiredDumpNewer", Disagreement);
        public static readonly RuleMessage NotFiredSameTime = new("notFiredSameTime", Disagreement);
        public static readonly RuleMessage NotFiredOrderUnknown = new("notFiredOrderUnknown", Disagreement);
        public static readonly RuleMessage NoRun = new("noRun", "log");
        public static readonly RuleMessage NoEvaluation = new("noEvaluation", "log", "run");
        public static readonly RuleMessage DomainNotInDump = new("domainNotInDump", "log", "run", "domain");
        public static readonly RuleMessage DumpCannotTell = new("dumpCannotTell", "log", "run", "domain", "value");
    }

    /// <summary>
    /// One finding per domain (so the fingerprint, rule id + domain, stays unique), from the newest run that speaks of it:
    /// a newer log that agrees with the dump supersedes an older one that did not. Logs that name no domain share the
    /// forest-wide subject the same way.
    /// </summary>
    public IEnumerable<Finding> Evaluate(ForestModel forest, RuleContext context)
    {
        if (forest.SetupLogs.IsEmpty)
        {
            yield break;
        }

        var readiness = Readiness.Of(forest);
        var comparisons = forest.SetupLogs.Select((log, index) => (Comparison: SetupLogComparisons.Compare(forest, readiness, log), Index: index));
        foreach (var group in comparisons.GroupBy(c => SubjectKey(c.Comparison)).OrderBy(g => g.Key.Canonical, StringComparer.Ordinal))
        {
            var (c, _) = group.OrderByDescending(x => Instant(x.Comparison.Log.Run)).ThenByDescending(x => x.Index).First();
            if (Make(c, forest, context) is { } finding)
            {
                yield return finding;
            }
        }
    }

    private static Finding? Make(SetupLogComparison c, ForestModel forest, RuleContext context)
    {
        var log = FileName(c.Log.Path);
        var run = c.Log.Run;
        var runNumber = run?.Number.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        var evaluation = run?.RusMissing;
        var evidence = Evidence(c, forest);
        switch (c.Reason)
        {
            case SetupLogNotComparable.NoRun:
                return context.Info(Rule, string.Empty, Messages.NoRun, [log], evidence);
            case SetupLogNotComparable.NoEvaluation:
                return context.Info(Rule, string.Empty, Messages.NoEvaluation, [log, runNumber], evidence);
            case SetupLogNotComparable.DomainNotInDump:
                return context.Info(Rule, c.LogDomain!, Messages.DomainNotInDump, [log, runNumber, c.LogDomain!], evidence);
            case SetupLogNotComparable.DumpCannotTell:
                return context.Info(Rule, c.Domain!.Dn, Messages.DumpCannotTell, [log, runNumber, RusRuleHelpers.Label(c.Domain), evaluation!.Rule.Value], evidence);
        }

        if (c.Agreement != SetupLogAgreement.Disagrees)
        {
            return null;
        }

        var fired = c.LogFired == true;
        var message = (fired, c.Order) switch
        {
            (true, SourceOrder.LogNewer) => Messages.FiredLogNewer,
            (true, SourceOrder.DumpNewer) => Messages.FiredDumpNewer,
            (true, SourceOrder.SameTime) => Messages.FiredSameTime,
            (true, _) => Messages.FiredOrderUnknown,
            (false, SourceOrder.LogNewer) => Messages.NotFiredLogNewer,
            (false, SourceOrder.DumpNewer) => Messages.NotFiredDumpNewer,
            (false, SourceOrder.SameTime) => Messages.NotFiredSameTime,
            _ => Messages.NotFiredOrderUnknown,
        };
        var ci = CultureInfo.InvariantCulture;
        return context.Fail(Rule, c.Domain!.Dn, message,
            [
                log, runNumber, run!.Format(run.EvaluatedAt), RusRuleHelpers.Label(c.Domain), evaluation!.RusName?.Value ?? string.Empty,
                c.Dump!.ServingRus.Length.ToString(ci), forest.Servers.Count(s => s.Version.IsLegacy).ToString(ci),
            ],
            evidence);
    }

    /// <summary>Both sides: the run and what it evaluated (file:line of the log), then the dump's domain, RUS instances, Exchange 2000/2003 servers and time.</summary>
    private static List<Evidence> Evidence(SetupLogComparison c, ForestModel forest)
    {
        var path = c.Log.Path;
        var list = new List<Evidence>();
        var run = c.Log.Run;
        if (run is null)
        {
            list.Add(new Evidence(path, 0, string.Empty, "runs", c.Log.RunCount.ToString(CultureInfo.InvariantCulture)));
            return list;
        }

        list.Add(new Evidence(path, run.Line, string.Empty, "setup run", $"{run.Number.ToString(CultureInfo.InvariantCulture)}/{c.Log.RunCount.ToString(CultureInfo.InvariantCulture)} {run.Format(run.Started)} {run.Product} {run.SetupVersion}".TrimEnd()));
        if (run.RusMissing is { } e)
        {
            list.Add(new Evidence(path, e.Rule.Line, string.Empty, SetupLogReading.RusMissingRule, e.Rule.Value));
            foreach (var s in new[] { e.DomainNcName, e.RusName }.OfType<SetupSetting>().Concat(e.Exchange200x.Take(5)))
            {
                list.Add(new Evidence(path, s.Line, string.Empty, s.Name, s.ParentValue is { } p && !string.Equals(p, "<NULL>", StringComparison.Ordinal) ? $"{s.Value} ({p})" : s.Value));
            }
        }

        if (c.Domain is { } domain)
        {
            if (domain.CrossRef is { } crossRef)
            {
                list.Add(Rules.Evidence.Of(crossRef, "nCName"));
            }

            foreach (var rus in c.Dump?.ServingRus ?? [])
            {
                list.Add(Rules.Evidence.Of(rus.Entry, "msExchDomainLink"));
            }

            foreach (var server in forest.Servers.Where(s => s.Version.IsLegacy).Take(5))
            {
                list.Add(Rules.Evidence.Of(server.Entry, "serialNumber"));
            }

            if (forest.Time.NewestChangeEntry is { } changed)
            {
                list.Add(Rules.Evidence.Of(changed, "whenChanged"));
            }
        }

        return list;
    }

    private static DnKey SubjectKey(SetupLogComparison c) =>
        c.Domain is { } d ? d.Key : c.LogDomain is { } dn ? DnKey.Of(dn) : DnKey.Empty;

    /// <summary>When the run evaluated RusMissing, for choosing the newest: UTC when the zone is known, else the local time as if UTC.</summary>
    private static DateTimeOffset Instant(SetupRun? run) =>
        run?.EvaluatedAt is not { } t ? DateTimeOffset.MinValue
        : run.UtcOffset is { } o ? new DateTimeOffset(t, o)
        : new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc), TimeSpan.Zero);

    private static string FileName(string path) => Path.GetFileName(path.Replace('\\', '/').TrimEnd('/')) is { Length: > 0 } n ? n : path;
}
