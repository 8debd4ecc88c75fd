namespace RusSnapshot.Collector.Ldap;

/// <summary>
/// How to bind. A simple bind carries a name and a password; without a name the current user binds (Negotiate:
/// Kerberos or NTLM on Windows, Kerberos from the ticket cache on Linux). <see cref="ToString"/> never shows the password.
/// </summary>
internal sealed class BindCredentials
{
    private BindCredentials(string? user, string? password)
    {
        User = user;
        Password = password;
    }

    public static BindCredentials CurrentUser { get; } = new(null, null);

    /// <summary>The account for a simple bind (UPN, DOMAIN\name or DN); null for the current user.</summary>
    public string? User { get; }

    /// <summary>The password of a simple bind. Only ever handed to the LDAP library.</summary>
    public string? Password { get; }

    public bool IsSimple => User is not null;

    public static BindCredentials Simple(string user, string password) => new(user, password);

    public override string ToString() => IsSimple ? $"simple bind as {User}" : "the current user (Negotiate)";
}
