namespace RusSnapshot.Dumps;

/// <summary>How bad a reader diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The dump was read, but something is unusual (trailing spaces, a URL value that was not followed).</summary>
    Warning,

    /// <summary>A record could not be read, or the dump is incomplete.</summary>
    Error,
}

/// <summary>One problem found while reading a dump.</summary>
/// <param name="Position">Where it is.</param>
/// <param name="Severity">Warning or error.</param>
/// <param name="Code">A stable short code (e.g. <c>LDIF-BASE64</c>) that tests and tools can match on.</param>
/// <param name="Message">What was found and what was expected. Holds no customer data unless the caller asked for it.</param>
public sealed record DumpDiagnostic(DumpPosition Position, DiagnosticSeverity Severity, string Code, string Message)
{
    /// <summary>A diagnostic of a catalogued code (<see cref="DiagnosticCodes"/>), which gives its severity.</summary>
    public DumpDiagnostic(DumpPosition position, DiagnosticCode code, string message)
        : this(position, (code ?? throw new ArgumentNullException(nameof(code))).Severity, code.Id, message)
    {
    }

    /// <summary><c>file:line: error: message</c>.</summary>
    public override string ToString() =>
        $"{Position}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")}: {Message}";
}
