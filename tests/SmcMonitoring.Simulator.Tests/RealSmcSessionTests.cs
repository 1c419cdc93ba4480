using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

/// <summary>Session monitors the way real SMCs answer: rows without first_fetch, snapshots sent slowly, empty tables.</summary>
public sealed class RealSmcSessionTests
{
    private static Task<SmcSimulator> StartAsync(Action<SimulatorOptions> configure)
    {
        var options = new SimulatorOptions { SessionChangesPerSecond = 0, NotificationsPerSecond = 0, Seed = 5 };
        configure(options);
        return SmcSimulator.StartAsync(options);
    }

    /// <summary>Sends a request and reads "Fetch started" and so many messages, each with when it came after the request was sent; then expects silence.</summary>
    private static async Task<(JsonObject Started, List<(TimeSpan At, JsonObject Message)> Messages)> ReadAsync(SmcSimulator simulator, string request, int messages)
    {
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        var clock = Stopwatch.StartNew();
        await socket.SendAsync(request);
        var started = (await socket.ReceiveAsync())!;
        var received = new List<(TimeSpan, JsonObject)>();
        for (var i = 0; i < messages; i++)
        {
            var message = (await socket.ReceiveAsync())!;
            received.Add((clock.Elapsed, message));
        }

        await AssertSilentAsync(socket);
        return (started, received);
    }

    private static Task AssertSilentAsync(TestSocket socket) =>
        Assert.ThrowsAnyAsync<OperationCanceledException>(() => socket.ReceiveTextAsync(TimeSpan.FromMilliseconds(500)));

    [Fact]
    public async Task No_first_fetch_leaves_the_key_out_of_snapshot_rows_and_of_changes()
    {
        await using var simulator = await StartAsync(o => o.NoFirstFetch = true);
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        await socket.SendAsync(SessionRequests.Query("ROUTING"));
        var fetchId = (int)(await socket.ReceiveAsync())!["fetch"]!;
        var snapshot = SessionRequests.Array((await socket.ReceiveAsync())!, "added");
        Assert.Equal(30, snapshot.Count);
        Assert.All(snapshot, r => Assert.False(r.ContainsKey("first_fetch")));
        Assert.All(snapshot, r => Assert.NotNull((string?)r["delta_key"]));

        simulator.Context.SessionTables.Get(Sessions.MonitorKind.Routing, "fw-east").ApplyNextChange(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var change = (await socket.ReceiveAsync())!;
        Assert.Equal(fetchId, (int?)change["fetch"]);
        var changed = new[] { "added", "updated", "deleted" }.SelectMany(a => SessionRequests.Array(change, a)).ToList();
        Assert.Single(changed);
        Assert.False(changed[0].ContainsKey("first_fetch"));
    }

    [Fact]
    public async Task Snapshot_messages_are_sent_the_gap_apart_and_the_first_right_away()
    {
        await using var simulator = await StartAsync(o =>
        {
            o.SnapshotBatchGapMs = 400;
            o.ConnectionsPerEngine = 450;
        });

        // A one-message snapshot first, so that compiling the fetch's code is not counted as the first message's wait.
        await ReadAsync(simulator, SessionRequests.Query("ROUTING"), 1);
        var (_, messages) = await ReadAsync(simulator, SessionRequests.Query("CONNECTIONS"), 3);
        Assert.Equal(new[] { 200, 200, 50 }, messages.Select(m => SessionRequests.Array(m.Message, "added").Count));
        Assert.True(messages[0].At < TimeSpan.FromMilliseconds(300), $"the first message came after {messages[0].At}");
        Assert.True(messages[1].At >= TimeSpan.FromMilliseconds(400), $"the second came after {messages[1].At}");
        Assert.True(messages[2].At >= TimeSpan.FromMilliseconds(800), $"the third came after {messages[2].At}");
    }

    [Fact]
    public async Task Marker_follows_the_gap_and_carries_no_first_fetch_when_rows_carry_none()
    {
        await using var simulator = await StartAsync(o =>
        {
            o.SnapshotBatchGapMs = 300;
            o.NoFirstFetch = true;
            o.SnapshotCompleteMarker = true;
        });
        var (_, messages) = await ReadAsync(simulator, SessionRequests.Query("ROUTING"), 2);
        var rows = SessionRequests.Array(messages[0].Message, "added");
        var marker = SessionRequests.Array(messages[1].Message, "added").Single();
        Assert.Equal(30, rows.Count);
        Assert.Equal("4", SessionRequests.SessionEvent(marker));
        Assert.False(marker.ContainsKey("first_fetch"));
        Assert.True(messages[1].At >= TimeSpan.FromMilliseconds(300), $"the marker came after {messages[1].At}");

        var note = JsonNode.Parse(simulator.Requests.Single(r => r.Kind == "simulator" && r.Method == "snapshot").Body!)!;
        Assert.Equal((30, 2, true, false, 300), ((int)note["rows"]!, (int)note["messages"]!, (bool)note["marker"]!, (bool)note["first_fetch"]!, (int)note["gap_ms"]!));
    }

    [Fact]
    public async Task An_empty_table_sends_one_empty_records_message_by_default_and_then_nothing()
    {
        await using var simulator = await StartAsync(o => o.ConnectionsPerEngine = 0);
        var (started, messages) = await ReadAsync(simulator, SessionRequests.Query("CONNECTIONS"), 1);
        Assert.Equal("Fetch started", (string?)started["success"]);
        Assert.Equal(
            $$$"""{"fetch":{{{(int)started["fetch"]!}}},"records":{"added":[],"updated":[],"deleted":[]}}""",
            messages[0].Message.ToJsonString());
    }

    [Fact]
    public async Task An_empty_table_can_send_nothing_at_all()
    {
        await using var simulator = await StartAsync(o =>
        {
            o.ConnectionsPerEngine = 0;
            o.EmptySnapshot = EmptySnapshotAnswer.Nothing;
        });
        var (started, _) = await ReadAsync(simulator, SessionRequests.Query("CONNECTIONS"), 0);
        Assert.Equal("Fetch started", (string?)started["success"]);

        // A filter that matches no row makes an empty snapshot of a full table too.
        var filter = """{"type":"in","left":{"type":"field","id":165},"right":[{"type":"string","value":"No such route type"}]}""";
        await ReadAsync(simulator, SessionRequests.Query("ROUTING", filter: filter), 0);
        Assert.All(
            simulator.Requests.Where(r => r.Kind == "simulator" && r.Method == "snapshot"),
            r => Assert.Equal((0, 0), ((int)JsonNode.Parse(r.Body!)!["rows"]!, (int)JsonNode.Parse(r.Body!)!["messages"]!)));
    }

    [Fact]
    public async Task An_empty_table_that_sends_nothing_still_sends_the_marker()
    {
        await using var simulator = await StartAsync(o =>
        {
            o.ConnectionsPerEngine = 0;
            o.EmptySnapshot = EmptySnapshotAnswer.Nothing;
            o.SnapshotCompleteMarker = true;
        });
        var (_, messages) = await ReadAsync(simulator, SessionRequests.Query("CONNECTIONS"), 1);
        Assert.Equal("4", SessionRequests.SessionEvent(SessionRequests.Array(messages[0].Message, "added").Single()));
    }
}
