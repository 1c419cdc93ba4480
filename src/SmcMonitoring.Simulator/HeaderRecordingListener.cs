using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SmcMonitoring.Simulator;

/// <summary>
/// A tiny plain-HTTP listener on a loopback address that records the headers of every request it receives and
/// answers <c>403 Forbidden</c>: the far end of <see cref="SimulatorFaults.RedirectUpgradeTo"/>, to prove that no
/// credential (Cookie, Authorization, the token subprotocol) followed a redirect. Dispose it to stop it.
/// </summary>
public sealed class HeaderRecordingListener : IAsyncDisposable
{
    private const int MaxHeadBytes = 64 * 1024;
    private static readonly string[] SecretHeaders = { "Cookie", "Authorization", "Proxy-Authorization", "Sec-WebSocket-Protocol" };
    private static readonly byte[] Answer = Encoding.ASCII.GetBytes("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<ReceivedHeaders> received = new();
    private readonly Task accepting;

    private HeaderRecordingListener(TcpListener listener)
    {
        this.listener = listener;
        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        Url = new Uri($"http://{(endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString())}:{endpoint.Port}/");
        accepting = AcceptAllAsync();
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.2:41234/</c> (use <c>ws://</c> with the same authority for a websocket URL).</summary>
    public Uri Url { get; }

    /// <summary>Every request received so far, in arrival order (a snapshot, safe to read from any thread).</summary>
    public IReadOnlyList<ReceivedHeaders> Requests
    {
        get
        {
            lock (received)
            {
                return received.ToArray();
            }
        }
    }

    /// <summary>Starts listening on a free port of <paramref name="address"/> (127.0.0.1 when null); only loopback addresses are allowed.</summary>
    /// <exception cref="ArgumentException">The address is not a loopback address.</exception>
    public static HeaderRecordingListener Start(IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"'{address}' is not a loopback address: the listener only serves this machine.", nameof(address));
        }

        var listener = new TcpListener(address, 0);
        listener.Start();
        return new HeaderRecordingListener(listener);
    }

    /// <summary>Stops listening and waits for the connections being read.</summary>
    public async ValueTask DisposeAsync()
    {
        stopping.Cancel();
        listener.Stop();
        await accepting;
        stopping.Dispose();
    }

    private async Task AcceptAllAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                connections.Add(ServeAsync(client));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token))
        {
            timeout.CancelAfter(ReadTimeout);
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream, timeout.Token);
                if (head is not null)
                {
                    lock (received)
                    {
                        received.Add(head);
                    }
                }

                await stream.WriteAsync(Answer, timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // The client went away or sent no complete head in time.
            }
        }
    }

    /// <summary>Reads up to the blank line that ends the head; null when the connection ends first or the head is too big.</summary>
    private static async Task<ReceivedHeaders?> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxHeadBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return null;
            }

            length += read;
            var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return Parse(Encoding.Latin1.GetString(buffer, 0, end));
            }
        }

        return null;
    }

    private static ReceivedHeaders Parse(string head)
    {
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = new List<KeyValuePair<string, string>>();
        for (var i = 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = lines[i][..colon].Trim();
            var value = Array.Exists(SecretHeaders, secret => secret.Equals(name, StringComparison.OrdinalIgnoreCase)) ? "***" : lines[i][(colon + 1)..].Trim();
            headers.Add(new KeyValuePair<string, string>(name, value));
        }

        return new ReceivedHeaders(requestLine[0], requestLine.Length > 1 ? requestLine[1] : string.Empty, headers);
    }
}
