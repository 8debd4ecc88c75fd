using System.Text;

namespace RusSnapshot.Dumps.Ldif;

/// <summary>RFC 2849 <c>control:</c> lines, validated and kept apart from the attributes.</summary>
public sealed partial class LdifReader
{
    /// <summary>
    /// Validates a <c>control: oid [true|false] [: value | :: base64 | :&lt; URL]</c> line (RFC 2849) and keeps it
    /// apart from the attributes, so that an add record's controls never become attributes of the entry.
    /// </summary>
    private void AddControl(in DumpRecord.Slot line, long lineNo, long recordLine)
    {
        if (line.Encoding != ValueEncoding.Plain)
        {
            throw _sink.Fail(DiagnosticCodes.LdifControl, lineNo, recordLine, "a control is written 'control: <oid> [true|false] [value]', not 'control::' or 'control:<'");
        }

        var source = line.ValueSource;
        var start = line.ValueStart;
        var length = line.ValueLength;
        if (line.Folded)
        {
            (start, length) = UnfoldToArena(line.ValueStart, line.ValueLength);
            source = DumpRecord.SourceArena;
        }

        var text = _record.Source(source).AsSpan(start, length);
        var oidLength = text.IndexOfAnyExcept("0123456789."u8);
        if (oidLength < 0)
        {
            oidLength = text.Length;
        }

        if (!LdifSyntax.IsNumericOid(text[..oidLength]))
        {
            throw _sink.Fail(DiagnosticCodes.LdifControl, lineNo, recordLine, "'control:' must be followed by the control's numeric OID");
        }

        var p = oidLength;
        var critical = false;
        var spaces = LdifSyntax.SkipFill(text, p);
        if (spaces > p && spaces < text.Length && text[spaces] != (byte)':')
        {
            var rest = text[spaces..];
            int word;
            if (rest.Length >= 4 && Ascii.EqualsIgnoreCase(rest[..4], "true"u8))
            {
                critical = true;
                word = 4;
            }
            else if (rest.Length >= 5 && Ascii.EqualsIgnoreCase(rest[..5], "false"u8))
            {
                word = 5;
            }
            else
            {
                word = 0;
            }

            p = spaces + word;
            if (word == 0 || (p < text.Length && text[p] is not ((byte)' ' or (byte)':')))
            {
                throw _sink.Fail(DiagnosticCodes.LdifControl, lineNo, recordLine, "a control's criticality must be 'true' or 'false'");
            }

            spaces = LdifSyntax.SkipFill(text, p);
        }

        p = spaces;
        var encoding = ValueEncoding.Plain;
        var hasValue = p < text.Length;
        if (hasValue)
        {
            if (text[p] != (byte)':')
            {
                throw _sink.Fail(DiagnosticCodes.LdifControl, lineNo, recordLine, "a control's value must follow ': ', ':: ' (base64) or ':< ' (URL)");
            }

            int offset;
            (encoding, offset) = LdifSyntax.ValueStart(text[(p + 1)..]);
            p += 1 + offset;
            if (encoding == ValueEncoding.Base64 && !LdifSyntax.IsStrictBase64(text[p..]))
            {
                throw _sink.Fail(DiagnosticCodes.LdifBase64, lineNo, recordLine, "invalid base64 in a control's value");
            }

            if (encoding == ValueEncoding.Url && p == text.Length)
            {
                throw _sink.Fail(DiagnosticCodes.LdifUrlEmpty, lineNo, recordLine, "':<' must be followed by a URL");
            }
        }

        ref var s = ref _record.AddControlSlot();
        s.NameSource = source;
        s.NameStart = start;
        s.NameLength = oidLength;
        s.DescriptionLength = oidLength;
        s.ValueSource = source;
        s.ValueStart = start + p;
        s.ValueLength = hasValue ? text.Length - p : 0;
        s.Encoding = encoding;
        s.Critical = critical;
        s.HasValue = hasValue;
        s.Line = lineNo;
    }
}
