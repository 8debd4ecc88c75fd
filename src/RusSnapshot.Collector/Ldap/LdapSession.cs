using System.DirectoryServices.Protocols;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace RusSnapshot.Collector.Ldap;

/// <summary>Counters a session adds to for the naming context being read.</summary>
internal sealed class RequestCounters
{
    public long Retries { get; set; }

    public long Reconnects { get; set; }
}

/// <summary>
/// One connection to one domain controller: connect, TLS, bind, then requests with a timeout each, bounded retries with
/// back-off on busy/unavailable/timeouts, and a reconnect when the connection drops (once per request, at most
/// <see cref="MaxReconnects"/> per session). Read-only by construction: it sends only search and extended (StartTLS,
/// Who am I?) requests.
/// </summary>
internal sealed class LdapSession : IDisposable
{
    internal const int MaxReconnects = 3;

    private readonly BindCredentials _credentials;
    private readonly TlsTrust _trust;
    private readonly RunClock _clock;
    private readonly int _retries;
    private LdapConnection? _connection;
    private TrustFolder? _trustFolder;
    private int _reconnects;

    public LdapSession(LdapEndpoint endpoint, BindCredentials credentials, TlsTrust trust, RunClock clock, int retries)
    {
        Endpoint = endpoint;
        _credentials = credentials;
        _trust = trust;
        _clock = clock;
        _retries = retries;
    }

    public LdapEndpoint Endpoint { get; }

    /// <summary>
    /// Who the server says we are, after <see cref="Open"/> (RFC 4532); else the name given, or for a Kerberos bind on
    /// Linux the principal of the ticket it used (Samba answers no "Who am I?"); else null.
    /// </summary>
    public string? Identity { get; private set; }

    /// <summary>Which connection this is: 1 after <see cref="Open"/>, one more after each reconnect. A paged-search cookie belongs to one.</summary>
    public int Generation { get; private set; }

    /// <summary>Connects, sets up TLS and binds; retries while the server is busy or unreachable, within one request timeout.</summary>
    /// <exception cref="ConnectException">Connecting, TLS or the bind failed; the message says which and why.</exception>
    public void Open()
    {
        var deadline = _clock.Elapsed + _clock.RequestTimeout;
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                ProbeTcp(deadline);
                _connection = Connect();
                Generation = 1;
                Identity = WhoAmI() ?? _credentials.User ?? (IsLinuxKerberos ? KerberosCredential.CurrentPrincipal() : null);
                return;
            }
            catch (ConnectException ex) when (ex.Failure == ConnectFailure.Connect && IsRetryable(ex.ResultCode) && attempt < _retries
                                              && _clock.Elapsed + delay < deadline)
            {
                _clock.Wait(delay);
                delay *= 2;
            }
        }
    }

    /// <summary>Sends a request with the per-request timeout; retries busy, unavailable and timed-out requests, and reconnects once on a dropped connection.</summary>
    /// <exception cref="DirectoryOperationException">The server answered with an error result (not retried, or retries exhausted).</exception>
    /// <exception cref="LdapException">The connection failed and could not be re-established, or the request kept timing out.</exception>
    public DirectoryResponse Send(DirectoryRequest request, RequestCounters counters)
    {
        ArgumentNullException.ThrowIfNull(request);
        var delay = TimeSpan.FromMilliseconds(500);
        var reconnected = false;
        for (var attempt = 0; ; attempt++)
        {
            var timeout = _clock.NextRequest();
            if (request is SearchRequest search)
            {
                search.TimeLimit = timeout;
            }

            try
            {
                return Connection.SendRequest(request, timeout);
            }
            catch (LdapException ex) when (IsConnectionLost(ex.ErrorCode) && !reconnected && _reconnects < MaxReconnects)
            {
                // Dropped connection (ServerDown): reconnect once and send the same request again. A paged search resends
                // its cookie; when the new connection refuses it (Samba always does), SearchReader starts the search
                // again and skips what it already delivered.
                reconnected = true;
                _reconnects++;
                counters.Retries++;
                Reconnect();
                counters.Reconnects++;
            }
            catch (LdapException ex) when (IsConnectionLost(ex.ErrorCode))
            {
                throw new LdapException(ex.ErrorCode, reconnected
                    ? $"the connection to {Endpoint} dropped again right after it was re-established: {Describe(ex)}"
                    : $"the connection to {Endpoint} dropped again, after the {MaxReconnects} reconnects a session may make: {Describe(ex)}");
            }
            catch (LdapException ex) when (ex.ErrorCode == LdapErrorTimeout && attempt < _retries && _clock.Wait(delay))
            {
                counters.Retries++;
                delay = Next(delay);
            }
            catch (DirectoryOperationException ex) when (IsBusy(ex.Response?.ResultCode) && attempt < _retries && _clock.Wait(delay))
            {
                counters.Retries++;
                delay = Next(delay);
            }
        }
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _connection = null;
        _trustFolder?.Dispose();
        _trustFolder = null;
    }

    // ------------------------------------------------------------------ result codes (RFC 4511 4.1.9; client codes: OpenLDAP ldap.h)

    internal const int LdapErrorServerDown = 81;
    internal const int LdapErrorTimeout = 85;
    internal const int LdapErrorConnect = 91;

    private static bool IsConnectionLost(int code) => code is LdapErrorServerDown or LdapErrorConnect or 82 /* local error */;

    private static bool IsBusy(ResultCode? code) => code is ResultCode.Busy or ResultCode.Unavailable;

    private static bool IsRetryable(int? code) => code is null or LdapErrorServerDown or LdapErrorConnect or LdapErrorTimeout or 51 or 52;

    private static TimeSpan Next(TimeSpan delay) => delay * 2 > TimeSpan.FromSeconds(8) ? TimeSpan.FromSeconds(8) : delay * 2;

    private LdapConnection Connection => _connection ?? throw new InvalidOperationException("The session is not open.");

    /// <summary>A new connection for a dropped one: --retries more tries with back-off when the server cannot be reached yet (a DC restarting).</summary>
    private void Reconnect()
    {
        _connection?.Dispose();
        _connection = null;
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _connection = Connect();
                Generation++;
                return;
            }
            catch (ConnectException ex) when (ex.Failure == ConnectFailure.Connect && IsRetryable(ex.ResultCode) && attempt < _retries && _clock.Wait(delay))
            {
                delay = Next(delay);
            }
            catch (ConnectException ex)
            {
                throw new LdapException(LdapErrorServerDown, $"the connection to {Endpoint} dropped and could not be re-established: {ex.Message}");
            }
        }
    }

    // ------------------------------------------------------------------ connecting

    /// <summary>A plain TCP connect first, so that "cannot reach the server" is never confused with a TLS or bind failure.</summary>
    private void ProbeTcp(TimeSpan deadline)
    {
        var left = deadline - _clock.Elapsed;
        if (left <= TimeSpan.Zero)
        {
            left = TimeSpan.FromMilliseconds(100);
        }

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_clock.Cancel);
        timeout.CancelAfter(left);
        try
        {
            socket.ConnectAsync(Endpoint.Host, Endpoint.Port, timeout.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (!_clock.Cancel.IsCancellationRequested)
        {
            throw new ConnectException(ConnectFailure.Connect,
                $"cannot connect to {Endpoint}: no answer within {Seconds(left)} (--timeout)", LdapErrorTimeout);
        }
        catch (SocketException ex)
        {
            var why = ex.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused (nothing listens on that port)",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the name does not resolve (DNS)",
                SocketError.HostUnreachable or SocketError.NetworkUnreachable => "the host is unreachable",
                SocketError.TimedOut => "no answer (timed out)",
                _ => ex.Message,
            };
            throw new ConnectException(ConnectFailure.Connect, $"cannot connect to {Endpoint}: {why}",
                ex.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData ? -1 : LdapErrorConnect, ex);
        }
    }

    private LdapConnection Connect()
    {
        if (Endpoint.Transport != Transport.Plain && !OperatingSystem.IsWindows())
        {
            // libldap copies this global into each connection when the connection is created (below).
            OpenLdap.SetRequireCertificate(!_trust.Insecure);
        }

        var identifier = new LdapDirectoryIdentifier(Endpoint.Host, Endpoint.Port, fullyQualifiedDnsHostName: false, connectionless: false);

        // On Linux, System.DirectoryServices.Protocols binds with SASL GSSAPI for Kerberos without a credential; it does
        // for Negotiate too, unless the UseBasicAuthFallback switch is set, when Negotiate becomes an anonymous simple
        // bind (LdapConnection.Linux.cs). Kerberos is GSSAPI either way.
        var connection = _credentials.IsSimple
            ? new LdapConnection(identifier, new NetworkCredential(_credentials.User, _credentials.Password), AuthType.Basic)
            : new LdapConnection(identifier) { AuthType = IsLinuxKerberos ? AuthType.Kerberos : AuthType.Negotiate };
        try
        {
            if (IsLinuxKerberos)
            {
                OpenLdap.PrepareKerberosBind(connection, overTls: Endpoint.Transport != Transport.Plain);
            }

            connection.Timeout = _clock.RequestTimeout;
            var options = connection.SessionOptions;
            options.ProtocolVersion = 3;
            options.ReferralChasing = ReferralChasingOptions.None;   // recorded, never chased (docs/collector.md)
            if (Endpoint.Transport == Transport.Ldaps)
            {
                options.SecureSocketLayer = true;
            }

            if (Endpoint.Transport != Transport.Plain)
            {
                ConfigureTrust(options);
            }

            if (Endpoint.Transport == Transport.StartTls)
            {
                StartTls(options);
            }

            if (!_credentials.IsSimple && OperatingSystem.IsWindows() && Endpoint.Transport == Transport.Plain)
            {
                // A DC that requires LDAP signing refuses an unsigned Negotiate bind: sign and seal.
                options.Signing = true;
                options.Sealing = true;
            }

            Bind(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void ConfigureTrust(LdapSessionOptions options)
    {
        if (OperatingSystem.IsWindows())
        {
            if (_trust.Insecure)
            {
                options.VerifyServerCertificate = (_, _) => true;
            }
            else if (_trust.CaCertificateFile is { } caFile)
            {
                var anchors = new X509Certificate2Collection();
                anchors.ImportFromPemFile(caFile);
                options.VerifyServerCertificate = (_, certificate) => ChainsTo(certificate, anchors);
            }

            return;
        }

        // Linux/macOS (OpenLDAP libldap): no certificate callback. A folder of trusted PEM files and a new TLS context
        // for this connection (ENVIRONMENT.md section 2). Without --ca-cert the folder is the system's.
        // The folder stays until the session ends: StartTLS builds its context when the operation runs, not here.
        _trustFolder ??= TrustFolder.Create(_trust.CaCertificateFile);
        if (_trustFolder.Path is not null)
        {
            options.TrustedCertificatesDirectory = _trustFolder.Path;
        }

        options.StartNewTlsSessionContext();
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2Collection anchors)
    {
        using var leaf = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain.Build(leaf))
        {
            return true;   // trusted by the system store
        }

        chain.Reset();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        return chain.Build(leaf);
    }

    private void StartTls(LdapSessionOptions options)
    {
        try
        {
            options.StartTransportLayerSecurity(null);
        }
        catch (Exception ex) when (ex is LdapException or DirectoryOperationException or TlsOperationException)
        {
            throw new ConnectException(ConnectFailure.Tls,
                $"StartTLS with {Endpoint} failed: {Describe(ex)}{CertificateHint()}", CodeOf(ex), ex);
        }
    }

    private void Bind(LdapConnection connection)
    {
        try
        {
            connection.Bind();
        }
        catch (LdapException ex) when (ex.ErrorCode is LdapErrorServerDown or LdapErrorConnect or LdapErrorTimeout)
        {
            if (Endpoint.Transport == Transport.Ldaps)
            {
                throw new ConnectException(ConnectFailure.Tls,
                    $"the TLS handshake with {Endpoint} failed: {Describe(ex)}{CertificateHint()}", ex.ErrorCode, ex);
            }

            // The TCP probe got through: the server (or something on the way) closed the connection, or never answered.
            throw new ConnectException(ConnectFailure.Connect,
                $"cannot connect to {Endpoint}: {Describe(ex)}: the TCP connection was made, then closed or left without an answer before the bind completed", ex.ErrorCode, ex);
        }
        catch (LdapException ex)
        {
            var why = ex.ErrorCode switch
            {
                49 => "the user name or the password is wrong (invalidCredentials)",
                8 => "the server requires a stronger authentication: use --ldaps or --starttls (strongAuthRequired)",
                48 => "this authentication method is not allowed (inappropriateAuthentication)",
                _ => Describe(ex),
            };
            var who = _credentials.IsSimple ? $"as {_credentials.User}" : OperatingSystem.IsWindows() ? "as the current user (Negotiate)" : KerberosHint();
            throw new ConnectException(ConnectFailure.Bind, $"{Endpoint} refused the bind {who}: {why}", ex.ErrorCode, ex);
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or DirectoryOperationException)
        {
            throw new ConnectException(ConnectFailure.Bind, $"binding to {Endpoint} failed: {Describe(ex)}", CodeOf(ex), ex);
        }
    }

    private bool IsLinuxKerberos => !_credentials.IsSimple && !OperatingSystem.IsWindows();

    /// <summary>What a failed Kerberos bind on Linux needs, with the principal of the ticket when there is one.</summary>
    private string KerberosHint() => KerberosCredential.CurrentPrincipal() is { } principal
        ? $"as the current user (Kerberos, the ticket of {principal}: a service ticket for ldap/{Endpoint.Host} is needed, so give --server the DC's DNS name as its ldap/ SPN names it; "
          + "the SASL GSSAPI module is the libsasl2-modules-gssapi-mit package; or give --user)"
        : "as the current user (Kerberos: there is no Kerberos ticket; run kinit user@REALM first (KRB5CCNAME names the ticket cache), "
          + "install libsasl2-modules-gssapi-mit, and give --server the DC's DNS name; or give --user)";

    private string CertificateHint() => _trust.Insecure
        ? string.Empty
        : _trust.CaCertificateFile is null
            ? " (is the server certificate issued by a CA this machine trusts, for the name given with --server? --ca-cert FILE trusts its CA)"
            : " (is the server certificate issued by the CA in --ca-cert, for the name given with --server?)";

    private string? WhoAmI()
    {
        try
        {
            // RFC 4532 "Who am I?" (AD: u:DOMAIN\name).
            var response = (ExtendedResponse)Connection.SendRequest(new ExtendedRequest("1.3.6.1.4.1.4203.1.11.3"), _clock.RequestTimeout);
            var value = response.ResponseValue is { Length: > 0 } bytes ? Encoding.UTF8.GetString(bytes) : null;
            return value is null ? null : value.StartsWith("u:", StringComparison.Ordinal) || value.StartsWith("dn:", StringComparison.Ordinal) ? value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..] : value;
        }
        catch (Exception ex) when (ex is DirectoryOperationException or LdapException or InvalidCastException)
        {
            return null;
        }
    }

    internal static string Describe(Exception ex) => ex switch
    {
        LdapException l when !string.IsNullOrWhiteSpace(l.ServerErrorMessage) => WithDetail(l.Message, l.ServerErrorMessage),
        DirectoryOperationException d when d.Response is { ErrorMessage: { Length: > 0 } m } => WithDetail(d.Message, m),
        _ => ex.Message.TrimEnd('.'),
    };

    /// <summary>The message and the server's own words, once (the library's message sometimes holds them already).</summary>
    private static string WithDetail(string message, string detail)
    {
        detail = detail.Trim().TrimEnd('\0');
        return message.Contains(detail, StringComparison.Ordinal) ? message.TrimEnd('.') : $"{message.TrimEnd('.')} ({detail})";
    }

    internal static int? CodeOf(Exception ex) => ex switch
    {
        LdapException l => l.ErrorCode,
        DirectoryOperationException { Response: { } r } => (int)r.ResultCode,
        _ => null,
    };

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.#} s";
}
