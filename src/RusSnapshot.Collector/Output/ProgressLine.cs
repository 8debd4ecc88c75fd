using System.Diagnostics;
using System.Globalization;

namespace RusSnapshot.Collector.Output;

/// <summary>
/// The progress line on stderr when it is a terminal (partition, entries so far, pages, elapsed), redrawn at most four
/// times a second; nothing when stderr is redirected or with <c>--quiet</c>.
/// </summary>
internal sealed class ProgressLine(TextWriter error, bool enabled)
{
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private int _width;

    public void Report(string partition, long entries, long pages, TimeSpan elapsed, bool force = false)
    {
        if (!enabled || (!force && _sinceDraw.ElapsedMilliseconds < 250))
        {
            return;
        }

        _sinceDraw.Restart();
        var c = CultureInfo.InvariantCulture;
        var text = string.Create(c, $"  {partition}: {entries:N0} entries, {pages:N0} pages, {elapsed:hh\\:mm\\:ss}");
        error.Write("\r" + text.PadRight(_width));
        _width = text.Length;
        error.Flush();
    }

    public void Clear()
    {
        if (enabled && _width > 0)
        {
            error.Write("\r" + new string(' ', _width) + "\r");
            _width = 0;
            error.Flush();
        }
    }
}
