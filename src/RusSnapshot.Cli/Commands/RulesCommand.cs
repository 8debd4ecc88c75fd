using System.CommandLine;
using System.Text;
using RusSnapshot.Reports.Json;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Cli.Commands;

/// <summary>
/// <c>russnap rules [ID]</c>: the catalog, or one rule's explanation and remediation; <c>russnap rules --write-docs DIR</c>
/// regenerates the documentation the catalog makes (<see cref="RuleDocs"/>) in the repository at DIR.
/// </summary>
internal static class RulesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var id = new Argument<string?>("id") { Description = "A rule id (RSN2001) or name (DomainWithoutRus)", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "md", "markdown", "json");
        var lang = new Option<string>("--lang") { Description = "Language of the texts", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong("en", "fr");
        var writeDocs = new Option<DirectoryInfo?>("--write-docs")
        {
            Description = "Regenerate docs/rules/ and the rule table of README.md in the repository at this folder (for developers)",
            HelpName = "DIR",
            Hidden = true,
        };
        var command = new Command("rules", "List the rule catalog, or explain one rule") { id, format, lang, writeDocs };
        command.SetAction(parse =>
        {
            ReportLanguages.TryParse(parse.GetValue(lang), out var language);
            var f = parse.GetValue(format) ?? "text";
            var ruleId = parse.GetValue(id);
            if (parse.GetValue(writeDocs) is { } root)
            {
                return ruleId is null ? WriteDocs(root.FullName, output, error) : Usage(error, "--write-docs takes no rule id");
            }

            if (ruleId is null)
            {
                output.Write(f == "json" ? CatalogJson(language) : f is "md" or "markdown" ? CatalogMarkdown(language) : CatalogText(language));
                return ExitCodes.Success;
            }

            var rule = RuleCatalog.Find(ruleId);
            if (rule is null)
            {
                ConsoleText.Line(error, $"russnap: no rule {ConsoleText.Quote(ruleId)}. Run 'russnap rules' for the list.");
                return ExitCodes.UsageError;
            }

            output.Write(f == "json" ? CatalogJson(language, rule) : Explain(rule, language));
            return ExitCodes.Success;
        });
        return command;
    }

    private static int WriteDocs(string root, TextWriter output, TextWriter error)
    {
        IReadOnlyList<RuleDocs.Change> changes;
        try
        {
            changes = RuleDocs.Changes(root);
        }
        catch (InvalidDataException ex)
        {
            return Usage(error, ex.Message);
        }

        RuleDocs.Write(root, changes);
        foreach (var change in changes)
        {
            ConsoleText.Line(output, $"{(change.Content is null ? "deleted" : "wrote")} {change.Path}");
        }

        ConsoleText.Line(output, changes.Count == 0 ? "The rule docs are current." : $"{changes.Count} file(s) regenerated from the rule catalog.");
        return ExitCodes.Success;
    }

    private static int Usage(TextWriter error, string message)
    {
        ConsoleText.Line(error, $"russnap: {message}");
        return ExitCodes.UsageError;
    }

    /// <summary>One rule as Markdown: this is also the text of docs/rules/{Id}.md.</summary>
    public static string Explain(RuleDescriptor rule, ReportLanguage language)
    {
        var fr = language == ReportLanguage.Fr;
        var sb = new StringBuilder();
        sb.Append("# ").Append(rule.Id).Append(' ').Append(rule.Name).Append('\n').Append('\n');
        sb.Append("**").Append(RuleTexts.Title(language, rule.Id)).Append("**").Append('\n').Append('\n');
        sb.Append(fr ? "- Catégorie : " : "- Category: ").Append(rule.Category).Append('\n');
        sb.Append(fr ? "- Gravité par défaut : " : "- Default severity: ").Append(rule.DefaultSeverity.ToName()).Append('\n');
        sb.Append(fr ? "- Logique : " : "- Logic: ").Append(rule.Derived
            ? (fr ? "dérivée par RusSnapshot des sources ci-dessous" : "derived by RusSnapshot from the sources below")
            : (fr ? "vérification documentée par Microsoft" : "a check Microsoft documents")).Append('\n').Append('\n');
        sb.Append(fr ? "## Explication" : "## Explanation").Append('\n').Append('\n');
        sb.Append(RuleTexts.Explanation(language, rule.Id)).Append('\n').Append('\n');
        sb.Append(fr ? "## Correction" : "## Remediation").Append('\n').Append('\n');
        var n = 1;
        foreach (var step in RuleTexts.Remediation(language, rule.Id))
        {
            sb.Append(n++).Append(". ").Append(step).Append('\n');
        }

        sb.Append('\n').Append(fr ? "## Sources" : "## Sources").Append('\n').Append('\n');
        foreach (var source in rule.Sources)
        {
            sb.Append("- ").Append(source).Append('\n');
        }

        return sb.ToString();
    }

    private static string CatalogText(ReportLanguage language)
    {
        var sb = new StringBuilder();
        sb.Append("Rule catalog ").Append(RuleCatalog.Version).Append('\n');
        foreach (var d in RuleCatalog.Descriptors)
        {
            sb.Append(d.Id).Append("  ").Append(d.DefaultSeverity.ToName().PadRight(8)).Append(d.Name.PadRight(28)).Append(RuleTexts.Title(language, d.Id)).Append('\n');
        }

        sb.Append("Run 'russnap rules ID' for a rule's explanation and remediation.\n");
        return sb.ToString();
    }

    /// <summary>The catalog as a Markdown table: this is also the text of docs/rules/README.md.</summary>
    internal static string CatalogMarkdown(ReportLanguage language)
    {
        var sb = new StringBuilder();
        sb.Append("| id | name | category | severity | title |\n| --- | --- | --- | --- | --- |\n");
        foreach (var d in RuleCatalog.Descriptors)
        {
            sb.Append("| [").Append(d.Id).Append("](").Append(d.Id).Append(".md) | ").Append(d.Name).Append(" | ").Append(d.Category)
                .Append(" | ").Append(d.DefaultSeverity.ToName()).Append(" | ").Append(RuleDocs.Cell(RuleTexts.Title(language, d.Id))).Append(" |\n");
        }

        return sb.ToString();
    }

    private static string CatalogJson(ReportLanguage language, RuleDescriptor? only = null) => JsonOutput.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("catalogVersion", RuleCatalog.Version);
        json.WriteString("language", language.ToCode());
        json.WriteStartArray("rules");
        foreach (var d in RuleCatalog.Descriptors.Where(d => only is null || d == only))
        {
            json.WriteStartObject();
            json.WriteString("id", d.Id);
            json.WriteString("name", d.Name);
            json.WriteString("category", d.Category.ToString());
            json.WriteString("defaultSeverity", d.DefaultSeverity.ToName());
            json.WriteBoolean("derived", d.Derived);
            json.WriteString("title", RuleTexts.Title(language, d.Id));
            json.WriteString("summary", RuleTexts.Summary(language, d.Id));
            json.WriteString("explanation", RuleTexts.Explanation(language, d.Id));
            json.WriteStrings("remediation", RuleTexts.Remediation(language, d.Id));
            json.WriteStrings("sources", d.Sources);
            json.WriteString("helpUri", d.HelpUri);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });
}
