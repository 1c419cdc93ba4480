using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

/// <summary>Each fault on a simulator of its own, since faults apply to every client of a simulator.</summary>
public sealed class FaultTests
{
    private static readonly string Stored = Requests.Stored("{\"quantity\":5}");

    private static Task<SmcSimulator> StartAsync(SimulatorFaults? faults = null) => SmcSimulator.StartAsync(new SimulatorOptions
    {
        LogRecords = 1000,
        LogEnd = SimulatorFixture.LogEnd,
        SessionChangesPerSecond = 0,
        NotificationsPerSecond = 0,
        Faults = faults ?? new SimulatorFaults(),
    });

    /// <summary>One frame as it came: its type and bytes (null when the server closed).</summary>
    private static async Task<(WebSocketMessageType Type, byte[] Bytes)?> ReceiveFrameAsync(TestSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var message = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await socket.Socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }

    [Fact]
    public async Task Delay_ms_waits_before_every_message()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { DelayMs = 200 });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        var clock = Stopwatch.StartNew();
        var fetch = await socket.FetchAsync(Stored);
        Assert.Equal(5, fetch.Messages.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(5 * 200 * 0.9), $"five messages took {clock.Elapsed}");
    }

    [Fact]
    public async Task Drop_after_messages_ends_the_connection_without_a_close_frame()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { DropAfterMessages = 2 });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        await socket.SendAsync(Stored);
        Assert.Equal("Fetch started", (string?)(await socket.ReceiveAsync())!["success"]);
        Assert.Equal("Querying...", (string?)(await socket.ReceiveAsync())!["status"]);
        var error = await Assert.ThrowsAsync<WebSocketException>(() => socket.ReceiveAsync());
        Assert.Equal(WebSocketError.ConnectionClosedPrematurely, error.WebSocketErrorCode);
        Assert.Null(socket.Socket.CloseStatus);
    }

    [Fact]
    public async Task Close_after_messages_closes_normally_after_exactly_that_many()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { CloseAfterMessages = 3 });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        await socket.SendAsync(Requests.Stored("{\"quantity\":1000}"));
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await socket.ReceiveAsync());
        }

        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.Socket.CloseStatus);
        Assert.Equal("simulator fault: closing after the configured number of messages", socket.Socket.CloseStatusDescription);
    }

    [Fact]
    public async Task Expire_sessions_makes_rest_and_upgrades_answer_401_until_the_client_logs_in_again()
    {
        await using var simulator = await StartAsync();
        using var client = await SmcTestClient.LoginAsync(simulator);
        await client.GetJsonAsync("/7.1/current_user");
        simulator.Faults.ExpireSessions();
        using (var refused = await client.Http.GetAsync("/7.1/current_user"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var upgrade = await Assert.ThrowsAsync<WebSocketException>(() => client.OpenLogSocketAsync());
        Assert.Contains("401", upgrade.Message);

        using var again = await SmcTestClient.LoginAsync(simulator);
        await client.GetJsonAsync("/7.1/current_user").ContinueWith(_ => { });
        await again.GetJsonAsync("/7.1/current_user");
        await using var socket = await again.OpenLogSocketAsync();
    }

    [Fact]
    public async Task Session_lifetime_expires_sessions_that_long_after_login()
    {
        await using var simulator = await SmcSimulator.StartAsync(new SimulatorOptions { SessionLifetime = TimeSpan.FromMilliseconds(800) });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await client.GetJsonAsync("/7.1/current_user");
        await Task.Delay(1000);
        using var expired = await client.Http.GetAsync("/7.1/current_user");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);

        simulator.Faults.SessionLifetime = null;
        using var fresh = await SmcTestClient.LoginAsync(simulator);
        await Task.Delay(1000);
        await fresh.GetJsonAsync("/7.1/current_user");
    }

    [Theory]
    [InlineData("monitoring/log/socket", "{\"query\":{\"type\":\"stored\"},\"fetch\":{},\"format\":{\"type\":\"texts\"}}")]
    [InlineData("monitoring/session/socket", "{\"query\":{\"definition\":\"ROUTING\",\"target\":\"fw-east\"},\"fetch\":{},\"format\":{\"type\":\"texts\"}}")]
    [InlineData("notification/socket", "{\"context\":\"host\"}")]
    public async Task Fail_queries_answers_every_query_and_subscription_with_the_text(string path, string request)
    {
        await using var simulator = await StartAsync();
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenSocketAsync(path);
        simulator.Faults.FailQueries = "Log server unavailable";
        await socket.SendAsync(request);
        Assert.Equal("""{"failure":"Log server unavailable"}""", (await socket.ReceiveAsync())!.ToJsonString());

        simulator.Faults.FailQueries = null;
        await socket.SendAsync(request);
        Assert.Null((await socket.ReceiveAsync())!["failure"]);
    }

    [Fact]
    public async Task Malformed_messages_precede_the_real_answer()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { MalformedMessages = 5 });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        await socket.SendAsync(SessionRequests.Query("ROUTING"));
        var frames = new (WebSocketMessageType Type, byte[] Bytes)[5];
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = (await ReceiveFrameAsync(socket))!.Value;
        }

        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(frames[0].Bytes));
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(frames[1].Bytes).RootElement.ValueKind);
        Assert.Equal(WebSocketMessageType.Binary, frames[2].Type);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(frames[3].Bytes).RootElement.GetProperty("records").ValueKind);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(frames[4].Bytes));
        Assert.Equal("Fetch started", (string?)(await socket.ReceiveAsync())!["success"]);
    }

    [Fact]
    public async Task Oversized_message_bytes_sends_one_valid_message_of_that_size_first()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { OversizedMessageBytes = 3_000_000 });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        await socket.SendAsync(Stored);
        var (type, bytes) = (await ReceiveFrameAsync(socket))!.Value;
        Assert.Equal(WebSocketMessageType.Text, type);
        Assert.Equal(3_000_000, bytes.Length);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(bytes).RootElement.ValueKind);
        Assert.Equal("Fetch started", (string?)(await socket.ReceiveAsync())!["success"]);
    }

    [Fact]
    public async Task Buffer_error_close_closes_the_next_query_with_1009_and_tomcats_reason_once()
    {
        await using var simulator = await StartAsync();
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        await socket.FetchAsync(Stored);
        simulator.Faults.BufferErrorClose = true;
        await socket.SendAsync(Stored);
        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.Socket.CloseStatus);
        Assert.Equal("The decoded text message was too big for the output buffer and the endpoint does not support partial messages", socket.Socket.CloseStatusDescription);
        Assert.False(simulator.Faults.BufferErrorClose);

        await using var next = await client.OpenLogSocketAsync();
        Assert.Equal("end of data", (string?)(await next.FetchAsync(Stored)).Last["end"]);
    }

    [Fact]
    public async Task Silent_sends_success_and_then_nothing()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { Silent = true });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using (var log = await client.OpenLogSocketAsync())
        {
            await log.SendAsync(Stored);
            var started = (await log.ReceiveAsync())!;
            Assert.Equal("Fetch started", (string?)started["success"]);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => log.ReceiveTextAsync(TimeSpan.FromSeconds(1)));
        }

        await using var notifications = await client.OpenSocketAsync("notification/socket");
        await notifications.SendAsync("""{"context":"*"}""");
        Assert.Equal("Subscribed for notifications", (string?)(await notifications.ReceiveAsync())!["success"]);
        simulator.RaiseElementChange("host", "update", "1");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => notifications.ReceiveTextAsync(TimeSpan.FromMilliseconds(700)));
    }
}
