namespace RusSnapshot.Cli;

/// <summary>Process exit codes ; documented in README.md.</summary>
internal static class ExitCodes
{
    /// <summary>Nothing at or above the failure threshold; for <c>validate</c>: every input is valid.</summary>
    public const int Success = 0;

    /// <summary>Findings at or above <c>--fail-on</c>.</summary>
    public const int Findings = 1;

    /// <summary>The command line or the configuration is wrong.</summary>
    public const int UsageError = 2;

    /// <summary>An input is unreadable or invalid; messages name file and line.</summary>
    public const int InvalidInput = 3;

    /// <summary>A bug: one line on the console, the details in a file in the temp folder.</summary>
    public const int InternalError = 4;

    /// <summary>Stopped by Ctrl-C (SIGINT): 128 + 2, the shells' convention.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;
}
