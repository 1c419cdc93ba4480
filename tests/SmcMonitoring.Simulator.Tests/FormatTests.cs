using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class FormatTests : IClassFixture<CookieSimulatorFixture>
{
    private static readonly string[] NodeNames = { "fw-east node 1", "fw-east node 2", "fw-west node 1", "fw-west node 2", "dmz-fw node 1" };

    private readonly CookieSimulatorFixture fixture;

    public FormatTests(CookieSimulatorFixture fixture)
    {
        this.fixture = fixture;
    }

    private async Task<FetchResult> FetchAsync(string format, int quantity = 50)
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenLogSocketAsync();
        return await socket.FetchAsync(Requests.Stored($"{{\"quantity\":{quantity}}}", format));
    }

    [Fact]
    public async Task Texts_format_defaults_to_pretty_keys_and_string_values()
    {
        var fetch = await FetchAsync("""{"type": "texts"}""");
        var record = fetch.Records[0];
        foreach (var key in new[] { "Creation Time", "Log ID", "Sender", "Event", "Src Addr", "Dst Addr", "IP Protocol", "Action", "Rule Tag", "Facility", "Reception Time", "Service", "Data Type", "Sender Domain" })
        {
            Assert.True(record.ContainsKey(key), key);
        }

        Assert.All(fetch.Records.SelectMany(r => r), p => Assert.Equal(JsonValueKind.String, p.Value!.GetValueKind()));
        Assert.Equal("2024-01-15 12:00:00", (string?)record["Creation Time"]);
        Assert.Equal("999", (string?)record["Log ID"]);
        Assert.Equal("Packet Filtering", (string?)record["Facility"]);
        Assert.Equal("1", (string?)record["Data Type"]);
        Assert.Equal("Shared Domain", (string?)record["Sender Domain"]);
        Assert.All(fetch.Records, r => Assert.Contains((string?)r["Sender"], NodeNames));
        Assert.All(fetch.Records, r => Assert.True(IPAddress.TryParse((string?)r["Src Addr"], out _)));
    }

    [Theory]
    [InlineData("id", "7", "1")]
    [InlineData("name", "Src", "Timestamp")]
    [InlineData("pretty", "Src Addr", "Creation Time")]
    public async Task Field_format_decides_the_record_keys(string fieldFormat, string sourceKey, string timeKey)
    {
        var fetch = await FetchAsync($$"""{"type": "texts", "field_format": "{{fieldFormat}}", "field_ids": [1, 7]}""", quantity: 3);
        Assert.All(fetch.Records, r => Assert.Equal(new[] { timeKey, sourceKey }, r.Select(p => p.Key)));
    }

    [Fact]
    public async Task Field_ids_select_in_request_order_and_unknown_ids_are_absent()
    {
        var fetch = await FetchAsync("""{"type": "texts", "field_format": "id", "field_ids": [7, 1, 99999, 4]}""", quantity: 5);
        Assert.All(fetch.Records, r => Assert.Equal(new[] { "7", "1", "4" }, r.Select(p => p.Key)));
    }

    [Fact]
    public async Task Field_names_match_case_insensitively_and_merge_with_field_ids()
    {
        var fetch = await FetchAsync("""{"type": "texts", "field_format": "name", "field_ids": [1], "field_names": ["src", "DPORT", "Timestamp", "NoSuchField"]}""", quantity: 100);
        Assert.All(fetch.Records, r => Assert.Subset(new[] { "Timestamp", "Src", "Dport" }.ToHashSet(), r.Select(p => p.Key).ToHashSet()));
        Assert.Contains(fetch.Records, r => r.Select(p => p.Key).SequenceEqual(new[] { "Timestamp", "Src", "Dport" }));
        Assert.Contains(fetch.Records, r => !r.ContainsKey("Dport"));
    }

    [Fact]
    public async Task Detailed_format_describes_the_fields_in_the_first_answer()
    {
        var fetch = await FetchAsync("""{"type": "detailed", "field_format": "pretty", "field_ids": [8, 1, 14]}""", quantity: 2);
        var fields = fetch.First["fields"]!.AsArray();
        Assert.Equal(new[] { 8, 1, 14 }, fields.Select(f => (int)f!["id"]!));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"id":8,"name":"Dst","pretty":"Dst Addr","comment":"destination IP of the connection","filterable":true,"visible":true,"raw_type":"ip","resolving":"IP"}"""),
            fields[0]));
        Assert.Equal("time_ms", (string?)fields[1]!["raw_type"]);
        Assert.All(fetch.Records.SelectMany(r => r), p => Assert.Equal(JsonValueKind.String, p.Value!.GetValueKind()));

        var all = await FetchAsync("""{"type": "detailed"}""", quantity: 1);
        Assert.Equal(24, all.First["fields"]!.AsArray().Count);
    }

    [Fact]
    public async Task Raw_format_writes_unresolved_values_with_their_types()
    {
        var fetch = await FetchAsync("""{"type": "raw", "field_format": "name"}""", quantity: 200);
        var record = fetch.Records[0];
        Assert.Equal(SimulatorFixture.LogEnd.ToUnixTimeMilliseconds(), (long)record["Timestamp"]!);
        Assert.Equal(999, (long)record["LogId"]!);
        Assert.All(fetch.Records, r =>
        {
            Assert.Equal(JsonValueKind.Number, r["Action"]!.GetValueKind());
            Assert.Contains((int)r["Action"]!, new[] { 0, 1, 2, 4, 8, 9, 11, 12, 13 });
            Assert.Equal(JsonValueKind.Number, r["ReceptionTime"]!.GetValueKind());
            Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", (string?)r["NodeId"]);
            Assert.Equal(JsonValueKind.String, r["Src"]!.GetValueKind());
            Assert.Equal(JsonValueKind.String, r["Service"]!.GetValueKind());
        });
        Assert.Contains(fetch.Records, r => r["Dport"]?.GetValueKind() == JsonValueKind.Number);
        Assert.All(fetch.Records.Where(r => r.ContainsKey("AlertSeverity")), r => Assert.Contains((int)r["AlertSeverity"]!, new[] { 1, 3, 5, 10 }));
        Assert.Contains(fetch.Records, r => r.ContainsKey("AlertSeverity"));
    }

    [Fact]
    public async Task Sender_resolution_chooses_between_node_name_and_address()
    {
        var named = await FetchAsync("""{"type": "texts", "field_ids": [4], "resolving": {"senders": true}}""", quantity: 20);
        var addressed = await FetchAsync("""{"type": "texts", "field_ids": [4], "resolving": {"senders": false}}""", quantity: 20);
        Assert.All(named.Records, r => Assert.Contains((string?)r["Sender"], NodeNames));
        Assert.All(addressed.Records, r => Assert.Matches(@"^(10\.10|10\.20|172\.16)\.0\.[12]$", (string?)r["Sender"]));
    }

    [Fact]
    public async Task Combined_format_renders_each_sub_format_under_its_key()
    {
        var fetch = await FetchAsync("""
            {"type": "combined", "formats": {
                "data": {"type": "texts", "field_format": "name"},
                "ids": {"type": "raw", "field_format": "id", "field_ids": [14]}}}
            """, quantity: 5);
        Assert.All(fetch.Records, r =>
        {
            Assert.Equal(new[] { "data", "ids" }, r.Select(p => p.Key));
            Assert.Equal(JsonValueKind.String, r["data"]!["Action"]!.GetValueKind());
            Assert.Equal(new[] { "14" }, r["ids"]!.AsObject().Select(p => p.Key));
            Assert.Equal(JsonValueKind.Number, r["ids"]!["14"]!.GetValueKind());
        });
    }

    [Theory]
    [InlineData("", false, false, "2024-01-15 12:00:00")]
    [InlineData("", true, true, "2024-01-15 12:00:00.250 +00:00")]
    [InlineData("Europe/Helsinki", true, true, "2024-01-15 14:00:00.250 +02:00")]
    [InlineData("Europe/Helsinki", false, false, "2024-01-15 14:00:00")]
    [InlineData("America/Chicago", true, false, "2024-01-15 06:00:00 -06:00")]
    [InlineData("CST", true, false, "2024-01-15 06:00:00 -06:00")]
    [InlineData("PST", true, false, "2024-01-15 04:00:00 -08:00")]
    [InlineData("US/Eastern", true, false, "2024-01-15 07:00:00 -05:00")]
    [InlineData("EST", true, false, "2024-01-15 07:00:00 -05:00")]
    [InlineData("MST", true, false, "2024-01-15 05:00:00 -07:00")]
    [InlineData("UTC", true, false, "2024-01-15 12:00:00 +00:00")]
    [InlineData("GMT", false, true, "2024-01-15 12:00:00.250")]
    public async Task Times_render_in_the_requested_zone(string zone, bool showZone, bool showMillis, string expected)
    {
        var resolving = new JsonObject { ["time_show_zone"] = showZone, ["time_show_millis"] = showMillis };
        if (zone.Length > 0)
        {
            resolving["timezone"] = zone;
        }

        var format = new JsonObject { ["type"] = "texts", ["field_ids"] = new JsonArray(1), ["resolving"] = resolving };
        var fetch = await FetchAsync(format.ToJsonString(), quantity: 1);
        Assert.Equal(expected, (string?)fetch.Records[0]["Creation Time"]);
    }

    [Fact]
    public async Task Unknown_time_zone_is_a_failure_naming_it()
    {
        var fetch = await FetchAsync("""{"type": "texts", "resolving": {"timezone": "Mars/Olympus"}}""");
        Assert.Contains("Mars/Olympus", fetch.Failure);
    }
}
