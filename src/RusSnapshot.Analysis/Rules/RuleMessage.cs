using System.Collections.Immutable;

namespace RusSnapshot.Analysis.Rules;

/// <summary>
/// One message a rule can emit (SARIF's <c>messageStrings</c>): its key, unique within the rule, and the names of its
/// arguments in the order the rule passes them. Each language's text names them as placeholders (<c>{domain}</c>).
/// </summary>
/// <remarks>
/// A rule declares its messages in its own file and lists them in its descriptor; <see cref="RuleContext"/> takes only a
/// message of the rule that emits it, with as many arguments as it declares, and a catalog test checks every language's
/// text against the declaration. The key is part of the finding's message id (<c>RSN2001.fail</c>), never of its fingerprint.
/// </remarks>
public sealed class RuleMessage
{
    /// <summary>Keys of a rule's texts that are not messages.</summary>
    public static ImmutableArray<string> TextParts { get; } = ["title", "summary", "explanation", "remediation"];

    /// <param name="key">The key: camelCase letters and digits (<c>noLegacyServer</c>); never renamed once shipped.</param>
    /// <param name="arguments">The arguments' names, camelCase, in the order the rule passes the values.</param>
    /// <exception cref="ArgumentException">The key or an argument name is malformed, a text part's name, or repeated.</exception>
    internal RuleMessage(string key, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(arguments);
        if (!IsName(key) || TextParts.IndexOf(key) >= 0)
        {
            throw new ArgumentException($"'{key}' is not a message key: camelCase letters and digits, not one of {string.Join(", ", TextParts)}.", nameof(key));
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            if (!IsName(arguments[i]))
            {
                throw new ArgumentException($"Message '{key}': '{arguments[i]}' is not an argument name (camelCase letters and digits).", nameof(arguments));
            }

            if (Array.IndexOf(arguments, arguments[i], 0, i) >= 0)
            {
                throw new ArgumentException($"Message '{key}' names the argument '{arguments[i]}' twice.", nameof(arguments));
            }
        }

        Key = key;
        Arguments = [.. arguments];
    }

    public string Key { get; }

    /// <summary>The arguments' names, in the order their values are passed.</summary>
    public ImmutableArray<string> Arguments { get; }

    public override string ToString() => Arguments.IsEmpty ? Key : $"{Key}({string.Join(", ", Arguments)})";

    /// <summary>A key or argument name: an ASCII letter (lower case first), then ASCII letters and digits.</summary>
    internal static bool IsName(string? text)
    {
        if (string.IsNullOrEmpty(text) || !char.IsAsciiLetterLower(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
