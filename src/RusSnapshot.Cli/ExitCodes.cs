namespace RusSnapshot.Cli;

/// <summary>Process exit codes (DESIGN.md section 5); documented in README.md.</summary>
public static class ExitCodes
{
    /// <summary>Nothing at or above the failure threshold; for <c>validate</c>: every input is valid.</summary>
    public const int Success = 0;

    /// <summary>Findings at or above <c>--fail-on</c>.</summary>
    public const int Findings = 1;

    /// <summary>The command line is wrong.</summary>
    public const int UsageError = 2;

    /// <summary>An input is unreadable or invalid; messages name file and line.</summary>
    public const int InvalidInput = 3;
}
