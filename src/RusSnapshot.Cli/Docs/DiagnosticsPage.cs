using System.Text;
using RusSnapshot.Dumps;

namespace RusSnapshot.Cli.Docs;

/// <summary><c>docs/diagnostics.md</c>: every diagnostic code of the dump library, generated from <see cref="DiagnosticCodes"/>.</summary>
internal static class DiagnosticsPage
{
    /// <summary>The page's path in the repository.</summary>
    public const string RelativePath = "docs/diagnostics.md";

    /// <summary>The page as it must be committed (LF line ends).</summary>
    public static string Render()
    {
        var md = new StringBuilder();
        md.Append("# Diagnostic codes\n\n");
        md.Append("<!-- Generated from src/RusSnapshot.Dumps/Diagnostics/DiagnosticCodes.cs: do not edit by hand. -->\n\n");
        md.Append("Every problem the readers find in a dump is reported with one of these codes, with the file, the line and ");
        md.Append("the record's first line (in an AD Explorer snapshot, which has no lines: the byte offset and the object's index, ");
        md.Append("`file@0x1A2B3C, object 812`). Codes are stable: reports, tests and rules name them.\n\n");
        md.Append("What happens to the reading is the code's own, as `russnap` reads (bad records collected, not thrown):\n\n");
        md.Append("- **noted**: a warning; the record is kept as read and reading goes on.\n");
        md.Append("- **record rejected**: the record is counted, not used, and reading goes on with the next one.\n");
        md.Append("- **dump incomplete**: every record read is kept, but the dump as a whole is incomplete (RSN1001 says so).\n");
        md.Append("- **reading stopped**: the rest of that input is not read (RSN1001 says so).\n\n");
        md.Append("Any error makes the analysis say its input was incomplete; see `docs/limits.md` for the size limits.\n\n");
        foreach (var (title, prefix) in Groups)
        {
            md.Append("## ").Append(title).Append("\n\n");
            md.Append("| code | severity | reading | meaning |\n| --- | --- | --- | --- |\n");
            foreach (var code in DiagnosticCodes.All.Where(c => InGroup(c, prefix)))
            {
                md.Append("| `").Append(code.Id).Append("` | ")
                    .Append(code.Severity == DiagnosticSeverity.Error ? "error" : "warning").Append(" | ")
                    .Append(Effect(code.Effect)).Append(" | ")
                    .Append(code.Meaning.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
            }

            md.Append('\n');
        }

        return md.ToString();
    }

    private static readonly (string Title, string? Prefix)[] Groups =
    [
        ("LDIF (ldifde, ldapsearch, the collector)", "LDIF-"),
        ("CSV (csvde)", "CSV-"),
        ("AD Explorer snapshots (.dat)", "ADX-"),
        ("Exchange setup logs (`--setup-log`)", "SETUPLOG-"),
        ("Inputs (opening, decoding, folders, duplicates)", null),
    ];

    private static bool InGroup(DiagnosticCode code, string? prefix) => prefix is null
        ? !Groups.Any(g => g.Prefix is not null && code.Id.StartsWith(g.Prefix, StringComparison.Ordinal))
        : code.Id.StartsWith(prefix, StringComparison.Ordinal);

    private static string Effect(DiagnosticEffect effect) => effect switch
    {
        DiagnosticEffect.Noted => "noted",
        DiagnosticEffect.RecordRejected => "record rejected",
        DiagnosticEffect.DumpIncomplete => "dump incomplete",
        _ => "reading stopped",
    };
}
