using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

/// <summary>Upgrades a hostile server mishandles: never answered, redirected elsewhere, or frozen after a while.</summary>
public sealed class HostileUpgradeTests
{
    private static Task<SmcSimulator> StartAsync(SimulatorFaults? faults = null) => SmcSimulator.StartAsync(new SimulatorOptions
    {
        LogRecords = 1000,
        LogEnd = SimulatorFixture.LogEnd,
        SessionChangesPerSecond = 0,
        NotificationsPerSecond = 0,
        Faults = faults ?? new SimulatorFaults(),
    });

    private static JsonNode Note(SmcSimulator simulator, string what) =>
        JsonNode.Parse(simulator.Requests.Single(r => r.Kind == "simulator" && r.Method == what).Body!)!;

    [Fact]
    public async Task An_upgrade_never_answered_hangs_until_the_client_gives_up_while_rest_still_works()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { UpgradeNeverAnswered = true });
        using var client = await SmcTestClient.LoginAsync(simulator);
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", $"JSESSIONID={client.SessionCookie}");
        using var giveUp = new CancellationTokenSource();
        var connect = socket.ConnectAsync(client.SocketUri("monitoring/log/socket"), giveUp.Token);
        Assert.True(SpinWait.SpinUntil(() => simulator.Requests.Any(r => r.Method == "upgrade-held"), TimeSpan.FromSeconds(10)), "the upgrade never arrived");
        await client.GetJsonAsync("/7.1/system");
        await Task.Delay(300);
        Assert.False(connect.IsCompleted, "the upgrade was answered");
        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connect);
        Assert.True(SpinWait.SpinUntil(() => simulator.Requests.Any(r => r.Method == "upgrade-released"), TimeSpan.FromSeconds(5)), "the simulator kept holding the upgrade");

        var held = Note(simulator, "upgrade-held");
        Assert.Equal((true, false, false), ((bool)held["cookie"]!, (bool)held["authorization"]!, (bool)held["subprotocol"]!));
        Assert.Equal("client", (string?)Note(simulator, "upgrade-released")["by"]);

        simulator.Faults.UpgradeNeverAnswered = false;
        await using var working = await client.OpenLogSocketAsync();
        Assert.Equal(3, (await working.FetchAsync(Requests.Stored("{\"quantity\":3}"))).Records.Count);
    }

    [Fact]
    public async Task A_held_upgrade_does_not_keep_the_simulator_from_stopping()
    {
        var simulator = await StartAsync(new SimulatorFaults { UpgradeNeverAnswered = true });
        using var client = await SmcTestClient.LoginAsync(simulator);
        var connecting = RawWebSocket.ConnectAsync(client.SocketUri("monitoring/log/socket"), $"Cookie: JSESSIONID={client.SessionCookie}");
        Assert.True(SpinWait.SpinUntil(() => simulator.Requests.Any(r => r.Method == "upgrade-held"), TimeSpan.FromSeconds(5)));
        var clock = Stopwatch.StartNew();
        await simulator.StopAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4.5), $"stopping took {clock.Elapsed}, as long as a shutdown that waits out its 5 s");
        await Assert.ThrowsAnyAsync<System.IO.IOException>(() => connecting);
        Assert.Equal("simulator stop", (string?)Note(simulator, "upgrade-released")["by"]);
    }

    [Theory]
    [InlineData(307)]
    [InlineData(302)]
    public async Task A_redirected_upgrade_points_elsewhere_and_leaves_a_note_of_the_credentials_it_carried(int status)
    {
        await using var listener = HeaderRecordingListener.Start(IPAddress.Parse("127.0.0.2"));
        var target = $"ws://{listener.Url.Authority}/7.1/monitoring/log/socket";
        await using var simulator = await StartAsync(new SimulatorFaults { RedirectUpgradeTo = target, RedirectUpgradeStatus = status });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var redirected = await RawWebSocket.ConnectAsync(client.SocketUri("monitoring/log/socket"), $"Cookie: JSESSIONID={client.SessionCookie}");
        Assert.Equal(status, redirected.Status);
        Assert.Equal(target, redirected.Header("Location"));
        var note = Note(simulator, "upgrade-redirected");
        Assert.Equal((status, target, true, false), ((int)note["status"]!, (string?)note["location"], (bool)note["cookie"]!, (bool)note["authorization"]!));

        // REST is not redirected.
        await client.GetJsonAsync("/7.1/system");
        Assert.Empty(listener.Requests);
    }

    [Fact]
    public async Task The_header_recording_listener_tells_which_credentials_arrived_without_keeping_them()
    {
        await using var listener = HeaderRecordingListener.Start(IPAddress.Parse("127.0.0.2"));
        Assert.Equal("127.0.0.2", listener.Url.Host);
        await using (var follower = await RawWebSocket.ConnectAsync(new Uri(listener.Url, "/7.1/monitoring/log/socket"), "Cookie: JSESSIONID=secret-cookie", "Sec-WebSocket-Protocol: access_token,secret-token"))
        {
            Assert.Equal(403, follower.Status);
        }

        using (var http = new HttpClient())
        {
            using var plain = await http.GetAsync(new Uri(listener.Url, "/plain"));
            Assert.Equal(HttpStatusCode.Forbidden, plain.StatusCode);
        }

        var requests = listener.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(("GET", "/7.1/monitoring/log/socket"), (requests[0].Method, requests[0].Target));
        Assert.True(requests[0].Has("cookie"));
        Assert.True(requests[0].Has("Sec-WebSocket-Protocol"));
        Assert.False(requests[0].Has("Authorization"));
        Assert.DoesNotContain(requests.SelectMany(r => r.Headers), h => h.Value.Contains("secret", StringComparison.Ordinal));
        Assert.Equal("/plain", requests[1].Target);
        Assert.False(requests[1].Has("Cookie"));
        Assert.Throws<ArgumentException>(() => HeaderRecordingListener.Start(IPAddress.Parse("192.0.2.1")));
    }

    [Fact]
    public async Task A_frozen_socket_sends_nothing_more_and_answers_no_ping()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { FreezeAfterMessages = 3 });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await TestSocket.ConnectAsync(client.SocketUri("monitoring/log/socket"), options =>
        {
            options.SetRequestHeader("Cookie", $"JSESSIONID={client.SessionCookie}");
            options.KeepAliveInterval = TimeSpan.FromMilliseconds(100);
            options.KeepAliveTimeout = TimeSpan.FromMilliseconds(400);
        });
        await socket.SendAsync(Requests.Stored("{\"quantity\":1000}"));
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await socket.ReceiveAsync());
        }

        // The client's keep-alive gives up when no pong comes: long before the read's own 30 s timeout.
        var clock = Stopwatch.StartNew();
        var failure = await Record.ExceptionAsync(() => socket.ReceiveAsync(TimeSpan.FromSeconds(30)));
        Assert.True(failure is WebSocketException or OperationCanceledException, $"unexpected {failure}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the missing pong went unnoticed for {clock.Elapsed}");
        Assert.Equal(WebSocketState.Aborted, socket.Socket.State);
        Assert.Equal(3, (int)Note(simulator, "fault")["value"]!);

        simulator.Faults.FreezeAfterMessages = 0;
        await using var fresh = await client.OpenLogSocketAsync();
        Assert.Equal(5, (await fresh.FetchAsync(Requests.Stored("{\"quantity\":5}"))).Records.Count);
    }

    [Fact]
    public async Task Without_a_freeze_the_same_keep_alive_client_stays_connected_through_a_slow_fetch()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { DelayMs = 120 });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await TestSocket.ConnectAsync(client.SocketUri("monitoring/log/socket"), options =>
        {
            options.SetRequestHeader("Cookie", $"JSESSIONID={client.SessionCookie}");
            options.KeepAliveInterval = TimeSpan.FromMilliseconds(100);
            options.KeepAliveTimeout = TimeSpan.FromMilliseconds(400);
        });
        var clock = Stopwatch.StartNew();
        Assert.Equal(1000, (await socket.FetchAsync(Requests.Stored("{\"quantity\":1000}"))).Records.Count);
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(0.9), $"the fetch took only {clock.Elapsed}: too short to outlast two keep-alive timeouts");
        Assert.Equal(WebSocketState.Open, socket.Socket.State);
    }

    [Fact]
    public async Task A_frozen_socket_does_not_keep_the_simulator_from_stopping()
    {
        var simulator = await StartAsync(new SimulatorFaults { FreezeAfterMessages = 2 });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        await socket.SendAsync(Requests.Stored("{\"quantity\":1000}"));
        await socket.ReceiveAsync();
        await socket.ReceiveAsync();
        var clock = Stopwatch.StartNew();
        await simulator.StopAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4.5), $"stopping took {clock.Elapsed}, as long as a shutdown that waits out its 5 s");
    }
}
