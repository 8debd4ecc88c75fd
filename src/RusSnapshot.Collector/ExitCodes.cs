namespace RusSnapshot.Collector;

/// <summary>Process exit codes of <c>russnap-collect</c> (DESIGN.md section 2, docs/collector.md).</summary>
internal static class ExitCodes
{
    /// <summary>Everything the scope asks for was read; the dump and the manifest are complete.</summary>
    public const int Complete = 0;

    /// <summary>The command line is wrong (nothing was contacted).</summary>
    public const int UsageError = 2;

    /// <summary>A bug: one line on stderr.</summary>
    public const int InternalError = 4;

    /// <summary>Cannot connect or bind to the first server (the message says which and why); nothing written.</summary>
    public const int CannotConnect = 5;

    /// <summary>Collected only in part: the dump and the manifest are written and the manifest says what is missing.</summary>
    public const int Partial = 6;

    /// <summary>Stopped by Ctrl-C: the partial files are removed.</summary>
    public const int Interrupted = 130;
}
