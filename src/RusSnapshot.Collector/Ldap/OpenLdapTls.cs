using System.Runtime.InteropServices;

namespace RusSnapshot.Collector.Ldap;

/// <summary>
/// The one libldap option System.DirectoryServices.Protocols does not expose on Linux: whether the server certificate
/// must be valid (<c>LDAP_OPT_X_TLS_REQUIRE_CERT</c>). It is a global option that each new connection copies when it is
/// created, so it is set right before a connection is made (ENVIRONMENT.md section 2; OpenLDAP ldap_set_option(3)).
/// </summary>
internal static class OpenLdapTls
{
    private const int LdapOptXTlsRequireCert = 0x6006;
    private const int LdapOptXTlsNever = 0;
    private const int LdapOptXTlsDemand = 2;

    /// <summary>The libldap names System.DirectoryServices.Protocols probes, in its order (OpenLDAP 2.6 / 2.5; Debian 12 has 2.5).</summary>
    private static readonly string[] LibraryNames = ["libldap.so.2", "libldap-2.6.so.0", "libldap-2.5.so.0", "libldap-2.4.so.2"];

    private static readonly Lock Gate = new();
    private static SetOptionInt? s_setOption;
    private static bool s_loaded;

    private delegate int SetOptionInt(IntPtr ld, int option, ref int value);

    /// <summary>Sets whether new connections demand a valid certificate (true) or accept any (false). Returns false when libldap could not be found.</summary>
    public static bool SetRequireCertificate(bool demand)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        lock (Gate)
        {
            if (!s_loaded)
            {
                s_loaded = true;
                foreach (var name in LibraryNames)
                {
                    if (NativeLibrary.TryLoad(name, out var handle) && NativeLibrary.TryGetExport(handle, "ldap_set_option", out var export))
                    {
                        s_setOption = Marshal.GetDelegateForFunctionPointer<SetOptionInt>(export);
                        break;
                    }
                }
            }

            if (s_setOption is null)
            {
                return false;
            }

            var value = demand ? LdapOptXTlsDemand : LdapOptXTlsNever;
            return s_setOption(IntPtr.Zero, LdapOptXTlsRequireCert, ref value) == 0;
        }
    }
}
