namespace RusSnapshot.Dumps;

/// <summary>A dump is malformed at a known place.</summary>
/// <remarks>
/// Modelled on UnboundID's <c>LDIFException</c>: <see cref="MayContinue"/> separates "skip this record and go on"
/// from "the rest of the stream cannot be trusted" (truncation, a record over the size cap, an I/O error).
/// </remarks>
public sealed class DumpFormatException : Exception
{
    public DumpFormatException(DumpPosition position, string code, string message, bool mayContinue)
        : base($"{position}: {message}{(position.RecordStartLine > 0 && position.RecordStartLine != position.Line ? $" (record starting at line {position.RecordStartLine.ToString(System.Globalization.CultureInfo.InvariantCulture)})" : string.Empty)}")
    {
        Position = position;
        Code = code;
        Detail = message;
        MayContinue = mayContinue;
    }

    /// <summary>Where the problem is.</summary>
    public DumpPosition Position { get; }

    /// <summary>Stable short code of the problem.</summary>
    public string Code { get; }

    /// <summary>The message without the position prefix.</summary>
    public string Detail { get; }

    /// <summary>True when the reader can skip the bad record and read on.</summary>
    public bool MayContinue { get; }

    /// <summary>The same problem as a diagnostic.</summary>
    public DumpDiagnostic ToDiagnostic() => new(Position, DiagnosticSeverity.Error, Code, Detail);
}
