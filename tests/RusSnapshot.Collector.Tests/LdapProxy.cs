using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RusSnapshot.Collector.Tests;

/// <summary>What <see cref="LdapProxy"/> does to the connections it relays.</summary>
internal enum ProxyMode
{
    /// <summary>Relays; cuts once: the first connection to relay <see cref="LdapProxy.CutAfterEntries"/> search entries, right after the last of them.</summary>
    CutOnce,

    /// <summary>Cuts every connection after <see cref="LdapProxy.CutAfterEntries"/> search entries (a link that keeps dropping).</summary>
    CutEach,

    /// <summary>Accepts each connection and closes it at once (a DC that cannot be used at all).</summary>
    CutAtOnce,
}

/// <summary>
/// A TCP proxy on 127.0.0.1 (ephemeral port) in front of an LDAP server, that drops connections on purpose: it closes
/// both sockets in the middle of a response, as a network failure or a DC restart would. It reads the server's side as
/// LDAP messages (plain LDAP only: RFC 4511 BER framing) to cut after a given number of search entries, that is within
/// a page of a paged search.
/// </summary>
internal sealed class LdapProxy : IDisposable
{
    private const byte SearchResultEntry = 0x64;   // [APPLICATION 4], constructed

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _dns = new();
    private readonly Task _accepting;
    private int _connections;
    private int _cuts;
    private long _entries;
    private int _cutOnce;

    public LdapProxy(IPEndPoint server, ProxyMode mode, int cutAfterEntries = 0)
    {
        _server = server;
        Mode = mode;
        CutAfterEntries = cutAfterEntries;
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public ProxyMode Mode { get; }

    public int CutAfterEntries { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Connections cut on purpose.</summary>
    public int Cuts => Volatile.Read(ref _cuts);

    /// <summary>Runs on the relaying thread right before a cut, while the client waits for the rest of its page.</summary>
    public Action<LdapProxy>? BeforeCut { get; init; }

    /// <summary>The DNs of the search entries relayed, in order, over all connections.</summary>
    public IReadOnlyCollection<string> RelayedDns => _dns;

    /// <summary>Search entries relayed to the client, over all connections.</summary>
    public long EntriesRelayed => Interlocked.Read(ref _entries);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (Mode == ProxyMode.CutAtOnce)
            {
                Interlocked.Increment(ref _cuts);
                return;   // both closed in finally
            }

            await server.ConnectAsync(_server, _stop.Token);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = CopyAsync(client, server, done.Token);
            var down = RelayResponsesAsync(server, client, CutAfterEntries, done.Token);
            await Task.WhenAny(up, down);
            await done.CancelAsync();
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
        }
        finally
        {
            Close(client);
            Close(server);
        }
    }

    private static async Task CopyAsync(Socket from, Socket to, CancellationToken cancel)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, cancel);
                if (n == 0)
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, n), cancel);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Relays whole LDAP messages from the server; after <paramref name="cutAfter"/> search entries of this connection, cuts (<see cref="Mode"/> says whether again).</summary>
    private async Task RelayResponsesAsync(Socket from, Socket to, int cutAfter, CancellationToken cancel)
    {
        var pending = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var entries = 0;
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, cancel);
                if (n == 0)
                {
                    return;
                }

                pending.Write(buffer, 0, n);
                var data = pending.GetBuffer().AsMemory(0, (int)pending.Length);
                var offset = 0;
                while (MessageLength(data.Span[offset..]) is { } length)
                {
                    var message = data.Slice(offset, length);
                    await to.SendAsync(message, cancel);
                    offset += length;
                    if (ProtocolOp(message.Span, out var dn) == SearchResultEntry)
                    {
                        Interlocked.Increment(ref _entries);
                        _dns.Enqueue(dn);
                        if (++entries == cutAfter && (Mode == ProxyMode.CutEach || Interlocked.Exchange(ref _cutOnce, 1) == 0))
                        {
                            BeforeCut?.Invoke(this);
                            Interlocked.Increment(ref _cuts);
                            return;   // the caller closes both sockets: the client is left in the middle of a page
                        }
                    }
                }

                var rest = data[offset..].ToArray();
                pending.SetLength(0);
                pending.Write(rest);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>The length of the complete BER SEQUENCE at the start of <paramref name="data"/>, or null when it has not all arrived.</summary>
    private static int? MessageLength(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2)
        {
            return null;
        }

        if (data[0] != 0x30)
        {
            throw new InvalidDataException($"not an LDAP message (tag 0x{data[0]:x2}): the proxy reads plain LDAP only");
        }

        int header;
        long content;
        if (data[1] < 0x80)
        {
            header = 2;
            content = data[1];
        }
        else
        {
            var bytes = data[1] & 0x7f;
            if (data.Length < 2 + bytes)
            {
                return null;
            }

            header = 2 + bytes;
            content = 0;
            for (var i = 0; i < bytes; i++)
            {
                content = (content << 8) | data[2 + i];
            }
        }

        return data.Length >= header + content ? (int)(header + content) : null;
    }

    /// <summary>The protocolOp tag after the messageID (an INTEGER) of a complete message; for a search entry, its DN too.</summary>
    private static byte ProtocolOp(ReadOnlySpan<byte> message, out string dn)
    {
        dn = string.Empty;
        var at = SkipHeader(message, 0);
        at += 2 + message[at + 1];   // messageID: 0x02, a short length, the value
        var op = message[at];
        if (op == SearchResultEntry)
        {
            var name = SkipHeader(message, at);   // objectName: an OCTET STRING
            var value = SkipHeader(message, name);
            dn = Encoding.UTF8.GetString(message[value..(value + Length(message, name))]);
        }

        return op;
    }

    /// <summary>Where the content of the BER element at <paramref name="at"/> begins.</summary>
    private static int SkipHeader(ReadOnlySpan<byte> data, int at) => data[at + 1] < 0x80 ? at + 2 : at + 2 + (data[at + 1] & 0x7f);

    /// <summary>The content length of the BER element at <paramref name="at"/>.</summary>
    private static int Length(ReadOnlySpan<byte> data, int at)
    {
        if (data[at + 1] < 0x80)
        {
            return data[at + 1];
        }

        var length = 0;
        for (var i = 0; i < (data[at + 1] & 0x7f); i++)
        {
            length = (length << 8) | data[at + 2 + i];
        }

        return length;
    }

    private static void Close(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        socket.Close();
    }
}
