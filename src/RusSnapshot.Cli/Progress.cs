using System.Diagnostics;
using System.Globalization;

namespace RusSnapshot.Cli;

/// <summary>Progress on standard error, only when it is a terminal (never in pipes, files or tests).</summary>
internal sealed class Progress : IDisposable
{
    private readonly TextWriter? _error;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _nextUpdate = 1000;
    private int _ticks;
    private bool _drawn;

    private Progress(TextWriter? error) => _error = error;

    public static Progress ForStandardError(TextWriter error) =>
        new(ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected ? error : null);

    public void Tick(string input, long bytes)
    {
        // Checking the clock on every record would cost more than the record; look every 4096 records.
        if (_error is null || (++_ticks & 4095) != 0 || _clock.ElapsedMilliseconds < _nextUpdate)
        {
            return;
        }

        _nextUpdate = _clock.ElapsedMilliseconds + 500;
        _error.Write($"\r{Reports.ReportText.Visible(input)}: {(bytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture)} MB read\u001b[K");
        _drawn = true;
    }

    public void InputDone(string input)
    {
        if (_drawn)
        {
            _error!.Write("\r\u001b[K");
            _drawn = false;
        }
    }

    public void Done() => InputDone(string.Empty);

    public void Dispose() => Done();
}
