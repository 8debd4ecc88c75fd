using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using RusSnapshot.Analysis.Rules;

namespace RusSnapshot.Analysis.Text;

/// <summary>
/// Every text a rule shows, in every language, keyed by rule id: <c>RSN2001.title</c>, <c>.summary</c>,
/// <c>.explanation</c>, <c>.remediation</c> (steps joined by line breaks) and one key per declared message
/// (<c>RSN2001.fail</c>). French follows the wording of the French Exchange readiness articles
/// (« service de mise à jour de destinataire »).
/// </summary>
/// <remarks>
/// The texts live beside each rule, one file per language (<c>Rules/Rus/RSN2001.DomainWithoutRus.fr.txt</c>), embedded in
/// the assembly and read once, at first use. A file holds one text per line, <c>key = text</c>: <c>title</c>, <c>summary</c>,
/// <c>explanation</c>, one <c>remediation</c> line per step (in order), then one line per declared message (its key), whose
/// text names the message's arguments as placeholders (<c>{domain}</c>). Blank lines and lines starting with <c>#</c> are
/// skipped; nothing is escaped. Catalog tests check every declared message against every language's text, and that no text is orphaned.
/// </remarks>
public static class RuleTexts
{
    /// <summary>The prefix of the texts' resource names (<c>RuleTexts/RSN2001.DomainWithoutRus.en.txt</c>).</summary>
    internal const string ResourcePrefix = "RuleTexts/";

    private static readonly Loaded Texts = Load();

    /// <summary>All keys of a language (for catalog tests).</summary>
    public static IEnumerable<string> Keys(ReportLanguage language) => Texts.Table(language).Keys;

    /// <summary>The text under <paramref name="key"/> in <paramref name="language"/> itself, without falling back to English.</summary>
    public static bool TryGet(ReportLanguage language, string key, [NotNullWhen(true)] out string? text) =>
        Texts.Table(language).TryGetValue(key, out text);

    /// <summary>The text under <paramref name="key"/>, falling back to English.</summary>
    /// <exception cref="KeyNotFoundException">No language has the key (a catalog test prevents this).</exception>
    public static string Get(ReportLanguage language, string key) =>
        TryGet(language, key, out var text) ? text
        : TryGet(ReportLanguage.En, key, out var english) ? english
        : throw new KeyNotFoundException($"No rule text '{key}'.");

    public static string Title(ReportLanguage language, string ruleId) => Get(language, ruleId + ".title");

    /// <summary>What the rule finds, in a few words (the README's rule table).</summary>
    public static string Summary(ReportLanguage language, string ruleId) => Get(language, ruleId + ".summary");

    public static string Explanation(ReportLanguage language, string ruleId) => Get(language, ruleId + ".explanation");

    /// <summary>The remediation as numbered steps.</summary>
    public static IReadOnlyList<string> Remediation(ReportLanguage language, string ruleId) =>
        Get(language, ruleId + ".remediation").Split('\n');

    /// <summary>The finding's message in <paramref name="language"/> (falling back to English), arguments substituted.</summary>
    /// <exception cref="KeyNotFoundException">No language has the finding's message.</exception>
    /// <exception cref="FormatException">The finding has fewer arguments than its message names (a rule cannot build one).</exception>
    public static string Message(ReportLanguage language, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var template = Texts.Templates(language).TryGetValue(finding.MessageId, out var t) ? t
            : Texts.Templates(ReportLanguage.En).TryGetValue(finding.MessageId, out var english) ? english
            : throw new KeyNotFoundException($"No rule text '{finding.MessageId}'.");
        return template.Render(finding.Arguments);
    }

    /// <summary>The texts' resources, as found in the assembly (for catalog tests).</summary>
    internal static ImmutableArray<string> ResourceNames => Texts.Resources;

    /// <summary>What could not be read from the resources (malformed names or lines, texts given twice): empty unless a file is broken.</summary>
    internal static ImmutableArray<string> Problems => Texts.Problems;

    /// <summary>Reads every text resource: a few dozen short files, with plain loops (this runs at every start).</summary>
    private static Loaded Load()
    {
        var assembly = typeof(RuleTexts).Assembly;
        var tables = new Dictionary<ReportLanguage, Dictionary<string, string>>();
        foreach (var language in Enum.GetValues<ReportLanguage>())
        {
            tables[language] = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var problems = new List<string>();
        var resources = new List<string>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            resources.Add(resource);

            // RuleTexts/<id>.<name>.<language>.txt
            var parts = resource[ResourcePrefix.Length..].Split('.');
            if (parts is not [var id, _, var code, "txt"] || !ReportLanguages.TryParse(code, out var language) || language.ToCode() != code)
            {
                problems.Add($"{resource}: not named <rule id>.<rule name>.<language code>.txt");
                continue;
            }

            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!, Encoding.UTF8);
            Read(resource, id, reader.ReadToEnd(), tables[language], problems);
        }

        var rules = new Dictionary<string, RuleDescriptor>(StringComparer.Ordinal);
        foreach (var rule in RuleCatalog.Descriptors)
        {
            rules[rule.Id] = rule;
        }

        var templates = new Dictionary<ReportLanguage, Dictionary<string, MessageTemplate>>();
        foreach (var (language, table) in tables)
        {
            var compiled = templates[language] = new Dictionary<string, MessageTemplate>(table.Count, StringComparer.Ordinal);
            foreach (var (key, text) in table)
            {
                compiled[key] = MessageTemplate.Parse(text, ArgumentsOf(key, rules));
            }
        }

        resources.Sort(StringComparer.Ordinal);
        return new Loaded(tables, templates, [.. resources], [.. problems]);
    }

    /// <summary>One language's file of one rule: <c>key = text</c> lines; <c>remediation</c> once per step.</summary>
    internal static void Read(string resource, string id, string content, Dictionary<string, string> table, List<string> problems)
    {
        var steps = new List<string>();
        var number = 0;
        foreach (var raw in content.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#' || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? string.Empty : line[..equals].Trim();
            var text = equals < 0 ? string.Empty : line[(equals + 1)..].Trim();
            if (!RuleMessage.IsName(key) || text.Length == 0)
            {
                problems.Add($"{resource}:{number}: not a line 'key = text'");
            }
            else if (key == "remediation")
            {
                steps.Add(text);
            }
            else if (!table.TryAdd($"{id}.{key}", text))
            {
                problems.Add($"{resource}:{number}: {id}.{key} is given twice");
            }
        }

        if (steps.Count > 0 && !table.TryAdd($"{id}.remediation", string.Join('\n', steps)))
        {
            problems.Add($"{resource}: {id}.remediation is given by another file too");
        }
    }

    /// <summary>The argument names of the declared message a key is the text of; none for other keys.</summary>
    private static ImmutableArray<string> ArgumentsOf(string key, Dictionary<string, RuleDescriptor> rules)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && rules.TryGetValue(key[..dot], out var rule) && rule.FindMessage(key[(dot + 1)..]) is { } message
            ? message.Arguments
            : [];
    }

    private sealed record Loaded(
        Dictionary<ReportLanguage, Dictionary<string, string>> Tables,
        Dictionary<ReportLanguage, Dictionary<string, MessageTemplate>> TemplateTables,
        ImmutableArray<string> Resources,
        ImmutableArray<string> Problems)
    {
        public Dictionary<string, string> Table(ReportLanguage language) => Tables[language];

        public Dictionary<string, MessageTemplate> Templates(ReportLanguage language) => TemplateTables[language];
    }
}

/// <summary>A message text split once at its placeholders: literal text, argument, literal text...</summary>
internal sealed class MessageTemplate
{
    private readonly string[] literals;
    private readonly int[] slots;

    private MessageTemplate(string[] literals, int[] slots) => (this.literals, this.slots) = (literals, slots);

    /// <summary>
    /// Splits <paramref name="text"/> at each <c>{name}</c> whose name is one of <paramref name="arguments"/> (replaced by the
    /// argument at that position); any other brace is literal text (and a catalog test reports it).
    /// </summary>
    public static MessageTemplate Parse(string text, ImmutableArray<string> arguments)
    {
        var literals = new List<string>();
        var slots = new List<int>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var close = text[i] == '{' ? text.IndexOf('}', i + 1) : -1;
            var slot = close > i ? arguments.IndexOf(text[(i + 1)..close]) : -1;
            if (slot < 0)
            {
                literal.Append(text[i++]);
                continue;
            }

            literals.Add(literal.ToString());
            literal.Clear();
            slots.Add(slot);
            i = close + 1;
        }

        literals.Add(literal.ToString());
        return new MessageTemplate([.. literals], [.. slots]);
    }

    /// <exception cref="FormatException">Fewer arguments than the text names.</exception>
    public string Render(ImmutableArray<string> arguments)
    {
        var sb = new StringBuilder(literals[0]);
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] >= arguments.Length)
            {
                throw new FormatException($"The message names argument {slots[i] + 1} but has {arguments.Length}.");
            }

            sb.Append(arguments[slots[i]]).Append(literals[i + 1]);
        }

        return sb.ToString();
    }
}
