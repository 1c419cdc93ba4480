using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Queries;
using SmcMonitoring.Session;

namespace SmcMonitoring.Bench;

/// <summary>What one raw fetch read.</summary>
internal sealed record RawFetch(long Messages, long Bytes, TimeSpan Elapsed, List<byte[]>? Captured);

/// <summary>
/// Reads a stored log fetch with a bare <see cref="ClientWebSocket"/> and does nothing with the messages but count
/// them (and, when asked, keep a copy): how fast the simulator sends, independent of the module's reading.
/// </summary>
internal static class RawLogReader
{
    // The end and failure messages are small; record messages (200 records) are tens of kilobytes.
    private const int ControlMessageLimit = 8192;

    public static Task<RawFetch> FetchAsync(SmcSession session, int quantity, bool capture) =>
        ReadAsync(session, LogQuery.SocketPath, BenchSession.StoredLogRequest(quantity), capture, message => message.Length < ControlMessageLimit && IsEnd(message));

    /// <summary>
    /// A session-monitor snapshot of <paramref name="expectedRecords"/> rows: it ends by silence, so the reader stops
    /// once it has seen that many rows (counted by their <c>delta_key</c>, without parsing).
    /// </summary>
    public static Task<RawFetch> SnapshotAsync(SmcSession session, byte[] request, int expectedRecords, bool capture)
    {
        long rows = 0;
        return ReadAsync(session, SessionQuery.SocketPath, request, capture, message =>
        {
            rows += Occurrences(message, "\"delta_key\""u8);
            return rows >= expectedRecords;
        });
    }

    private delegate bool LastMessageTest(ReadOnlySpan<byte> message);

    private static async Task<RawFetch> ReadAsync(SmcSession session, string socketPath, byte[] request, bool capture, LastMessageTest isLast)
    {
        using var socket = new ClientWebSocket();
        if (session.SessionCookie is { } cookie) { socket.Options.SetRequestHeader("Cookie", "JSESSIONID=" + cookie); }
        else if (session.Token is { } token)
        {
            socket.Options.AddSubProtocol("access_token");
            socket.Options.AddSubProtocol(token);
        }
        await socket.ConnectAsync(session.SocketUri(socketPath), CancellationToken.None);
        var clock = Stopwatch.StartNew();
        await socket.SendAsync(request, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var buffer = new byte[4 * 1024 * 1024];
        var captured = capture ? new List<byte[]>() : null;
        long messages = 0, bytes = 0;
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == buffer.Length) { Array.Resize(ref buffer, buffer.Length * 2); }
                result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                length += result.Count;
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
            if (result.MessageType == WebSocketMessageType.Close) { throw new InvalidOperationException("The simulator closed the socket before the end of the fetch."); }
            messages++;
            bytes += length;
            captured?.Add(buffer.AsSpan(0, length).ToArray());
            if (isLast(buffer.AsSpan(0, length))) { break; }
        }
        var elapsed = clock.Elapsed;
        using var close = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, string.Empty, close.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Measured already; the socket is disposed either way.
        }
        return new RawFetch(messages, bytes, elapsed, captured);
    }

    private static long Occurrences(ReadOnlySpan<byte> text, ReadOnlySpan<byte> value)
    {
        long count = 0;
        int at;
        while ((at = text.IndexOf(value)) >= 0)
        {
            count++;
            text = text[(at + value.Length)..];
        }
        return count;
    }

    private static bool IsEnd(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) { return false; }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("end"u8)) { return true; }
            if (reader.ValueTextEquals("failure"u8))
            {
                reader.Read();
                throw new InvalidOperationException("The simulator refused the fetch: " + reader.GetString());
            }
            reader.Read();
            reader.Skip();
        }
        return false;
    }
}
