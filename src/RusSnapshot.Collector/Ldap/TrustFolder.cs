namespace RusSnapshot.Collector.Ldap;

/// <summary>
/// The folder of trusted CA certificates handed to libldap (<c>LDAP_OPT_X_TLS_CACERTDIR</c>; Debian's libldap uses GnuTLS,
/// which loads every PEM file of the folder). With <c>--ca-cert</c>: a private temporary folder holding that file and the
/// system bundle, removed as soon as the TLS context is built. Without: the system folder.
/// </summary>
internal sealed class TrustFolder : IDisposable
{
    private static readonly string[] SystemFolders = ["/etc/ssl/certs", "/etc/pki/tls/certs", "/etc/ssl"];
    private static readonly string[] SystemBundles = ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"];

    private readonly bool _temporary;

    private TrustFolder(string? path, bool temporary)
    {
        Path = path;
        _temporary = temporary;
    }

    public string? Path { get; }

    public static TrustFolder Create(string? caFile)
    {
        if (caFile is null)
        {
            return new TrustFolder(SystemFolders.FirstOrDefault(Directory.Exists), temporary: false);
        }

        var folder = Directory.CreateTempSubdirectory("russnap-ca-").FullName;
        try
        {
            File.Copy(caFile, System.IO.Path.Combine(folder, "ca.pem"));
            if (SystemBundles.FirstOrDefault(File.Exists) is { } bundle)
            {
                File.Copy(bundle, System.IO.Path.Combine(folder, "system.pem"));
            }
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }

        return new TrustFolder(folder, temporary: true);
    }

    public void Dispose()
    {
        if (_temporary && Path is not null)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // a temporary folder left behind holds only public certificates
            }
        }
    }
}
