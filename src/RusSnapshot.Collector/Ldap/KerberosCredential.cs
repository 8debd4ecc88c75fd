using System.Runtime.InteropServices;

namespace RusSnapshot.Collector.Ldap;

/// <summary>
/// The Kerberos principal a current-user bind on Linux authenticates as: the name of the default GSSAPI initiator
/// credential (the ticket cache KRB5CCNAME names, as the SASL GSSAPI bind uses it; RFC 2744 gss_inquire_cred). Samba
/// does not answer "Who am I?", so this is how the manifest names the identity of a Kerberos bind.
/// </summary>
internal static class KerberosCredential
{
    /// <summary>MIT Kerberos (Debian libgssapi-krb5-2), then Heimdal.</summary>
    private static readonly string[] LibraryNames = ["libgssapi_krb5.so.2", "libgssapi.so.3"];

    private delegate uint InquireCred(out uint minor, IntPtr credential, out IntPtr name, IntPtr lifetime, IntPtr usage, IntPtr mechanisms);

    private delegate uint DisplayName(out uint minor, IntPtr name, ref GssBuffer output, IntPtr nameType);

    private delegate uint ReleaseBuffer(out uint minor, ref GssBuffer buffer);

    private delegate uint ReleaseName(out uint minor, ref IntPtr name);

    /// <summary>The principal (<c>user@REALM</c>) of the current Kerberos credential; null without one (no ticket, expired, no GSSAPI library).</summary>
    public static string? CurrentPrincipal()
    {
        if (OperatingSystem.IsWindows() || Load() is not { } library)
        {
            return null;
        }

        var inquire = Export<InquireCred>(library, "gss_inquire_cred");
        var display = Export<DisplayName>(library, "gss_display_name");
        var releaseBuffer = Export<ReleaseBuffer>(library, "gss_release_buffer");
        var releaseName = Export<ReleaseName>(library, "gss_release_name");
        if (inquire is null || display is null || releaseBuffer is null || releaseName is null)
        {
            return null;
        }

        // GSS_C_NO_CREDENTIAL: the default credential; a major status other than 0 means there is none usable.
        if (inquire(out _, IntPtr.Zero, out var name, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero) != 0 || name == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            var buffer = default(GssBuffer);
            if (display(out _, name, ref buffer, IntPtr.Zero) != 0)
            {
                return null;
            }

            try
            {
                return buffer.Value == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(buffer.Value, checked((int)buffer.Length));
            }
            finally
            {
                releaseBuffer(out _, ref buffer);
            }
        }
        finally
        {
            releaseName(out _, ref name);
        }
    }

    private static IntPtr? Load()
    {
        foreach (var name in LibraryNames)
        {
            if (NativeLibrary.TryLoad(name, out var library))
            {
                return library;
            }
        }

        return null;
    }

    private static T? Export<T>(IntPtr library, string name)
        where T : Delegate =>
        NativeLibrary.TryGetExport(library, name, out var export) ? Marshal.GetDelegateForFunctionPointer<T>(export) : null;

    /// <summary>gss_buffer_desc: a length and a pointer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct GssBuffer
    {
        public nuint Length;
        public IntPtr Value;
    }
}
