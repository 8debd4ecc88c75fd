using System.Security.Cryptography;
using System.Text.Json;
using RusSnapshot.Tests.Shared;

namespace RusSnapshot.Cli.Tests;

/// <summary><c>analyze --no-sha256</c>: the same analysis, without the inputs' SHA-256 in any report.</summary>
public sealed class NoSha256OptionTests
{
    private static readonly string Sample = Path.Combine(RulesCommandTests.RepoRoot(), "fixtures", "sample");

    [Fact]
    public void Without_the_option_each_input_has_its_sha256_and_with_it_none_and_nothing_else_changes()
    {
        using var output = new TempFolder();
        var hashed = Path.Combine(output.Path, "hashed");
        var plain = Path.Combine(output.Path, "plain");
        var r1 = CliRunner.Run("analyze", Sample, "-o", hashed, "--timestamp", "0", "--fail-on", "never");
        var r2 = CliRunner.Run("analyze", Sample, "-o", plain, "--timestamp", "0", "--fail-on", "never", "--no-sha256");
        Assert.True(r1.ExitCode == 0, r1.Output + r1.Error);
        Assert.True(r2.ExitCode == 0, r2.Output + r2.Error);

        using var withHash = JsonDocument.Parse(File.ReadAllText(Path.Combine(hashed, "russnap-report.json")));
        using var without = JsonDocument.Parse(File.ReadAllText(Path.Combine(plain, "russnap-report.json")));
        var inputs = withHash.RootElement.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal(5, inputs.Count);
        foreach (var input in inputs)
        {
            var path = input.GetProperty("path").GetString()!;
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), input.GetProperty("sha256").GetString());
        }

        Assert.All(without.RootElement.GetProperty("inputs").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("sha256").ValueKind));
        foreach (var report in new[] { "russnap-report.md", "russnap-report.html" })
        {
            var text = File.ReadAllText(Path.Combine(plain, report));
            Assert.All(inputs, i => Assert.DoesNotContain(i.GetProperty("sha256").GetString()!, text, StringComparison.Ordinal));
            Assert.Contains(inputs[0].GetProperty("sha256").GetString()!, File.ReadAllText(Path.Combine(hashed, report)), StringComparison.Ordinal);
        }

        Assert.Equal(Findings(withHash), Findings(without));
    }

    private static string Findings(JsonDocument report) => report.RootElement.GetProperty("findings").GetRawText();
}
