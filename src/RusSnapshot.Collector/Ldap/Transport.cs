namespace RusSnapshot.Collector.Ldap;

/// <summary>How the LDAP connection is protected.</summary>
internal enum Transport
{
    /// <summary>Plain LDAP (389): no TLS. Simple binds only with <c>--allow-plain-bind</c>.</summary>
    Plain,

    /// <summary>LDAP over TLS (636).</summary>
    Ldaps,

    /// <summary>LDAP on 389, upgraded with the StartTLS extended operation (RFC 4513) before the bind.</summary>
    StartTls,
}

/// <summary>Certificate validation of a TLS connection.</summary>
/// <param name="CaCertificateFile">A PEM file whose certificates are trusted in addition to the system's; null: the system's only.</param>
/// <param name="Insecure">Accept any certificate (<c>--insecure</c>): never the default.</param>
internal sealed record TlsTrust(string? CaCertificateFile, bool Insecure)
{
    public static TlsTrust System { get; } = new(null, false);
}

/// <summary>Where a connection goes.</summary>
internal sealed record LdapEndpoint(string Host, int Port, Transport Transport)
{
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public string TransportName => Transport switch
    {
        Transport.Ldaps => "ldaps",
        Transport.StartTls => "starttls",
        _ => "ldap",
    };

    public static int DefaultPort(Transport transport) => transport == Transport.Ldaps ? 636 : 389;
}
