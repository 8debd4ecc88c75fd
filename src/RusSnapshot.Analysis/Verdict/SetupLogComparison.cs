using RusSnapshot.Analysis.Model;
using RusSnapshot.Analysis.SetupLogs;
using RusSnapshot.Dumps;

namespace RusSnapshot.Analysis.Verdict;

/// <summary>Whether a setup log's RusMissing and the dump agree about the log's domain.</summary>
public enum SetupLogAgreement
{
    Agrees,
    Disagrees,
    NotComparable,
}

/// <summary>Why a setup log cannot be compared with the dump.</summary>
public enum SetupLogNotComparable
{
    /// <summary>It can.</summary>
    None,

    /// <summary>The log holds no run (or not the one asked for).</summary>
    NoRun,

    /// <summary>The run read did not evaluate RusMissing (no readiness lines, cut before it, an exception), or not for a named domain.</summary>
    NoEvaluation,

    /// <summary>The domain setup evaluated is not a domain of the dump.</summary>
    DomainNotInDump,

    /// <summary>The dump does not hold what it takes to say what setup would find (<see cref="DomainReadiness.Unknown"/>).</summary>
    DumpCannotTell,
}

/// <summary>Which of the log and the dump is newer.</summary>
public enum SourceOrder
{
    /// <summary>Unknown: the dump does not say when it was taken, or the log states no time zone and the two are close.</summary>
    Unknown,

    /// <summary>The setup run came after the dump was taken.</summary>
    LogNewer,

    /// <summary>The dump was taken (or changed) after the setup run.</summary>
    DumpNewer,

    /// <summary>The setup run lies within the dump's collection.</summary>
    SameTime,
}

/// <summary>
/// A setup log's RusMissing against the dump: what setup found for its local domain, what the documented logic finds in
/// the dump for that domain (<see cref="DomainReadiness.RusMissing"/>), and which source is newer.
/// </summary>
/// <param name="Domain">The dump's domain the log is about, when the dump has it.</param>
/// <param name="Dump">What the dump says setup would find there, when known.</param>
public sealed record SetupLogComparison(
    SetupLogEvidence Log,
    SetupLogAgreement Agreement,
    SetupLogNotComparable Reason,
    DomainInfo? Domain,
    DomainReadiness? Dump,
    SourceOrder Order)
{
    /// <summary>Whether RusMissing fired in the run read, when it was evaluated.</summary>
    public bool? LogFired => Log.Run?.RusMissing?.Rule.Fired;

    /// <summary>The domain setup evaluated, as the log writes it.</summary>
    public string? LogDomain => Log.Run?.RusMissing?.Domain;
}

/// <summary>Compares setup logs with the dump: the one place that judges them (RSN2008 and the reports use it).</summary>
internal static class SetupLogComparisons
{
    /// <summary>The largest offset a zone can have: a log without its zone is placed anywhere within it.</summary>
    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    public static SetupLogComparison Compare(ForestModel forest, ReadinessVerdict readiness, SetupLogEvidence log)
    {
        var run = log.Run;
        if (run is null)
        {
            return new(log, SetupLogAgreement.NotComparable, SetupLogNotComparable.NoRun, null, null, SourceOrder.Unknown);
        }

        var order = Order(run, forest.Time);
        if (run.RusMissing is not { } evaluation || evaluation.Rule.Fired is not { } fired || evaluation.Domain is not { } dn)
        {
            return new(log, SetupLogAgreement.NotComparable, SetupLogNotComparable.NoEvaluation, null, null, order);
        }

        var domain = forest.DomainOf(DnKey.Of(dn));
        if (domain is null)
        {
            return new(log, SetupLogAgreement.NotComparable, SetupLogNotComparable.DomainNotInDump, null, null, order);
        }

        var dump = readiness.Of(domain);
        if (dump is null || dump.RusMissing == ReadinessAnswer.Unknown)
        {
            return new(log, SetupLogAgreement.NotComparable, SetupLogNotComparable.DumpCannotTell, domain, dump, order);
        }

        var agrees = fired == (dump.RusMissing == ReadinessAnswer.Yes);
        return new(log, agrees ? SetupLogAgreement.Agrees : SetupLogAgreement.Disagrees, SetupLogNotComparable.None, domain, dump, order);
    }

    /// <summary>
    /// The run's time (RusMissing's evaluation, else its start) against the dump's: the collection interval when a manifest
    /// gives it, else the newest <c>whenChanged</c> (the dump is at least that new). Without the run's zone, its instant is
    /// known only within ±14 hours.
    /// </summary>
    internal static SourceOrder Order(SetupRun run, DumpTime dump)
    {
        if (run.EvaluatedAt is not { } local)
        {
            return SourceOrder.Unknown;
        }

        var utc = DateTime.SpecifyKind(local, DateTimeKind.Utc);
        var (earliest, latest) = run.UtcOffset is { } offset
            ? (new DateTimeOffset(local, offset), new DateTimeOffset(local, offset))
            : (new DateTimeOffset(utc - MaxOffset, TimeSpan.Zero), new DateTimeOffset(utc + MaxOffset, TimeSpan.Zero));
        if (dump.CollectedFrom is { } from && dump.CollectedTo is { } to)
        {
            return latest < from ? SourceOrder.DumpNewer
                : earliest > to ? SourceOrder.LogNewer
                : run.UtcOffset is not null ? SourceOrder.SameTime
                : SourceOrder.Unknown;
        }

        return dump.NewestChange is { } changed && changed > latest ? SourceOrder.DumpNewer : SourceOrder.Unknown;
    }
}
