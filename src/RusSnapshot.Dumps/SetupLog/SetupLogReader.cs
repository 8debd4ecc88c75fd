using System.Globalization;
using System.Text;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Dumps.SetupLog;

/// <summary>
/// Streams an Exchange setup log (<c>ExchangeSetup.log</c>) and hands out the entries it recognises (runs, their header
/// lines, readiness evaluations, fired rules), one at a time, in the order of the file. It knows the log's syntax, not
/// what any rule means. Memory holds one entry (capped at <see cref="MaxEntryChars"/>), whatever the log's size.
/// </summary>
/// <remarks>
/// <para>A line is <c>[MM/dd/yyyy HH:mm:ss.0fff] [N] text</c>: the prefix is 26 characters, the date separator is the
/// writer's culture's (<c>/</c>, <c>.</c> or <c>-</c> have been seen), the fraction is a literal 0 and milliseconds. A line
/// without the prefix continues the entry before it (stack traces, wrapped values): a value may span lines, and may hold
/// <c>"</c> and <c>]</c>, so fields are found by the known field names that follow them, never by splitting on <c>]</c>.</para>
/// <para>Problems are diagnostics with file and line (codes <c>SETUPLOG-*</c> in <see cref="DiagnosticCodes"/>), never
/// exceptions; messages quote no log content. The text is decoded as the byte order mark says, else as UTF-8 (invalid
/// bytes become U+FFFD, so every string handed out is well-formed UTF-16).</para>
/// </remarks>
public sealed class SetupLogReader : IDisposable
{
    /// <summary>The largest entry read, in characters (a line with its continuation lines); a longer one is skipped.</summary>
    public const int DefaultMaxEntryChars = 1024 * 1024;

    private const int PrefixLength = 26;
    private const int MaxKeptDiagnostics = 100;

    private readonly TextReader _text;
    private readonly char[] _chunk = new char[64 * 1024];
    private int _chunkPos;
    private int _chunkLen;
    private bool _eof;

    private char[] _line = new char[4096];
    private int _lineLen;
    private bool _lineOverflow;

    // The entry being accumulated: its first line's text after the prefix, then "\n" + each continuation line.
    private char[] _entry = new char[4096];
    private int _entryLen;
    private bool _entryOpen;
    private bool _entryOverflow;
    private long _entryLine;
    private DateTime? _entryTime;
    private int? _entryLevel;

    private readonly List<DumpDiagnostic> _diagnostics = [];
    private bool _sawRun;
    private bool _finished;

    /// <param name="stream">The log's bytes (decompressed), read forward only.</param>
    /// <param name="sourceName">The name used in every position and message.</param>
    /// <param name="maxEntryChars">The largest entry read (<see cref="DefaultMaxEntryChars"/>).</param>
    /// <param name="leaveOpen">Whether <paramref name="stream"/> stays open when the reader is disposed.</param>
    public SetupLogReader(Stream stream, string sourceName, int maxEntryChars = DefaultMaxEntryChars, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntryChars, PrefixLength);
        _text = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: leaveOpen);
        SourceName = sourceName;
        MaxEntryChars = maxEntryChars;
    }

    /// <summary>Opens a log file; a <c>.gz</c> is decompressed as it is read.</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static SetupLogReader Open(string path, int maxEntryChars = DefaultMaxEntryChars)
    {
        ArgumentNullException.ThrowIfNull(path);
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GzipMemberStream(stream, path);
        }

        return new SetupLogReader(stream, path, maxEntryChars);
    }

    /// <summary>The name used in positions.</summary>
    public string SourceName { get; }

    /// <summary>The largest entry read, in characters.</summary>
    public int MaxEntryChars { get; }

    /// <summary>Physical lines read so far.</summary>
    public long Lines { get; private set; }

    /// <summary>Errors found (all counted; the first 100 kept in <see cref="Diagnostics"/>).</summary>
    public long Errors { get; private set; }

    /// <summary>Warnings found (all counted; the first 100 kept).</summary>
    public long Warnings { get; private set; }

    /// <summary>True once the end is reached with the last line ended by a line break (false for a cut log, or before the end).</summary>
    public bool Complete { get; private set; }

    /// <summary>The diagnostics kept so far, in the order found.</summary>
    public IReadOnlyList<DumpDiagnostic> Diagnostics => _diagnostics;

    /// <summary>The next entry the reader recognises, or null at the end of the log.</summary>
    /// <exception cref="IOException">The log could not be read (an I/O error, a corrupt <c>.gz</c>: <see cref="InvalidDataException"/>).</exception>
    public SetupLogEntry? Read()
    {
        while (!_finished)
        {
            if (!NextLine(out var terminated))
            {
                // The end: what was being accumulated is complete.
                var last = _entryOpen ? CloseEntry() : null;
                Finish(cut: false);
                if (last is not null)
                {
                    return last;
                }

                break;
            }

            Lines++;
            var line = _line.AsSpan(0, _lineLen);
            if (!terminated)
            {
                // A log is written line by line, each ending with a line break: a last line without one was cut off. The
                // entry it starts or continues is incomplete, so it is not read.
                Report(DiagnosticCodes.SetupLogTruncated, Lines, _entryOpen && !HasPrefix(line) ? _entryLine : Lines,
                    "the log ends in the middle of a line (no line break after it): it was cut off, and its last entry is not read");
                SetupLogEntry? before = null;
                if (HasPrefix(line) && _entryOpen)
                {
                    before = CloseEntry(); // the entry before the cut line is whole
                }

                _entryOpen = false;
                Finish(cut: true);
                if (before is not null)
                {
                    return before;
                }

                break;
            }

            if (HasPrefix(line))
            {
                var done = _entryOpen ? CloseEntry() : null;
                StartEntry(line);
                if (done is not null)
                {
                    return done;
                }
            }
            else if (_entryOpen)
            {
                Append('\n');
                Append(line);
                if (_lineOverflow)
                {
                    _entryOverflow = true;
                }
            }
        }

        return null;
    }

    /// <summary>Closes the log (not the stream when the reader was made with <c>leaveOpen</c>: the StreamReader leaves it).</summary>
    public void Dispose() => _text.Dispose();

    private void Finish(bool cut)
    {
        _finished = true;
        Complete = !cut;
        if (!_sawRun)
        {
            Report(DiagnosticCodes.SetupLogNoRun, Lines == 0 ? 0 : 1, 0,
                "no line starts a setup run ('Starting Microsoft Exchange Server ... Setup'): this is not an Exchange setup log, or its beginning is missing");
        }
    }

    /// <summary>True when the line starts with the 26-character time prefix (its shape only; the date is checked later).</summary>
    private static bool HasPrefix(ReadOnlySpan<char> line)
    {
        if (line.Length < PrefixLength || line[0] != '[' || line[25] != ']' || line[11] != ' ' || line[14] != ':' || line[17] != ':' || line[20] != '.')
        {
            return false;
        }

        if (line[3] != line[6] || line[3] is not ('/' or '.' or '-'))
        {
            return false;
        }

        ReadOnlySpan<int> digits = [1, 2, 4, 5, 7, 8, 9, 10, 12, 13, 15, 16, 18, 19, 21, 22, 23, 24];
        foreach (var i in digits)
        {
            if (!char.IsAsciiDigit(line[i]))
            {
                return false;
            }
        }

        return true;
    }

    private void StartEntry(ReadOnlySpan<char> line)
    {
        _entryOpen = true;
        _entryLine = Lines;
        _entryLen = 0;
        _entryOverflow = _lineOverflow;
        _entryTime = ParseTime(line);
        if (_entryTime is null)
        {
            Report(DiagnosticCodes.SetupLogTime, Lines, Lines, "the line's time prefix is not a valid MM/dd/yyyy HH:mm:ss date: the line is read without its time");
        }

        var rest = line[PrefixLength..];
        _entryLevel = null;
        if (rest.Length >= 4 && rest[0] == ' ' && rest[1] == '[')
        {
            var close = rest.IndexOf(']');
            if (close > 2 && int.TryParse(rest[2..close], NumberStyles.None, CultureInfo.InvariantCulture, out var level))
            {
                _entryLevel = level;
                rest = rest[(close + 1)..];
            }
        }

        if (!rest.IsEmpty && rest[0] == ' ')
        {
            rest = rest[1..];
        }

        Append(rest);
    }

    private static DateTime? ParseTime(ReadOnlySpan<char> p)
    {
        static int N(ReadOnlySpan<char> s)
        {
            var v = 0;
            foreach (var c in s)
            {
                v = (v * 10) + (c - '0');
            }

            return v;
        }

        int month = N(p[1..3]), day = N(p[4..6]), year = N(p[7..11]), hour = N(p[12..14]), minute = N(p[15..17]), second = N(p[18..20]);

        // The fraction is written '0fff': a literal 0, then milliseconds.
        var ms = p[21] == '0' ? N(p[22..25]) : N(p[21..25]) / 10;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTime(year, month, day, hour, minute, second, ms, DateTimeKind.Unspecified);
    }

    private SetupLogEntry? CloseEntry()
    {
        _entryOpen = false;
        if (_entryOverflow)
        {
            Report(DiagnosticCodes.SetupLogEntryTooLong, _entryLine, _entryLine,
                $"the entry is longer than {MaxEntryChars.ToString(CultureInfo.InvariantCulture)} characters (with its continuation lines): it is not read");
            return null;
        }

        var text = _entry.AsSpan(0, _entryLen);
        var entry = Classify(text);
        if (entry is { Kind: SetupLogEntryKind.RunStart })
        {
            _sawRun = true;
        }

        return entry;
    }

    /// <summary>The entry's meaning from its text, or null for an entry the reader does not hand out.</summary>
    private SetupLogEntry? Classify(ReadOnlySpan<char> text)
    {
        SetupLogEntry Make(SetupLogEntryKind kind) => new() { Kind = kind, Line = _entryLine, Time = _entryTime, Level = _entryLevel };

        if (text.StartsWith("Starting Microsoft Exchange Server ", StringComparison.Ordinal))
        {
            var product = FirstLine(text["Starting Microsoft Exchange Server ".Length..]).TrimEnd();
            var end = product.LastIndexOf(" Setup", StringComparison.Ordinal);
            if (end < 0 && !product.EndsWith("Setup", StringComparison.Ordinal))
            {
                return null; // not the run banner (some other "Starting Microsoft Exchange Server ..." text)
            }

            return Make(SetupLogEntryKind.RunStart) with { Name = end < 0 ? null : product[..end].Trim().ToString() };
        }

        if (text.StartsWith("End of Setup", StringComparison.Ordinal))
        {
            return Make(SetupLogEntryKind.RunEnd);
        }

        if (text.StartsWith("Local time zone:", StringComparison.Ordinal))
        {
            var zone = FirstLine(text["Local time zone:".Length..]).Trim();
            return Make(SetupLogEntryKind.TimeZone) with { Value = zone.ToString(), UtcOffset = ParseOffset(zone) };
        }

        if (text.StartsWith("Setup version:", StringComparison.Ordinal))
        {
            return Make(SetupLogEntryKind.SetupVersion) with { Value = WithoutFinalPeriod(FirstLine(text["Setup version:".Length..])) };
        }

        if (text.StartsWith("Logged on user:", StringComparison.Ordinal))
        {
            return Make(SetupLogEntryKind.LoggedOnUser) with { Value = WithoutFinalPeriod(FirstLine(text["Logged on user:".Length..])) };
        }

        if (text.StartsWith("Command Line Parameter Name='", StringComparison.Ordinal))
        {
            var rest = FirstLine(text["Command Line Parameter Name='".Length..]);
            var sep = rest.IndexOf("', Value='", StringComparison.Ordinal);
            var close = rest.LastIndexOf('\'');
            if (sep < 0 || close < sep + "', Value='".Length)
            {
                return null;
            }

            return Make(SetupLogEntryKind.CommandLineParameter) with
            {
                Name = rest[..sep].ToString(),
                Value = rest[(sep + "', Value='".Length)..close].ToString(),
            };
        }

        if (text.StartsWith("The Exchange Server setup operation completed successfully.", StringComparison.Ordinal))
        {
            return Make(SetupLogEntryKind.Succeeded);
        }

        if (text.StartsWith("[REQUIRED]", StringComparison.Ordinal))
        {
            return Make(SetupLogEntryKind.Required) with { Value = text["[REQUIRED]".Length..].Trim().ToString() };
        }

        // Setup spells it RECOMENDED; the correct spelling is accepted too.
        foreach (var tag in (ReadOnlySpan<string>)["[RECOMENDED]", "[RECOMMENDED]"])
        {
            if (text.StartsWith(tag, StringComparison.Ordinal))
            {
                return Make(SetupLogEntryKind.Recommended) with { Value = text[tag.Length..].Trim().ToString() };
            }
        }

        if (text.StartsWith("Help URL:", StringComparison.Ordinal))
        {
            return Make(SetupLogEntryKind.HelpUrl) with { Value = FirstLine(text["Help URL:".Length..]).Trim().ToString() };
        }

        if (text.StartsWith("Evaluated [", StringComparison.Ordinal))
        {
            return Evaluated(text["Evaluated ".Length..], Make(SetupLogEntryKind.Evaluated));
        }

        foreach (var (word, kind) in (ReadOnlySpan<(string, SetupLogEntryKind)>)[("Started [", SetupLogEntryKind.Started), ("Finished [", SetupLogEntryKind.Finished), ("Failed [", SetupLogEntryKind.Failed)])
        {
            if (text.StartsWith(word, StringComparison.Ordinal))
            {
                return Bracketed(text[(word.Length - 1)..], Make(kind));
            }
        }

        return null;
    }

    /// <summary><c>[Kind:Name]</c> then, for Started, <c>[Parent:...]</c> and <c>[RuleType:...]</c>; for Failed, <c>[Message:...]</c>.</summary>
    private static SetupLogEntry? Bracketed(ReadOnlySpan<char> text, SetupLogEntry entry)
    {
        if (!Subject(ref text, out var subject, out var name))
        {
            return null;
        }

        entry = entry with { Subject = subject, Name = name };
        if (entry.Kind == SetupLogEntryKind.Started)
        {
            entry = entry with { Parent = Field(text, "[Parent:"), RuleType = Field(text, "[RuleType:") };
        }
        else if (entry.Kind == SetupLogEntryKind.Failed)
        {
            // The message may hold ']': it runs to the entry's last ']'.
            var start = text.IndexOf("[Message:", StringComparison.Ordinal);
            var end = text.LastIndexOf(']');
            if (start >= 0 && end > start)
            {
                entry = entry with { Value = text[(start + "[Message:".Length)..end].ToString() };
            }
        }

        return entry;
    }

    /// <summary>
    /// <c>[Rule|Setting:Name] [HasException:True|False] [Value:"..."] [ParentValue:"..."] [Thread:N] [Duration:...]</c>, in
    /// that order. A value ends where <c>"] [ParentValue:"</c> follows it, the parent value where <c>"] [Thread:</c> (or,
    /// without it, the entry's last <c>"]</c>) does.
    /// </summary>
    private SetupLogEntry? Evaluated(ReadOnlySpan<char> text, SetupLogEntry entry)
    {
        const string HasException = "] [HasException:";
        const string ValueStart = "] [Value:\"";
        const string ParentStart = "\"] [ParentValue:\"";
        const string ThreadStart = "\"] [Thread:";

        if (text.Length < 3 || text[0] != '[')
        {
            return Malformed();
        }

        var colon = text.IndexOf(':');
        var nameEnd = text.IndexOf(HasException, StringComparison.Ordinal);
        if (colon < 0 || nameEnd < colon)
        {
            return Malformed();
        }

        var subject = SubjectOf(text[1..colon]);
        var name = text[(colon + 1)..nameEnd];
        var rest = text[(nameEnd + HasException.Length)..];
        var valueAt = rest.IndexOf(ValueStart, StringComparison.Ordinal);
        if (valueAt < 0)
        {
            return Malformed();
        }

        var hasException = rest[..valueAt];
        if (!hasException.Equals("True", StringComparison.OrdinalIgnoreCase) && !hasException.Equals("False", StringComparison.OrdinalIgnoreCase))
        {
            return Malformed();
        }

        rest = rest[(valueAt + ValueStart.Length)..];
        var parentAt = rest.IndexOf(ParentStart, StringComparison.Ordinal);
        if (parentAt < 0)
        {
            return Malformed();
        }

        var value = rest[..parentAt];
        rest = rest[(parentAt + ParentStart.Length)..];
        var parentEnd = rest.IndexOf(ThreadStart, StringComparison.Ordinal);
        if (parentEnd < 0)
        {
            parentEnd = rest.LastIndexOf("\"]", StringComparison.Ordinal);
        }

        if (parentEnd < 0)
        {
            return Malformed();
        }

        return entry with
        {
            Subject = subject,
            Name = name.ToString(),
            HasException = hasException.Equals("True", StringComparison.OrdinalIgnoreCase),
            Value = value.ToString(),
            ParentValue = rest[..parentEnd].ToString(),
        };

        SetupLogEntry? Malformed()
        {
            Report(DiagnosticCodes.SetupLogReadiness, _entryLine, _entryLine,
                "a readiness line ('Evaluated [...]') without its fields in the documented order ([HasException:...] [Value:\"...\"] [ParentValue:\"...\"]): the line is not read");
            return null;
        }
    }

    private static bool Subject(ref ReadOnlySpan<char> text, out SetupLogSubject subject, out string name)
    {
        subject = SetupLogSubject.None;
        name = string.Empty;
        var close = text.IndexOf(']');
        var colon = text.IndexOf(':');
        if (text.IsEmpty || text[0] != '[' || colon < 0 || close < colon)
        {
            return false;
        }

        subject = SubjectOf(text[1..colon]);
        name = text[(colon + 1)..close].ToString();
        text = text[(close + 1)..];
        return true;
    }

    private static SetupLogSubject SubjectOf(ReadOnlySpan<char> word) => word switch
    {
        "Rule" => SetupLogSubject.Rule,
        "Setting" => SetupLogSubject.Setting,
        "Analysis" => SetupLogSubject.Analysis,
        _ => SetupLogSubject.Other,
    };

    /// <summary>The text of <c>[Name:text]</c> in <paramref name="text"/>, or null.</summary>
    private static string? Field(ReadOnlySpan<char> text, string open)
    {
        var start = text.IndexOf(open, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var rest = text[(start + open.Length)..];
        var end = rest.IndexOf(']');
        return end < 0 ? null : rest[..end].ToString();
    }

    /// <summary><c>(UTC)</c>, <c>(UTC+01:00)</c>, <c>(UTC-05:00)</c> at the start of a zone's text.</summary>
    private static TimeSpan? ParseOffset(ReadOnlySpan<char> zone)
    {
        if (!zone.StartsWith("(UTC", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = zone[4..];
        if (rest.StartsWith(")", StringComparison.Ordinal))
        {
            return TimeSpan.Zero;
        }

        if (rest.Length >= 7 && rest[0] is ('+' or '-') && rest[3] == ':' && rest[6] == ')'
            && int.TryParse(rest[1..3], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && int.TryParse(rest[4..6], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && h <= 14 && m < 60)
        {
            var offset = new TimeSpan(h, m, 0);
            return rest[0] == '-' ? -offset : offset;
        }

        return null;
    }

    private static ReadOnlySpan<char> FirstLine(ReadOnlySpan<char> text)
    {
        var nl = text.IndexOf('\n');
        return nl < 0 ? text : text[..nl];
    }

    private static string WithoutFinalPeriod(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        return (t.EndsWith(".", StringComparison.Ordinal) ? t[..^1] : t).ToString();
    }

    private void Append(char c) => Append([c]);

    private void Append(ReadOnlySpan<char> text)
    {
        if (_entryOverflow)
        {
            return;
        }

        if (_entryLen + text.Length > MaxEntryChars)
        {
            _entryOverflow = true;
            return;
        }

        if (_entryLen + text.Length > _entry.Length)
        {
            Array.Resize(ref _entry, Math.Min(MaxEntryChars, Math.Max(_entry.Length * 2, _entryLen + text.Length)));
        }

        text.CopyTo(_entry.AsSpan(_entryLen));
        _entryLen += text.Length;
    }

    /// <summary>
    /// The next physical line into <see cref="_line"/> without its line break (LF or CRLF); a line over the entry limit is
    /// cut there (<see cref="_lineOverflow"/>) and the rest of it skipped without being kept. False at the end of input.
    /// </summary>
    private bool NextLine(out bool terminated)
    {
        _lineLen = 0;
        _lineOverflow = false;
        terminated = false;
        var any = false;
        while (true)
        {
            if (_chunkPos == _chunkLen)
            {
                if (_eof || !FillChunk())
                {
                    _eof = true;
                    if (!any)
                    {
                        return false;
                    }

                    TrimCr();
                    return true; // a last line without a line break
                }
            }

            any = true;
            var available = _chunk.AsSpan(_chunkPos, _chunkLen - _chunkPos);
            var nl = available.IndexOf('\n');
            var take = nl < 0 ? available : available[..nl];
            Keep(take);
            _chunkPos += nl < 0 ? available.Length : nl + 1;
            if (nl >= 0)
            {
                terminated = true;
                TrimCr();
                return true;
            }
        }
    }

    private void TrimCr()
    {
        if (_lineLen > 0 && _line[_lineLen - 1] == '\r')
        {
            _lineLen--;
        }
    }

    private void Keep(ReadOnlySpan<char> part)
    {
        if (_lineOverflow)
        {
            return;
        }

        if (_lineLen + part.Length > MaxEntryChars)
        {
            part = part[..(MaxEntryChars - _lineLen)];
            _lineOverflow = true;
        }

        if (_lineLen + part.Length > _line.Length)
        {
            Array.Resize(ref _line, Math.Min(MaxEntryChars, Math.Max(_line.Length * 2, _lineLen + part.Length)));
        }

        part.CopyTo(_line.AsSpan(_lineLen));
        _lineLen += part.Length;
    }

    private bool FillChunk()
    {
        _chunkPos = 0;
        _chunkLen = _text.Read(_chunk, 0, _chunk.Length);
        return _chunkLen > 0;
    }

    private void Report(DiagnosticCode code, long line, long entryLine, string message)
    {
        // Errors and warnings have separate budgets, so that a flood of warnings never hides the error that says the log is cut.
        var kept = code.Severity == DiagnosticSeverity.Error ? Errors++ : Warnings++;
        if (kept < MaxKeptDiagnostics)
        {
            _diagnostics.Add(new DumpDiagnostic(new DumpPosition(SourceName, line, entryLine), code, message));
        }
    }
}
