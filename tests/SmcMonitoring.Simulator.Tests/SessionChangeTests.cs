using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Sessions;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

/// <summary>A client's copy of a session table, kept by applying added, updated and deleted by delta_key.</summary>
internal sealed class ClientTable
{
    public Dictionary<string, JsonObject> Rows { get; } = new();

    public int Changes { get; private set; }

    public void Apply(JsonObject message)
    {
        foreach (var record in SessionRequests.Array(message, "added"))
        {
            Assert.DoesNotContain(SessionRequests.DeltaKey(record), (IDictionary<string, JsonObject>)Rows);
            Rows[SessionRequests.DeltaKey(record)] = record;
            Changes++;
        }

        foreach (var record in SessionRequests.Array(message, "updated"))
        {
            Assert.Contains(SessionRequests.DeltaKey(record), (IDictionary<string, JsonObject>)Rows);
            Rows[SessionRequests.DeltaKey(record)] = record;
            Changes++;
        }

        foreach (var record in SessionRequests.Array(message, "deleted"))
        {
            Assert.True(Rows.Remove(SessionRequests.DeltaKey(record)), "a delete names a row the client has");
            Changes++;
        }
    }

    public string[] Contents() => Rows.Values.Select(SessionRequests.Content).Order(StringComparer.Ordinal).ToArray();
}

public sealed class SessionChangeTests : IClassFixture<SessionSimulatorFixture>, IClassFixture<BusySessionSimulatorFixture>
{
    private readonly SessionSimulatorFixture quiet;
    private readonly BusySessionSimulatorFixture busy;

    public SessionChangeTests(SessionSimulatorFixture quiet, BusySessionSimulatorFixture busy)
    {
        this.quiet = quiet;
        this.busy = busy;
    }

    [Fact]
    public async Task A_busy_engine_streams_changes_after_the_snapshot_that_refer_to_known_rows()
    {
        using var client = await busy.LoginAsync();
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        var snapshot = await SessionSnapshot.FetchAsync(socket, SessionRequests.Query("CONNECTIONS", "busy-1"));
        var table = new ClientTable();
        snapshot.Messages.ForEach(table.Apply);
        var initial = table.Changes;
        var kinds = new HashSet<string>();
        while (kinds.Count < 3)
        {
            var message = (await socket.ReceiveAsync(TimeSpan.FromSeconds(5)))!;
            Assert.Equal(snapshot.FetchId, (int?)message["fetch"]);
            Assert.False(message.ContainsKey("end"));
            foreach (var name in new[] { "added", "updated", "deleted" })
            {
                var records = SessionRequests.Array(message, name);
                Assert.All(records, r => Assert.False(SessionRequests.FirstFetch(r)));
                Assert.All(records, r => Assert.Equal(name switch { "added" => "1", "updated" => "2", _ => "3" }, SessionRequests.SessionEvent(r)));
                if (records.Count > 0)
                {
                    kinds.Add(name);
                }
            }

            Assert.True(SessionRequests.Array(message, "added").Count + SessionRequests.Array(message, "updated").Count + SessionRequests.Array(message, "deleted").Count <= 200);
            table.Apply(message);
        }

        Assert.True(table.Changes > initial);
    }

    [Fact]
    public async Task A_quiet_engine_sends_nothing_after_the_snapshot()
    {
        using var client = await quiet.LoginAsync();
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        await SessionSnapshot.FetchAsync(socket, SessionRequests.Query("ROUTING", "quiet-1"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => socket.ReceiveTextAsync(TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"type": "in", "left": {"type": "field", "id": 116}, "right": [{"type": "string", "value": "TCP established"}]}""")]
    [InlineData("""{"type": "not", "value": {"type": "in", "left": {"type": "field", "id": 11}, "right": [{"type": "string", "value": "UDP"}]}}""")]
    public async Task A_client_applying_the_changes_by_delta_key_ends_with_the_simulators_table(string? filter)
    {
        var engine = $"consistent-{filter?.Length ?? 0}";
        using var client = await quiet.LoginAsync();
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        var request = SessionRequests.Query("CONNECTIONS", engine, filter: filter);
        var snapshot = await SessionSnapshot.FetchAsync(socket, request);
        var table = new ClientTable();
        snapshot.Messages.ForEach(table.Apply);

        // Changes made in-process, so the test knows when all of them have been sent.
        var sessionTable = quiet.Simulator.Context.SessionTables.Get(MonitorKind.Connections, engine);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < 600; i++)
        {
            sessionTable.ApplyNextChange(now + i);
        }

        // Silence means every change was sent (a timed-out read also ends this socket, which is fine here).
        while (await socket.ReceiveTextAsync(TimeSpan.FromMilliseconds(700)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null) is { } text)
        {
            var message = JsonNode.Parse(text)!.AsObject();
            Assert.Equal(snapshot.FetchId, (int?)message["fetch"]);
            table.Apply(message);
        }

        Assert.True(table.Changes > snapshot.Records.Count + (filter is null ? 599 : 100), $"only {table.Changes} changes arrived");
        await using var second = await client.OpenSocketAsync("monitoring/session/socket");
        var now2 = await SessionSnapshot.FetchAsync(second, request);
        var expected = new ClientTable();
        now2.Messages.ForEach(expected.Apply);
        Assert.Equal(expected.Contents(), table.Contents());
    }

    [Fact]
    public async Task Without_the_marker_option_no_session_event_4_record_is_sent()
    {
        await using var simulator = await SmcSimulator.StartAsync(new SimulatorOptions { SessionChangesPerSecond = 0, Seed = 3 });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        await socket.SendAsync(SessionRequests.Query("VPN_SA", "fw-east"));
        Assert.Equal("Fetch started", (string?)(await socket.ReceiveAsync())!["success"]);
        var records = SessionRequests.Array((await socket.ReceiveAsync())!, "added");
        Assert.Equal(40, records.Count);
        Assert.DoesNotContain(records, r => SessionRequests.SessionEvent(r) == "4");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => socket.ReceiveTextAsync(TimeSpan.FromMilliseconds(700)));
    }

    [Fact]
    public async Task Abort_stops_the_stream_and_late_or_unknown_aborts_are_ignored()
    {
        using var client = await busy.LoginAsync();
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        var snapshot = await SessionSnapshot.FetchAsync(socket, SessionRequests.Query("USERS", "busy-abort"));
        await socket.ReceiveAsync(TimeSpan.FromSeconds(5));
        await socket.SendAsync($$"""{"abort": {{snapshot.FetchId}}}""");
        await socket.SendAsync("""{"abort": 12345}""");
        await socket.SendAsync($$"""{'abort': {{snapshot.FetchId}}}""");
        await socket.SendAsync(SessionRequests.Query("ROUTING", "busy-abort"));

        // Whatever was in flight for the aborted fetch arrives before the new fetch starts, never after.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var newFetch = (int?)null;
        var newRecords = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            var message = (await socket.ReceiveAsync(TimeSpan.FromSeconds(5)))!;
            if ((string?)message["success"] == "Fetch started")
            {
                newFetch = (int)message["fetch"]!;
                continue;
            }

            if (newFetch is not null)
            {
                Assert.Equal(newFetch, (int?)message["fetch"]);
                newRecords += SessionRequests.Array(message, "added").Count;
            }
        }

        Assert.NotNull(newFetch);
        Assert.True(newRecords >= 30);
    }
}
