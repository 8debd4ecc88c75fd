using System.Globalization;
using System.Text;

namespace RusSnapshot.Dumps.Ldif;

/// <summary>What ldapsearch adds to LDIF: its header and trailer comments, and the <c>search:</c>/<c>result:</c> records that say whether a search finished.</summary>
public sealed partial class LdifReader
{
    private void NoteComment(ReadOnlySpan<byte> comment, long lineNo, int foldedTo, int region)
    {
        // Comments are rare in ldifde output, so sniffing them for ldapsearch's markers costs nothing on the hot path.
        if (comment.StartsWith("# extended LDIF"u8) || comment.StartsWith("# LDAPv3"u8) || comment.StartsWith("# requesting:"u8)
            || comment.StartsWith("# filter:"u8) || comment.StartsWith("# base <"u8))
        {
            _sawLdapsearch = true;
            _sawLdapsearchHeader = true;
            _sawSearchEnd = false; // a new page (or run) starts: it must end with its own search result
        }
        else if (comment.StartsWith("# search result"u8) || comment.StartsWith("# numEntries:"u8) || comment.StartsWith("# numResponses:"u8))
        {
            _sawLdapsearch = true;
            _sawSearchEnd = true;
        }
        else if (comment.StartsWith("# search reference"u8) || comment.StartsWith("# refldap"u8) || comment.StartsWith("# pagedresults:"u8))
        {
            _sawLdapsearch = true;
        }
        else if (comment.StartsWith("# result: "u8))
        {
            // 'ldapsearch -L' prints the result as a comment.
            _sawLdapsearch = true;
            _sawSearchEnd = true;
            NoteResultCode(comment["# result: "u8.Length..], lineNo, lineNo);
        }
        else if (comment.StartsWith("# russnap-collect"u8))
        {
            _sawCollector = true;
        }
    }

    private void NoteSearchResult(long recordLine)
    {
        var i = _record.IndexOf("result"u8);
        if (i < 0)
        {
            _sink.Report(DiagnosticCodes.LdifSearchNoResult, recordLine, recordLine, "ldapsearch 'search:' record without a 'result:' line");
            return;
        }

        NoteResultCode(_record.ValueAt(i), _record.LineAt(i), recordLine);
    }

    private void NoteResultCode(ReadOnlySpan<byte> result, long lineNo, long recordLine)
    {
        var space = result.IndexOf((byte)' ');
        var digits = space < 0 ? result : result[..space];
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            _sink.Report(DiagnosticCodes.LdifSearchResult, lineNo, recordLine, "ldapsearch 'result:' line without a numeric result code");
            return;
        }

        if (code != 0)
        {
            var text = space < 0 ? string.Empty : Encoding.UTF8.GetString(result[(space + 1)..]);
            var where = new DumpPosition(SourceName, lineNo, recordLine);
            _stats.AddFailedSearch(new SearchOutcome(where, code, text));
            _sink.Report(DiagnosticCodes.LdifSearchFailed, lineNo, recordLine,
                $"ldapsearch ended with result {Invariant(code)} ({text}), not 0 Success: the dump is incomplete");
        }
    }
}
