using System.Globalization;

namespace RusSnapshot.Dumps;

/// <summary>Where something is in a dump: 1-based physical line numbers, as an editor shows them.</summary>
/// <param name="Source">The input's display name (a path, or <c>archive.zip!/inner.ldif</c>).</param>
/// <param name="Line">The physical line of the item (folding makes it differ from the logical line). In a binary dump (an AD Explorer snapshot), the 1-based index of the object record; 0 for the file as a whole.</param>
/// <param name="RecordStartLine">The physical line on which the enclosing record starts (in a binary dump: the object index again).</param>
public readonly record struct DumpPosition(string Source, long Line, long RecordStartLine)
{
    /// <summary>In a binary dump, the byte offset of the item in the file; null in a text dump, whose positions are lines.</summary>
    public long? Offset { get; init; }

    /// <summary>The same place, seen from <paramref name="lines"/> lines further on: for a reader that counted lines from 1 in the middle of a file.</summary>
    public DumpPosition ShiftedBy(long lines) => this with { Line = Line + lines, RecordStartLine = RecordStartLine + lines };

    /// <summary>
    /// <c>source:line</c>, the form compilers use, so editors and terminals can jump to it; in a binary dump
    /// <c>source@0x1A2B3C, object 812</c> (a binary file has no lines).
    /// </summary>
    public override string ToString() => Offset is { } offset
        ? Line > 0
            ? $"{Source}@0x{offset.ToString("X", CultureInfo.InvariantCulture)}, object {Line.ToString(CultureInfo.InvariantCulture)}"
            : $"{Source}@0x{offset.ToString("X", CultureInfo.InvariantCulture)}"
        : $"{Source}:{Line.ToString(CultureInfo.InvariantCulture)}";
}
