using System.Collections.Immutable;
using System.Reflection;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Rules.Rus;
using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Analysis.Tests;

/// <summary>Messages are declared by their rule, emitted only by it, and said in every language with the declared arguments.</summary>
public sealed class RuleMessageTests
{
    private static readonly RuleMessage Fail = new("fail", "domain", "count");

    private static readonly RuleDescriptor Sample = RuleDescriptors.Create("RSN4999", "SampleRule", RuleCategory.Forest, Severity.Error, derived: true, [Fail], "a source");

    [Fact]
    public void Every_message_a_rule_class_declares_is_listed_in_its_descriptor_and_no_other()
    {
        foreach (var rule in RuleCatalog.All)
        {
            var declared = rule.GetType().GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public).Append(rule.GetType())
                .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
                .Where(f => f.FieldType == typeof(RuleMessage))
                .Select(f => (RuleMessage)f.GetValue(null)!)
                .ToList();

            Assert.Equal(declared.Count, rule.Descriptor.Messages.Length);
            Assert.All(declared, m => Assert.Contains(m, rule.Descriptor.Messages));
        }
    }

    [Fact]
    public void Context_refuses_a_message_the_rule_does_not_declare_even_with_a_declared_key()
    {
        var context = new RuleContext();
        var lookalike = new RuleMessage("fail", "domain");

        var own = context.Fail(DomainWithoutRus.Rule, "DC=a", DomainWithoutRus.Messages.Fail, ["a"]);
        var ex = Assert.Throws<InvalidOperationException>(() => context.Fail(DomainWithoutRus.Rule, "DC=a", lookalike, ["a"]));
        Assert.Throws<InvalidOperationException>(() => context.Info(EnterpriseRusMissing.Rule, "DC=a", DomainWithoutRus.Messages.NoLegacyServer, ["a"]));
        Assert.Throws<InvalidOperationException>(() => context.NotApplicable(RusServerMissing.Rule, "DC=a", DomainWithoutRus.Messages.NoExchange));

        Assert.Equal("RSN2001.fail", own.MessageId);
        Assert.Contains("RSN2001 emits the message 'fail' without declaring it", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_refuses_arguments_that_do_not_match_the_declaration()
    {
        var context = new RuleContext();

        var few = Assert.Throws<InvalidOperationException>(() => context.Fail(Sample, "DC=a", Fail, ["a"]));
        Assert.Throws<InvalidOperationException>(() => context.Fail(Sample, "DC=a", Fail, ["a", "1", "extra"]));
        Assert.Equal(["a", "1"], context.Fail(Sample, "DC=a", Fail, ["a", "1"]).Arguments.ToArray());
        Assert.Contains("RSN4999.fail takes 2 argument(s) (domain, count), not 1", few.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_is_not_part_of_the_fingerprint()
    {
        var context = new RuleContext();

        var fail = context.Fail(DomainWithoutRus.Rule, "DC=contoso,DC=test", DomainWithoutRus.Messages.Fail, ["contoso.test"]);
        var info = context.Info(DomainWithoutRus.Rule, "dc=contoso,dc=test", DomainWithoutRus.Messages.NoLegacyServer, ["contoso.test"]);

        Assert.Equal("RSN2001:DC=CONTOSO,DC=TEST", fail.Fingerprint);
        Assert.Equal(fail.Fingerprint, info.Fingerprint);
    }

    [Fact]
    public void Declarations_refuse_malformed_keys_and_argument_names_and_a_descriptor_before_its_messages()
    {
        Assert.Throws<ArgumentException>(() => new RuleMessage("title"));
        Assert.Throws<ArgumentException>(() => new RuleMessage("Fail"));
        Assert.Throws<ArgumentException>(() => new RuleMessage("no-link"));
        Assert.Throws<ArgumentException>(() => new RuleMessage("fail", "domain", "domain"));
        Assert.Throws<ArgumentException>(() => new RuleMessage("fail", "0"));
        Assert.Throws<ArgumentException>(() => RuleDescriptors.Create("RSN4999", "SampleRule", RuleCategory.Forest, Severity.Error, true, [Fail, null!], "a source"));
        Assert.Throws<ArgumentException>(() => RuleDescriptors.Create("RSN4999", "SampleRule", RuleCategory.Forest, Severity.Error, true, [Fail, new RuleMessage("fail")], "a source"));
        Assert.Throws<ArgumentException>(() => RuleDescriptors.Create("RSN4999", "SampleRule", RuleCategory.Forest, Severity.Error, true, [], "a source"));
    }

    [Fact]
    public void Texts_are_one_file_per_rule_and_language_named_after_the_rule()
    {
        var expected = RuleCatalog.Descriptors
            .SelectMany(d => Enum.GetValues<ReportLanguage>().Select(l => $"{RuleTexts.ResourcePrefix}{d.Id}.{d.Name}.{l.ToCode()}.txt"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, RuleTexts.ResourceNames);
        Assert.Empty(RuleTexts.Problems);
    }

    [Fact]
    public void Text_files_are_key_equals_text_lines_with_one_remediation_line_per_step()
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        const string Content = "# a comment\r\ntitle = A title = with an equals sign\r\n\r\nremediation = One.\nremediation =  Two. \nfail = Says {domain}.\n"
            + "a line without an equals sign\nfail = Twice.\nexplanation =\n";

        RuleTexts.Read("RuleTexts/RSN4999.SampleRule.en.txt", "RSN4999", Content, table, problems);

        Assert.Equal("A title = with an equals sign", table["RSN4999.title"]);
        Assert.Equal("One.\nTwo.", table["RSN4999.remediation"]);
        Assert.Equal("Says {domain}.", table["RSN4999.fail"]);
        Assert.Equal(
            [
                "RuleTexts/RSN4999.SampleRule.en.txt:7: not a line 'key = text'",
                "RuleTexts/RSN4999.SampleRule.en.txt:8: RSN4999.fail is given twice",
                "RuleTexts/RSN4999.SampleRule.en.txt:9: not a line 'key = text'",
            ],
            problems);
    }

    [Fact]
    public void Messages_say_their_arguments_by_name_in_each_language()
    {
        var finding = new RuleContext().Fail(UnstampedRecipients.Rule, "DC=contoso,DC=test", UnstampedRecipients.Messages.Fail, ["contoso.test", "3", "10"]);

        Assert.Equal("Domain 'contoso.test' has 3 mail-enabled recipient(s) that RUS never stamped (of 10 mail-enabled).", RuleTexts.Message(ReportLanguage.En, finding));
        Assert.Equal("Le domaine « contoso.test » a 3 destinataire(s) à extension messagerie jamais traité(s) par le RUS (sur 10).", RuleTexts.Message(ReportLanguage.Fr, finding));
        Assert.Contains("{domain}", RuleTexts.Get(ReportLanguage.En, "RSN2007.fail"), StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_are_substituted_once_and_never_read_as_placeholders()
    {
        var finding = new RuleContext().Fail(UnstampedRecipients.Rule, "DC=x", UnstampedRecipients.Messages.Fail, ["{unstamped} {0} {{", "3", "10"]);

        Assert.StartsWith("Domain '{unstamped} {0} {{' has 3 ", RuleTexts.Message(ReportLanguage.En, finding), StringComparison.Ordinal);
    }

    [Fact]
    public void Checks_find_a_declared_message_or_part_missing_in_one_language()
    {
        var texts = Texts(fr: t => t.Remove("RSN4999.fail"));
        texts[ReportLanguage.Fr].Remove("RSN4999.summary");

        var problems = RuleTextChecks.Problems([Sample], Frozen(texts));

        Assert.Equal(["RSN4999.summary: missing in fr", "RSN4999.fail: declared by SampleRule as fail(domain, count), missing in fr"], problems);
    }

    [Fact]
    public void Checks_find_orphaned_texts()
    {
        var texts = Texts(en: t =>
        {
            t["RSN4999.noLink"] = "A message nobody declares.";
            t["RSN4998.title"] = "A rule that does not exist";
        });

        var problems = RuleTextChecks.Problems([Sample], Frozen(texts));

        Assert.Equal(["RSN4998.title (en): orphaned: no rule RSN4998", "RSN4999.noLink (en): orphaned: SampleRule declares no message 'noLink'"], problems);
    }

    [Fact]
    public void Checks_find_placeholders_that_differ_from_the_declared_arguments()
    {
        var texts = Texts(
            en: t => t["RSN4999.fail"] = "Domain '{domain}' has {0} of {total}.",
            fr: t => t["RSN4999.fail"] = "Le domaine « {domain} » en a {count} {.");
        texts[ReportLanguage.En]["RSN4999.explanation"] = "Explains {domain}.";

        var problems = RuleTextChecks.Problems([Sample], Frozen(texts));

        Assert.Equal(
            [
                "RSN4999.explanation (en): has braces, but only messages take arguments",
                "RSN4999.fail (en): placeholder {0} is not an argument of fail(domain, count)",
                "RSN4999.fail (en): placeholder {total} is not an argument of fail(domain, count)",
                "RSN4999.fail (en): does not say the argument {count} of fail(domain, count)",
                "RSN4999.fail (fr): a brace that is not part of a placeholder",
            ],
            problems);
    }

    [Fact]
    public void Checks_pass_matching_texts()
    {
        Assert.Empty(RuleTextChecks.Problems([Sample], Frozen(Texts())));
    }

    private static Dictionary<ReportLanguage, Dictionary<string, string>> Texts(Action<Dictionary<string, string>>? en = null, Action<Dictionary<string, string>>? fr = null)
    {
        Dictionary<string, string> Language(string fail) => new(StringComparer.Ordinal)
        {
            ["RSN4999.title"] = "Title",
            ["RSN4999.summary"] = "what it finds",
            ["RSN4999.explanation"] = "Why.",
            ["RSN4999.remediation"] = "Step one.\nStep two.",
            ["RSN4999.fail"] = fail,
        };

        var texts = new Dictionary<ReportLanguage, Dictionary<string, string>>
        {
            [ReportLanguage.En] = Language("Domain '{domain}' has {count}."),
            [ReportLanguage.Fr] = Language("Le domaine « {domain} » en a {count}."),
        };
        en?.Invoke(texts[ReportLanguage.En]);
        fr?.Invoke(texts[ReportLanguage.Fr]);
        return texts;
    }

    private static Dictionary<ReportLanguage, IReadOnlyDictionary<string, string>> Frozen(Dictionary<ReportLanguage, Dictionary<string, string>> texts) =>
        texts.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, string>)t.Value.ToImmutableDictionary(StringComparer.Ordinal));
}
