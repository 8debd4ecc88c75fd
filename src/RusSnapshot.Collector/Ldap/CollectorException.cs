namespace RusSnapshot.Collector.Ldap;

/// <summary>What went wrong when connecting or binding (exit code 5), in words a customer can act on.</summary>
internal enum ConnectFailure
{
    /// <summary>No TCP connection (refused, unreachable, no such host, timed out).</summary>
    Connect,

    /// <summary>TCP worked, TLS did not (certificate not trusted or not naming the host, handshake refused).</summary>
    Tls,

    /// <summary>The server refused the bind (wrong password, unknown account, strong authentication required...).</summary>
    Bind,

    /// <summary>The collector refused to send the password in clear.</summary>
    PlainBindRefused,
}

/// <summary>Connecting or binding failed; the message says which step and why, and never holds a credential.</summary>
internal sealed class ConnectException : Exception
{
    public ConnectException()
    {
    }

    public ConnectException(string message)
        : base(message)
    {
    }

    public ConnectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConnectException(ConnectFailure failure, string message, int? resultCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        ResultCode = resultCode;
    }

    public ConnectFailure Failure { get; }

    public int? ResultCode { get; }
}

/// <summary>The whole run took longer than <c>--run-timeout</c>.</summary>
internal sealed class RunTimeoutException : Exception
{
    public RunTimeoutException()
        : base("the run took longer than --run-timeout allows")
    {
    }

    public RunTimeoutException(string message)
        : base(message)
    {
    }

    public RunTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
