using RusSnapshot.Collector.Ldap;
using RusSnapshot.Collector.Output;

namespace RusSnapshot.Collector.Collection;

/// <summary>Everything one run needs, validated by the command line.</summary>
internal sealed record CollectorOptions
{
    public required LdapEndpoint Server { get; init; }

    public required BindCredentials Credentials { get; init; }

    public TlsTrust Trust { get; init; } = TlsTrust.System;

    public DumpFormat Format { get; init; } = DumpFormat.Ldif;

    public required string OutputPath { get; init; }

    /// <summary>Also read every domain (full) or the rootDSE and Configuration only (config).</summary>
    public bool FullScope { get; init; } = true;

    /// <summary>DNS name of a domain → the DC to read it from (<c>--domain-server</c>).</summary>
    public IReadOnlyDictionary<string, (string Host, int? Port)> DomainServers { get; init; } = new Dictionary<string, (string, int?)>();

    public int PageSize { get; init; } = 1000;

    /// <summary>0: ranges only when the server uses them (AD: 1,500 values); N: ask for N values at a time.</summary>
    public int RangeSize { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan? RunTimeout { get; init; }

    public int Retries { get; init; } = 3;

    public bool Quiet { get; init; }

    public bool Progress { get; init; }
}
