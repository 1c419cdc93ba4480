using System;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Stop_closes_open_sockets_with_1001_and_releases_the_port()
    {
        var simulator = await SmcSimulator.StartAsync(new SimulatorOptions { LogRecords = 10, LiveRecordsPerSecond = 1000 });
        var port = simulator.BaseUrl.Port;
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        await socket.SendAsync(Requests.Live());
        Assert.Equal("Fetch started", (string?)(await socket.ReceiveAsync())!["success"]);

        var clock = Stopwatch.StartNew();
        var stopping = simulator.StopAsync();
        while (await socket.ReceiveAsync() is not null)
        {
        }

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.Socket.CloseStatus);
        await socket.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, default);
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {clock.Elapsed}");
        await simulator.DisposeAsync();

        await using var again = await SmcSimulator.StartAsync(new SimulatorOptions { Port = port });
        Assert.Equal(port, again.BaseUrl.Port);
    }

    [Fact]
    public async Task A_client_that_closes_without_reading_is_cut_off_after_a_grace_period()
    {
        var simulator = await SmcSimulator.StartAsync(new SimulatorOptions { LogRecords = 2_000_000 });
        try
        {
            using var client = await SmcTestClient.LoginAsync(simulator);
            await using var socket = await client.OpenLogSocketAsync();
            await socket.SendAsync(Requests.Stored(fetch: "{}"));
            await socket.ReceiveAsync();
            await socket.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, default);

            // The fetch is stuck sending into full buffers; after the 5 s grace the simulator drops the connection.
            await Task.Delay(TimeSpan.FromSeconds(7));
            var clock = Stopwatch.StartNew();
            await simulator.StopAsync();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"stopping took {clock.Elapsed}: the socket was still held");
            socket.Socket.Abort();
        }
        finally
        {
            await simulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task Invalid_options_are_refused_before_listening()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => SmcSimulator.StartAsync(new SimulatorOptions { LogInterval = TimeSpan.FromTicks(5) }));
        Assert.Contains("LogInterval", error.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => SmcSimulator.StartAsync(new SimulatorOptions { ApiVersions = Array.Empty<string>() }));
        var size = await Assert.ThrowsAsync<ArgumentException>(() => SmcSimulator.StartAsync(new SimulatorOptions { ConnectionsPerEngine = -1 }));
        Assert.Contains("ConnectionsPerEngine", size.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => SmcSimulator.StartAsync(new SimulatorOptions { SessionChangesPerSecond = double.NaN }));
    }

    [Theory]
    [InlineData("PathBase", "SimulatorOptions.PathBase is 'smc/': expected empty, or a path such as /smc (no trailing slash).")]
    [InlineData("SnapshotBatchGapMs", "SimulatorOptions.SnapshotBatchGapMs is '-1': expected 0 (none) or more milliseconds.")]
    [InlineData("ArchiveStatusEveryMs", "SimulatorOptions.ArchiveStatusEveryMs is '-1': expected 0 (silence) or more milliseconds.")]
    [InlineData("EmptySnapshot", "SimulatorOptions.EmptySnapshot is '7': expected EmptyMessage or Nothing.")]
    public async Task Invalid_mode_options_are_refused_naming_the_option_and_the_value(string option, string message)
    {
        var options = option switch
        {
            "PathBase" => new SimulatorOptions { PathBase = "smc/" },
            "SnapshotBatchGapMs" => new SimulatorOptions { SnapshotBatchGapMs = -1 },
            "ArchiveStatusEveryMs" => new SimulatorOptions { ArchiveStatusEveryMs = -1 },
            _ => new SimulatorOptions { EmptySnapshot = (EmptySnapshotAnswer)7 },
        };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => SmcSimulator.StartAsync(options));
        Assert.StartsWith(message, error.Message);
    }
}
