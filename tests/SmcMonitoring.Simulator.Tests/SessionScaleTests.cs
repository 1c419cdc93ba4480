using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class SessionScaleTests
{
    private static SimulatorOptions Quiet(int seed, int connections = 2_000) => new()
    {
        Seed = seed,
        SessionChangesPerSecond = 0,
        SnapshotCompleteMarker = true,
        ConnectionsPerEngine = connections,
        LogEnd = SimulatorFixture.LogEnd,
    };

    [Fact]
    public async Task A_hundred_thousand_connections_stream_in_200_record_messages()
    {
        await using var simulator = await SmcSimulator.StartAsync(Quiet(5, 100_000));
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        var snapshot = await SessionSnapshot.FetchAsync(socket, SessionRequests.Query("CONNECTIONS", "fw-big"));
        Assert.Equal(100_000, snapshot.Records.Count);
        Assert.Equal(500, snapshot.Messages.Count);
        Assert.All(snapshot.Messages, m => Assert.Equal(200, SessionRequests.Array(m, "added").Count));
    }

    private static async Task<List<string>> SnapshotTextsAsync(int seed, string engine)
    {
        await using var simulator = await SmcSimulator.StartAsync(Quiet(seed));
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        var texts = new List<string>();
        foreach (var definition in new[] { "CONNECTIONS", "BLOCK_LIST", "ROUTING", "USERS", "SSLVPNV2", "VPN_SA", "ACTIVE_ALERTS", "NEIGHBORS" })
        {
            var snapshot = await SessionSnapshot.FetchAsync(socket, SessionRequests.Query(definition, engine));
            texts.AddRange(snapshot.Records.Select(r => r.ToJsonString().Replace(simulator.BaseUrl.GetLeftPart(UriPartial.Authority), "BASE", StringComparison.Ordinal)));
        }

        return texts;
    }

    [Fact]
    public async Task Rows_are_deterministic_per_seed_and_engine_name()
    {
        var first = await SnapshotTextsAsync(7, "fw-det");
        var second = await SnapshotTextsAsync(7, "fw-det");
        var otherEngine = await SnapshotTextsAsync(7, "fw-other");
        var otherSeed = await SnapshotTextsAsync(8, "fw-det");
        Assert.Equal(first, second);
        Assert.Equal(first.Count, otherEngine.Count);
        Assert.True(first.Zip(otherEngine).Count(p => p.First == p.Second) < first.Count / 100, "another engine has other rows");
        Assert.True(first.Zip(otherSeed).Count(p => p.First == p.Second) < first.Count / 100, "another seed gives other rows");
    }
}
