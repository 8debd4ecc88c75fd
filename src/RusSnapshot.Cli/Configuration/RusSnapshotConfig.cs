using System.Collections.Immutable;
using RusSnapshot.Analysis.Options;
using RusSnapshot.Analysis.Rules;

namespace RusSnapshot.Cli.Configuration;

/// <summary>The YAML configuration file (schemas/config.schema.json), loaded and checked.</summary>
public sealed record RusSnapshotConfig
{
    public ImmutableDictionary<string, Severity> SeverityOverrides { get; init; } = ImmutableDictionary<string, Severity>.Empty;

    public ImmutableArray<Suppression> Suppressions { get; init; } = [];

    public ImmutableArray<string> ExcludedDomains { get; init; } = [];

    /// <summary>Report formats (md, json, html); empty: the command line's default.</summary>
    public ImmutableArray<string> Formats { get; init; } = [];

    public string? Language { get; init; }

    public string? FailOn { get; init; }

    public string? Encoding { get; init; }
}

/// <summary>A configuration problem at <c>file:line:column</c>.</summary>
public sealed class ConfigException(string file, long line, long column, string message)
    : Exception($"{file}:{line}:{column}: {message}")
{
    public string File { get; } = file;

    public long Line { get; } = line;

    public long Column { get; } = column;
}
