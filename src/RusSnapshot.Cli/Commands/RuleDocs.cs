using System.Text;
using System.Text.RegularExpressions;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Cli.Commands;

/// <summary>
/// The documentation the rule catalog generates, all in English, under a repository root: one page per rule
/// (<c>docs/rules/ID.md</c>, the output of <c>russnap rules ID --format md</c>), their index (<c>docs/rules/README.md</c>,
/// the output of <c>russnap rules --format md</c>), the rule table of the top-level <c>README.md</c>, between
/// <see cref="Begin"/> and <see cref="End"/>, and the page of the readers' diagnostic codes (<c>docs/diagnostics.md</c>). <c>russnap rules --write-docs DIR</c> writes them; a test compares.
/// </summary>
internal static partial class RuleDocs
{
    /// <summary>The one command that regenerates everything, from the repository root.</summary>
    public const string Command = "dotnet run --project src/RusSnapshot.Cli -- rules --write-docs .";

    public const string Begin = "<!-- rules:begin -->";

    public const string End = "<!-- rules:end -->";

    /// <summary>One file to write (<see cref="Content"/>) or, when null, to delete: a page of a rule the catalog no longer has.</summary>
    /// <param name="Path">Relative to the repository root, with '/' separators.</param>
    public sealed record Change(string Path, string? Content);

    /// <summary>What must change under <paramref name="root"/> for its docs to be what the catalog generates; empty when current.</summary>
    /// <exception cref="InvalidDataException"><c>README.md</c> is missing or lacks the two markers, in order, each on a line of its own.</exception>
    public static IReadOnlyList<Change> Changes(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var readme = Path.Combine(root, "README.md");
        if (!File.Exists(readme))
        {
            throw new InvalidDataException($"{readme} not found: --write-docs takes the repository root.");
        }

        var expected = new List<Change>();
        foreach (var rule in RuleCatalog.Descriptors)
        {
            expected.Add(new Change($"docs/rules/{rule.Id}.md", RulesCommand.Explain(rule, ReportLanguage.En)));
        }

        expected.Add(new Change("docs/rules/README.md", RulesCommand.CatalogMarkdown(ReportLanguage.En)));
        expected.Add(new Change(Docs.DiagnosticsPage.RelativePath, Docs.DiagnosticsPage.Render()));
        expected.Add(new Change("README.md", Splice(File.ReadAllText(readme), ReadmeTable())));

        var changes = expected.Where(c => !File.Exists(Full(root, c.Path)) || File.ReadAllText(Full(root, c.Path)) != c.Content).ToList();
        var pages = Path.Combine(root, "docs", "rules");
        if (Directory.Exists(pages))
        {
            changes.AddRange(Directory.EnumerateFiles(pages, "RSN*.md")
                .Select(Path.GetFileName)
                .Where(name => PagePattern().IsMatch(name!) && RuleCatalog.Descriptors.All(d => d.Id + ".md" != name))
                .Order(StringComparer.Ordinal)
                .Select(name => new Change($"docs/rules/{name}", null)));
        }

        return changes;
    }

    /// <summary>Applies <paramref name="changes"/> under <paramref name="root"/> (UTF-8 without BOM, LF line ends, as generated).</summary>
    public static void Write(string root, IEnumerable<Change> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            var path = Full(root, change.Path);
            if (change.Content is null)
            {
                File.Delete(path);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, change.Content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
    }

    /// <summary>The README's rule table: id (linked to its page), name, default severity and what the rule finds.</summary>
    public static string ReadmeTable()
    {
        var sb = new StringBuilder();
        sb.Append("| id | name | severity | finds |\n| --- | --- | --- | --- |\n");
        foreach (var d in RuleCatalog.Descriptors)
        {
            sb.Append("| [").Append(d.Id).Append("](").Append(d.HelpUri).Append(") | ").Append(d.Name)
                .Append(" | ").Append(d.DefaultSeverity.ToName()).Append(" | ").Append(Cell(RuleTexts.Summary(ReportLanguage.En, d.Id))).Append(" |\n");
        }

        return sb.ToString();
    }

    /// <summary>A Markdown table cell: a pipe would end it.</summary>
    public static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary><paramref name="readme"/> with the lines between the marker lines replaced by <paramref name="table"/>.</summary>
    /// <exception cref="InvalidDataException">The markers are missing, out of order, or not on lines of their own.</exception>
    internal static string Splice(string readme, string table)
    {
        var begin = readme.IndexOf(Begin + "\n", StringComparison.Ordinal);
        var end = begin < 0 ? -1 : readme.IndexOf("\n" + End, begin, StringComparison.Ordinal);
        if (begin < 0 || end < 0 || (begin > 0 && readme[begin - 1] != '\n'))
        {
            throw new InvalidDataException($"README.md needs the lines {Begin} and {End}, in that order, around the rule table.");
        }

        var from = begin + Begin.Length + 1;
        return readme[..from] + table + readme[(end + 1)..];
    }

    private static string Full(string root, string relative) => Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));

    [GeneratedRegex("^RSN[0-9]{4}\\.md$")]
    private static partial Regex PagePattern();
}
