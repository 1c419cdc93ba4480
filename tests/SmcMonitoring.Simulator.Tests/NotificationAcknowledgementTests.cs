using System;
using System.Linq;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

/// <summary>Subscriptions answered late or never (no real answer was ever captured), and malformed frames before an answer.</summary>
public sealed class NotificationAcknowledgementTests
{
    private static Task<SmcSimulator> StartAsync(NotificationAcknowledgementTiming timing, SimulatorFaults? faults = null) => SmcSimulator.StartAsync(new SimulatorOptions
    {
        NotificationsPerSecond = 0,
        SessionChangesPerSecond = 0,
        ApiVersions = new[] { "6.5", "7.1" },
        NotificationAcknowledgement = timing,
        Faults = faults ?? new SimulatorFaults(),
    });

    private static async Task<(SmcTestClient Client, TestSocket Socket)> SubscribeAsync(SmcSimulator simulator, string context, string version = "7.1")
    {
        var client = await SmcTestClient.LoginAsync(simulator, version);
        var socket = await client.OpenSocketAsync("notification/socket");
        await socket.SendAsync($$"""{"context":"{{context}}"}""");
        return (client, socket);
    }

    private static Task AssertSilentAsync(TestSocket socket) =>
        Assert.ThrowsAnyAsync<OperationCanceledException>(() => socket.ReceiveTextAsync(TimeSpan.FromMilliseconds(500)));

    [Fact]
    public async Task Never_delivers_events_of_a_subscription_that_is_never_answered()
    {
        await using var simulator = await StartAsync(NotificationAcknowledgementTiming.Never);
        var (client, socket) = await SubscribeAsync(simulator, "host");
        using (client)
        await using (socket)
        {
            // A read that times out would end a ClientWebSocket: the order of what arrives shows no answer came first.
            await Task.Delay(300);
            var href = simulator.RaiseElementChange("host", "create", "17");
            Assert.Equal(
                $$$"""{"subscription_id":0,"event":{"type":"create","element":"{{{href}}}"}}""",
                (await socket.ReceiveAsync())!.ToJsonString());
            simulator.RaiseElementChange("host", "update", "17");
            Assert.Equal("update", (string?)(await socket.ReceiveAsync())!["event"]!["type"]);
            await AssertSilentAsync(socket);
        }

        var note = JsonNode.Parse(simulator.Requests.Single(r => r.Kind == "simulator" && r.Method == "notification-ack").Body!)!;
        Assert.Equal((0, "never"), ((int)note["subscription_id"]!, (string?)note["acknowledgement"]));
    }

    [Theory]
    [InlineData("7.1")]
    [InlineData("6.5")]
    public async Task After_events_answers_right_after_the_first_event_message(string version)
    {
        await using var simulator = await StartAsync(NotificationAcknowledgementTiming.AfterEvents);
        var (client, socket) = await SubscribeAsync(simulator, "host,network", version);
        using (client)
        await using (socket)
        {
            await Task.Delay(300);
            simulator.RaiseElementChange("network", "update", "3");
            var first = (await socket.ReceiveAsync())!;
            Assert.Equal(0, (int?)first["subscription_id"]);
            Assert.True(first.ContainsKey(version == "7.1" ? "event" : "events"), first.ToJsonString());
            Assert.Equal(
                """{"success":"Subscribed for notifications","context":"host,network","subscription_id":0}""",
                (await socket.ReceiveAsync())!.ToJsonString());

            simulator.RaiseElementChange("host", "delete", "4");
            Assert.False((await socket.ReceiveAsync())!.ContainsKey("success"));
            await AssertSilentAsync(socket);
        }
    }

    [Fact]
    public async Task Immediate_answers_before_any_event()
    {
        await using var simulator = await StartAsync(NotificationAcknowledgementTiming.Immediate);
        var (client, socket) = await SubscribeAsync(simulator, "*");
        using (client)
        await using (socket)
        {
            Assert.Equal("Subscribed for notifications", (string?)(await socket.ReceiveAsync())!["success"]);
            simulator.RaiseElementChange("router", "create", "5");
            Assert.NotNull((await socket.ReceiveAsync())!["event"]);
        }

        Assert.DoesNotContain(simulator.Requests, r => r.Method == "notification-ack");
    }

    [Fact]
    public async Task Malformed_frames_come_before_a_subscription_answer()
    {
        await using var simulator = await StartAsync(NotificationAcknowledgementTiming.Immediate, new SimulatorFaults { MalformedMessages = 4 });
        var (client, socket) = await SubscribeAsync(simulator, "host");
        using (client)
        await using (socket)
        {
            var buffer = new byte[4096];
            var types = new WebSocketMessageType[4];
            for (var i = 0; i < types.Length; i++)
            {
                var frame = await socket.Socket.ReceiveAsync(buffer, default);
                Assert.True(frame.EndOfMessage);
                types[i] = frame.MessageType;
                if (frame.MessageType == WebSocketMessageType.Text && i != 1 && i != 3)
                {
                    Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(buffer.AsMemory(0, frame.Count)));
                }
            }

            Assert.Equal(new[] { WebSocketMessageType.Text, WebSocketMessageType.Text, WebSocketMessageType.Binary, WebSocketMessageType.Text }, types);
            Assert.Equal("Subscribed for notifications", (string?)(await socket.ReceiveAsync())!["success"]);
        }
    }
}
