using System;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;

namespace SmcMonitoring.Simulator.Sockets;

/// <summary>
/// One accepted websocket: serialises sends (several fetches may share the socket), runs the receive loop,
/// and closes the way the SMC does (1009 for oversized messages, 1001 when the simulator stops). It also applies
/// the message faults: a delay before each message, and a drop or a close after so many messages.
/// </summary>
internal sealed class MonitoringSocket
{
    public const string CloseAfterReason = "simulator fault: closing after the configured number of messages";

    public const string TooBigReason =
        "The decoded text message was too big for the output buffer and the endpoint does not support partial messages";

    /// <summary>The frame size of a message sent in pieces.</summary>
    private const int PieceBytes = 64 * 1024;

    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Time for sent messages to leave the server's buffers before a dropped connection's sending side is shut.</summary>
    private static readonly TimeSpan DropGrace = TimeSpan.FromMilliseconds(100);
    private readonly WebSocket socket;
    private readonly CancellationToken connectionAborted;
    private readonly SimulatorFaults faults;
    private readonly Action? shutdownSending;
    private readonly ConnectionFreeze? freeze;
    private readonly SemaphoreSlim sendGate = new(1, 1);
    private readonly TaskCompletionSource<(WebSocketCloseStatus Status, string Reason)> closeRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool closeSent;
    private int sent;

    /// <param name="socket">The accepted websocket.</param>
    /// <param name="connectionAborted">Fires when the connection is gone.</param>
    /// <param name="faults">The simulator's faults, read at every message.</param>
    /// <param name="shutdownSending">Ends the connection's sending side (a TCP FIN); null when the transport offers no socket.</param>
    /// <param name="path">The path the socket was opened on (path base included), for the request log.</param>
    /// <param name="freeze">The freeze of <see cref="SimulatorFaults.FreezeAfterMessages"/> prepared for this socket, or null.</param>
    public MonitoringSocket(WebSocket socket, CancellationToken connectionAborted, SimulatorFaults faults, Action? shutdownSending, string path, ConnectionFreeze? freeze)
    {
        this.socket = socket;
        this.connectionAborted = connectionAborted;
        this.faults = faults;
        this.shutdownSending = shutdownSending;
        this.freeze = freeze;
        Path = path;
    }

    /// <summary>The path the socket was opened on, e.g. <c>/7.1/monitoring/log/socket</c>.</summary>
    public string Path { get; }

    /// <summary>
    /// Sends one whole text message. Awaiting it is the back-pressure: a client that reads slowly slows the sender.
    /// After the close frame went out (or the connection was dropped) this does nothing.
    /// </summary>
    public Task SendAsync(ReadOnlyMemory<byte> message) => SendAsync(message, WebSocketMessageType.Text);

    /// <summary>Sends one whole message of the given frame type (binary only to inject garbage).</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> message, WebSocketMessageType type)
    {
        await sendGate.WaitAsync(connectionAborted);
        try
        {
            if (closeSent)
            {
                return;
            }

            if (faults.DelayMs is > 0 and var delay)
            {
                await Task.Delay(delay, connectionAborted);
            }

            await socket.SendAsync(message, type, endOfMessage: true, connectionAborted);
            await CountSentAsync();
        }
        finally
        {
            sendGate.Release();
        }
    }

    /// <summary>
    /// Sends one text message as a sequence of frames, written piece by piece into one small buffer so that a huge
    /// message is never held whole: <paramref name="nextPiece"/> fills the buffer and says whether that piece ends
    /// the message. For the message faults it counts as one message.
    /// </summary>
    public async Task SendInPiecesAsync(Func<Memory<byte>, (int Count, bool Last)> nextPiece)
    {
        var buffer = new byte[PieceBytes];
        await sendGate.WaitAsync(connectionAborted);
        try
        {
            if (closeSent)
            {
                return;
            }

            if (faults.DelayMs is > 0 and var delay)
            {
                await Task.Delay(delay, connectionAborted);
            }

            bool last;
            do
            {
                (var count, last) = nextPiece(buffer);
                await socket.SendAsync(buffer.AsMemory(0, count), WebSocketMessageType.Text, last, connectionAborted);
            }
            while (!last);

            await CountSentAsync();
        }
        finally
        {
            sendGate.Release();
        }
    }

    /// <summary>Counts a sent message and applies the faults that act after so many: freeze, drop, close. Called under the send gate.</summary>
    private async Task CountSentAsync()
    {
        sent++;
        if (freeze is not null && sent >= freeze.AfterMessages)
        {
            freeze.Freeze();
        }

        if (faults.DropAfterMessages is > 0 and var dropAfter && sent >= dropAfter)
        {
            closeSent = true;
            await DropAsync();
        }
        else if (faults.CloseAfterMessages is > 0 and var closeAfter && sent >= closeAfter)
        {
            // Sent here, under the send gate, so that exactly that many messages precede the close frame.
            closeSent = true;
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, CloseAfterReason, connectionAborted);
            closeRequested.TrySetResult((WebSocketCloseStatus.NormalClosure, CloseAfterReason));
        }
    }

    /// <summary>
    /// Ends the connection without a close frame. Aborting outright would lose what the server has not written out
    /// yet and reset the connection, which can make the client's stack discard messages it has not read: so the
    /// messages get a moment to leave, then the sending side is shut, and the client reads them and then the end.
    /// </summary>
    private async Task DropAsync()
    {
        await Task.Delay(DropGrace, CancellationToken.None);
        if (shutdownSending is null)
        {
            socket.Abort();
            return;
        }

        try
        {
            shutdownSending();
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }

    /// <summary>Makes the receive loop stop the fetches and close the socket with this status, before it reads another message.</summary>
    public void RequestClose(WebSocketCloseStatus status, string reason) => closeRequested.TrySetResult((status, reason));

    /// <summary>Reads and dispatches messages until the client closes, the connection drops or <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(ISocketProtocol protocol, Action<string> record, CancellationToken stopping)
    {
        var reader = new IncomingMessageReader(socket);
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = stopping.Register(() => stopRequested.TrySetResult());
        try
        {
            while (true)
            {
                if (closeRequested.Task.IsCompleted)
                {
                    var (status, reason) = await closeRequested.Task;
                    await CloseAsync(protocol, reader, null, status, reason);
                    return;
                }

                var receive = reader.ReadAsync(connectionAborted);
                var first = await Task.WhenAny(receive, stopRequested.Task, closeRequested.Task);
                if (first == stopRequested.Task)
                {
                    await CloseAsync(protocol, reader, receive, WebSocketCloseStatus.EndpointUnavailable, "simulator stopping");
                    return;
                }

                if (first == closeRequested.Task)
                {
                    var (status, reason) = await closeRequested.Task;
                    await CloseAsync(protocol, reader, receive, status, reason);
                    return;
                }

                var message = await receive;
                if (message.Text is not null)
                {
                    record(message.Text);
                }

                switch (message.Kind)
                {
                    case IncomingKind.Close:
                        await StopProtocolAsync(protocol);
                        await SendCloseAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, string.Empty);
                        return;
                    case IncomingKind.TooBig:
                        await CloseAsync(protocol, reader, null, WebSocketCloseStatus.MessageTooBig, TooBigReason);
                        return;
                    default:
                        await protocol.HandleAsync(message.Text!);
                        break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away without a close handshake: nothing left to tell it.
        }
        finally
        {
            await StopProtocolAsync(protocol);
        }
    }

    /// <summary>Stops the fetches, sends our close frame, then reads until the client's close frame (or gives up).</summary>
    private async Task CloseAsync(ISocketProtocol protocol, IncomingMessageReader reader, Task<IncomingMessage>? pending, WebSocketCloseStatus status, string reason)
    {
        await StopProtocolAsync(protocol);
        await SendCloseAsync(status, reason);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connectionAborted);
        timeout.CancelAfter(CloseHandshakeTimeout);
        try
        {
            var message = pending is null ? await reader.ReadAsync(timeout.Token) : await pending.WaitAsync(timeout.Token);
            while (message.Kind != IncomingKind.Close)
            {
                message = await reader.ReadAsync(timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            socket.Abort();
        }
    }

    /// <summary>
    /// Stops the protocol's fetches. A fetch blocked sending to a client that no longer reads would wait forever,
    /// so after a grace period the connection is aborted, which fails that send.
    /// </summary>
    private async Task StopProtocolAsync(ISocketProtocol protocol)
    {
        var stopped = protocol.StopAsync();
        if (await Task.WhenAny(stopped, Task.Delay(CloseHandshakeTimeout)) != stopped)
        {
            socket.Abort();
        }

        await stopped;
    }

    private async Task SendCloseAsync(WebSocketCloseStatus status, string reason)
    {
        await sendGate.WaitAsync(connectionAborted);
        try
        {
            if (!closeSent && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                closeSent = true;
                await socket.CloseOutputAsync(status, reason, connectionAborted);
            }
        }
        finally
        {
            sendGate.Release();
        }
    }
}
