using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class LiveFetchTests : IClassFixture<CookieSimulatorFixture>
{
    private readonly CookieSimulatorFixture fixture;

    public LiveFetchTests(CookieSimulatorFixture fixture)
    {
        this.fixture = fixture;
    }

    [Fact]
    public async Task Live_query_pushes_new_records_until_aborted()
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenLogSocketAsync();
        await socket.SendAsync(Requests.Live("{\"type\":\"raw\",\"field_format\":\"name\"}"));
        var started = (await socket.ReceiveAsync())!;
        var fetchId = (int)started["fetch"]!;
        Assert.NotEqual(0, fetchId);

        var records = new System.Collections.Generic.List<JsonObject>();
        while (records.Count < 20)
        {
            var message = (await socket.ReceiveAsync(TimeSpan.FromSeconds(5)))!;
            Assert.Equal(fetchId, (int?)message["fetch"]);
            Assert.False(message.ContainsKey("end"));
            records.AddRange(message["records"]!.AsArray().Select(r => r!.AsObject()));
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.All(records, r => Assert.InRange((long)r["Timestamp"]!, now - 10_000, now + 1_000));
        Assert.All(records, r => Assert.True((long)r["LogId"]! >= 1000, "live records continue after the stored ones"));
        Assert.Equal(records.Count, records.Select(r => (long)r["LogId"]!).Distinct().Count());

        await socket.SendAsync($$"""{"abort": {{fetchId}}}""");
        await Task.Delay(300);
        var stored = await socket.FetchAsync(Requests.Stored("{\"quantity\":1}"));
        // Messages the live fetch sent before the server handled the abort may still wait in the client's buffer; they
        // come first. From the stored fetch's first message on, the socket handled the abort: nothing more of the live fetch.
        var storedStart = stored.Messages.FindIndex(m => (int?)m["fetch"] != fetchId);
        Assert.True(storedStart >= 0, "the stored fetch answered");
        Assert.All(stored.Messages.Take(storedStart), m => Assert.True(m.ContainsKey("records"), "only records of the live fetch precede the stored fetch"));
        Assert.All(stored.Messages.Skip(storedStart), m => Assert.NotEqual(fetchId, (int?)m["fetch"]));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => socket.ReceiveTextAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Live_query_applies_the_filter()
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenLogSocketAsync();
        await socket.SendAsync(Requests.Live(filter: """{"type": "in", "left": {"type": "field", "id": 11}, "right": [{"type": "string", "value": "UDP"}]}"""));
        await socket.ReceiveAsync();
        var message = (await socket.ReceiveAsync(TimeSpan.FromSeconds(5)))!;
        Assert.All(message["records"]!.AsArray(), r => Assert.Equal("UDP", (string?)r!["Protocol"]));
    }
}
