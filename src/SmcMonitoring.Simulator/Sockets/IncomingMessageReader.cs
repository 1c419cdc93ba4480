using System;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SmcMonitoring.Simulator.Sockets;

/// <summary>What one read of a whole client message gave.</summary>
internal enum IncomingKind
{
    Text,
    TooBig,
    Close,
}

/// <summary>A whole client message: its text, or the fact that it was too big or a close frame.</summary>
internal readonly record struct IncomingMessage(IncomingKind Kind, string? Text);

/// <summary>
/// Reads whole messages (reassembling fragments) and applies the SMC's inbound limit: Tomcat's 8192-character
/// text buffer (docs/protocol.md 3.4).
/// </summary>
internal sealed class IncomingMessageReader
{
    public const int MaxCharacters = 8192;

    /// <summary>A UTF-16 character takes at most 3 UTF-8 bytes, so more bytes than this is certainly too many characters.</summary>
    private const int MaxBytes = MaxCharacters * 3;

    private readonly WebSocket socket;
    private readonly byte[] buffer = new byte[MaxBytes + 1];
    private readonly byte[] overflow = new byte[4096];

    public IncomingMessageReader(WebSocket socket)
    {
        this.socket = socket;
    }

    public async Task<IncomingMessage> ReadAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        var tooBig = false;
        while (true)
        {
            var target = tooBig ? overflow.AsMemory() : buffer.AsMemory(count);
            var result = await socket.ReceiveAsync(target, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new IncomingMessage(IncomingKind.Close, null);
            }

            if (!tooBig)
            {
                count += result.Count;
                tooBig = count == buffer.Length;
            }

            if (result.EndOfMessage)
            {
                break;
            }
        }

        if (tooBig)
        {
            return new IncomingMessage(IncomingKind.TooBig, null);
        }

        var text = Encoding.UTF8.GetString(buffer, 0, count);
        return new IncomingMessage(text.Length > MaxCharacters ? IncomingKind.TooBig : IncomingKind.Text, text);
    }
}
