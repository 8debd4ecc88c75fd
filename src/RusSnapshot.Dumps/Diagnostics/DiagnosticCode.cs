namespace RusSnapshot.Dumps;

/// <summary>What happens to the reading after a diagnostic (with <see cref="BadRecordHandling.Collect"/>, as the CLI reads).</summary>
public enum DiagnosticEffect
{
    /// <summary>A warning: the record is kept as read, and reading goes on.</summary>
    Noted,

    /// <summary>The record is rejected (counted, not used), and reading goes on with the next one.</summary>
    RecordRejected,

    /// <summary>Every record read is kept, but the dump as a whole is incomplete (a failed or unfinished search).</summary>
    DumpIncomplete,

    /// <summary>The input cannot be trusted from here on: the rest of it is not read, and the dump is incomplete.</summary>
    ReadingStopped,
}

/// <summary>
/// One diagnostic code: a stable identifier (shown in every report and used by tests and rules), its severity, what it does
/// to the reading, and what it means. Only <see cref="DiagnosticCodes"/> makes them, so every code emitted is listed there.
/// </summary>
public sealed class DiagnosticCode
{
    internal DiagnosticCode(string id, DiagnosticSeverity severity, DiagnosticEffect effect, string meaning)
    {
        if (severity == DiagnosticSeverity.Warning != (effect == DiagnosticEffect.Noted))
        {
            throw new ArgumentException($"{id}: warnings, and only warnings, leave the reading as it is.", nameof(effect));
        }

        Id = id;
        Severity = severity;
        Effect = effect;
        Meaning = meaning;
    }

    /// <summary>The code as reports show it, such as <c>LDIF-BASE64</c>.</summary>
    public string Id { get; }

    /// <summary>Warning or error.</summary>
    public DiagnosticSeverity Severity { get; }

    /// <summary>What happens to the reading.</summary>
    public DiagnosticEffect Effect { get; }

    /// <summary>What the code means, in one sentence (the page <c>docs/diagnostics.md</c> lists it).</summary>
    public string Meaning { get; }

    /// <inheritdoc/>
    public override string ToString() => Id;
}
