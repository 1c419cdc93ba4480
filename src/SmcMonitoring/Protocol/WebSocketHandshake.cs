using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Protocol;

/// <summary>
/// Opens a websocket the way the SMC expects (docs/protocol.md 3.2): TCP, TLS judged by the session's own certificate
/// policy, then the HTTP/1.1 upgrade with no Origin, the session cookie or the access_token subprotocol sent as they
/// are (a token may hold '/', '+' or '='), and a 101 answer with or without a reason phrase. The whole handshake has
/// one time limit, which starts before the TCP connection. Any other answer is an error built from its status code:
/// 401 and 403 mean the session; a redirect is refused, so the credentials never travel to another host.
/// </summary>
internal static class WebSocketHandshake
{
    private const int MaxHeadBytes = 16 * 1024;
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>Connects and upgrades; the returned connection owns the socket.</summary>
    public static async Task<WebSocketConnection> ConnectAsync(WebSocketOptions options, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.HandshakeTimeout);
        TcpClient? client = null;
        Stream? stream = null;
        try
        {
            client = await ConnectTcpAsync(options.Uri, limit.Token).ConfigureAwait(false);
            var tcp = client;
            using (limit.Token.Register(() => tcp.Dispose()))
            {
                stream = client.GetStream();
                if (options.Uri.Scheme == "wss")
                {
                    var tls = new SslStream(stream, false, (_, certificate, chain, errors) => options.Certificates.Validate(certificate, chain, errors));
                    stream = tls;
                    await tls.AuthenticateAsClientAsync(options.Uri.IdnHost, null, SslProtocols.None, false).ConfigureAwait(false);
                }
                var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
                var request = Encoding.ASCII.GetBytes(RequestText(options, key));
                await stream.WriteAsync(request, 0, request.Length, limit.Token).ConfigureAwait(false);
                var (head, leftover) = await ReadHeadAsync(stream, options).ConfigureAwait(false);
                var answer = HandshakeAnswer.Parse(head);
                Check(answer, options, key);
                var connection = new WebSocketConnection(stream, client, leftover, options, options.Peer);
                stream = null;
                client = null;
                return connection;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or AuthenticationException or OperationCanceledException)
        {
            if (cancellationToken.IsCancellationRequested) { throw new OperationCanceledException(cancellationToken); }
            if (limit.IsCancellationRequested)
            {
                throw SmcErrors.SocketHandshakeTimeout.Create($"{Capital(options.Peer)} did not complete the websocket upgrade of {options.Uri.AbsolutePath} within {options.HandshakeTimeout.TotalSeconds:0.###} s (Connect-SmcSession -TimeoutSec).");
            }
            var certificate = options.Certificates.LastFailure is { } reason ? " The server certificate was refused: " + reason + "." : string.Empty;
            throw SmcErrors.SocketConnectFailed.Create($"Cannot open the websocket {options.Uri.AbsolutePath} on {options.Peer}: {Innermost(ex).Message}{certificate}", ex);
        }
        finally
        {
            stream?.Dispose();
            client?.Dispose();
        }
    }

    private static async Task<TcpClient> ConnectTcpAsync(Uri uri, CancellationToken cancellationToken)
    {
        IPAddress[] addresses = IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal)
            ? new[] { literal }
            : await Dns.GetHostAddressesAsync(uri.IdnHost).ConfigureAwait(false);
        Exception? last = null;
        foreach (var address in addresses)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var client = new TcpClient(address.AddressFamily) { NoDelay = true };
            try
            {
                using (cancellationToken.Register(() => client.Dispose()))
                {
                    await client.ConnectAsync(address, uri.Port).ConfigureAwait(false);
                }
                return client;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                client.Dispose();
                last = ex;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private static string RequestText(WebSocketOptions options, string key)
    {
        var text = new StringBuilder();
        text.Append("GET ").Append(options.Uri.PathAndQuery).Append(" HTTP/1.1\r\n");
        text.Append("Host: ").Append(options.Uri.Authority).Append("\r\n");
        text.Append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
        text.Append("Sec-WebSocket-Key: ").Append(key).Append("\r\nSec-WebSocket-Version: 13\r\n");
        if (options.Cookie != null) { text.Append("Cookie: ").Append(options.Cookie).Append("\r\n"); }
        if (options.SubProtocols.Count > 0) { text.Append("Sec-WebSocket-Protocol: ").Append(string.Join(", ", options.SubProtocols)).Append("\r\n"); }
        return text.Append("\r\n").ToString();
    }

    /// <summary>Reads up to the blank line that ends the answer's head; what was read past it starts the frames.</summary>
    private static async Task<(string Head, byte[] Leftover)> ReadHeadAsync(Stream stream, WebSocketOptions options)
    {
        var buffer = new byte[MaxHeadBytes];
        var length = 0;
        while (true)
        {
            var read = await stream.ReadAsync(buffer, length, buffer.Length - length).ConfigureAwait(false);
            if (read == 0)
            {
                throw SmcErrors.SocketConnectFailed.Create($"{Capital(options.Peer)} closed the connection instead of answering the websocket upgrade of {options.Uri.AbsolutePath}.");
            }
            var searchFrom = Math.Max(0, length - 3);
            length += read;
            for (var i = searchFrom; i + 3 < length; i++)
            {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
                {
                    var leftover = new byte[length - (i + 4)];
                    Buffer.BlockCopy(buffer, i + 4, leftover, 0, leftover.Length);
                    return (Encoding.ASCII.GetString(buffer, 0, i), leftover);
                }
            }
            if (length == buffer.Length)
            {
                throw SmcErrors.SocketConnectFailed.Create($"{Capital(options.Peer)} answered the websocket upgrade of {options.Uri.AbsolutePath} with a head longer than {MaxHeadBytes / 1024} KB.");
            }
        }
    }

    private static void Check(HandshakeAnswer answer, WebSocketOptions options, string key)
    {
        var what = $"the websocket upgrade of {options.Uri.AbsolutePath}";
        if (answer.Status is 401 or 403)
        {
            throw SmcErrors.SocketUnauthorized.Create($"{Capital(options.Peer)} refused {what} (HTTP {answer.Status}): the session is not, or no longer, valid.");
        }
        if (answer.Status is >= 300 and < 400)
        {
            var target = answer.Header("Location") is { } location ? " to " + HostOf(location, options.Uri) : string.Empty;
            throw SmcErrors.SocketRedirected.Create($"{Capital(options.Peer)} answered {what} with a redirect (HTTP {answer.Status}){target}. It was not followed: the session's credentials go only to the SMC you connected to. If that address is the SMC, connect to it directly.");
        }
        if (answer.Status != 101)
        {
            throw SmcErrors.SocketConnectFailed.Create($"{Capital(options.Peer)} refused {what}: HTTP {answer.Status} {answer.Reason}".TrimEnd() + ".");
        }
        if (!string.Equals(answer.Header("Upgrade"), "websocket", StringComparison.OrdinalIgnoreCase)
            || !(answer.Header("Connection") ?? string.Empty).Split(',').Any(t => string.Equals(t.Trim(), "upgrade", StringComparison.OrdinalIgnoreCase)))
        {
            throw SmcErrors.SocketConnectFailed.Create($"{Capital(options.Peer)} answered {what} with 101 but without the Upgrade: websocket and Connection: Upgrade headers.");
        }
        using var sha1 = SHA1.Create();
        var expected = Convert.ToBase64String(sha1.ComputeHash(Encoding.ASCII.GetBytes(key + AcceptGuid)));
        if (!string.Equals(answer.Header("Sec-WebSocket-Accept")?.Trim(), expected, StringComparison.Ordinal))
        {
            throw SmcErrors.SocketConnectFailed.Create($"{Capital(options.Peer)} answered {what} with a wrong Sec-WebSocket-Accept: it is not speaking the websocket protocol.");
        }
        var chosen = answer.Header("Sec-WebSocket-Protocol")?.Trim();
        if (!string.IsNullOrEmpty(chosen) && !options.SubProtocols.Any(p => string.Equals(p, chosen, StringComparison.OrdinalIgnoreCase)))
        {
            // The chosen value is not echoed: it could be a credential the server invented.
            throw SmcErrors.SocketConnectFailed.Create($"{Capital(options.Peer)} answered {what} choosing a subprotocol that was not offered.");
        }
    }

    private static string HostOf(string location, Uri from) =>
        Uri.TryCreate(from, location, out var target) ? target.GetLeftPart(UriPartial.Authority) : "another address";

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException != null) { ex = ex.InnerException; }
        return ex;
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    /// <summary>The status and headers of the server's answer to the upgrade.</summary>
    private sealed class HandshakeAnswer
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

        public int Status { get; private set; }

        public string Reason { get; private set; } = string.Empty;

        public string? Header(string name) => _headers.TryGetValue(name, out var value) ? value : null;

        public static HandshakeAnswer Parse(string head)
        {
            var lines = head.Split(new[] { "\r\n" }, StringSplitOptions.None);
            var status = lines[0].Split(new[] { ' ' }, 3);
            if (status.Length < 2 || !status[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(status[1], out var code))
            {
                throw SmcErrors.SocketConnectFailed.Create("The server did not answer the websocket upgrade with HTTP: is the URL's scheme (http or https) and port right?");
            }
            var answer = new HandshakeAnswer { Status = code, Reason = status.Length > 2 ? status[2] : string.Empty };
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':');
                if (colon <= 0) { continue; }
                var name = line.Substring(0, colon).Trim();
                var value = line.Substring(colon + 1).Trim();
                answer._headers[name] = answer._headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
            }
            return answer;
        }
    }
}
