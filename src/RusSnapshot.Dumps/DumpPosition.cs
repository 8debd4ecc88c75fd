namespace RusSnapshot.Dumps;

/// <summary>Where something is in a dump: 1-based physical line numbers, as an editor shows them.</summary>
/// <param name="Source">The input's display name (a path, or <c>archive.zip!/inner.ldif</c>).</param>
/// <param name="Line">The physical line of the item (folding makes it differ from the logical line).</param>
/// <param name="RecordStartLine">The physical line on which the enclosing record starts.</param>
public readonly record struct DumpPosition(string Source, long Line, long RecordStartLine)
{
    /// <summary><c>source:line</c>, the form compilers use, so editors and terminals can jump to it.</summary>
    public override string ToString() => $"{Source}:{Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
