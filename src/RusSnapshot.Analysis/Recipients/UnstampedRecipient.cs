using RusSnapshot.Dumps;

namespace RusSnapshot.Analysis.Recipients;

/// <summary>The attributes RUS stamps whose absence makes a mail-enabled recipient unstamped (RSN2007).</summary>
[Flags]
public enum StampedAttributes
{
    None = 0,

    /// <summary>No <c>proxyAddresses</c>: the recipient has no e-mail addresses (Recipient Policy, KB253770).</summary>
    ProxyAddresses = 1,

    /// <summary>No <c>legacyExchangeDN</c> (System Policy, KB253770).</summary>
    LegacyExchangeDn = 2,

    /// <summary>No <c>showInAddressBook</c> on a recipient that is not hidden (Address List, KB253770).</summary>
    ShowInAddressBook = 4,
}

/// <summary>
/// One recipient behind RSN2007, as the model builder sees it while streaming: handed to an
/// <see cref="IUnstampedRecipientSink"/> at once and never kept.
/// </summary>
/// <param name="NamingContext">The naming context it lies in, as first written in the dump (its domain once the model is built: <see cref="AnalysisResult.RecipientDomain"/>).</param>
/// <param name="Dn">Its DN as written.</param>
/// <param name="SamAccountName">Its <c>sAMAccountName</c> (contacts have none).</param>
/// <param name="MailNickname">Its <c>mailNickname</c> (what makes it mail-enabled, KB253838).</param>
/// <param name="Missing">Which stamped attributes it lacks.</param>
/// <param name="Position">Where its entry is in the dump.</param>
public sealed record UnstampedRecipient(string NamingContext, string Dn, string? SamAccountName, string? MailNickname, StampedAttributes Missing, DumpPosition Position);

/// <summary>Receives the unstamped recipients while the dump is read (<c>--recipients</c>); must not keep them all.</summary>
public interface IUnstampedRecipientSink
{
    void Add(UnstampedRecipient recipient);
}
