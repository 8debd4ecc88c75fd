using System.Collections.Immutable;
using RusSnapshot.Analysis.Options;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Cli.Options;

namespace RusSnapshot.Cli.Configuration;

/// <summary>The YAML configuration file (schemas/config.schema.json), loaded and checked; null means "not set".</summary>
internal sealed record RusSnapshotConfig
{
    public ImmutableDictionary<string, Severity> SeverityOverrides { get; init; } = ImmutableDictionary<string, Severity>.Empty;

    public ImmutableArray<Suppression> Suppressions { get; init; } = [];

    public ImmutableArray<string> ExcludedDomains { get; init; } = [];

    /// <summary>Report formats; empty: the command line's default.</summary>
    public ImmutableArray<ReportFormat> Formats { get; init; } = [];

    public ReportLanguage? Language { get; init; }

    public FailOn? FailOn { get; init; }

    /// <summary>An encoding name already checked to resolve.</summary>
    public string? Encoding { get; init; }
}

/// <summary>A configuration problem at <c>file:line:column</c>.</summary>
internal sealed class ConfigException(string file, long line, long column, string message)
    : Exception($"{file}:{line}:{column}: {message}")
{
    public string File { get; } = file;

    public long Line { get; } = line;

    public long Column { get; } = column;
}
