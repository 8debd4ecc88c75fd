using System.Collections.Immutable;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.SetupLog;

namespace RusSnapshot.Analysis.SetupLogs;

/// <summary>
/// Reads a setup log (streamed by <see cref="SetupLogReader"/>) into <see cref="SetupLogEvidence"/>: every run in brief,
/// and for the run read (the last, or <c>--setup-run N</c>) its header and what it saw of RUS (SETUPLOG.md section 2).
/// Only one run's details are held at a time, and each list is capped, so memory does not grow with the log.
/// </summary>
public static class SetupLogReading
{
    /// <summary>The most items kept of each list (runs, fired rules, server evaluations).</summary>
    public const int MaxKept = 200;

    /// <summary>The readiness rule that checks the local domain's RUS.</summary>
    public const string RusMissingRule = "RusMissing";

    /// <summary>The Exchange 2013+ readiness rule that refuses to install while an Exchange 2000/2003 server exists.</summary>
    public const string LegacyServerRule = "Exchange2000or2003PresentInOrg";

    /// <summary>Reads the log at <paramref name="path"/>; a file that cannot be opened or read is reported in the evidence, not thrown.</summary>
    /// <param name="run">The 1-based run to read, or null for the last.</param>
    public static SetupLogEvidence Read(string path, int? run = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        SetupLogReader reader;
        try
        {
            reader = SetupLogReader.Open(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new SetupLogEvidence
            {
                Path = path,
                RequestedRun = run,
                Errors = 1,
                Diagnostics = [new DumpDiagnostic(new DumpPosition(path, 0, 0), DiagnosticCodes.InputOpen, $"the setup log cannot be opened: {ex.Message}")],
            };
        }

        using (reader)
        {
            return Read(reader, run);
        }
    }

    /// <summary>Reads a log from a reader (tests, streams).</summary>
    public static SetupLogEvidence Read(SetupLogReader reader, int? run = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var runs = new List<SetupRunSummary>();
        var count = 0;
        RunBuilder? current = null;
        SetupRun? chosen = null;
        var extra = new List<DumpDiagnostic>();
        long extraErrors = 0;

        void Close()
        {
            if (current is null)
            {
                return;
            }

            var done = current.Build();
            if (runs.Count < MaxKept)
            {
                runs.Add(new SetupRunSummary(done.Number, done.Line, done.Started, done.UtcOffset, done.Product, done.SetupVersion, done.Mode, done.Succeeded));
            }

            if (run is null || run == done.Number)
            {
                chosen = done;
            }

            current = null;
        }

        try
        {
            while (reader.Read() is { } entry)
            {
                if (entry.Kind == SetupLogEntryKind.RunStart)
                {
                    Close();
                    count++;
                    current = new RunBuilder(count, entry);
                }
                else
                {
                    current?.Apply(entry); // lines before the first run belong to no run
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            extraErrors++;
            extra.Add(new DumpDiagnostic(new DumpPosition(reader.SourceName, reader.Lines, reader.Lines), DiagnosticCodes.InputIo,
                $"the setup log could not be read to its end: {ex.Message}"));
        }

        Close();
        long extraWarnings = 0;
        if (run is { } asked && count > 0 && asked > count)
        {
            extraErrors++;
            extra.Add(new DumpDiagnostic(new DumpPosition(reader.SourceName, 0, 0), DiagnosticCodes.SetupLogNoSuchRun,
                $"--setup-run {asked.ToString(System.Globalization.CultureInfo.InvariantCulture)} asks for a run the log does not hold: it holds {count.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        }

        if (chosen is { } read)
        {
            if (read.ReadinessEvaluations == 0)
            {
                extraWarnings++;
                extra.Add(new DumpDiagnostic(new DumpPosition(reader.SourceName, read.Line, read.Line), DiagnosticCodes.SetupLogNoReadiness,
                    "the setup run read holds no readiness evaluation: setup stopped before its prerequisite analysis, or the run did not check readiness"));
            }

            if (read.UtcOffset is null)
            {
                extraWarnings++;
                extra.Add(new DumpDiagnostic(new DumpPosition(reader.SourceName, read.Line, read.Line), DiagnosticCodes.SetupLogNoZone,
                    "the setup run read does not state its time zone: its times are the server's local time"));
            }
        }

        return new SetupLogEvidence
        {
            Path = reader.SourceName,
            RequestedRun = run,
            RunCount = count,
            Runs = [.. runs],
            Run = chosen,
            Lines = reader.Lines,
            Complete = reader.Complete && extra.All(d => d.Code != DiagnosticCodes.InputIo.Id),
            Errors = reader.Errors + extraErrors,
            Warnings = reader.Warnings + extraWarnings,
            Diagnostics = [.. reader.Diagnostics, .. extra],
        };
    }

    /// <summary>The state of one run while its entries stream by.</summary>
    private sealed class RunBuilder(int number, SetupLogEntry start)
    {
        private readonly List<SetupFiredRule> _fired = [];
        private readonly List<SetupSetting> _legacyInRun = [];
        private readonly List<SetupSetting> _serialsInRun = [];
        private readonly List<SetupSetting> _legacyInBlock = [];
        private readonly List<SetupSetting> _serialsInBlock = [];
        private readonly Dictionary<string, SetupSetting> _latest = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, SetupSetting> _inBlock = new(StringComparer.OrdinalIgnoreCase);
        private long _lastLine = start.Line;
        private string? _zone;
        private TimeSpan? _offset;
        private string? _version;
        private string? _mode;
        private string? _user;
        private bool _succeeded;
        private bool _ended;
        private int _evaluations;
        private bool _inRusMissing;
        private string? _ruleType;
        private string? _lastFailed;
        private RusMissingEvaluation? _rusMissing;
        private SetupRuleValue? _legacyRule;

        public void Apply(SetupLogEntry e)
        {
            _lastLine = e.Line;
            switch (e.Kind)
            {
                case SetupLogEntryKind.TimeZone when _zone is null:
                    (_zone, _offset) = (e.Value, e.UtcOffset);
                    break;
                case SetupLogEntryKind.SetupVersion:
                    _version ??= e.Value;
                    break;
                case SetupLogEntryKind.LoggedOnUser:
                    _user ??= e.Value;
                    break;
                case SetupLogEntryKind.CommandLineParameter when string.Equals(e.Name, "mode", StringComparison.OrdinalIgnoreCase):
                    _mode ??= e.Value;
                    break;
                case SetupLogEntryKind.Succeeded:
                    _succeeded = true;
                    break;
                case SetupLogEntryKind.RunEnd:
                    _ended = true;
                    break;
                case SetupLogEntryKind.Started when e is { Subject: SetupLogSubject.Rule } && Is(e.Name, RusMissingRule):
                    // Settings evaluated between the rule's Started and Evaluated lines are the ones it read.
                    (_inRusMissing, _ruleType) = (true, e.RuleType);
                    _inBlock.Clear();
                    _legacyInBlock.Clear();
                    _serialsInBlock.Clear();
                    break;
                case SetupLogEntryKind.Finished when e is { Subject: SetupLogSubject.Rule } && Is(e.Name, RusMissingRule):
                    _inRusMissing = false;
                    break;
                case SetupLogEntryKind.Evaluated when e.Subject == SetupLogSubject.Setting:
                    Setting(e);
                    break;
                case SetupLogEntryKind.Evaluated when e.Subject == SetupLogSubject.Rule:
                    Rule(e);
                    break;
                case SetupLogEntryKind.Failed when e.Subject == SetupLogSubject.Rule:
                    _lastFailed = e.Name;
                    break;
                case SetupLogEntryKind.Required:
                    Fire(SetupFiredLevel.Required, _lastFailed, e);
                    _lastFailed = null;
                    break;
                case SetupLogEntryKind.Recommended:
                    // A warning that fires names no rule; the RUS message is the one documented for RusMissing (SETUPLOG.md).
                    Fire(SetupFiredLevel.Recommended, e.Value?.Contains("Recipient Update Service", StringComparison.OrdinalIgnoreCase) == true ? RusMissingRule : null, e);
                    break;
            }
        }

        public SetupRun Build() => new()
        {
            Number = number,
            Line = start.Line,
            LastLine = _lastLine,
            Started = start.Time,
            TimeZone = _zone,
            UtcOffset = _offset,
            Product = start.Name,
            SetupVersion = _version,
            Mode = _mode,
            User = _user,
            Succeeded = _succeeded,
            Ended = _ended,
            ReadinessEvaluations = _evaluations,
            RusMissing = _rusMissing,
            Exchange2000Or2003PresentInOrg = _legacyRule,
            Fired = [.. _fired],
        };

        private void Setting(SetupLogEntry e)
        {
            var s = new SetupSetting(e.Name ?? string.Empty, e.Value ?? string.Empty, e.ParentValue, e.HasException, e.Line);
            if (Is(s.Name, "Exchange200x"))
            {
                Add(_legacyInRun, s);
                if (_inRusMissing)
                {
                    Add(_legacyInBlock, s);
                }
            }
            else if (Is(s.Name, "ExchangeSerialNumber"))
            {
                Add(_serialsInRun, s);
                if (_inRusMissing)
                {
                    Add(_serialsInBlock, s);
                }
            }
            else if (Is(s.Name, "DomainNCName") || Is(s.Name, "RusName") || Is(s.Name, "MicrosoftExchangeSystemObjectsCN"))
            {
                _latest[s.Name] = s;
                if (_inRusMissing)
                {
                    _inBlock[s.Name] = s;
                }
            }
        }

        private void Rule(SetupLogEntry e)
        {
            _evaluations++;
            var value = new SetupRuleValue(e.Name ?? string.Empty, e.Value ?? string.Empty, e.HasException, e.Line, e.Time);
            if (Is(e.Name, LegacyServerRule))
            {
                _legacyRule = value;
            }
            else if (Is(e.Name, RusMissingRule))
            {
                // Settings are cached by setup: one not evaluated inside the rule's block is the last one evaluated before it.
                SetupSetting? Pick(string name) => _inBlock.GetValueOrDefault(name) ?? _latest.GetValueOrDefault(name);
                _rusMissing = new RusMissingEvaluation
                {
                    Rule = value,
                    RuleType = _ruleType,
                    DomainNcName = Pick("DomainNCName"),
                    RusName = Pick("RusName"),
                    ExchangeSystemObjects = Pick("MicrosoftExchangeSystemObjectsCN"),
                    Exchange200x = [.. _legacyInBlock.Count > 0 ? _legacyInBlock : _legacyInRun],
                    SerialNumbers = [.. _serialsInBlock.Count > 0 ? _serialsInBlock : _serialsInRun],
                };
            }
        }

        private void Fire(SetupFiredLevel level, string? rule, SetupLogEntry e)
        {
            if (_fired.Count < MaxKept)
            {
                _fired.Add(new SetupFiredRule(level, rule, e.Value ?? string.Empty, e.Line));
            }
        }

        private static void Add(List<SetupSetting> list, SetupSetting s)
        {
            if (list.Count < MaxKept)
            {
                list.Add(s);
            }
        }

        private static bool Is(string? name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);
    }
}
