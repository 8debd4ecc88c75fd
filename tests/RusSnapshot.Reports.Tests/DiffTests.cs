using System.Collections.Immutable;
using System.Text.Json;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Reports.Diff;

namespace RusSnapshot.Reports.Tests;

/// <summary>The comparison itself: what counts as fixed, new and unchanged, which changes explain what, and escaping.</summary>
public sealed class DiffTests
{
    private const string Child = "DC=child,DC=corp,DC=test";
    private const string Rus = "CN=RUS (CHILD),CN=Recipient Update Services,CN=Address Lists Container,CN=Corp,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=corp,DC=test";
    private const string Server = "CN=EX1,CN=Servers,CN=AG,CN=Administrative Groups,CN=Corp,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=corp,DC=test";
    private static readonly ReportTool Tool = new("russnap", "0.1.0", "1.0.0", null);
    private static readonly DateTimeOffset When = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Fingerprints_decide_and_a_severity_change_is_not_a_fix()
    {
        var before = Side(
            Finding("RSN2001:" + Child.ToUpperInvariant(), "RSN2001", Severity.Error, Child),
            Finding("RSN2007:X", "RSN2007", Severity.Warning, "DC=x"),
            Finding("RSN2005:Y", "RSN2005", Severity.Warning, "DC=y"));
        var after = Side(
            Finding("RSN2007:X", "RSN2007", Severity.Error, "DC=x"),
            Finding("RSN2005:Y", "RSN2005", Severity.Warning, "DC=y") with { Suppressed = true },
            Finding("RSN2003:Z", "RSN2003", Severity.Error, "DC=z"),
            Finding("RSN1001:Q", "RSN1001", Severity.Warning, "q") with { Kind = FindingKind.NotApplicable });

        var d = ReportDiff.Compare(before, after, Tool, ReportLanguage.En, When);

        Assert.Equal(["RSN2001", "RSN2005"], d.Fixed.Select(e => e.RuleId));   // a suppressed failure no longer counts
        Assert.Equal(["RSN2003"], d.New.Select(e => e.RuleId));                 // not-applicable findings are not compared
        var same = Assert.Single(d.Unchanged);
        Assert.Equal((Severity.Error, Severity.Warning), (same.Severity, same.PreviousSeverity!.Value));
        Assert.Single(d.NewAtOrAbove(Severity.Error));
    }

    [Fact]
    public void Forest_changes_are_matched_by_dn_key_and_explain_the_findings_about_their_subjects()
    {
        var before = Side(Finding("RSN2001:C", "RSN2001", Severity.Error, Child)) with
        {
            Domains = [new DiffDomain(Child, "child.corp.test", false, [], 10, 4)],
            Servers = [new DiffServer(Server, "EX1", "Version 6.5 (Build 7638.2)")],
            RusInstances = [new DiffRus("CN=Old,CN=Recipient Update Services,DC=corp,DC=test", "Old", "DC=corp,DC=test", Server, "EX1", false)],
        };
        var after = Side() with
        {
            // The same domain and server written in another case and with an escape: the same DNs.
            Domains = [new DiffDomain("dc=CHILD,dc=corp,dc=test", "child.corp.test", true, [Rus], 10, 0)],
            Servers = [new DiffServer(Server.ToLowerInvariant(), "EX1", "Version 6.5 (Build 7638.2) SP2")],
            RusInstances =
            [
                new DiffRus("CN=Old,CN=Recipient Update Services,DC=corp,DC=test", "Old", "DC=corp,DC=test", "CN=EX2,DC=corp,DC=test", "EX2", false),
                new DiffRus(Rus, "RUS (CHILD)", "DC=child,DC=corp,DC=test", Server, "EX1", false),
            ],
        };

        var d = ReportDiff.Compare(before, after, Tool, ReportLanguage.En, When);

        Assert.Equal(
            [ForestChangeKind.DomainCovered, ForestChangeKind.RusAdded, ForestChangeKind.RusRepointed, ForestChangeKind.ServerVersionChanged, ForestChangeKind.UnstampedChanged],
            d.Changes.Select(c => c.Kind));
        var fix = Assert.Single(d.Fixed);
        Assert.Equal([ForestChangeKind.DomainCovered, ForestChangeKind.RusAdded, ForestChangeKind.UnstampedChanged], fix.Explanations.Select(i => d.Changes[i].Kind));
        Assert.Equal(("4", "0"), (d.Changes[4].Before, d.Changes[4].After));
    }

    [Fact]
    public void Nothing_changed_gives_an_empty_comparison()
    {
        var side = Side(Finding("RSN2001:C", "RSN2001", Severity.Error, Child)) with { Domains = [new DiffDomain(Child, null, false, [], null, null)] };

        var d = ReportDiff.Compare(side, side with { Label = "again" }, Tool, ReportLanguage.Fr, When);

        Assert.Empty(d.Fixed);
        Assert.Empty(d.New);
        Assert.Empty(d.Changes);
        Assert.Contains("Aucun changement", Render(new DiffMarkdownWriter(), d), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("md")]
    [InlineData("html")]
    [InlineData("json")]
    public void Every_value_is_escaped(string format)
    {
        const string hostile = "<script>alert(1)</script>|`x`\u202E[a](http://evil.test)";
        var before = Side() with { Label = hostile };
        var after = Side(Finding("RSN2001:" + hostile, "RSN2001", Severity.Error, "CN=" + hostile) with { Message = hostile }) with
        {
            RusInstances = [new DiffRus("CN=" + hostile, hostile, null, null, hostile, false)],
        };
        var d = ReportDiff.Compare(before, after, Tool, ReportLanguage.En, When);
        IDiffWriter writer = format switch { "md" => new DiffMarkdownWriter(), "html" => new DiffHtmlWriter(), _ => new DiffJsonWriter() };

        var text = Render(writer, d);

        // Markdown escapes '<' with a backslash, HTML with an entity, JSON as \u003C: never a bare tag.
        Assert.DoesNotMatch(@"(?<!\\)<script", text);
        Assert.DoesNotContain("\u202E", text, StringComparison.Ordinal);
        if (format == "md")
        {
            Assert.DoesNotMatch(@"(?<!\\)\]\(http", text);
        }

        if (format == "json")
        {
            using var json = JsonDocument.Parse(text);
            Assert.Equal(hostile, json.RootElement.GetProperty("new")[0].GetProperty("message").GetString());
        }
    }

    /// <summary>A domain fixed by a new RUS: the page the browser test opens.</summary>
    internal static DiffDocument Sample()
    {
        var before = Side(Finding("RSN2001:C", "RSN2001", Severity.Error, Child)) with { Domains = [new DiffDomain(Child, "child.corp.test", false, [], 3, 3)] };
        var after = Side() with
        {
            Domains = [new DiffDomain(Child, "child.corp.test", true, [Rus], 3, 0)],
            RusInstances = [new DiffRus(Rus, "RUS (CHILD)", Child, Server, "EX1", false)],
        };
        return ReportDiff.Compare(before, after, Tool, ReportLanguage.En, When);
    }

    internal static string Render(IDiffWriter writer, DiffDocument d)
    {
        using var text = new StringWriter();
        writer.Write(d, text);
        return text.ToString();
    }

    private static DiffSide Side(params DiffFinding[] findings) => new() { Label = "side", GeneratedAt = When, Findings = [.. findings] };

    private static DiffFinding Finding(string fingerprint, string rule, Severity severity, string subject) =>
        new(fingerprint, rule, "Name", severity, FindingKind.Fail, subject, "message", false);
}
