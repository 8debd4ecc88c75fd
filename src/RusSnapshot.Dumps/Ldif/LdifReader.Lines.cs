namespace RusSnapshot.Dumps.Ldif;

/// <summary>
/// One logical line split into description and value, both validated; folds joined only where needed. A parsed line is the
/// record slot it becomes (<see cref="DumpRecord.Slot"/>): where its description and value are, in the buffer or the arena.
/// </summary>
public sealed partial class LdifReader
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool NameIs(in DumpRecord.Slot line, ReadOnlySpan<byte> lowerName) =>
        line.NameLength == lowerName.Length
        && System.Text.Ascii.EqualsIgnoreCase(_record.Source(line.NameSource).AsSpan(line.NameStart, line.NameLength), lowerName);

    private ReadOnlySpan<byte> DescriptionOf(in DumpRecord.Slot line) =>
        _record.Source(line.NameSource).AsSpan(line.NameStart, line.DescriptionLength);

    /// <summary>The value of a logical line, folds joined (into the arena when folded). Not base64-decoded.</summary>
    private ReadOnlySpan<byte> ValueTextOf(in DumpRecord.Slot line)
    {
        if (!line.Folded)
        {
            return _record.Source(line.ValueSource).AsSpan(line.ValueStart, line.ValueLength);
        }

        var (at, length) = UnfoldToArena(line.ValueStart, line.ValueLength);
        return _record.Arena.AsSpan(at, length);
    }

    /// <summary>Joins a folded logical line that starts at <paramref name="start"/> in the buffer into the arena.</summary>
    private (int At, int Length) UnfoldToArena(int start, int firstLength)
    {
        var limited = _buf.AsSpan(0, _record.BufferLimit);
        var length = DumpRecord.UnfoldedLength(limited, start, firstLength);
        var at = _record.ArenaAlloc(length);
        DumpRecord.Unfold(limited, start, firstLength, _record.Arena.AsSpan(at, length));
        return (at, length);
    }

    /// <summary>
    /// Splits the logical line whose first physical line is <c>[start, end)</c> of the buffer into description and value,
    /// validating both. Continuation lines are joined only when the fold falls inside the description or the value
    /// indicator, or the value is base64 (validated as a whole).
    /// </summary>
    /// <param name="lastIndex">Index, in the region's line table, after the logical line's last physical line.</param>
    /// <param name="slot">Filled in place (<see cref="DumpRecord.NextSlot"/>).</param>
    private void ParseLine(ref DumpRecord.Slot slot, int start, int end, bool folded, int foldedLength, long lineNo, long recordLine, int region, int lastIndex) =>
        ParseLine(ref slot, DumpRecord.SourceBuffer, _buf, start, end, folded, foldedLength, lineNo, recordLine, region, lastIndex);

    private void ParseLine(
        ref DumpRecord.Slot slot, byte source, byte[] data, int start, int end, bool folded, int foldedLength, long lineNo, long recordLine, int region, int lastIndex)
    {
        // The description, up to ':' (attribute type, then ";option"s).
        var scan = LdifSyntax.ScanDescription(data.AsSpan(start), end - start);
        var p = start + scan.Length;
        if (p == end && folded)
        {
            // The description itself is folded (legal, and seen in peers' tests).
            ParseJoined(ref slot, start, end, lineNo, recordLine, region, lastIndex);
            return;
        }

        if (p == end || data[p] != (byte)':')
        {
            throw p == end || data.AsSpan(p, end - p).IndexOf((byte)':') < 0
                ? _sink.Fail(DiagnosticCodes.LdifNoColon, lineNo, recordLine, "attribute line without ':' (expected 'name: value', 'name:: base64' or 'name:< URL')")
                : _sink.Fail(DiagnosticCodes.LdifBadName, lineNo, recordLine, $"character '{Printable(data[p])}' is not allowed in an attribute description (letters, digits, '-', ';' options, OIDs)");
        }

        var descriptionLength = scan.Length;
        if (descriptionLength == 0)
        {
            throw _sink.Fail(DiagnosticCodes.LdifEmptyName, lineNo, recordLine, "attribute line starts with ':': the attribute name is empty");
        }

        var nameLength = scan.NameLength;
        if (nameLength == 0)
        {
            throw _sink.Fail(DiagnosticCodes.LdifEmptyName, lineNo, recordLine, "attribute description starts with ';': the attribute type is empty");
        }

        p++; // past ':'
        var (encoding, offset) = LdifSyntax.ValueStart(data.AsSpan(p, end - p));
        p += offset;
        if (p == end && folded)
        {
            // The first physical line ends inside "name:", "::", ":<" or FILL and the value is on the continuation
            // lines ("cn:" / "  value", "description:" / " : QUJD"). RFC 2849 joins the lines first, so parse the
            // joined line: a fold does not turn "::" into a plain value or a FILL space into data.
            ParseJoined(ref slot, start, end, lineNo, recordLine, region, lastIndex);
            return;
        }

        if (scan.HasUnderscore)
        {
            _sink.Report(DiagnosticCodes.LdifNameUnderscore, lineNo, recordLine, "attribute name contains '_', which RFC 2849 does not allow (accepted)");
        }

        var valueLength = end - p;
        var totalLength = valueLength + foldedLength;
        switch (encoding)
        {
            case ValueEncoding.Plain:
                {
                    if (totalLength > _options.MaxValueBytes)
                    {
                        throw _sink.Fail(DiagnosticCodes.LdifValueTooLarge, lineNo, recordLine, "value is larger than the value size limit");
                    }

                    // The value's last byte: on its last continuation line, unless that line is only the fold's space.
                    var endsWithSpace = folded
                        ? _lineEnd[lastIndex - 1] - _lineStart[lastIndex - 1] > 1 && data[region + _lineEnd[lastIndex - 1] - 1] == (byte)' '
                        : valueLength > 0 && data[end - 1] == (byte)' ';
                    if (endsWithSpace)
                    {
                        _sink.Report(DiagnosticCodes.LdifTrailingSpace, lineNo, recordLine,
                            "value ends with a space (kept; RFC 2849 says such values should be base64-encoded)");
                    }

                    slot.Set(source, start, nameLength, descriptionLength, source, p, valueLength, encoding, lineNo, folded);
                    return;
                }

            case ValueEncoding.Base64:
                {
                    if ((long)totalLength * 3 / 4 > _options.MaxValueBytes)
                    {
                        throw _sink.Fail(DiagnosticCodes.LdifValueTooLarge, lineNo, recordLine, "base64 value is larger than the value size limit");
                    }

                    var valueStart = p;
                    var valueSource = source;
                    if (folded)
                    {
                        // Join once into the arena: validation needs whole 4-character groups, and decoding reuses it.
                        var at = _record.ArenaAlloc(totalLength);
                        DumpRecord.Unfold(_buf.AsSpan(0, _record.BufferLimit), p, valueLength, _record.Arena.AsSpan(at, totalLength));
                        valueStart = at;
                        valueLength = totalLength;
                        valueSource = DumpRecord.SourceArena;
                        folded = false;
                    }

                    if (!LdifSyntax.IsStrictBase64(_record.Source(valueSource).AsSpan(valueStart, valueLength)))
                    {
                        throw _sink.Fail(DiagnosticCodes.LdifBase64, lineNo, recordLine,
                            "invalid base64 after '::' (wrong character, bad padding, or a value cut off)");
                    }

                    slot.Set(source, start, nameLength, descriptionLength, valueSource, valueStart, valueLength, encoding, lineNo, folded);
                    return;
                }

            default: // URL
                if (totalLength == 0)
                {
                    throw _sink.Fail(DiagnosticCodes.LdifUrlEmpty, lineNo, recordLine, "':<' must be followed by a URL");
                }

                _sink.Report(DiagnosticCodes.LdifUrlValue, lineNo, recordLine,
                    "value is a URL reference (':<'); it was not followed, and the URL itself is kept as the value");
                slot.Set(source, start, nameLength, descriptionLength, source, p, valueLength, encoding, lineNo, folded);
                return;
        }
    }

    /// <summary>
    /// A fold inside the description or the value indicator: the logical line is joined into the arena and parsed there by
    /// the same rules, as one unfolded line. Rare, so the copy costs nothing that matters.
    /// </summary>
    private void ParseJoined(ref DumpRecord.Slot slot, int start, int end, long lineNo, long recordLine, int region, int lastIndex)
    {
        var (at, length) = UnfoldToArena(start, end - start);
        ParseLine(ref slot, DumpRecord.SourceArena, _record.Arena, at, at + length, folded: false, 0, lineNo, recordLine, region, lastIndex);
    }
}
