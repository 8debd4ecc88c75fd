namespace RusSnapshot.Dumps.SetupLog;

/// <summary>What an entry of an Exchange setup log says, for the entries <see cref="SetupLogReader"/> recognises.</summary>
public enum SetupLogEntryKind
{
    /// <summary><c>Starting Microsoft Exchange Server &lt;product&gt; Setup</c>: a run begins (<see cref="SetupLogEntry.Name"/> is the product: <c>2019</c>).</summary>
    RunStart,

    /// <summary><c>End of Setup</c>.</summary>
    RunEnd,

    /// <summary><c>Local time zone: (UTC-05:00) ...</c> (<see cref="SetupLogEntry.Value"/> the text, <see cref="SetupLogEntry.UtcOffset"/> the offset).</summary>
    TimeZone,

    /// <summary><c>Setup version: 15.2.1118.7.</c> (<see cref="SetupLogEntry.Value"/> without the final period).</summary>
    SetupVersion,

    /// <summary><c>Logged on user: DOMAIN\user.</c> (<see cref="SetupLogEntry.Value"/> without the final period).</summary>
    LoggedOnUser,

    /// <summary><c>Command Line Parameter Name='mode', Value='Install'.</c> (<see cref="SetupLogEntry.Name"/>, <see cref="SetupLogEntry.Value"/>).</summary>
    CommandLineParameter,

    /// <summary><c>The Exchange Server setup operation completed successfully.</c></summary>
    Succeeded,

    /// <summary><c>Started [Rule|Setting|Analysis:Name] [Parent:...] [RuleType:...]</c>.</summary>
    Started,

    /// <summary><c>Evaluated [Rule|Setting:Name] [HasException:...] [Value:"..."] [ParentValue:"..."] ...</c>.</summary>
    Evaluated,

    /// <summary><c>Finished [Rule|Setting|Analysis:Name] ...</c>.</summary>
    Finished,

    /// <summary><c>Failed [Rule:Name] [Message:...]</c> (<see cref="SetupLogEntry.Value"/> the message).</summary>
    Failed,

    /// <summary><c>[REQUIRED] message</c>: an error rule that fired (<see cref="SetupLogEntry.Value"/> the message).</summary>
    Required,

    /// <summary><c>[RECOMENDED] message</c> (so spelt by setup): a warning rule that fired.</summary>
    Recommended,

    /// <summary><c>Help URL: ...</c> after a fired rule.</summary>
    HelpUrl,
}

/// <summary>What a readiness line is about: the bracket before the name (<c>[Rule:RusMissing]</c>).</summary>
public enum SetupLogSubject
{
    /// <summary>None (the entry is not a readiness line).</summary>
    None,

    /// <summary><c>[Rule:...]</c>: a readiness rule.</summary>
    Rule,

    /// <summary><c>[Setting:...]</c>: a value a rule reads.</summary>
    Setting,

    /// <summary><c>[Analysis:...]</c>: the analysis as a whole (<c>Prereq</c>).</summary>
    Analysis,

    /// <summary>Another word before the colon.</summary>
    Other,
}

/// <summary>
/// One entry of an Exchange setup log that <see cref="SetupLogReader"/> recognises: a line with the time prefix and the
/// lines without one that continue it. Values are the log's text, unquoted; nothing is interpreted beyond the syntax.
/// </summary>
public sealed record SetupLogEntry
{
    public required SetupLogEntryKind Kind { get; init; }

    /// <summary>The physical line (1-based) of the entry's first line.</summary>
    public required long Line { get; init; }

    /// <summary>The time of the prefix, the server's local time as written (<see cref="DateTimeKind.Unspecified"/>); null when the prefix is not a valid date.</summary>
    public DateTime? Time { get; init; }

    /// <summary>The <c>[N]</c> after the time: a nesting level (0 bootstrapper, 1 setup engine, 2 task detail), not a thread.</summary>
    public int? Level { get; init; }

    /// <summary>The readiness subject of <see cref="SetupLogEntryKind.Started"/>, <see cref="SetupLogEntryKind.Evaluated"/>, <see cref="SetupLogEntryKind.Finished"/> and <see cref="SetupLogEntryKind.Failed"/>.</summary>
    public SetupLogSubject Subject { get; init; }

    /// <summary>The rule, setting or analysis name; the product of a run start; a command-line parameter's name.</summary>
    public string? Name { get; init; }

    /// <summary>The evaluated value (unquoted), a parameter's value, a message, a version, a user or a time zone's text.</summary>
    public string? Value { get; init; }

    /// <summary>The evaluated <c>ParentValue</c> (unquoted; <c>&lt;NULL&gt;</c> as written).</summary>
    public string? ParentValue { get; init; }

    /// <summary>The evaluated <c>HasException</c>.</summary>
    public bool HasException { get; init; }

    /// <summary>A <see cref="SetupLogEntryKind.Started"/> line's <c>[Parent:...]</c>.</summary>
    public string? Parent { get; init; }

    /// <summary>A rule's <c>[RuleType:Warning|Error]</c> on its <see cref="SetupLogEntryKind.Started"/> line.</summary>
    public string? RuleType { get; init; }

    /// <summary>The UTC offset a <see cref="SetupLogEntryKind.TimeZone"/> line states (<c>(UTC-05:00)</c>), or null.</summary>
    public TimeSpan? UtcOffset { get; init; }
}
