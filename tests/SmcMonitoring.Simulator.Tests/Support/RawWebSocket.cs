using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SmcMonitoring.Simulator.Tests.Support;

/// <summary>
/// A websocket client written on a bare TCP connection, for what .NET's ClientWebSocket cannot do or hides: send
/// header lines exactly as given (a token with '/', '+' and '=', one Sec-WebSocket-Protocol line or two), read the
/// status of a refused or redirected upgrade, and read frames whose payload is not valid UTF-8.
/// </summary>
public sealed class RawWebSocket : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly TcpClient client;
    private readonly NetworkStream stream;

    private RawWebSocket(TcpClient client, int status, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        this.client = client;
        stream = client.GetStream();
        Status = status;
        Headers = headers;
    }

    /// <summary>The status of the upgrade answer: 101 when it was accepted.</summary>
    public int Status { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public string? Header(string name) => Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    /// <summary>Sends an upgrade request for <paramref name="uri"/> with these extra header lines ("Name: value") and reads the answer's head.</summary>
    public static async Task<RawWebSocket> ConnectAsync(Uri uri, params string[] headerLines)
    {
        var client = new TcpClient();
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await client.ConnectAsync(uri.Host, uri.Port, timeout.Token);
        var request = new StringBuilder()
            .Append($"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
            .Append($"Sec-WebSocket-Key: {Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))}\r\nSec-WebSocket-Version: 13\r\n");
        foreach (var line in headerLines)
        {
            request.Append(line).Append("\r\n");
        }

        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()), timeout.Token);
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, timeout.Token) == 0)
            {
                throw new IOException("The server closed the connection before it answered the upgrade.");
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Select(p => new KeyValuePair<string, string>(p[0].Trim(), p.Length > 1 ? p[1].Trim() : string.Empty)).ToList();
        return new RawWebSocket(client, int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers);
    }

    /// <summary>Sends one masked text frame, as a client must.</summary>
    public async Task SendTextAsync(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var frame = new List<byte> { 0x81 };
        if (payload.Length < 126)
        {
            frame.Add((byte)(0x80 | payload.Length));
        }
        else
        {
            frame.AddRange(new byte[] { 0x80 | 126, (byte)(payload.Length >> 8), (byte)payload.Length });
        }

        var mask = RandomNumberGenerator.GetBytes(4);
        frame.AddRange(mask);
        frame.AddRange(payload.Select((b, i) => (byte)(b ^ mask[i % 4])));
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await stream.WriteAsync(frame.ToArray(), timeout.Token);
    }

    /// <summary>The next whole message (fragments joined) as its first frame's opcode and its bytes; null on a close frame.</summary>
    public async Task<(int Opcode, byte[] Payload)?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var message = new List<byte>();
        var opcode = -1;
        while (true)
        {
            var header = await ReadExactlyAsync(2, cancel.Token);
            var frameOpcode = header[0] & 0x0F;
            long length = header[1] & 0x7F;
            if (length == 126)
            {
                var extended = await ReadExactlyAsync(2, cancel.Token);
                length = (extended[0] << 8) | extended[1];
            }
            else if (length == 127)
            {
                length = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(await ReadExactlyAsync(8, cancel.Token));
            }

            var payload = await ReadExactlyAsync(checked((int)length), cancel.Token);
            if (frameOpcode == 0x8)
            {
                return null;
            }

            if (frameOpcode is 0x9 or 0xA)
            {
                continue;
            }

            opcode = opcode < 0 ? frameOpcode : opcode;
            message.AddRange(payload);
            if ((header[0] & 0x80) != 0)
            {
                return (opcode, message.ToArray());
            }
        }
    }

    /// <summary>The next message as text (invalid UTF-8 replaced); null on a close frame.</summary>
    public async Task<string?> ReceiveTextAsync(TimeSpan? timeout = null) =>
        await ReceiveAsync(timeout) is { } message ? Encoding.UTF8.GetString(message.Payload) : null;

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        var bytes = new byte[count];
        await stream.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }
}
