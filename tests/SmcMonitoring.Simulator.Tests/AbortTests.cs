using System;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class AbortTests : IClassFixture<LargeSimulatorFixture>
{
    private readonly LargeSimulatorFixture fixture;

    public AbortTests(LargeSimulatorFixture fixture)
    {
        this.fixture = fixture;
    }

    [Theory]
    [InlineData("{{\"abort\": {0}}}")]
    [InlineData("{{'abort': {0}}}")]
    public async Task Abort_mid_stream_stops_the_fetch_and_the_socket_serves_the_next_query(string abortTemplate)
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenLogSocketAsync();
        await socket.SendAsync(Requests.Stored(fetch: "{\"backwards\":true}"));
        var started = (await socket.ReceiveAsync())!;
        var fetchId = (int)started["fetch"]!;
        while (!(await socket.ReceiveAsync())!.ContainsKey("records"))
        {
        }

        await socket.SendAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, abortTemplate, fetchId));
        await socket.SendAsync(Requests.Stored("{\"quantity\":3}"));

        // Whatever was already in flight for the aborted fetch arrives first; it must never reach its end.
        var recordsAfterAbort = 0;
        while (true)
        {
            var message = (await socket.ReceiveAsync())!;
            if ((int?)message["fetch"] != fetchId)
            {
                Assert.Equal("Fetch started", (string?)message["success"]);
                break;
            }

            Assert.False(message.ContainsKey("end"), "the aborted fetch reached its end");
            recordsAfterAbort += message["records"]?.AsArray().Count ?? 0;
        }

        Assert.True(recordsAfterAbort < 100_000, $"{recordsAfterAbort} records arrived after the abort");
        var second = await socket.ReadFetchAsync();
        Assert.Equal(3, second.Records.Count);
        Assert.Equal("end of data", (string?)second.Last["end"]);
        Assert.Null(await ReceiveOrNothingAsync(socket));
    }

    [Fact]
    public async Task Filtered_quantity_counts_matching_records_across_a_long_scan()
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenLogSocketAsync();
        var fetch = await socket.FetchAsync(Requests.Filtered("""{"type":"in","left":{"type":"field","id":602},"right":[{"type":"constant","value":10}]}""", quantity: 300));
        Assert.Equal(300, fetch.Records.Count);
        Assert.All(fetch.Records, r => Assert.Equal("Critical", (string?)r["AlertSeverity"]));
    }

    private static async Task<string?> ReceiveOrNothingAsync(TestSocket socket)
    {
        try
        {
            return await socket.ReceiveTextAsync(TimeSpan.FromMilliseconds(300));
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
