using YamlDotNet.Core;

namespace RusSnapshot.Cli.Configuration;

/// <summary>A node of the configuration: what the loader needs (a value and where it starts), never an alias.</summary>
internal abstract class ConfigNode(Mark start)
{
    public Mark Start { get; } = start;
}

/// <summary>A scalar; <see cref="Value"/> is null for YAML's null (<c>~</c>, <c>null</c>, or nothing at all).</summary>
internal sealed class ConfigScalar(Mark start, string? value) : ConfigNode(start)
{
    public string? Value { get; } = value;
}

internal sealed class ConfigSequence(Mark start) : ConfigNode(start)
{
    public List<ConfigNode> Items { get; } = [];
}

internal sealed class ConfigMapping(Mark start) : ConfigNode(start)
{
    public List<KeyValuePair<ConfigNode, ConfigNode>> Entries { get; } = [];
}
