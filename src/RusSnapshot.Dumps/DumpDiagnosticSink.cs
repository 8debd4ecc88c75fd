namespace RusSnapshot.Dumps;

/// <summary>
/// What the dump readers share around their parsing: the diagnostics (kept up to
/// <see cref="DumpReaderOptions.MaxDiagnostics"/>, all counted), the statistics those counts land in, the exceptions
/// for a bad record, and the <see cref="IDumpReader.Read"/> loop that applies <see cref="DumpReaderOptions.OnBadRecord"/>.
/// </summary>
internal sealed class DumpDiagnosticSink
{
    private readonly string _sourceName;
    private readonly DumpReaderOptions _options;
    private readonly List<DumpDiagnostic> _diagnostics = [];
    private bool _fatal;
    private bool _done;

    /// <param name="sourceName">The input's display name, used in every position.</param>
    /// <param name="options">The reader's options (error handling, the diagnostics cap).</param>
    public DumpDiagnosticSink(string sourceName, DumpReaderOptions options)
    {
        _sourceName = sourceName;
        _options = options;
    }

    /// <summary>The reader's counters; the sink keeps errors, warnings, rejected records and completeness.</summary>
    public DumpReadStatistics Statistics { get; } = new();

    /// <summary>The diagnostics kept so far.</summary>
    public IReadOnlyList<DumpDiagnostic> Diagnostics => _diagnostics;

    /// <summary>
    /// One <see cref="IDumpReader.Read"/>: calls <paramref name="parseNext"/> until it yields a record (true) or finds the
    /// end of the input (false). A <see cref="DumpFormatException"/> it throws is collected as a diagnostic and the next
    /// record tried, or counted and thrown on, as the options say; one that may not continue ends the reading for good.
    /// </summary>
    /// <param name="parseNext">The reader's parsing: reads the next record, or does its end-of-input work and returns false.</param>
    public bool Read(Func<bool> parseNext)
    {
        while (!_fatal && !_done)
        {
            try
            {
                if (parseNext())
                {
                    return true;
                }

                _done = true;
                Statistics.Complete = !_fatal;
                return false;
            }
            catch (DumpFormatException ex)
            {
                if (!ex.MayContinue)
                {
                    _fatal = true;
                }

                if (_options.OnBadRecord != BadRecordHandling.Collect)
                {
                    Statistics.Errors++;
                    throw;
                }

                Statistics.RejectedRecords++;
                if (Count(DiagnosticSeverity.Error))
                {
                    _diagnostics.Add(ex.ToDiagnostic());
                }
            }
        }

        return false;
    }

    /// <summary>Counts a problem that does not reject the record (a warning, or an error about the dump as a whole), and keeps it while under the cap.</summary>
    public void Report(DiagnosticCode code, long line, long recordLine, string message)
    {
        if (Count(code.Severity))
        {
            _diagnostics.Add(new DumpDiagnostic(new DumpPosition(_sourceName, line, recordLine), code, message));
        }
    }

    /// <summary>
    /// The exception for a bad record. Whether reading goes on after it is the code's <see cref="DiagnosticCode.Effect"/>:
    /// the record is skipped, or (<see cref="DiagnosticEffect.ReadingStopped"/>) the rest of the input is not read.
    /// </summary>
    public DumpFormatException Fail(DiagnosticCode code, long line, long recordLine, string message)
    {
        if (code.Effect is not (DiagnosticEffect.RecordRejected or DiagnosticEffect.ReadingStopped))
        {
            throw new ArgumentException($"{code.Id} does not reject a record; report it instead.", nameof(code));
        }

        return new(new DumpPosition(_sourceName, line, recordLine), code.Id, message, mayContinue: code.Effect != DiagnosticEffect.ReadingStopped);
    }

    /// <summary>As <see cref="Report(DiagnosticCode, long, long, string)"/>, at a position of its own (a byte offset in a binary dump).</summary>
    public void Report(DiagnosticCode code, DumpPosition position, string message)
    {
        if (Count(code.Severity))
        {
            _diagnostics.Add(new DumpDiagnostic(position, code, message));
        }
    }

    /// <summary>As <see cref="Fail(DiagnosticCode, long, long, string)"/>, at a position of its own (a byte offset in a binary dump).</summary>
    public DumpFormatException Fail(DiagnosticCode code, DumpPosition position, string message)
    {
        if (code.Effect is not (DiagnosticEffect.RecordRejected or DiagnosticEffect.ReadingStopped))
        {
            throw new ArgumentException($"{code.Id} does not reject a record; report it instead.", nameof(code));
        }

        return new(position, code.Id, message, mayContinue: code.Effect != DiagnosticEffect.ReadingStopped);
    }

    /// <summary>
    /// Counts a diagnostic; true while there is room to keep it. Errors and warnings have separate budgets, so that a flood
    /// of warnings (trailing spaces...) can never crowd out the error that says a dump is cut off.
    /// </summary>
    private bool Count(DiagnosticSeverity severity)
    {
        if (severity == DiagnosticSeverity.Error)
        {
            Statistics.Errors++;
            return _keptErrors++ < _options.MaxDiagnostics;
        }

        Statistics.Warnings++;
        return _keptWarnings++ < _options.MaxDiagnostics;
    }

    private long _keptErrors;
    private long _keptWarnings;
}
