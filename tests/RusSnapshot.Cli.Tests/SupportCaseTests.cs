using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace RusSnapshot.Cli.Tests;

/// <summary>
/// Runs every support case in fixtures/cases/&lt;id&gt;/: analyse its dumps as case.yaml says, check the exit code and the
/// expected findings, and compare the reports with the approved ones (Verify's convention: <c>*.verified.*</c> approved,
/// <c>*.received.*</c> written beside them on a mismatch; rename to approve).
/// </summary>
public sealed class SupportCaseTests
{
    /// <summary>Reports of cases are pinned to this instant so that they are byte-identical across runs.</summary>
    private const string PinnedTimestamp = "2026-01-01T00:00:00Z";

    public static IEnumerable<object[]> Cases() =>
        Directory.Exists(CasesRoot)
            ? Directory.GetDirectories(CasesRoot).Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(c => new object[] { c! })
            : [];

    private static string CasesRoot => Path.Combine(RulesCommandTests.RepoRoot(), "fixtures", "cases");

    [Fact]
    public void There_are_support_cases() => Assert.True(Cases().Count() >= 3, "fixtures/cases holds fewer than 3 cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_gives_the_expected_findings_exit_code_and_approved_reports(string caseId)
    {
        var dir = Path.Combine(CasesRoot, caseId);
        var spec = CaseSpec.Load(Path.Combine(dir, "case.yaml"));
        var mismatches = new List<string>();
        foreach (var lang in spec.Languages)
        {
            var outDir = Path.Combine(Path.GetTempPath(), "russnap-cases", caseId, lang);
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }

            var args = new List<string> { "analyze" };
            args.AddRange(spec.Inputs.Select(i => Path.Combine(dir, i)));
            args.AddRange(["-o", outDir, "--lang", lang, "--timestamp", PinnedTimestamp, "--fail-on", spec.FailOn]);
            if (spec.Config is not null)
            {
                args.AddRange(["--config", Path.Combine(dir, spec.Config)]);
            }

            if (spec.Encoding is not null)
            {
                args.AddRange(["--encoding", spec.Encoding]);
            }

            var run = CliRunner.Run([.. args]);

            Assert.True(spec.ExitCode == run.ExitCode, $"{caseId} ({lang}): exit code {run.ExitCode}, expected {spec.ExitCode}\n{run.Output}\n{run.Error}");
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "russnap-report.json")));
            var actual = json.RootElement.GetProperty("findings").EnumerateArray()
                .Select(f => $"{f.GetProperty("ruleId").GetString()} {f.GetProperty("kind").GetString()} {f.GetProperty("severity").GetString()} {f.GetProperty("subject").GetString()}")
                .Order(StringComparer.Ordinal).ToList();
            Assert.Equal(spec.Findings.Order(StringComparer.Ordinal), actual);

            foreach (var ext in new[] { "md", "json", "html" })
            {
                var produced = Scrub(File.ReadAllText(Path.Combine(outDir, $"russnap-report.{ext}")), dir);
                if (!Approve(produced, Path.Combine(dir, $"report.{lang}.verified.{ext}")))
                {
                    mismatches.Add($"report.{lang}.{ext}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{caseId}: {string.Join(", ", mismatches)} differ from the approved files; the new output is in report.*.received.* beside them (rename to .verified. to approve)");
    }

    /// <summary>Input paths are absolute and machine-specific: replace the case folder by a fixed token (Verify's scrubber idea).</summary>
    private static string Scrub(string report, string caseDir) =>
        report.Replace(caseDir + Path.DirectorySeparatorChar, "{CaseDir}/", StringComparison.Ordinal);

    private static bool Approve(string actual, string verified)
    {
        var received = verified.Replace(".verified.", ".received.", StringComparison.Ordinal);
        if (File.Exists(verified) && File.ReadAllText(verified) == actual)
        {
            File.Delete(received);
            return true;
        }

        File.WriteAllText(received, actual);
        return false;
    }

    private sealed record CaseSpec(IReadOnlyList<string> Inputs, IReadOnlyList<string> Languages, string FailOn, int ExitCode, string? Config, string? Encoding, IReadOnlyList<string> Findings)
    {
        public static CaseSpec Load(string path)
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(path)));
            var root = (YamlMappingNode)yaml.Documents[0].RootNode;
            string? Get(YamlMappingNode m, string key) => m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? ((YamlScalarNode)v).Value : null;
            IEnumerable<YamlNode> List(YamlMappingNode m, string key) => m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? ((YamlSequenceNode)v).Children : [];
            var options = root.Children.TryGetValue(new YamlScalarNode("options"), out var o) ? (YamlMappingNode)o : new YamlMappingNode();
            var expected = (YamlMappingNode)root.Children[new YamlScalarNode("expected")];
            return new CaseSpec(
                [.. List(root, "inputs").Select(n => ((YamlScalarNode)n).Value!)],
                List(options, "languages").Select(n => ((YamlScalarNode)n).Value!).DefaultIfEmpty("en").ToList(),
                Get(options, "failOn") ?? "error",
                int.Parse(Get(expected, "exitCode") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
                Get(options, "config"),
                Get(options, "encoding"),
                [.. List(expected, "findings").Select(n => (YamlMappingNode)n).Select(f =>
                    $"{Get(f, "rule")} {Get(f, "kind") ?? "fail"} {Get(f, "severity")} {Get(f, "subject") ?? string.Empty}")]);
        }
    }
}
