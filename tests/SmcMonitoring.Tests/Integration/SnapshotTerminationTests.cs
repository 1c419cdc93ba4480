using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using SmcMonitoring.Records;
using SmcMonitoring.Simulator;
using SmcMonitoring.Tests.Unit;
using Xunit;

namespace SmcMonitoring.Tests.Integration;

/// <summary>A snapshot ends on a busy engine, a quiet engine and with the 'all sent' marker; old SMCs get BLACKLIST.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class SnapshotTerminationTests
{
    private readonly SimulatorFixture _fixture;

    public SnapshotTerminationTests(SimulatorFixture fixture) => _fixture = fixture;

    private async Task<(List<SmcConnection> Rows, TimeSpan Elapsed, SmcSimulator Simulator)> SnapshotAsync(SimulatorOptions options, string command = "Get-SmcConnection -Engine fw-east")
    {
        options.ApiKey = "snapshot-key-1234";
        var simulator = await SmcSimulator.StartAsync(options);
        await using var _ = simulator;
        var clock = Stopwatch.StartNew();
        var output = _fixture.Host.RunClean($"$s = Connect-SmcSession -Url $url -ApiKey $key; try {{ {command} -Session $s }} finally {{ Disconnect-SmcSession $s }}",
            new Dictionary<string, object?> { ["url"] = simulator.BaseUrl.ToString(), ["key"] = simulator.ApiKey });
        return (output.Select(o => o.BaseObject).OfType<SmcConnection>().ToList(), clock.Elapsed, simulator);
    }

    [Fact]
    public async Task A_busy_engine_ends_at_the_first_change_with_the_whole_table()
    {
        var (rows, elapsed, _) = await SnapshotAsync(new SimulatorOptions { ConnectionsPerEngine = 1500, SessionChangesPerSecond = 50 });
        Assert.Equal(1500, rows.Count);
        Assert.All(rows, r => Assert.Equal(true, r["FirstFetch"]));
        // Ended by the first change, long before the 60 s overall timeout.
        Assert.True(elapsed < TimeSpan.FromSeconds(45), $"the snapshot took {elapsed}");
    }

    [Fact]
    public async Task A_quiet_engine_ends_after_silence()
    {
        var (rows, elapsed, _) = await SnapshotAsync(new SimulatorOptions { ConnectionsPerEngine = 300, SessionChangesPerSecond = 0 });
        Assert.Equal(300, rows.Count);
        Assert.True(elapsed < TimeSpan.FromSeconds(45), $"the snapshot took {elapsed}");
    }

    [Fact]
    public async Task The_all_sent_marker_ends_a_snapshot_and_is_not_a_row()
    {
        var (rows, _, _) = await SnapshotAsync(new SimulatorOptions { ConnectionsPerEngine = 250, SessionChangesPerSecond = 0, SnapshotCompleteMarker = true }, "Get-SmcConnection -Engine fw-east -InactivityTimeoutSec 50");
        Assert.Equal(250, rows.Count);
    }

    [Fact]
    public async Task Smc_older_than_7_gets_the_blacklist_definition()
    {
        var simulator = await SmcSimulator.StartAsync(new SimulatorOptions { ApiKey = "old-smc-key-1234", ProductVersion = "6.10.1 [10086]" });
        await using var _ = simulator;
        var output = _fixture.Host.RunClean("$s = Connect-SmcSession -Url $url -ApiKey $key; try { Get-SmcBlocklist -Engine fw-east -Session $s } finally { Disconnect-SmcSession $s }",
            new Dictionary<string, object?> { ["url"] = simulator.BaseUrl.ToString(), ["key"] = simulator.ApiKey });
        var query = simulator.Requests.Last(r => r.Kind == "ws" && r.Body != null && r.Body.Contains("\"query\"")).Body!;
        LogQueryJsonTests.AssertGolden("monitor-blacklist.json", query);
        var entries = output.Select(o => o.BaseObject).OfType<SmcBlocklistEntry>().ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Contains("/block_list/", (string)e["Href"]!));
    }
}
