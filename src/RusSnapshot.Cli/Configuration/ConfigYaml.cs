using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RusSnapshot.Cli.Configuration;

/// <summary>
/// Builds the configuration's nodes from YamlDotNet's event stream, without recursion and within limits, so that
/// a hostile file is an error at <c>file:line:column</c> instead of a hang or a stack overflow: aliases are refused
/// (a 501-byte "billion laughs" expands each level nine times), nesting is capped, and so are the file and each value.
/// </summary>
internal static class ConfigYaml
{
    /// <summary>The largest configuration, in characters (about a mebibyte): real ones are a few kilobytes.</summary>
    public const int MaxLength = 1024 * 1024;

    /// <summary>The deepest nesting of mappings and sequences; the schema needs four.</summary>
    public const int MaxDepth = 64;

    /// <summary>The longest value (a DN, a reason), in characters.</summary>
    public const int MaxScalarLength = 64 * 1024;

    /// <summary>The root node of the one document, or null when the file holds none.</summary>
    public static ConfigNode? Read(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (yaml.Length > MaxLength)
        {
            throw TooLarge(file);
        }

        var parser = new Parser(new StringReader(yaml));
        var open = new Stack<Frame>();
        ConfigNode? root = null;
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case DocumentStart start when ++documents > 1:
                        throw At(start, file, "a second YAML document ('---'): the configuration is one document");
                    case AnchorAlias alias:
                        throw At(alias, file, $"aliases ('*{Short(alias.Value.Value)}') are not allowed in the configuration: write the value out");
                    case Scalar scalar:
                        if (scalar.Value.Length > MaxScalarLength)
                        {
                            throw At(scalar, file, $"a value of {scalar.Value.Length.ToString(CultureInfo.InvariantCulture)} characters: at most {MaxScalarLength.ToString(CultureInfo.InvariantCulture)}");
                        }

                        Add(new ConfigScalar(scalar.Start, IsNull(scalar) ? null : scalar.Value), open, ref root);
                        break;
                    case MappingStart mapping:
                        Push(new ConfigMapping(mapping.Start), mapping, open, file);
                        break;
                    case SequenceStart sequence:
                        Push(new ConfigSequence(sequence.Start), sequence, open, file);
                        break;
                    case MappingEnd or SequenceEnd:
                        Add(open.Pop().Node, open, ref root);
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            throw new ConfigException(file, ex.Start.Line, ex.Start.Column, ex.InnerException?.Message ?? ex.Message);
        }

        return root;
    }

    public static ConfigException TooLarge(string file) =>
        new(file, 1, 1, $"the configuration is larger than 1 MiB ({MaxLength.ToString(CultureInfo.InvariantCulture)} characters): it cannot be one");

    /// <summary>YAML 1.2's core schema nulls, plain only (<c>"~"</c> quoted is a string).</summary>
    private static bool IsNull(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    private static void Push(ConfigNode node, ParsingEvent start, Stack<Frame> open, string file)
    {
        if (open.Count >= MaxDepth)
        {
            throw At(start, file, $"nested deeper than {MaxDepth.ToString(CultureInfo.InvariantCulture)} levels");
        }

        open.Push(new Frame(node));
    }

    private static void Add(ConfigNode node, Stack<Frame> open, ref ConfigNode? root)
    {
        if (!open.TryPeek(out var parent))
        {
            root = node;
            return;
        }

        switch (parent.Node)
        {
            case ConfigSequence sequence:
                sequence.Items.Add(node);
                break;
            case ConfigMapping when parent.Key is null:
                parent.Key = node;
                break;
            case ConfigMapping mapping:
                mapping.Entries.Add(KeyValuePair.Create(parent.Key!, node));
                parent.Key = null;
                break;
        }
    }

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static ConfigException At(ParsingEvent e, string file, string message) => new(file, e.Start.Line, e.Start.Column, message);

    /// <summary>A mapping or sequence being read; for a mapping, the key waiting for its value.</summary>
    private sealed class Frame(ConfigNode node)
    {
        public ConfigNode Node { get; } = node;

        public ConfigNode? Key { get; set; }
    }
}
