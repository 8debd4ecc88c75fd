using System.Collections.Immutable;
using System.Globalization;
using RusSnapshot.Dumps;

namespace RusSnapshot.Analysis.SetupLogs;

/// <summary>One evaluation of a setting in a setup log (<c>Evaluated [Setting:Name] ... [Value:"..."]</c>), with its line.</summary>
public sealed record SetupSetting(string Name, string Value, string? ParentValue, bool HasException, long Line);

/// <summary>A rule's value as a setup run evaluated it (<c>Evaluated [Rule:Name] ... [Value:"True"]</c>).</summary>
public sealed record SetupRuleValue(string Name, string Value, bool HasException, long Line, DateTime? Time)
{
    /// <summary>True when the rule fired, false when it did not, null when setup could not evaluate it (an exception, another value).</summary>
    public bool? Fired => HasException ? null
        : string.Equals(Value, "True", StringComparison.OrdinalIgnoreCase) ? true
        : string.Equals(Value, "False", StringComparison.OrdinalIgnoreCase) ? false
        : null;
}

/// <summary>
/// The readiness rule <c>RusMissing</c> as one setup run evaluated it, with the settings it read: the local domain
/// (<c>DomainNCName</c>), the RUS found for it (<c>RusName</c>, empty when none), and for each Exchange server object its
/// <c>serialNumber</c> (<c>ExchangeSerialNumber</c>) and whether it is Exchange 2000/2003 (<c>Exchange200x</c>).
/// </summary>
public sealed record RusMissingEvaluation
{
    /// <summary>The rule's own evaluation.</summary>
    public required SetupRuleValue Rule { get; init; }

    /// <summary>The rule type its <c>Started</c> line gives (<c>Warning</c> in Exchange 2013+ setup), when the log has it.</summary>
    public string? RuleType { get; init; }

    public SetupSetting? DomainNcName { get; init; }

    public SetupSetting? RusName { get; init; }

    public SetupSetting? ExchangeSystemObjects { get; init; }

    /// <summary>Each <c>Exchange200x</c> evaluation (one per server object), capped at <see cref="SetupLogReading.MaxKept"/>.</summary>
    public ImmutableArray<SetupSetting> Exchange200x { get; init; } = [];

    /// <summary>Each <c>ExchangeSerialNumber</c> evaluation, capped at <see cref="SetupLogReading.MaxKept"/>.</summary>
    public ImmutableArray<SetupSetting> SerialNumbers { get; init; } = [];

    /// <summary>The domain the evaluation is about (the local domain of the machine that ran setup), or null when not logged.</summary>
    public string? Domain => DomainNcName is { Value.Length: > 0 } d ? d.Value : null;

    /// <summary>Whether setup saw an Exchange 2000/2003 server: true when an <c>Exchange200x</c> was True, false when all were False, null when none was logged.</summary>
    public bool? LegacyServerSeen => Exchange200x.Any(s => string.Equals(s.Value, "True", StringComparison.OrdinalIgnoreCase)) ? true
        : Exchange200x.IsEmpty ? null
        : false;
}

/// <summary>How loudly a fired readiness rule spoke.</summary>
public enum SetupFiredLevel
{
    /// <summary><c>[REQUIRED]</c>: an error; setup stops.</summary>
    Required,

    /// <summary><c>[RECOMENDED]</c>: a warning; setup goes on.</summary>
    Recommended,
}

/// <summary>A readiness rule that fired in a run: its message and, when the log says (<c>Failed [Rule:X]</c>) or the message is the RUS one, its rule.</summary>
public sealed record SetupFiredRule(SetupFiredLevel Level, string? Rule, string Message, long Line);

/// <summary>One run of a log in brief (every run of the log, for the reports' list of runs).</summary>
public sealed record SetupRunSummary(int Number, long Line, DateTime? Started, TimeSpan? UtcOffset, string? Product, string? SetupVersion, string? Mode, bool Succeeded)
{
    /// <summary>When it started, as <see cref="SetupRun.Format"/> writes it.</summary>
    public string StartedText => SetupRun.FormatTime(Started, UtcOffset);
}

/// <summary>The run of a setup log that the analysis read (the last one, or the one <c>--setup-run</c> names).</summary>
public sealed record SetupRun
{
    /// <summary>1-based, in the order of the file.</summary>
    public required int Number { get; init; }

    /// <summary>The line of its <c>Starting Microsoft Exchange Server ... Setup</c>.</summary>
    public required long Line { get; init; }

    /// <summary>The last line of the run read.</summary>
    public long LastLine { get; init; }

    /// <summary>When it started: the server's local time as written.</summary>
    public DateTime? Started { get; init; }

    /// <summary>The zone's text (<c>(UTC-05:00) Eastern Time (US &amp; Canada).</c>), when the run states it.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The zone's UTC offset, when the run states it: what turns its local times into instants.</summary>
    public TimeSpan? UtcOffset { get; init; }

    /// <summary>The product in its banner: <c>2007</c>, <c>2010</c>, <c>2013</c>, <c>2016</c>, <c>2019</c>, <c>Subscription Edition</c>.</summary>
    public string? Product { get; init; }

    public string? SetupVersion { get; init; }

    /// <summary>The <c>mode</c> command-line parameter (<c>Install</c>, <c>Upgrade</c>, ...).</summary>
    public string? Mode { get; init; }

    /// <summary>The logged-on user (<c>DOMAIN\user</c>).</summary>
    public string? User { get; init; }

    /// <summary>The run says <c>The Exchange Server setup operation completed successfully.</c></summary>
    public bool Succeeded { get; init; }

    /// <summary>The run reached <c>End of Setup</c>.</summary>
    public bool Ended { get; init; }

    /// <summary>Readiness rules evaluated (<c>Evaluated [Rule:...]</c> lines); 0 means the run has no readiness lines.</summary>
    public int ReadinessEvaluations { get; init; }

    /// <summary>The RusMissing evaluation, or null when the run holds none.</summary>
    public RusMissingEvaluation? RusMissing { get; init; }

    /// <summary>The forest-wide <c>Exchange2000or2003PresentInOrg</c> rule (Exchange 2013+ setup), when evaluated.</summary>
    public SetupRuleValue? Exchange2000Or2003PresentInOrg { get; init; }

    /// <summary>Rules that fired (<c>[REQUIRED]</c>, <c>[RECOMENDED]</c>), in the order of the log, capped at <see cref="SetupLogReading.MaxKept"/>.</summary>
    public ImmutableArray<SetupFiredRule> Fired { get; init; } = [];

    /// <summary>When the run started, as an instant, when the run states its zone.</summary>
    public DateTimeOffset? StartedAt => Started is { } t && UtcOffset is { } o ? new DateTimeOffset(t, o) : null;

    /// <summary>When RusMissing was evaluated (else when the run started), local time as written.</summary>
    public DateTime? EvaluatedAt => RusMissing?.Rule.Time ?? Started;

    /// <summary>A local time as ISO 8601, with the run's offset when it states one (<c>2022-12-01T00:49:41-05:00</c>), else without (local time).</summary>
    public string Format(DateTime? local) => FormatTime(local, UtcOffset);

    /// <summary>A setup log's local time as ISO 8601, with <paramref name="offset"/> when known; empty for none.</summary>
    public static string FormatTime(DateTime? local, TimeSpan? offset) => local is not { } t ? string.Empty
        : offset is { } o ? new DateTimeOffset(t, o).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
        : t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}

/// <summary>What the analysis read of one setup log given with <c>--setup-log</c>.</summary>
public sealed record SetupLogEvidence
{
    /// <summary>The path as given (used in positions and evidence).</summary>
    public required string Path { get; init; }

    /// <summary>The run asked for with <c>--setup-run</c>, or null for the last.</summary>
    public int? RequestedRun { get; init; }

    /// <summary>Runs the log holds.</summary>
    public int RunCount { get; init; }

    /// <summary>Each run in brief, in order (capped at <see cref="SetupLogReading.MaxKept"/>).</summary>
    public ImmutableArray<SetupRunSummary> Runs { get; init; } = [];

    /// <summary>The run read, or null (no run, or the one asked for does not exist).</summary>
    public SetupRun? Run { get; init; }

    public long Lines { get; init; }

    /// <summary>The log was read to its end, and its last line was whole.</summary>
    public bool Complete { get; init; }

    public long Errors { get; init; }

    public long Warnings { get; init; }

    /// <summary>Problems with file and line (the first 100 of each severity).</summary>
    public ImmutableArray<DumpDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>True when the log could not be read completely or as asked (errors), so the analysis's input is invalid.</summary>
    public bool HasReadErrors => Errors > 0 || !Complete;
}
