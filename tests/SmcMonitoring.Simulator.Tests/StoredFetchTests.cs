using System;
using System.Linq;
using System.Net.WebSockets;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class StoredFetchTests : IClassFixture<CookieSimulatorFixture>
{
    private readonly CookieSimulatorFixture fixture;

    public StoredFetchTests(CookieSimulatorFixture fixture)
    {
        this.fixture = fixture;
    }

    private static long EndMs => SimulatorFixture.LogEnd.ToUnixTimeMilliseconds();

    private async Task<FetchResult> FetchAsync(string request)
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenLogSocketAsync();
        return await socket.FetchAsync(request);
    }

    [Fact]
    public async Task Stored_fetch_starts_with_a_nonzero_id_streams_at_most_200_per_message_and_ends()
    {
        var fetch = await FetchAsync(Requests.Stored("{\"quantity\":450,\"backwards\":true}", "{\"type\":\"texts\",\"field_format\":\"id\"}"));
        Assert.Equal("Fetch started", (string?)fetch.First["success"]);
        Assert.NotEqual(0, fetch.FetchId);
        Assert.All(fetch.Messages, m => Assert.Equal(fetch.FetchId, (int?)m["fetch"]));
        Assert.Equal(new[] { 200, 200, 50 }, fetch.RecordMessages.Select(m => m.Count));
        Assert.Equal("end of data", (string?)fetch.Last["end"]);
        Assert.Equal(450, fetch.Records.Count);
    }

    [Fact]
    public async Task Without_quantity_every_stored_record_is_sent()
    {
        var fetch = await FetchAsync(Requests.Stored("{\"backwards\":true}", "{\"type\":\"raw\",\"field_ids\":[2]}"));
        Assert.Equal(1000, fetch.Records.Count);
        Assert.Equal(Enumerable.Range(0, 1000).Reverse().Select(i => (long)i), fetch.Records.Select(r => (long)r["Log ID"]!));
    }

    [Fact]
    public async Task Backwards_gives_newest_first_and_forwards_oldest_first()
    {
        var newest = await FetchAsync(Requests.Stored("{\"quantity\":5}", "{\"type\":\"raw\",\"field_format\":\"name\"}"));
        Assert.Equal(
            Enumerable.Range(0, 5).Select(i => EndMs - (i * 1000L)),
            newest.Records.Select(r => (long)r["Timestamp"]!));

        var oldest = await FetchAsync(Requests.Stored("{\"quantity\":5,\"backwards\":false}", "{\"type\":\"raw\",\"field_format\":\"name\"}"));
        Assert.Equal(
            Enumerable.Range(0, 5).Select(i => EndMs - (999 * 1000L) + (i * 1000L)),
            oldest.Records.Select(r => (long)r["Timestamp"]!));
    }

    [Fact]
    public async Task Time_window_bounds_are_inclusive()
    {
        var start = EndMs - 20_000;
        var end = EndMs - 10_000;
        var fetch = await FetchAsync(Requests.Stored("{\"backwards\":false}", "{\"type\":\"raw\",\"field_format\":\"name\"}", start: start, end: end));
        Assert.Equal(11, fetch.Records.Count);
        Assert.Equal(start, (long)fetch.Records[0]["Timestamp"]!);
        Assert.Equal(end, (long)fetch.Records[^1]["Timestamp"]!);

        var between = await FetchAsync(Requests.Stored("{}", "{\"type\":\"raw\"}", start: start + 1, end: start + 999));
        Assert.Empty(between.Records);
        Assert.Equal("end of data", (string?)between.Last["end"]);
    }

    [Fact]
    public async Task Quantity_zero_answers_the_fields_then_ends()
    {
        var fetch = await FetchAsync("""{"fetch": {"quantity": 0}, "format": {"type": "detailed", "field_ids": [1, 4, 7, 8, 99999]}, "query": {}}""");
        Assert.Equal(2, fetch.Messages.Count);
        var fields = fetch.First["fields"]!.AsArray();
        Assert.Equal(new[] { 1, 4, 7, 8 }, fields.Select(f => (int)f!["id"]!));
        Assert.Equal("end of data", (string?)fetch.Last["end"]);
        Assert.Empty(fetch.Records);
    }

    [Fact]
    public async Task Late_abort_is_ignored_and_the_socket_serves_a_second_query()
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenLogSocketAsync();
        var first = await socket.FetchAsync(Requests.Stored("{\"quantity\":3}"));
        await socket.SendAsync($$"""{"abort": {{first.FetchId}}}""");
        await socket.SendAsync("""{"abort": 12345}""");
        var second = await socket.FetchAsync(Requests.Stored("{\"quantity\":4}"));
        Assert.Equal(4, second.Records.Count);
        Assert.Equal("end of data", (string?)second.Last["end"]);
    }

    [Fact]
    public async Task Query_alone_is_remembered_and_a_later_fetch_runs_it()
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenLogSocketAsync();
        await socket.SendAsync("""{"query": {"type": "stored"}, "format": {"type": "texts", "field_format": "name"}}""");
        Assert.Equal("No fetch", (string?)(await socket.ReceiveAsync())!["success"]);
        var fetch = await socket.FetchAsync("""{"fetch": {"quantity": 2}}""");
        Assert.Equal(2, fetch.Records.Count);
        Assert.True(fetch.Records[0].ContainsKey("Src"));
    }

    [Theory]
    [InlineData("{not json", "invalid JSON")]
    [InlineData("""{"query": {"type": "history"}, "fetch": {}}""", "unknown query type 'history'")]
    [InlineData("""{"query": {}, "fetch": {}, "format": {"type": "texts", "field_format": "label"}}""", "unknown field_format 'label'")]
    [InlineData("""{"query": {"filter": {"type": "xor", "values": []}}, "fetch": {}}""", "unknown filter type 'xor'")]
    [InlineData("""{"fetch": {"quantity": 1}}""", "send the query first")]
    [InlineData("""{"hello": 1}""", "unknown request")]
    public async Task Invalid_requests_answer_a_failure_and_the_socket_stays_usable(string request, string reason)
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenLogSocketAsync();
        await socket.SendAsync(request);
        Assert.Contains(reason, (string?)(await socket.ReceiveAsync())!["failure"]);
        Assert.Single((await socket.FetchAsync(Requests.Stored("{\"quantity\":1}"))).Records);
    }

    [Fact]
    public async Task Message_over_8192_characters_closes_with_1009_and_the_tomcat_reason()
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenLogSocketAsync();
        var padded = Requests.Stored("{\"quantity\":1}");
        var exactlyAtLimit = padded.Insert(1, new string(' ', 8192 - padded.Length));
        Assert.Equal(8192, exactlyAtLimit.Length);
        Assert.Single((await socket.FetchAsync(exactlyAtLimit)).Records);

        await socket.SendAsync(padded.Insert(1, new string(' ', 8193 - padded.Length)));
        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.Socket.CloseStatus);
        Assert.Equal(
            "The decoded text message was too big for the output buffer and the endpoint does not support partial messages",
            socket.Socket.CloseStatusDescription);
    }

    [Fact]
    public async Task Stored_queries_send_statistics_right_before_end()
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenLogSocketAsync();
        var all = await socket.FetchAsync(Requests.Stored("{\"quantity\":450}"));
        var statistics = all.Messages[^2]["statistics"]!;
        Assert.Equal(all.FetchId, (int?)all.Messages[^2]["fetch"]);
        Assert.Equal((450, 450), ((long)statistics["scanned"]!, (long)statistics["matched"]!));
        Assert.True((long)statistics["duration_ms"]! >= 0);

        var filtered = await socket.FetchAsync(Requests.Filtered("""{"type":"in","left":{"type":"field","id":11},"right":[{"type":"string","value":"UDP"}]}""", quantity: 10));
        var counts = filtered.Messages[^2]["statistics"]!;
        Assert.Equal(10, (long)counts["matched"]!);
        Assert.True((long)counts["scanned"]! > 10);
    }
}
