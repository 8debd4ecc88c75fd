using System.Diagnostics;
using RusSnapshot.Dumps.Manifest;
using Xunit.Abstractions;

namespace RusSnapshot.Collector.Tests;

/// <summary>A Kerberos test: skipped (not passed) without the Samba DC, kinit, libldap's SASL GSSAPI module or a private mount namespace.</summary>
public sealed class KerberosFactAttribute : FactAttribute
{
    public KerberosFactAttribute()
    {
        if (KerberosBindTests.WhyUnavailable() is { } why)
        {
            Skip = why;
        }
    }
}

/// <summary>
/// A current-user bind from Linux (no --user): Kerberos through SASL GSSAPI with a ticket from the test DC's own KDC.
/// The machine's Kerberos and name resolution are left alone: a private krb5.conf and ticket cache in the test's
/// folder (KRB5_CONFIG, KRB5CCNAME), and the DC's DNS name resolves to 127.0.0.1 only inside a private mount namespace
/// of the collector's process (unshare -m, a copy of /etc/hosts bind-mounted over it), never by editing /etc/hosts.
/// </summary>
[Collection(SambaCollection.Name)]
public sealed class KerberosBindTests : IDisposable
{
    private const string DcName = "rsdc.corp.test";
    private const string Principal = "rscollect@CORP.TEST";
    private const string ChildCrossRef = "CN=CHILD,CN=Partitions," + SambaDc.ConfigurationDn;

    private readonly SambaDc _dc;
    private readonly ITestOutputHelper _log;
    private readonly string _folder = Directory.CreateTempSubdirectory("russnap-kerberos-").FullName;

    public KerberosBindTests(SambaDc dc, ITestOutputHelper log)
    {
        _dc = dc;
        _log = log;
        File.WriteAllText(Krb5Config, """
            [libdefaults]
                default_realm = CORP.TEST
                dns_lookup_kdc = false
                dns_lookup_realm = false
                rdns = false
                dns_canonicalize_hostname = false
            [realms]
                CORP.TEST = {
                    kdc = 127.0.0.1:88
                }
            [domain_realm]
                .corp.test = CORP.TEST
                corp.test = CORP.TEST

            """);
        File.WriteAllText(Hosts, File.ReadAllText("/etc/hosts").TrimEnd('\n') + $"\n127.0.0.1 {DcName} rsdc\n");
    }

    private string Krb5Config => Path.Combine(_folder, "krb5.conf");

    private string Hosts => Path.Combine(_folder, "hosts");

    private string Ticket => "FILE:" + Path.Combine(_folder, "ccache");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static string? WhyUnavailable()
    {
        if (SambaDc.WhyUnavailable() is { } why)
        {
            return why;
        }

        if (!File.Exists("/usr/bin/kinit"))
        {
            return "kinit is missing (krb5-user; tests/prerequisites.sh installs it).";
        }

        if (!Directory.EnumerateDirectories("/usr/lib").Any(d => Directory.Exists(Path.Combine(d, "sasl2")) && Directory.EnumerateFiles(Path.Combine(d, "sasl2"), "libgssapiv2.so*").Any()))
        {
            return "libldap's SASL GSSAPI module is missing (libsasl2-modules-gssapi-mit; tests/prerequisites.sh installs it).";
        }

        // The DC's DNS name must resolve to 127.0.0.1 for the collector: in a private mount namespace, or not at all.
        var (code, output) = Run("unshare", ["-m", "true"], new Dictionary<string, string>());
        return code == 0 ? null
            : $"no private mount namespace here (unshare -m: {output.Trim()}): {DcName} cannot resolve to 127.0.0.1 for the collector without editing /etc/hosts, which these tests never do.";
    }

    [KerberosFact]
    public void A_current_user_bind_with_a_ticket_from_the_DC_s_KDC_reads_the_whole_forest_and_names_the_principal()
    {
        Kinit();
        using (HostSpnsWork())
        {
            // Plain LDAP: the GSSAPI bind signs and seals (AD and Samba accept it without TLS).
            var dump = Path.Combine(_folder, "kerberos.ldf");
            var run = Collector(Ticket, "--server", DcName, "-o", dump, "-q");
            _log.WriteLine($"plain LDAP, Kerberos: exit {run.Code} in {run.Elapsed.TotalSeconds:0.0} s {run.Error.Trim()}");
            Assert.True(run.Code == 0, run.Error);
            var text = File.ReadAllText(dump);
            Assert.Equal(SambaDc.Recipients + 21, text.Split('\n').Count(l => l.StartsWith("mailNickname: ", StringComparison.Ordinal)));
            var manifest = CollectionManifestFile.ReadBeside(dump)!;
            Assert.True(manifest.Complete);
            Assert.Empty(manifest.Unread);
            Assert.Equal(new ManifestBind("negotiate", Principal), manifest.Bind);
            Assert.Equal(new ManifestServer(DcName, 389, "ldap", DcName), manifest.Server);
            Assert.Contains(manifest.NamingContexts, n => n is { Dn: SambaDc.DomainDn, Status: "complete" });

            // LDAPS: no SASL security layer inside TLS (Samba refuses one: "Sign or Seal are not allowed if TLS is used").
            var tls = Path.Combine(_folder, "kerberos-tls.ldf");
            var overTls = Collector(Ticket, "--server", DcName, "--ldaps", "--ca-cert", _dc.CaFile, "--scope", "config", "-o", tls, "-q");
            Assert.True(overTls.Code == 0, overTls.Error);
            Assert.Equal(new ManifestBind("negotiate", Principal), CollectionManifestFile.ReadBeside(tls)!.Bind);

            // It was Kerberos: the cache now holds a service ticket for the DC's ldap/ SPN.
            var (_, tickets) = Run("klist", [], new Dictionary<string, string> { ["KRB5CCNAME"] = Ticket, ["KRB5_CONFIG"] = Krb5Config });
            Assert.Contains($"ldap/{DcName}@CORP.TEST", tickets, StringComparison.Ordinal);

            // The DC by address: no ldap/127.0.0.1 SPN, so no service ticket: exit 5, and the message says to use the DNS name.
            var byAddress = Collector(Ticket, "--server", "127.0.0.1", "-o", Path.Combine(_folder, "by-address.ldf"), "-q");
            _log.WriteLine($"by address: exit {byAddress.Code}: {byAddress.Error.Trim()}");
            Assert.Equal(5, byAddress.Code);
            Assert.Contains(Principal, byAddress.Error, StringComparison.Ordinal);
            Assert.Contains("DNS name", byAddress.Error, StringComparison.Ordinal);
        }
    }

    [KerberosFact]
    public void Without_a_ticket_a_current_user_bind_gives_exit_5_within_seconds_and_says_to_run_kinit()
    {
        var dump = Path.Combine(_folder, "none.ldf");
        var run = Collector("FILE:" + Path.Combine(_folder, "no-such-ccache"), "--server", DcName, "-o", dump, "-q");
        _log.WriteLine($"no ticket: exit {run.Code} in {run.Elapsed.TotalSeconds:0.0} s: {run.Error.Trim()}");
        Assert.Equal(5, run.Code);
        Assert.Contains("there is no Kerberos ticket", run.Error, StringComparison.Ordinal);
        Assert.Contains("kinit", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{DcName}:389", run.Error, StringComparison.Ordinal);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(10), run.Elapsed.ToString());
        Assert.False(File.Exists(dump));
    }

    /// <summary>The executable, as the current user with <paramref name="ticketCache"/>, with the DC's name resolving to 127.0.0.1 for it only.</summary>
    private Collect.Result Collector(string ticketCache, params string[] args) =>
        Collect.Executable(string.Empty,
            ["unshare", "-m", "sh", "-c", "mount --bind \"$0\" /etc/hosts && exec \"$@\"", Hosts],
            new Dictionary<string, string> { ["KRB5_CONFIG"] = Krb5Config, ["KRB5CCNAME"] = ticketCache },
            args);

    private void Kinit()
    {
        var (code, output) = Run("kinit", [Principal], new Dictionary<string, string> { ["KRB5_CONFIG"] = Krb5Config, ["KRB5CCNAME"] = Ticket }, SambaDc.Password);
        Assert.True(code == 0, "kinit: " + output);
    }

    /// <summary>
    /// Samba 4.17's KDC looks every host-based service principal (ldap/rsdc.corp.test) up in its routing table of the
    /// forest's domains, and cannot build it with the test forest's stand-in child domain (a crossRef with no real
    /// partition behind it, exchange-org.ldif): every such ticket request fails with "Invalid argument". For the
    /// duration of a Kerberos test that crossRef is not a domain one (systemFlags 0), through the database file, as
    /// only the system may change systemFlags; then it is put back.
    /// </summary>
    private Restore HostSpnsWork()
    {
        SetChildSystemFlags(0);
        return new Restore(() => SetChildSystemFlags(3));
    }

    private void SetChildSystemFlags(int flags)
    {
        var ldif = Path.Combine(_folder, $"system-flags-{flags}.ldif");
        File.WriteAllText(ldif, $"dn: {ChildCrossRef}\nchangetype: modify\nreplace: systemFlags\nsystemFlags: {flags}\n-\n");
        var (code, output) = Run("ldbmodify", ["-H", Path.Combine(_dc.Folder, "private", "sam.ldb"), ldif], new Dictionary<string, string>());
        Assert.True(code == 0, "ldbmodify: " + output);
    }

    private static (int Code, string Output) Run(string program, string[] args, IReadOnlyDictionary<string, string> environment, string? input = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = input is not null };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        try
        {
            using var p = Process.Start(start)!;
            if (input is not null)
            {
                p.StandardInput.WriteLine(input);
                p.StandardInput.Close();
            }

            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stdout.Result + stderr);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
