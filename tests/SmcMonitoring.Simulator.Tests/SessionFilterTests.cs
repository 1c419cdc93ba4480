using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class SessionFilterTests : IClassFixture<SessionSimulatorFixture>
{
    private readonly SessionSimulatorFixture fixture;

    public SessionFilterTests(SessionSimulatorFixture fixture)
    {
        this.fixture = fixture;
    }

    /// <summary>The filtered rows; checks they are a non-empty proper subset of the unfiltered table.</summary>
    private async Task<List<JsonObject>> FilteredAsync(string definition, string target, string filter)
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        var all = await SessionSnapshot.FetchAsync(socket, SessionRequests.Query(definition, target));
        var some = await SessionSnapshot.FetchAsync(socket, SessionRequests.Query(definition, target, filter: filter));
        Assert.NotEmpty(some.Records);
        Assert.True(some.Records.Count < all.Records.Count, "the filter should leave rows out");
        var keys = all.Records.Select(SessionRequests.DeltaKey).ToHashSet();
        Assert.All(some.Records, r => Assert.Contains(SessionRequests.DeltaKey(r), keys));
        return some.Records;
    }

    [Fact]
    public async Task In_with_a_constant_matches_alert_severities()
    {
        var records = await FilteredAsync("ACTIVE_ALERTS", "Shared Domain", """{"type": "in", "left": {"type": "field", "id": 602}, "right": [{"type": "constant", "value": 5}, {"type": "constant", "value": 10}]}""");
        Assert.All(records, r => Assert.Contains((string?)r["602"], new[] { "High", "Critical" }));
        Assert.Equal(30, records.Count);
    }

    [Fact]
    public async Task In_with_a_network_matches_connection_sources()
    {
        var records = await FilteredAsync("CONNECTIONS", "fw-east", """{"type": "in", "left": {"type": "field", "id": 7}, "right": [{"type": "ip", "value": "10.10.0.0/16"}]}""");
        Assert.All(records, r => Assert.StartsWith("10.10.", (string?)r["7"]));
    }

    [Fact]
    public async Task And_not_and_defined_combine_on_block_list_entries()
    {
        var records = await FilteredAsync("BLOCK_LIST", "fw-east", """
            {"type": "and", "values": [
              {"type": "defined", "value": {"type": "field", "id": 122}},
              {"type": "not", "value": {"type": "in", "left": {"type": "field", "id": 122}, "right": [{"type": "string", "value": "UDP"}]}}]}
            """);
        Assert.All(records, r => Assert.Equal("TCP", (string?)r["122"]));
    }

    [Fact]
    public async Task Or_of_strings_matches_route_types_and_a_translated_filter_matches_too()
    {
        var records = await FilteredAsync("ROUTING", "fw-east", """{"type": "or", "values": [{"type": "in", "left": {"type": "field", "name": "RouteType"}, "right": [{"type": "string", "value": "Connected"}]}, {"type": "in", "left": {"type": "field", "id": 165}, "right": [{"type": "string", "value": "Static"}]}]}""");
        Assert.All(records, r => Assert.NotEqual("Dynamic", (string?)r["165"]));
        var translated = await FilteredAsync("ROUTING", "fw-east", """{"type": "translated", "value": "$RouteType == \"Connected\""}""");
        Assert.All(translated, r => Assert.Equal("Connected", (string?)r["165"]));
        Assert.Equal(5, translated.Count);
    }

    [Fact]
    public async Task Like_matches_user_names_and_strings_match_neighbor_protocols()
    {
        var users = await FilteredAsync("USERS", "fw-east", """{"type": "ci_like", "left": {"type": "field", "id": 3001}, "right": {"type": "string", "value": "ALICE.%"}}""");
        Assert.All(users, r => Assert.StartsWith("alice.", (string?)r["3001"]));
        var neighbors = await FilteredAsync("NEIGHBORS", "fw-east", """{"type": "in", "left": {"type": "field", "id": 734}, "right": [{"type": "string", "value": "IPv6"}]}""");
        Assert.All(neighbors, r => Assert.Equal("IPv6", (string?)r["734"]));
    }

    [Fact]
    public async Task Services_match_on_protocol_and_port_and_entry_ids_by_number_or_key()
    {
        var https = await FilteredAsync("CONNECTIONS", "fw-east", """{"type": "in", "left": {"type": "field", "id": 27}, "right": [{"type": "service", "value": "TCP/443"}]}""");
        Assert.All(https, r => Assert.Equal(("TCP", "443"), ((string?)r["11"], (string?)r["10"])));
        var byNumber = await FilteredAsync("BLOCK_LIST", "fw-east", """{"type": "in", "left": {"type": "field", "id": 117}, "right": [{"type": "number", "value": 4402}]}""");
        var byKey = await FilteredAsync("BLOCK_LIST", "fw-east", """{"type": "in", "left": {"type": "field", "id": 117}, "right": [{"type": "string", "value": "QkxFLTQ0MDI="}]}""");
        Assert.Equal("QkxFLTQ0MDI=", (string?)Assert.Single(byNumber)["117"]);
        Assert.Equal(SessionRequests.DeltaKey(byNumber[0]), SessionRequests.DeltaKey(Assert.Single(byKey)));
    }

    [Fact]
    public async Task A_filter_the_simulator_cannot_evaluate_is_a_failure()
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        await socket.SendAsync(SessionRequests.Query("USERS", "fw-east", filter: """{"type": "expression", "href": "https://smc/7.1/elements/filter_expression/1"}"""));
        Assert.StartsWith("filter type 'expression'", (string?)(await socket.ReceiveAsync())!["failure"]);
    }
}
