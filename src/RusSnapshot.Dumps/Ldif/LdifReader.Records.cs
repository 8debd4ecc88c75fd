using System.Buffers.Text;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace RusSnapshot.Dumps.Ldif;

/// <summary>Pass 2: one located region parsed into the record, line by line, by a state machine over the record's kind.</summary>
public sealed partial class LdifReader
{
    /// <summary>Parses the located region into the record. False when it held no record (comments, a version line).</summary>
    private bool ParseRegion(int region, int regionEnd, long firstLine)
    {
        var buf = _buf;
        _record.Reset(buf, new DumpPosition(SourceName, firstLine, firstLine));
        _record.BufferLimit = regionEnd;

        // An ldifde dump always ends with a line break: check the cut before parsing, so that a value cut in half
        // (e.g. base64 that no longer decodes) is reported as the truncation it is, which stops reading.
        if (_regionMissingNewline && EndsWithLineBreak)
        {
            throw _sink.Fail(DiagnosticCodes.LdifTruncated, firstLine + _lineCount - 1, firstLine,
                "the input ends in the middle of a line: ldifde always ends a dump with a line break, so this dump looks cut off");
        }

        if (_regionHasLoneCr)
        {
            for (var i = 0; i < _lineCount; i++)
            {
                var e = region + _lineEnd[i];
                if (e < _end && buf[e] == CR && (e + 1 >= _end || buf[e + 1] != LF))
                {
                    throw _sink.Fail(DiagnosticCodes.LdifLoneCr, firstLine + i, firstLine,
                        "carriage return without line feed: lines must end with LF or CRLF (RFC 2849)");
                }
            }
        }

        var regionSpan = buf.AsSpan(region, regionEnd - region);
        if (!IsValidUtf8(regionSpan))
        {
            ReportInvalidUtf8(region, firstLine);
        }

        var i0 = 0;
        var recordStarted = false;
        var recordLine = firstLine;
        var kind = DumpRecordKind.Entry;
        var state = State.ExpectDn;
        string? modifyAttribute = null;
        var modifyLine = 0L;
        var hasControls = false;
        var newRdnSeen = false;
        var deleteOldRdnSeen = false;

        while (i0 < _lineCount)
        {
            var lineNo = firstLine + i0;
            var start = region + _lineStart[i0];
            var end = region + _lineEnd[i0];
            var first = buf[start];

            // Continuation lines belong to the logical line before them.
            var last = i0 + 1;
            var foldedLength = 0;
            while (last < _lineCount && buf[region + _lineStart[last]] == (byte)' ')
            {
                foldedLength += _lineEnd[last] - _lineStart[last] - 1;
                last++;
            }

            var folded = last > i0 + 1;

            if (first == (byte)'#')
            {
                NoteComment(buf.AsSpan(start, end - start), lineNo, folded ? last : -1, region);
                i0 = last;
                continue;
            }

            if (first == (byte)' ')
            {
                throw _sink.Fail(DiagnosticCodes.LdifFoldAtStart, lineNo, recordLine,
                    "continuation line (starting with a space) where a record's first line was expected");
            }

            if (first == (byte)'\t')
            {
                throw _sink.Fail(DiagnosticCodes.LdifTabFold, lineNo, recordLine,
                    "line starts with a TAB: RFC 2849 continues lines with one space only, and a TAB is not a fold");
            }

            if (!recordStarted)
            {
                recordLine = lineNo;
                _record.Position = new DumpPosition(SourceName, lineNo, lineNo);
            }

            // "-" closes a modify group.
            if (end - start == 1 && first == (byte)'-')
            {
                if (state != State.ModifyGroup)
                {
                    throw _sink.Fail(DiagnosticCodes.LdifUnexpectedDash, lineNo, recordLine, "'-' outside a modify group");
                }

                state = State.ModifyOp;
                modifyAttribute = null;
                i0 = last;
                continue;
            }

            ref var line = ref _record.NextSlot();
            ParseLine(ref line, start, end, folded, foldedLength, lineNo, recordLine, region, last);
            i0 = last;

            if (state != State.ExpectDn && NameIs(in line, "dn"u8))
            {
                // Not an attribute: two records run together (a line of spaces between them is a continuation, not a
                // blank line). Reading it as an attribute named "dn" would silently swallow the second entry.
                throw _sink.Fail(DiagnosticCodes.LdifDnInRecord, lineNo, recordLine,
                    "second 'dn:' line inside a record: a blank line is missing before it");
            }

            switch (state)
            {
                case State.ExpectDn:
                    if (NameIs(in line, "dn"u8))
                    {
                        recordStarted = true;
                        _seenRecord = true;
                        SetDn(in line, lineNo, recordLine);
                        state = State.AfterDn;
                        continue;
                    }

                    if (NameIs(in line, "version"u8) && !recordStarted)
                    {
                        CheckVersion(in line, lineNo);
                        continue;
                    }

                    if (NameIs(in line, "search"u8))
                    {
                        _sawLdapsearch = true;
                        _sawSearchEnd = true;
                        kind = DumpRecordKind.SearchResult;
                        recordStarted = true;
                        state = State.SearchResult;
                        AddValue(in line);
                        continue;
                    }

                    if (NameIs(in line, "ref"u8))
                    {
                        _sawLdapsearch = true;
                        kind = DumpRecordKind.SearchReference;
                        recordStarted = true;
                        state = State.SearchReference;
                        AddValue(in line);
                        continue;
                    }

                    if (NameIs(in line, "changetype"u8))
                    {
                        throw _sink.Fail(DiagnosticCodes.LdifNoDn, lineNo, recordLine, "record starts with 'changetype:' but has no 'dn:' line before it");
                    }

                    throw _sink.Fail(DiagnosticCodes.LdifNoDn, lineNo, recordLine, "the first line of a record must be 'dn:' (or 'version:' at the start of the file)");

                case State.AfterDn:
                    if (NameIs(in line, "control"u8))
                    {
                        AddControl(in line, lineNo, recordLine);
                        hasControls = true;
                        continue;
                    }

                    if (NameIs(in line, "changetype"u8))
                    {
                        kind = ParseChangeType(in line, lineNo, recordLine);
                        state = kind switch
                        {
                            DumpRecordKind.Entry => State.Attributes,
                            DumpRecordKind.Delete => State.Delete,
                            DumpRecordKind.Modify => State.ModifyOp,
                            _ => State.ModDn,
                        };
                        continue;
                    }

                    if (hasControls)
                    {
                        throw _sink.Fail(DiagnosticCodes.LdifControlNoChangetype, lineNo, recordLine, "'control:' lines are only allowed in change records (a 'changetype:' line must follow them)");
                    }

                    _sawContentRecord = true;
                    state = State.Attributes;
                    AddValue(in line);
                    continue;

                case State.Attributes:
                    AddValue(in line);
                    continue;

                case State.Delete:
                    throw _sink.Fail(DiagnosticCodes.LdifDeleteWithAttributes, lineNo, recordLine, "a 'changetype: delete' record takes no further lines");

                case State.ModifyOp:
                    if (!IsModifyOp(in line))
                    {
                        throw _sink.Fail(DiagnosticCodes.LdifModifyOp, lineNo, recordLine, "expected 'add:', 'delete:', 'replace:' or 'increment:' in a modify record");
                    }

                    modifyAttribute = OpenModifyGroup(in line, lineNo, recordLine);
                    modifyLine = lineNo;
                    state = State.ModifyGroup;
                    continue;

                case State.ModifyGroup:
                    if (!Ascii.EqualsIgnoreCase(DescriptionOf(in line), Encoding.ASCII.GetBytes(modifyAttribute ?? string.Empty)))
                    {
                        if (IsModifyOp(in line))
                        {
                            // The '-' before the next operation is missing (OpenChange's provisioning LDIF does this).
                            // Like a missing final '-', accepted: the line can only mean a new group.
                            _sink.Report(DiagnosticCodes.LdifModifyNoDash, lineNo, recordLine,
                                $"'-' missing before this line: it closes the modify group opened on line {LineText(modifyLine)} and opens a new one");
                            modifyAttribute = OpenModifyGroup(in line, lineNo, recordLine);
                            modifyLine = lineNo;
                            continue;
                        }

                        throw _sink.Fail(DiagnosticCodes.LdifModifyMismatch, lineNo, recordLine,
                            $"value line names another attribute than the modify group opened on line {LineText(modifyLine)} (a '-' line must close each group)");
                    }

                    AddValue(in line);
                    continue;

                case State.ModDn:
                    if (NameIs(in line, "newrdn"u8))
                    {
                        newRdnSeen = true;
                    }
                    else if (NameIs(in line, "deleteoldrdn"u8))
                    {
                        var v = ValueTextOf(in line);
                        if (!(v.SequenceEqual("0"u8) || v.SequenceEqual("1"u8)))
                        {
                            throw _sink.Fail(DiagnosticCodes.LdifDeleteoldrdn, lineNo, recordLine, "'deleteoldrdn:' must be 0 or 1");
                        }

                        deleteOldRdnSeen = true;
                    }
                    else if (!NameIs(in line, "newsuperior"u8))
                    {
                        throw _sink.Fail(DiagnosticCodes.LdifModdn, lineNo, recordLine, "expected 'newrdn:', 'deleteoldrdn:' or 'newsuperior:' in a modrdn record");
                    }

                    AddValue(in line);
                    continue;

                case State.SearchResult:
                    AddValue(in line);
                    continue;

                case State.SearchReference:
                    AddValue(in line);
                    continue;
            }
        }

        if (!recordStarted)
        {
            return false;
        }

        if (_regionMissingNewline && EndsWithLineBreak)
        {
            // The check before parsing could not know the dialect when this very record (a dump's only one) showed it.
            throw _sink.Fail(DiagnosticCodes.LdifTruncated, firstLine + _lineCount - 1, recordLine,
                "the input ends in the middle of a line: ldifde always ends a dump with a line break, so this dump looks cut off");
        }

        if (_regionMissingNewline)
        {
            _sink.Report(DiagnosticCodes.LdifNoFinalNewline, firstLine + _lineCount - 1, recordLine,
                "no line break at the end of the input (accepted, but check that the file is complete)");
        }

        if (state == State.Attributes && kind == DumpRecordKind.Entry && _record.IsChangeAdd && _record.Count == 0)
        {
            // RFC 2849 requires at least one attribute in an add record; from ldifde it means the dump was cut after "changetype: add".
            throw _sink.Fail(DiagnosticCodes.LdifAddEmpty, recordLine, recordLine, "a 'changetype: add' record without any attribute (RFC 2849 requires one; the dump may be cut off)");
        }

        if (state == State.ModDn && !(newRdnSeen && deleteOldRdnSeen))
        {
            throw _sink.Fail(DiagnosticCodes.LdifModdn, recordLine, recordLine, "a modrdn record needs 'newrdn:' and 'deleteoldrdn:' lines");
        }

        if (state == State.AfterDn)
        {
            if (hasControls)
            {
                throw _sink.Fail(DiagnosticCodes.LdifControlNoChangetype, recordLine, recordLine, "'control:' lines are only allowed in change records");
            }

            if (EndsWithLineBreak)
            {
                // ldifde writes "changetype: add" and attributes after every dn: line; a bare dn: is a record cut off.
                throw _sink.Fail(DiagnosticCodes.LdifDnOnlyTruncated, recordLine, recordLine, "a record with only a 'dn:' line in an ldifde dump (ldifde always writes changetype and attributes): the dump looks cut off");
            }

            _sawContentRecord = true;
            _sink.Report(DiagnosticCodes.LdifDnOnly, recordLine, recordLine,
                "record has a 'dn:' line and no attributes (read as an entry with no attributes, as ldapsearch writes for '1.1')");
        }

        if (kind == DumpRecordKind.SearchResult)
        {
            NoteSearchResult(recordLine);
        }

        _record.Kind = kind;
        return true;
    }

    private enum State
    {
        ExpectDn,
        AfterDn,
        Attributes,
        Delete,
        ModifyOp,
        ModifyGroup,
        ModDn,
        SearchResult,
        SearchReference,
    }


    /// <summary>Counts the line just parsed (into <see cref="DumpRecord.NextSlot"/>) as the record's next value.</summary>
    private void AddValue(in DumpRecord.Slot line)
    {
        Debug.Assert(Unsafe.AreSame(in line, in _record.Slots[_record.SlotCount]), "only the slot NextSlot handed out can be committed");
        _record.CommitSlot();
    }

    private void SetDn(in DumpRecord.Slot line, long lineNo, long recordLine)
    {
        if (line.DescriptionLength != 2)
        {
            throw _sink.Fail(DiagnosticCodes.LdifDnOptions, lineNo, recordLine, "'dn' takes no options");
        }

        switch (line.Encoding)
        {
            case ValueEncoding.Url:
                throw _sink.Fail(DiagnosticCodes.LdifDnUrl, lineNo, recordLine, "a DN cannot be given as a URL (':<')");
            case ValueEncoding.Plain when !line.Folded:
                _record.SetDn(line.ValueSource, line.ValueStart, line.ValueLength);
                break;
            case ValueEncoding.Plain:
                {
                    var (at, length) = UnfoldToArena(line.ValueStart, line.ValueLength);
                    _record.SetDn(DumpRecord.SourceArena, at, length);
                    break;
                }

            default:
                {
                    var text = _record.Source(line.ValueSource).AsSpan(line.ValueStart, line.ValueLength);
                    var max = Base64.GetMaxDecodedFromUtf8Length(text.Length);
                    var at = _record.ArenaAlloc(max);
                    Base64.DecodeFromUtf8(text, _record.Arena.AsSpan(at, max), out _, out var written);
                    _record.ArenaUsed = at + written;
                    var dn = _record.Arena.AsSpan(at, written);
                    if (!Utf8.IsValid(dn))
                    {
                        throw _sink.Fail(DiagnosticCodes.LdifDnUtf8, lineNo, recordLine, "the base64 DN does not decode to valid UTF-8");
                    }

                    _record.SetDn(DumpRecord.SourceArena, at, written);
                    break;
                }
        }
    }

    private bool IsModifyOp(in DumpRecord.Slot line) =>
        NameIs(in line, "add"u8) || NameIs(in line, "delete"u8) || NameIs(in line, "replace"u8) || NameIs(in line, "increment"u8);

    /// <summary>Records an <c>add:|delete:|replace:|increment: attr</c> line and returns the attribute the group is about.</summary>
    private string OpenModifyGroup(in DumpRecord.Slot line, long lineNo, long recordLine)
    {
        var attribute = ValueTextOf(in line);
        if (attribute.IsEmpty)
        {
            throw _sink.Fail(DiagnosticCodes.LdifModifyOp, lineNo, recordLine, "a modify operation line must name an attribute");
        }

        var name = Encoding.ASCII.GetString(attribute);
        AddValue(in line);
        return name;
    }


    private void CheckVersion(in DumpRecord.Slot line, long lineNo)
    {
        var value = ValueTextOf(in line);
        if (!value.SequenceEqual("1"u8))
        {
            throw _sink.Fail(DiagnosticCodes.LdifVersion, lineNo, lineNo, "unsupported LDIF version: only 'version: 1' exists (RFC 2849)");
        }

        if (_seenRecord && !_sawLdapsearch)
        {
            // Paged 'ldapsearch -L/-LL' repeats "version: 1" before every page; anything else is suspicious but harmless.
            _sink.Report(DiagnosticCodes.LdifVersionRepeated, lineNo, lineNo,
                "'version: 1' after the first record (paged ldapsearch output, or several files joined together)");
        }
    }

    private DumpRecordKind ParseChangeType(in DumpRecord.Slot line, long lineNo, long recordLine)
    {
        var v = ValueTextOf(in line);
        if (Ascii.EqualsIgnoreCase(v, "add"u8))
        {
            _sawChangeAdd = true;
            _record.IsChangeAdd = true;
            return DumpRecordKind.Entry;
        }

        if (Ascii.EqualsIgnoreCase(v, "delete"u8))
        {
            return DumpRecordKind.Delete;
        }

        if (Ascii.EqualsIgnoreCase(v, "modify"u8))
        {
            return DumpRecordKind.Modify;
        }

        if (Ascii.EqualsIgnoreCase(v, "modrdn"u8) || Ascii.EqualsIgnoreCase(v, "moddn"u8))
        {
            return DumpRecordKind.ModDn;
        }

        throw _sink.Fail(DiagnosticCodes.LdifChangetype, lineNo, recordLine, "unknown changetype: expected add, delete, modify, modrdn or moddn");
    }
}
