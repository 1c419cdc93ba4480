using System;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;

namespace SmcMonitoring.Simulator.Sockets;

/// <summary>
/// One accepted websocket: serialises sends (several fetches may share the socket), runs the receive loop,
/// and closes the way the SMC does (1009 for oversized messages, 1001 when the simulator stops).
/// </summary>
internal sealed class MonitoringSocket
{
    public const string TooBigReason =
        "The decoded text message was too big for the output buffer and the endpoint does not support partial messages";

    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket socket;
    private readonly CancellationToken connectionAborted;
    private readonly SemaphoreSlim sendGate = new(1, 1);
    private bool closeSent;

    public MonitoringSocket(WebSocket socket, CancellationToken connectionAborted)
    {
        this.socket = socket;
        this.connectionAborted = connectionAborted;
    }

    /// <summary>
    /// Sends one whole text message. Awaiting it is the back-pressure: a client that reads slowly slows the sender.
    /// After the close frame went out this does nothing.
    /// </summary>
    public async Task SendAsync(ReadOnlyMemory<byte> message)
    {
        await sendGate.WaitAsync(connectionAborted);
        try
        {
            if (!closeSent)
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, connectionAborted);
            }
        }
        finally
        {
            sendGate.Release();
        }
    }

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
                var receive = reader.ReadAsync(connectionAborted);
                if (await Task.WhenAny(receive, stopRequested.Task) == stopRequested.Task)
                {
                    await CloseAsync(protocol, reader, receive, WebSocketCloseStatus.EndpointUnavailable, "simulator stopping");
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
