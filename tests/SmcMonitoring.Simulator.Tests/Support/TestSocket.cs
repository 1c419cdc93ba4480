using System;
using System.Collections.Generic;
using System.IO;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace SmcMonitoring.Simulator.Tests.Support;

/// <summary>A websocket client that reads whole JSON messages, each read bounded by a timeout so no test hangs.</summary>
public sealed class TestSocket : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private TestSocket(ClientWebSocket socket)
    {
        Socket = socket;
    }

    public ClientWebSocket Socket { get; }

    public static async Task<TestSocket> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure?.Invoke(socket.Options);
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await socket.ConnectAsync(uri, timeout.Token);
        return new TestSocket(socket);
    }

    public async Task SendAsync(string text)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    /// <summary>The next message, or null when the server closed the socket.</summary>
    public async Task<JsonObject?> ReceiveAsync(TimeSpan? timeout = null)
    {
        var text = await ReceiveTextAsync(timeout ?? DefaultTimeout);
        return text is null ? null : JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The next message's raw text, or null when the server closed the socket.</summary>
    public async Task<string?> ReceiveTextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var message = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer, cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }

    /// <summary>Sends a request and reads its messages up to and including <c>end</c> or <c>failure</c>.</summary>
    public async Task<FetchResult> FetchAsync(string request)
    {
        await SendAsync(request);
        return await ReadFetchAsync();
    }

    /// <summary>Reads messages up to and including <c>end</c> or <c>failure</c>.</summary>
    public async Task<FetchResult> ReadFetchAsync()
    {
        var messages = new List<JsonObject>();
        while (true)
        {
            var message = await ReceiveAsync() ?? throw new InvalidOperationException("The server closed the socket before the fetch ended.");
            messages.Add(message);
            if (message.ContainsKey("end") || message.ContainsKey("failure"))
            {
                return new FetchResult(messages);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The server may already be gone; closing is best effort.
            }
        }

        Socket.Dispose();
    }
}

/// <summary>The messages of one fetch, first to last.</summary>
public sealed class FetchResult
{
    public FetchResult(List<JsonObject> messages)
    {
        Messages = messages;
        foreach (var message in messages)
        {
            if (message["records"] is JsonArray records)
            {
                RecordMessages.Add(records);
                foreach (var record in records)
                {
                    Records.Add(record!.AsObject());
                }
            }
        }
    }

    public List<JsonObject> Messages { get; }

    public List<JsonArray> RecordMessages { get; } = new();

    public List<JsonObject> Records { get; } = new();

    public JsonObject First => Messages[0];

    public JsonObject Last => Messages[^1];

    public int? FetchId => (int?)First["fetch"];

    public string? Failure => (string?)Last["failure"];
}
