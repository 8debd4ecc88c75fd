using System.Text.RegularExpressions;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Analysis.Tests;

/// <summary>
/// Compares the rules' declarations with their texts, language by language: what is declared but has no text, what has a
/// text but no declaration (orphaned), and where a text's placeholders differ from the message's declared arguments.
/// </summary>
internal static partial class RuleTextChecks
{
    /// <summary>The texts as <see cref="RuleTexts"/> holds them, each language on its own (no fallback to English).</summary>
    public static Dictionary<ReportLanguage, IReadOnlyDictionary<string, string>> Loaded() =>
        Enum.GetValues<ReportLanguage>().ToDictionary(
            language => language,
            language => (IReadOnlyDictionary<string, string>)RuleTexts.Keys(language).ToDictionary(
                key => key,
                key => RuleTexts.TryGet(language, key, out var text) ? text : throw new InvalidOperationException(key),
                StringComparer.Ordinal));

    /// <summary>One line per problem, naming the key and the language; empty when declarations and texts agree.</summary>
    public static List<string> Problems(IReadOnlyList<RuleDescriptor> rules, IReadOnlyDictionary<ReportLanguage, IReadOnlyDictionary<string, string>> texts)
    {
        var problems = new List<string>();
        foreach (var (language, table) in texts.OrderBy(t => t.Key))
        {
            var code = language.ToCode();
            foreach (var rule in rules)
            {
                foreach (var part in RuleMessage.TextParts)
                {
                    var key = $"{rule.Id}.{part}";
                    if (!Has(table, key, out var text))
                    {
                        problems.Add($"{key}: missing in {code}");
                    }
                    else if (text.Contains('{', StringComparison.Ordinal) || text.Contains('}', StringComparison.Ordinal))
                    {
                        problems.Add($"{key} ({code}): has braces, but only messages take arguments");
                    }
                }

                foreach (var message in rule.Messages)
                {
                    var key = rule.MessageId(message);
                    if (!Has(table, key, out var text))
                    {
                        problems.Add($"{key}: declared by {rule.Name} as {message}, missing in {code}");
                        continue;
                    }

                    var used = Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
                    problems.AddRange(used.Except(message.Arguments, StringComparer.Ordinal).Order(StringComparer.Ordinal)
                        .Select(p => $"{key} ({code}): placeholder {{{p}}} is not an argument of {message}"));
                    problems.AddRange(message.Arguments.Except(used, StringComparer.Ordinal)
                        .Select(a => $"{key} ({code}): does not say the argument {{{a}}} of {message}"));
                    if (Placeholder().Replace(text, string.Empty) is var rest && (rest.Contains('{', StringComparison.Ordinal) || rest.Contains('}', StringComparison.Ordinal)))
                    {
                        problems.Add($"{key} ({code}): a brace that is not part of a placeholder");
                    }
                }
            }

            foreach (var key in table.Keys.Order(StringComparer.Ordinal))
            {
                var dot = key.IndexOf('.', StringComparison.Ordinal);
                var (id, part) = dot < 0 ? (key, string.Empty) : (key[..dot], key[(dot + 1)..]);
                var rule = rules.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal));
                if (rule is null)
                {
                    problems.Add($"{key} ({code}): orphaned: no rule {id}");
                }
                else if (!RuleMessage.TextParts.Contains(part, StringComparer.Ordinal) && rule.FindMessage(part) is null)
                {
                    problems.Add($"{key} ({code}): orphaned: {rule.Name} declares no message '{part}'");
                }
            }
        }

        return problems;
    }

    private static bool Has(IReadOnlyDictionary<string, string> table, string key, out string text) =>
        table.TryGetValue(key, out text!) && !string.IsNullOrWhiteSpace(text);

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Placeholder();
}
