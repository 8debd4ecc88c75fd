using System.Diagnostics;

namespace RusSnapshot.Collector.Ldap;

/// <summary>The run's time budget: each request gets <see cref="RequestTimeout"/>, never more than the run has left.</summary>
internal sealed class RunClock(TimeSpan requestTimeout, TimeSpan? runTimeout, CancellationToken cancel)
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public TimeSpan RequestTimeout { get; } = requestTimeout;

    public TimeSpan Elapsed => _watch.Elapsed;

    public CancellationToken Cancel { get; } = cancel;

    /// <summary>The time the next request may take; throws when the run is out of time or cancelled.</summary>
    public TimeSpan NextRequest()
    {
        Cancel.ThrowIfCancellationRequested();
        if (runTimeout is not { } limit)
        {
            return RequestTimeout;
        }

        var left = limit - _watch.Elapsed;
        if (left <= TimeSpan.Zero)
        {
            throw new RunTimeoutException();
        }

        return left < RequestTimeout ? left : RequestTimeout;
    }

    /// <summary>Waits before a retry (bounded by the time left); false when the run has no time left for it.</summary>
    public bool Wait(TimeSpan delay)
    {
        if (runTimeout is { } limit && _watch.Elapsed + delay >= limit)
        {
            return false;
        }

        if (Cancel.WaitHandle.WaitOne(delay))
        {
            throw new OperationCanceledException(Cancel);
        }

        return true;
    }
}
