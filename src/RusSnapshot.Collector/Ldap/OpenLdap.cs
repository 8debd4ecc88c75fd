using System.DirectoryServices.Protocols;
using System.Reflection;
using System.Runtime.InteropServices;

namespace RusSnapshot.Collector.Ldap;

/// <summary>
/// The libldap options System.DirectoryServices.Protocols does not expose on Linux (OpenLDAP ldap_set_option(3)):
/// whether the server certificate must be valid, a global option each new connection copies when it is created; and
/// how a SASL GSSAPI (Kerberos) bind names the server and protects the connection, options of one connection only
/// (libldap refuses them as global options).
/// </summary>
internal static class OpenLdap
{
    private const int LdapOptXTlsRequireCert = 0x6006;
    private const int LdapOptXTlsNever = 0;
    private const int LdapOptXTlsDemand = 2;
    private const int LdapOptXSaslSsfMax = 0x6108;
    private const int LdapOptXSaslNoCanon = 0x610B;

    /// <summary>The libldap names System.DirectoryServices.Protocols probes, in its order (OpenLDAP 2.6 / 2.5; Debian 12 has 2.5).</summary>
    private static readonly string[] LibraryNames = ["libldap.so.2", "libldap-2.6.so.0", "libldap-2.5.so.0", "libldap-2.4.so.2"];

    private static readonly Lock Gate = new();
    private static IntPtr s_setOption;
    private static bool s_loaded;

    private delegate int SetOptionInt(IntPtr ld, int option, ref int value);

    private delegate int SetOptionSize(IntPtr ld, int option, ref nuint value);

    private delegate int SetOptionPointer(IntPtr ld, int option, IntPtr value);

    /// <summary>Sets whether new connections demand a valid certificate (true) or accept any (false). Returns false when libldap could not be found.</summary>
    public static bool SetRequireCertificate(bool demand)
    {
        if (SetOption() is not { } export)
        {
            return false;
        }

        var value = demand ? LdapOptXTlsDemand : LdapOptXTlsNever;
        return Marshal.GetDelegateForFunctionPointer<SetOptionInt>(export)(IntPtr.Zero, LdapOptXTlsRequireCert, ref value) == 0;
    }

    /// <summary>
    /// Prepares a connection, before its bind, for a Kerberos (SASL GSSAPI) bind. The service ticket is asked for
    /// <c>ldap/&lt;the host name given&gt;</c>, as Windows does, not for the name a reverse DNS lookup of the address gives
    /// (libldap's default: on a loopback address that is this machine's own name). Inside TLS no SASL security layer is
    /// negotiated: AD and Samba refuse GSSAPI signing or sealing on a TLS connection ("Sign or Seal are not allowed if TLS
    /// is used"); over plain LDAP the strongest layer the server offers (sealing) is used.
    /// Returns false when the options could not be set (the bind may then fail, and says why).
    /// </summary>
    public static bool PrepareKerberosBind(LdapConnection connection, bool overTls)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (SetOption() is not { } export || HandleOf(connection) is not { } handle)
        {
            return false;
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var ld = handle.DangerousGetHandle();
            var ok = Marshal.GetDelegateForFunctionPointer<SetOptionPointer>(export)(ld, LdapOptXSaslNoCanon, 1) == 0;   // LDAP_OPT_ON: any non-null pointer
            if (overTls)
            {
                nuint none = 0;
                ok &= Marshal.GetDelegateForFunctionPointer<SetOptionSize>(export)(ld, LdapOptXSaslSsfMax, ref none) == 0;
            }

            return ok;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>The connection's libldap handle, created by the LdapConnection constructor (a private field: the library exposes no other way).</summary>
    private static SafeHandle? HandleOf(LdapConnection connection) =>
        typeof(LdapConnection).GetField("_ldapHandle", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(connection) as SafeHandle;

    private static IntPtr? SetOption()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        lock (Gate)
        {
            if (!s_loaded)
            {
                s_loaded = true;
                foreach (var name in LibraryNames)
                {
                    if (NativeLibrary.TryLoad(name, out var library) && NativeLibrary.TryGetExport(library, "ldap_set_option", out var export))
                    {
                        s_setOption = export;
                        break;
                    }
                }
            }

            return s_setOption == IntPtr.Zero ? null : s_setOption;
        }
    }
}
