using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

/// <summary>Block-list entries POSTed and flushed by REST change the table the BLOCK_LIST monitor serves (docs/protocol.md 2.10a).</summary>
public sealed class BlockListWriteTests : IClassFixture<EngineSimulatorFixture>
{
    private const string HostToAny = """{"end_point1":{"address_mode":"address","ip_network":"198.51.100.7/32"},"end_point2":{"address_mode":"any"},"duration":3600}""";
    private const string NetworkToPort = """{"end_point1":{"address_mode":"address","ip_network":"203.0.113.0/24"},"end_point2":{"address_mode":"address","ip_network":"10.1.2.3/32","port1":22,"port2":22,"port_mode":"predefined_tcp"},"duration":600}""";
    private const string UdpRange = """{"end_point1":{"address_mode":"any","port1":1000,"port2":1500,"port_mode":"predefined_udp"},"end_point2":{"address_mode":"address","ip_network":"2001:db8::/32"},"duration":60}""";

    private readonly EngineSimulatorFixture fixture;

    public BlockListWriteTests(EngineSimulatorFixture fixture)
    {
        this.fixture = fixture;
    }

    [Fact]
    public async Task Posted_entries_reach_a_watching_fetch_as_added_rows_with_their_values()
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        var before = await SessionSnapshot.FetchAsync(socket, SessionRequests.Query("BLOCK_LIST", "add-1"));
        var link = await LinkAsync(client, "add-1", "block_list");

        using (var response = await client.Http.PostAsync(link, SmcTestClient.Json($$"""{"entries":[{{HostToAny}},{{NetworkToPort}},{{UdpRange}}]}""")))
        {
            Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        }

        var added = await AddedAsync(socket, 3);
        Assert.All(added, r => Assert.Equal("1", SessionRequests.SessionEvent(r)));
        Assert.All(added, r => Assert.False(SessionRequests.FirstFetch(r)));
        Assert.Equal(("198.51.100.7", "32", "0.0.0.0", "0", "3600"), Row(added[0]));
        Assert.Null(added[0]["122"]);
        Assert.Equal(("203.0.113.0", "24", "10.1.2.3", "32", "600"), Row(added[1]));
        Assert.Equal(("TCP", "22"), ((string?)added[1]["122"], (string?)added[1]["125"]));
        Assert.Null(added[1]["126"]);
        Assert.Equal(("UDP", "1000", "1500"), ((string?)added[2]["122"], (string?)added[2]["123"], (string?)added[2]["124"]));
        Assert.Equal("2001:db8::", (string?)added[2]["120"]);

        await using var other = await client.OpenSocketAsync("monitoring/session/socket");
        var after = await SessionSnapshot.FetchAsync(other, SessionRequests.Query("BLOCK_LIST", "add-1"));
        Assert.Equal(before.Records.Count + 3, after.Records.Count);
    }

    [Fact]
    public async Task A_flush_deletes_every_row_and_the_watcher_sees_each_one_deleted()
    {
        using var client = await fixture.LoginAsync("6.10");
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        var before = await SessionSnapshot.FetchAsync(socket, SessionRequests.Query("BLACKLIST", "flush-1"));
        Assert.NotEmpty(before.Records);

        using (var response = await client.Http.DeleteAsync(await LinkAsync(client, "flush-1", "flush_blacklist")))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        var deleted = await ChangesAsync(socket, "deleted", before.Records.Count);
        Assert.Equal(before.Records.Select(SessionRequests.DeltaKey).OrderBy(k => k), deleted.Select(SessionRequests.DeltaKey).OrderBy(k => k));
        await using var other = await client.OpenSocketAsync("monitoring/session/socket");
        Assert.Empty((await SessionSnapshot.FetchAsync(other, SessionRequests.Query("BLACKLIST", "flush-1"))).Records);
    }

    [Fact]
    public async Task A_global_entry_lands_on_every_listed_engine()
    {
        using var client = await fixture.LoginAsync();
        var system = await client.GetJsonAsync("/7.1/system");
        var link = (string)system["link"]!.AsArray().Single(l => (string?)l!["rel"] == "block_list")!["href"]!;
        var entry = """{"end_point1":{"address_mode":"address","ip_network":"192.0.2.66/32"},"end_point2":{"address_mode":"any"},"duration":86400}""";
        using (var response = await client.Http.PostAsync(link, SmcTestClient.Json($$"""{"entries":[{{entry}}]}""")))
        {
            Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        }

        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        foreach (var engine in new[] { "global-1", "global-2", "cluster-1" })
        {
            var snapshot = await SessionSnapshot.FetchAsync(socket, SessionRequests.Query("BLOCK_LIST", engine));
            Assert.Contains(snapshot.Records, r => (string?)r["118"] == "192.0.2.66");
        }
    }

    [Fact]
    public async Task Up_to_api_6_3_a_body_is_one_bare_entry()
    {
        using var client = await fixture.LoginAsync("6.3");
        var link = await LinkAsync(client, "old-api", "blacklist");
        using (var wrapped = await client.Http.PostAsync(link, SmcTestClient.Json($$"""{"entries":[{{HostToAny}}]}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrapped.StatusCode);
        }

        using var bare = await client.Http.PostAsync(link, SmcTestClient.Json(HostToAny));
        Assert.True(bare.IsSuccessStatusCode, $"HTTP {(int)bare.StatusCode}");
    }

    [Theory]
    [InlineData(HostToAny, "entries")]
    [InlineData("""{"entries":[]}""", "at least one entry")]
    [InlineData("""{"entries":[{"end_point1":{"address_mode":"address","ip_network":"10.1.2.3"},"end_point2":{"address_mode":"any"},"duration":60}]}""", "CIDR")]
    [InlineData("""{"entries":[{"end_point1":{"address_mode":"some"},"end_point2":{"address_mode":"any"},"duration":60}]}""", "address_mode")]
    [InlineData("""{"entries":[{"end_point1":{"address_mode":"any","port1":80,"port2":80},"end_point2":{"address_mode":"any"},"duration":60}]}""", "port_mode")]
    [InlineData("""{"entries":[{"end_point1":{"address_mode":"any","port1":90,"port2":80,"port_mode":"predefined_tcp"},"end_point2":{"address_mode":"any"},"duration":60}]}""", "port2")]
    [InlineData("""{"entries":[{"end_point1":{"address_mode":"any"},"end_point2":{"address_mode":"any"},"duration":0}]}""", "duration")]
    [InlineData("""{"entries":[{"end_point1":{"address_mode":"any"},"duration":60}]}""", "end_point2")]
    public async Task Entries_the_smc_cannot_take_are_refused_with_its_error_body(string body, string detail)
    {
        using var client = await fixture.LoginAsync();
        using var response = await client.Http.PostAsync(await LinkAsync(client, "add-2", "block_list"), SmcTestClient.Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("0", (string?)error["status"]);
        Assert.Contains(detail, (string?)error["details"]![0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6.10", "block_list")]
    [InlineData("7.1", "blacklist")]
    public async Task The_block_list_link_of_the_other_api_version_is_not_found(string version, string rel)
    {
        using var client = await fixture.LoginAsync(version);
        var engine = await EngineTests.EngineHrefAsync(client, "add-2");
        using var response = await client.Http.PostAsync($"{engine}/{rel}", SmcTestClient.Json($$"""{"entries":[{{HostToAny}}]}"""));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Refused_writes_answer_403_with_the_smc_error_body_and_change_nothing()
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        var before = await SessionSnapshot.FetchAsync(socket, SessionRequests.Query("BLOCK_LIST", "fw-east"));
        var link = await LinkAsync(client, "fw-east", "block_list");
        var flush = await LinkAsync(client, "fw-east", "flush_block_list");
        fixture.Simulator.Faults.RefuseWrites = true;
        try
        {
            foreach (var request in new[]
            {
                new HttpRequestMessage(HttpMethod.Post, link) { Content = SmcTestClient.Json($$"""{"entries":[{{HostToAny}}]}""") },
                new HttpRequestMessage(HttpMethod.Delete, flush),
                new HttpRequestMessage(HttpMethod.Delete, (string)before.Records[0]["block_list_href"]!),
            })
            {
                using var response = await client.Http.SendAsync(request);
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
                var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
                Assert.Equal(new[] { "details", "message", "status" }, error.Select(p => p.Key));
                Assert.Equal("0", (string?)error["status"]);
                Assert.Contains("simulator-api-client", (string?)error["details"]![0]);
            }

            Assert.NotEmpty((await client.GetJsonAsync("/7.1/elements?filter_context=engine_clusters"))["result"]!.AsArray());
        }
        finally
        {
            fixture.Simulator.Faults.RefuseWrites = false;
        }

        await using var other = await client.OpenSocketAsync("monitoring/session/socket");
        Assert.Equal(before.Records.Count, (await SessionSnapshot.FetchAsync(other, SessionRequests.Query("BLOCK_LIST", "fw-east"))).Records.Count);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => socket.ReceiveAsync(TimeSpan.FromMilliseconds(200)));
    }

    private static (string?, string?, string?, string?, string?) Row(JsonObject record) =>
        ((string?)record["118"], (string?)record["172"], (string?)record["120"], (string?)record["173"], (string?)record["127"]);

    private static async Task<string> LinkAsync(SmcTestClient client, string engine, string rel)
    {
        var element = await client.GetJsonAsync(await EngineTests.EngineHrefAsync(client, engine));
        return (string)element["link"]!.AsArray().Single(l => (string?)l!["rel"] == rel)!["href"]!;
    }

    private static Task<List<JsonObject>> AddedAsync(TestSocket socket, int count) => ChangesAsync(socket, "added", count);

    /// <summary>Reads records messages until <paramref name="count"/> rows of one change array arrived.</summary>
    private static async Task<List<JsonObject>> ChangesAsync(TestSocket socket, string name, int count)
    {
        var rows = new List<JsonObject>();
        while (rows.Count < count)
        {
            var message = await socket.ReceiveAsync(TimeSpan.FromSeconds(5));
            Assert.NotNull(message);
            rows.AddRange(SessionRequests.Array(message!, name));
        }

        return rows;
    }
}
