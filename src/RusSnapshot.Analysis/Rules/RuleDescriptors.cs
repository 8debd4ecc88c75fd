namespace RusSnapshot.Analysis.Rules;

/// <summary>The one factory for descriptors, so every rule states the same things.</summary>
internal static class RuleDescriptors
{
    /// <param name="messages">Every message the rule emits (declared in the rule's file, above the descriptor).</param>
    /// <param name="sources">Where the facts the rule rests on come from.</param>
    /// <exception cref="ArgumentException">No message, a missing one (initialised after the descriptor), or a key used twice.</exception>
    public static RuleDescriptor Create(string id, string name, RuleCategory category, Severity severity, bool derived, RuleMessage[] messages, params string[] sources)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(sources);
        if (messages.Length == 0)
        {
            throw new ArgumentException($"{id} declares no message.", nameof(messages));
        }

        for (var i = 0; i < messages.Length; i++)
        {
            if (messages[i] is null)
            {
                throw new ArgumentException($"{id}: message {i} is null; a message field initialised after the descriptor?", nameof(messages));
            }

            for (var j = 0; j < i; j++)
            {
                if (string.Equals(messages[j].Key, messages[i].Key, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"{id} declares the message key '{messages[i].Key}' twice.", nameof(messages));
                }
            }
        }

        return new RuleDescriptor(id, name, category, severity, derived, [.. sources]) { Messages = [.. messages] };
    }
}
