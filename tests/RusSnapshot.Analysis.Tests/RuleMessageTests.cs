using System.Reflection;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Rules.Rus;

namespace RusSnapshot.Analysis.Tests;

/// <summary>Messages are declared by their rule and emitted only by it, with the declared arguments.</summary>
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
}
