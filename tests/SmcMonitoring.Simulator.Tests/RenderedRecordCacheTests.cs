using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Formats;
using SmcMonitoring.Simulator.Records;
using SmcMonitoring.Simulator.Sessions;
using SmcMonitoring.Simulator.Sessions.Monitors;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

/// <summary>--cache-rendered-records changes how fast the simulator answers, never what it answers.</summary>
public sealed class RenderedRecordCacheTests
{
    private static readonly string[] Snapshots =
    {
        // Each twice: the first fills the cache, the second is copied from it.
        SessionRequests.Query("CONNECTIONS"),
        SessionRequests.Query("CONNECTIONS"),
        SessionRequests.Query("CONNECTIONS", format: "{\"type\":\"texts\",\"field_format\":\"name\",\"field_ids\":[6,7,8],\"resolving\":{\"timezone\":\"Europe/Helsinki\"}}"),
        SessionRequests.Query("BLOCK_LIST", format: SessionRequests.CombinedBlockListFormat),
        SessionRequests.Query("BLOCK_LIST", format: SessionRequests.CombinedBlockListFormat),
        SessionRequests.Query("BLACKLIST", format: SessionRequests.CombinedBlockListFormat),
        SessionRequests.Query("VPN_SA"),
        SessionRequests.Query("VPN_SA"),
        SessionRequests.Query("ACTIVE_ALERTS", "Shared Domain"),
    };

    private static async Task<List<string>> SnapshotMessagesAsync(bool cache)
    {
        await using var simulator = await SmcSimulator.StartAsync(new SimulatorOptions
        {
            Seed = 5, LogEnd = SimulatorFixture.LogEnd, SessionChangesPerSecond = 0, SnapshotCompleteMarker = true, ConnectionsPerEngine = 700, CacheRenderedRecords = cache,
        });
        using var client = await SmcTestClient.LoginAsync(simulator);
        var texts = new List<string>();
        foreach (var request in Snapshots)
        {
            await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
            var snapshot = await SessionSnapshot.FetchAsync(socket, request);

            // The marker's message carries the time it was sent, and hrefs the simulator's port; the rest must be
            // byte-identical.
            texts.AddRange(snapshot.Messages.Select(m => m.ToJsonString().Replace(simulator.BaseUrl.GetLeftPart(System.UriPartial.Authority), "BASE", System.StringComparison.Ordinal)));
        }

        return texts;
    }

    [Fact]
    public async Task Snapshots_from_the_row_cache_equal_rendered_snapshots()
    {
        var rendered = await SnapshotMessagesAsync(cache: false);
        var cached = await SnapshotMessagesAsync(cache: true);
        Assert.True(rendered.Count >= 12, $"only {rendered.Count} messages");
        Assert.Equal(rendered, cached);
    }

    [Fact]
    public void A_row_whose_version_moved_on_is_rendered_again()
    {
        var cache = new RenderedRowCache();
        var monitor = new RoutingMonitor();
        var record = new RecordBuffer(monitor.Shape);
        var writer = new RecordWriter(RecordFormat.Default, monitor.Shape);
        var row = new SessionRow(7, 0, 1000, 1000);

        Assert.False(cache.TryGet(row, out _));
        var json = cache.Render(row, writer, record, new NoKeys());
        Assert.True(cache.TryGet(row, out var kept));
        Assert.Equal(json, kept);
        Assert.False(cache.TryGet(row with { Version = 1 }, out _));
        Assert.False(cache.TryGet(row with { Id = 8 }, out _));
    }

    private sealed class NoKeys : IRecordKeys
    {
        public void WriteFieldKeys(System.Text.Json.Utf8JsonWriter writer)
        {
        }

        public void WriteRecordKeys(System.Text.Json.Utf8JsonWriter writer)
        {
        }
    }
}
