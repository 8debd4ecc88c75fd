namespace RusSnapshot.Synth.Tests;

public sealed class SpecAndCommandLineTests
{
    [Theory]
    [InlineData("missing-rus:child1", nameof(FaultKind.MissingRus), "child1", 0)]
    [InlineData("MISSING-RUS:Child1", nameof(FaultKind.MissingRus), "Child1", 0)]
    [InlineData("no-enterprise-rus", nameof(FaultKind.NoEnterpriseRus), null, 0)]
    [InlineData("rus-deleted-server", nameof(FaultKind.RusDeletedServer), null, 0)]
    [InlineData("rus-on-e2007:enterprise", nameof(FaultKind.RusOnExchange2007), "enterprise", 0)]
    [InlineData("unstamped:250", nameof(FaultKind.Unstamped), null, 250)]
    [InlineData("unstamped:3:fabrikam", nameof(FaultKind.Unstamped), "fabrikam", 3)]
    [InlineData("size-limit:configuration", nameof(FaultKind.SizeLimit), "configuration", 0)]
    public void Faults_parse(string text, string kindName, string? target, int count)
    {
        var kind = Enum.Parse<FaultKind>(kindName);
        var fault = SynthFault.Parse(text);

        Assert.Equal(new SynthFault(kind, target, count), fault);
        Assert.Equal(text.ToLowerInvariant(), fault.ToString().ToLowerInvariant());
    }

    [Theory]
    [InlineData("")]
    [InlineData("nonsense")]
    [InlineData("missing-rus")]
    [InlineData("unstamped")]
    [InlineData("unstamped:0")]
    [InlineData("unstamped:x")]
    [InlineData("no-enterprise-rus:child1")]
    [InlineData("rus-no-server:a:b")]
    [InlineData("missing-rus:")]
    public void Bad_faults_are_refused(string text) => Assert.Throws<FormatException>(() => SynthFault.Parse(text));

    [Fact]
    public void Servers_parse()
    {
        Assert.Equal([(ExchangeServerKind.Exchange2000, 1), (ExchangeServerKind.Exchange2003FrontEnd, 2)], ForestSpec.ParseServers("2000, 2003FE:2").ToArray());
        Assert.Throws<FormatException>(() => ForestSpec.ParseServers("2013:1"));
        Assert.Throws<FormatException>(() => ForestSpec.ParseServers("2003:x"));
    }

    [Fact]
    public void Command_line_writes_split_files_and_reports_them()
    {
        var dir = Path.Combine(Path.GetTempPath(), "russnap-synth-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();

            var code = SynthCommandLine.Run(["-o", dir, "--domains", "2", "--users", "20", "--groups", "2", "--split-by-partition", "--dialect", "ldapsearch", "--fault", "missing-rus:child1", "--fault", "unstamped:2"], output, error);

            Assert.Equal(0, code);
            Assert.Equal(string.Empty, error.ToString());
            Assert.Equal(["child1.contoso.test.ldif", "configuration.ldif", "contoso.test.ldif"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Contains("faults: missing-rus:child1, unstamped:2", output.ToString(), StringComparison.Ordinal);
            Assert.StartsWith("# extended LDIF\n", File.ReadAllText(Path.Combine(dir, "configuration.ldif")), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void Help_lists_the_options_and_faults()
    {
        var output = new StringWriter();

        var code = SynthCommandLine.Run(["--help"], output, new StringWriter());

        Assert.Equal(0, code);
        Assert.Contains("--split-by-partition", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("missing-rus", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_output_is_a_usage_error()
    {
        var error = new StringWriter();

        Assert.Equal(2, SynthCommandLine.Run([], new StringWriter(), error));
        Assert.Contains("--output", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--fault", "bogus")]
    [InlineData("--fault", "missing-rus:nowhere")]
    [InlineData("--dialect", "xml")]
    [InlineData("--servers", "2016:1")]
    public void Command_line_usage_errors_exit_2(string option, string value)
    {
        var error = new StringWriter();

        var code = SynthCommandLine.Run(["-o", Path.Combine(Path.GetTempPath(), "never-written.ldf"), option, value], new StringWriter(), error);

        Assert.Equal(2, code);
        Assert.StartsWith("russnap-synth: ", error.ToString(), StringComparison.Ordinal);
    }
}
