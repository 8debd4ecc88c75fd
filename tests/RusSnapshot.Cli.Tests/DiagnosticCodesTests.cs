using System.Text.RegularExpressions;
using RusSnapshot.Cli.Docs;
using RusSnapshot.Dumps;

namespace RusSnapshot.Cli.Tests;

/// <summary>The diagnostic-code catalog: complete, used, and documented by the generated page.</summary>
public sealed partial class DiagnosticCodesTests
{
    private static readonly string SourceRoot = Path.Combine(RulesCommandTests.RepoRoot(), "src");

    [Fact]
    public void Codes_are_unique_well_formed_and_explained()
    {
        var ids = DiagnosticCodes.All.Select(c => c.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(DiagnosticCodes.All, c =>
        {
            Assert.Matches(CodeShape(), c.Id);
            Assert.EndsWith(".", c.Meaning, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void No_code_is_written_as_a_literal_outside_the_catalog()
    {
        // Codes are passed as DiagnosticCode values, so emitting one that is not listed does not compile; a string literal
        // that looks like a code (a comparison, a hand-made DumpDiagnostic) would bypass that.
        var offenders = SourceFiles()
            .Where(f => !f.EndsWith("DiagnosticCodes.cs", StringComparison.Ordinal))
            .SelectMany(f => CodeLiteral().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetRelativePath(SourceRoot, f)}: {m.Value}"))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Every_catalogued_code_is_emitted_somewhere()
    {
        var source = string.Concat(SourceFiles().Where(f => !f.EndsWith("DiagnosticCodes.cs", StringComparison.Ordinal)).Select(File.ReadAllText));
        var fields = typeof(DiagnosticCodes).GetFields().Where(f => f.FieldType == typeof(DiagnosticCode)).Select(f => f.Name);
        var unused = fields.Where(name => !source.Contains("DiagnosticCodes." + name, StringComparison.Ordinal)).ToList();
        Assert.Empty(unused);
    }

    [Fact]
    public void The_diagnostics_page_is_current()
    {
        var path = Path.Combine(RulesCommandTests.RepoRoot(), DiagnosticsPage.RelativePath);
        Assert.True(File.Exists(path) && File.ReadAllText(path).ReplaceLineEndings("\n") == DiagnosticsPage.Render(),
            $"{DiagnosticsPage.RelativePath} is not current: run {Commands.RuleDocs.Command}");
    }

    [Fact]
    public void A_code_knows_whether_reading_goes_on()
    {
        Assert.Equal(DiagnosticEffect.ReadingStopped, DiagnosticCodes.LdifTruncated.Effect);
        Assert.Equal(DiagnosticEffect.RecordRejected, DiagnosticCodes.LdifBase64.Effect);
        Assert.Equal(DiagnosticEffect.Noted, DiagnosticCodes.LdifTrailingSpace.Effect);
        Assert.All(DiagnosticCodes.All, c => Assert.Equal(c.Severity == DiagnosticSeverity.Warning, c.Effect == DiagnosticEffect.Noted));
        Assert.Same(DiagnosticCodes.CsvHex, DiagnosticCodes.Find("CSV-HEX"));
        Assert.Null(DiagnosticCodes.Find("CSV-NOPE"));
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"^[A-Z0-9]+(-[A-Z0-9]+)+$")]
    private static partial Regex CodeShape();

    [GeneratedRegex(@"""(LDIF|CSV|ADX|INPUT|ENCODING|SCAN|DUPLICATE|SETUPLOG)-[A-Z0-9-]+""")]
    private static partial Regex CodeLiteral();
}
