using System.Globalization;
using RusSnapshot.Analysis.Model;
using RusSnapshot.Dumps;

namespace RusSnapshot.Analysis.Rules.Health;

/// <summary>RSN1001: the dump lacks what rules need, so an incomplete dump never passes.</summary>
internal sealed class IncompleteDump : IRule
{
    internal const string Id = "RSN1001";

    public static readonly RuleDescriptor Rule = RuleDescriptors.Create(
        Id, nameof(IncompleteDump), RuleCategory.DumpHealth, Severity.Error, derived: true,
        Messages.All,
        "RFC 2849 and the exporters' formats: a dump cut short or with unreadable records is not the whole directory", "OpenLDAP ldapsearch output: result trailer (clients/tools/ldapsearch.c)") with
    {
        // One input or partition can be incomplete in several ways at once: each way is its own finding, and the
        // message key doubles as the discriminator.
        Discriminators = [.. Messages.All.Select(m => m.Key)],
    };

    public RuleDescriptor Descriptor => Rule;

    internal static class Messages
    {
        public static readonly RuleMessage Unreadable = new("unreadable", "input", "reason");
        public static readonly RuleMessage ReadErrors = new("readErrors", "input", "records", "errors");
        public static readonly RuleMessage SearchFailed = new("searchFailed", "input", "resultCode", "resultText", "searches");
        public static readonly RuleMessage SearchUnfinished = new("ldapsearchUnfinished", "input");
        public static readonly RuleMessage NoConfiguration = new("noConfiguration");
        public static readonly RuleMessage NoExchange = new("noExchange");
        public static readonly RuleMessage ForeignConfiguration = new("foreignConfiguration", "objects", "configuration");
        public static readonly RuleMessage PartitionMissing = new("partitionMissing", "domain");
        public static readonly RuleMessage CollectionUnread = new("collectionUnread", "input", "subject", "reason", "detail");

        public static RuleMessage[] All => [Unreadable, ReadErrors, SearchFailed, SearchUnfinished, NoConfiguration, NoExchange, ForeignConfiguration, PartitionMissing, CollectionUnread];
    }

    public IEnumerable<Finding> Evaluate(ForestModel forest, RuleContext context)
    {
        foreach (var input in forest.Completeness.Inputs)
        {
            foreach (var finding in Gaps(input, context))
            {
                yield return finding;
            }
        }

        if (!forest.Completeness.HasPartitions)
        {
            yield return context.Fail(Rule, forest.ConfigurationDn ?? string.Empty, Messages.NoConfiguration.Key, Messages.NoConfiguration, []);
        }
        else if (forest.Organization is null)
        {
            yield return context.Fail(Rule, forest.ConfigurationDn ?? string.Empty, Messages.NoExchange.Key, Messages.NoExchange, []);
        }

        if (forest.ForeignConfigurationObjects > 0)
        {
            yield return context.Fail(Rule, forest.ConfigurationDn ?? string.Empty, Messages.ForeignConfiguration.Key, Messages.ForeignConfiguration,
                [forest.ForeignConfigurationObjects.ToString(System.Globalization.CultureInfo.InvariantCulture), forest.ConfigurationDn ?? string.Empty]);
        }

        foreach (var domain in forest.Domains.Where(d => d.Enabled && d.CrossRef is not null && !d.PartitionInDump))
        {
            yield return context.Fail(Rule, domain.Dn, Messages.PartitionMissing.Key, Messages.PartitionMissing, [domain.DnsName ?? domain.Dn], [Evidence.Of(domain.CrossRef!, "nCName")]);
        }
    }

    /// <summary>The ways one input is incomplete: each its own finding, whatever the number of failed pages or records.</summary>
    private static IEnumerable<Finding> Gaps(InputReading input, RuleContext context)
    {
        var c = CultureInfo.InvariantCulture;
        var name = input.Name;
        if (input.OpenError is { } why)
        {
            yield return Fail(context, Messages.Unreadable, name, [name, why], []);
            yield break;
        }

        if (input.FailedSearches is [var first, ..])
        {
            yield return Fail(context, Messages.SearchFailed, name,
                [name, first.Code.ToString(c), first.Text, input.FailedSearchCount.ToString(c)],
                [.. input.FailedSearches.Select(f => new Evidence(f.Position.Source, f.Position.Line, string.Empty, "result", $"{f.Code.ToString(c)} {f.Text}"))]);
        }

        if (input.SearchUnfinished)
        {
            yield return Fail(context, Messages.SearchUnfinished, name, [name], []);
        }

        // What the collector could not read, as its manifest says: one finding per naming context or referral.
        foreach (var unread in input.Unread)
        {
            var where = unread.Server is null ? unread.Message : $"{unread.Server}: {unread.Message}";
            yield return context.Fail(Rule, unread.Subject, Messages.CollectionUnread.Key, Messages.CollectionUnread,
                [name, unread.Subject, ReasonName(unread.Reason), where],
                [new Evidence(name + Dumps.Manifest.CollectionManifestFile.Suffix, 0, unread.Subject, "unread", $"{ReasonName(unread.Reason)}: {where}")]);
        }

        if (input.ReadErrors > 0 || !input.Complete)
        {
            // The failed or unfinished search is said above; the evidence is the format errors.
            var errors = input.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error
                && d.Code != DiagnosticCodes.LdifSearchFailed.Id && d.Code != DiagnosticCodes.LdifSearchUnfinished.Id);
            yield return Fail(context, Messages.ReadErrors, name,
                [name, input.RejectedRecords.ToString(c), Math.Max(input.ReadErrors, 1).ToString(c)],
                [.. errors.Take(20).Select(d => new Evidence(d.Position.Source, d.Position.Line, string.Empty, null, $"{d.Code}: {d.Message}"))]);
        }
    }

    /// <summary>The manifest's word for why something was not read (<c>unreachable</c>, <c>accessDenied</c>...).</summary>
    private static string ReasonName(Dumps.Manifest.UnreadReason reason)
    {
        var name = reason.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>A finding about an input: its message key doubles as the discriminator.</summary>
    private static Finding Fail(RuleContext context, RuleMessage message, string input, string[] arguments, Evidence[] evidence) =>
        context.Fail(Rule, input, message.Key, message, [.. arguments], [.. evidence]);
}
