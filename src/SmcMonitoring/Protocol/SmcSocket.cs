using System;
using System.Buffers;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Session;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Protocol;

/// <summary>The outcome of waiting for the next server message.</summary>
internal enum ReceiveOutcome
{
    /// <summary>A whole message is in <see cref="SmcSocket.Message"/>.</summary>
    Message,
    /// <summary>The server closed the socket.</summary>
    Closed,
    /// <summary>Nothing arrived within the time allowed.</summary>
    TimedOut,
    /// <summary>The caller's token was cancelled.</summary>
    Cancelled,
}

/// <summary>
/// One websocket to the SMC (PROTOCOL.md section 3): handshake with the session's cookie or token, whole-message
/// reads into a pooled buffer, abort and close. A receive is never cancelled while it runs (cancelling a
/// ClientWebSocket read kills the socket); waiting gives up instead, so an abort can still be sent afterwards.
/// </summary>
internal sealed class SmcSocket : IDisposable
{
    /// <summary>The close reason of the SMC's Tomcat when a request exceeds its text buffer.</summary>
    public const string TooBigReason = "The decoded text message was too big for the output buffer and the endpoint does not support partial messages";

    private readonly ClientWebSocket _socket;
    private readonly SmcSession _session;
    private readonly int _maxMessageBytes;
    private byte[] _buffer;
    private Task<int>? _pendingReceive;
    private int _disposed;

    private SmcSocket(ClientWebSocket socket, SmcSession session, int maxMessageBytes)
    {
        _socket = socket;
        _session = session;
        _maxMessageBytes = maxMessageBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    }

    /// <summary>The last whole message received (valid until the next receive).</summary>
    public ArraySegment<byte> Message { get; private set; }

    /// <summary>The close status the server sent, once it closed.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>The close reason the server sent, once it closed.</summary>
    public string? CloseDescription => _socket.CloseStatusDescription;

    /// <summary>Opens a websocket to <paramref name="socketPath"/> of the session's SMC.</summary>
    public static async Task<SmcSocket> ConnectAsync(SmcSession session, string socketPath, int maxMessageBytes, CancellationToken cancellationToken)
    {
        var uri = session.SocketUri(socketPath);
        var socket = new ClientWebSocket();
        try
        {
            if (session.SessionCookie is { } cookie)
            {
                socket.Options.SetRequestHeader("Cookie", "JSESSIONID=" + cookie);
            }
            else if (session.Token is { } token)
            {
                socket.Options.AddSubProtocol("access_token");
                socket.Options.AddSubProtocol(token);
            }
            socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
            SocketTls.Apply(socket.Options, uri, session.Certificates);
            await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or System.Net.Http.HttpRequestException or System.IO.IOException)
        {
            socket.Dispose();
            throw HandshakeError(session, uri, ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var smcSocket = new SmcSocket(socket, session, maxMessageBytes);
        session.Track(smcSocket);
        return smcSocket;
    }

    /// <summary>Sends one text message.</summary>
    public async Task SendAsync(ArraySegment<byte> utf8Json, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendAsync(utf8Json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or System.IO.IOException)
        {
            throw ConnectionLost(ex);
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the next whole message; gives up (as <see cref="ReceiveOutcome.Cancelled"/>)
    /// when <paramref name="cancellationToken"/> is cancelled or <paramref name="giveUp"/> completes first.
    /// </summary>
    public async Task<ReceiveOutcome> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken, Task? giveUp = null)
    {
        _pendingReceive ??= ReadMessageAsync();
        if (!_pendingReceive.IsCompleted)
        {
            if (giveUp is { IsCompleted: true }) { return ReceiveOutcome.Cancelled; }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : timeout, wait.Token);
            var first = giveUp is null
                ? await Task.WhenAny(_pendingReceive, delay).ConfigureAwait(false)
                : await Task.WhenAny(_pendingReceive, delay, giveUp).ConfigureAwait(false);
            wait.Cancel();
            if (first != _pendingReceive)
            {
                return cancellationToken.IsCancellationRequested || first == giveUp ? ReceiveOutcome.Cancelled : ReceiveOutcome.TimedOut;
            }
        }
        var receive = _pendingReceive;
        _pendingReceive = null;
        int length;
        try
        {
            length = await receive.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException or System.IO.IOException)
        {
            throw ConnectionLost(ex);
        }
        if (length < 0) { return ReceiveOutcome.Closed; }
        Message = new ArraySegment<byte>(_buffer, 0, length);
        return ReceiveOutcome.Message;
    }

    /// <summary>Sends a normal close and gives the server a moment to answer, then lets go of the socket.</summary>
    public async Task CloseAsync(TimeSpan grace)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                using var timeout = new CancellationTokenSource(grace);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, timeout.Token).ConfigureAwait(false);
                if (_pendingReceive != null) { await Task.WhenAny(_pendingReceive, Task.Delay(grace)).ConfigureAwait(false); }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException or System.IO.IOException)
            {
                // The socket is going away either way; Dispose aborts it.
            }
        }
    }

    /// <summary>True while messages can still be sent.</summary>
    public bool IsOpen => _socket.State == WebSocketState.Open;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) { return; }
        _session.Untrack(this);
        _socket.Abort();
        _socket.Dispose();
        // A read still running owns the buffer until it fails; only a settled socket returns it to the pool.
        if (_pendingReceive is null || _pendingReceive.IsCompleted) { ArrayPool<byte>.Shared.Return(_buffer); }
    }

    /// <summary>Aborts the websocket at once (a read waiting on it fails); <see cref="Dispose"/> still releases the buffer.</summary>
    public void Abort() => _socket.Abort();

    private async Task<int> ReadMessageAsync()
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                if (_buffer.Length >= _maxMessageBytes)
                {
                    throw SmcErrors.MessageTooLarge.Create($"The SMC sent a message larger than {_maxMessageBytes / (1024.0 * 1024):0.#} MB, the most this session accepts (Connect-SmcSession -MaxMessageSizeMB); ask for fewer fields (-Field).");
                }
                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxMessageBytes));
                Buffer.BlockCopy(_buffer, 0, larger, 0, length);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
            var result = await _socket.ReceiveAsync(new ArraySegment<byte>(_buffer, length, _buffer.Length - length), CancellationToken.None).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) { return -1; }
            length += result.Count;
            if (result.EndOfMessage) { return length; }
        }
    }

    private SmcException ConnectionLost(Exception ex)
    {
        if (ex is SmcException smc) { return smc; }
        return SmcErrors.ConnectionLost.Create($"The connection to the SMC at {_session.Url} broke: {ex.Message}", ex);
    }

    private static SmcException HandshakeError(SmcSession session, Uri uri, Exception ex)
    {
        var text = ex.Message + " " + ex.InnerException?.Message;
        if (text.Contains("'401'") || text.Contains("'403'"))
        {
            return SmcErrors.SocketUnauthorized.Create($"The SMC at {session.Url} refused the websocket {uri.AbsolutePath}: the session is not (or no longer) valid. Run Connect-SmcSession again.", ex);
        }
        var certificate = session.Certificates.LastFailure is { } reason ? " The server certificate was refused: " + reason + "." : string.Empty;
        return SmcErrors.SocketConnectFailed.Create($"Cannot open the websocket {uri.AbsolutePath} on the SMC at {session.Url}: {ex.Message}{certificate}", ex);
    }
}
