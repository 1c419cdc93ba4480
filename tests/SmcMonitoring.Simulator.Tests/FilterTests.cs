using System;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class FilterTests : IClassFixture<CookieSimulatorFixture>
{
    private readonly CookieSimulatorFixture fixture;

    public FilterTests(CookieSimulatorFixture fixture)
    {
        this.fixture = fixture;
    }

    private async Task<FetchResult> FetchAsync(string filter, int quantity = 1000)
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenLogSocketAsync();
        var fetch = await socket.FetchAsync(Requests.Filtered(filter, quantity));
        Assert.Null(fetch.Failure);
        return fetch;
    }

    /// <summary>Records matching the filter; there must be some, or the test proves nothing.</summary>
    private async Task<JsonObject[]> MatchesAsync(string filter)
    {
        var records = (await FetchAsync(filter)).Records.ToArray();
        Assert.NotEmpty(records);
        return records;
    }

    private async Task<string> SomeValueAsync(string field, Func<string, bool> wanted)
    {
        var all = await FetchAsync("""{"type": "and", "values": []}""");
        return all.Records.Select(r => (string?)r[field]).First(v => v is not null && wanted(v))!;
    }

    [Fact]
    public async Task In_with_an_ip_value_matches_that_address()
    {
        var source = await SomeValueAsync("Src", v => v.StartsWith("10.", StringComparison.Ordinal));
        var records = await MatchesAsync($$"""{"type": "in", "left": {"type": "field", "id": 7}, "right": [{"type": "ip", "value": "{{source}}"}]}""");
        Assert.All(records, r => Assert.Equal(source, (string?)r["Src"]));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.")]
    [InlineData("192.168.0.0/16", "192.168.")]
    [InlineData("fd12:3456:789a::/48", "fd12:3456:789a:")]
    public async Task In_with_a_cidr_network_matches_the_addresses_inside(string network, string prefix)
    {
        var records = await MatchesAsync($$"""{"type": "in", "left": {"type": "field", "name": "Src"}, "right": [{"type": "ip", "value": "{{network}}"}]}""");
        Assert.All(records, r => Assert.StartsWith(prefix, (string?)r["Src"]));
    }

    [Fact]
    public async Task Value_on_the_left_matches_any_of_the_fields_on_the_right()
    {
        var address = await SomeValueAsync("Dst", v => v.StartsWith("172.16.", StringComparison.Ordinal));
        var records = await MatchesAsync($$"""
            {"type": "in", "left": {"type": "ip", "value": "{{address}}"},
             "right": [{"type": "field", "id": 7}, {"type": "field", "id": 8}]}
            """);
        Assert.All(records, r => Assert.True((string?)r["Src"] == address || (string?)r["Dst"] == address));
        Assert.Contains(records, r => (string?)r["Dst"] == address);
    }

    [Fact]
    public async Task And_combines_a_constant_with_defined()
    {
        var records = await MatchesAsync("""
            {"type": "and", "values": [
              {"type": "in", "left": {"type": "field", "id": 14}, "right": [{"type": "constant", "value": 1}]},
              {"type": "defined", "value": {"type": "field", "id": 602}}]}
            """);
        Assert.All(records, r => Assert.Equal("Allow", (string?)r["Action"]));
        Assert.All(records, r => Assert.True(r.ContainsKey("AlertSeverity")));
    }

    [Fact]
    public async Task Not_defined_keeps_records_without_the_field()
    {
        var records = await MatchesAsync("""{"type": "not", "value": {"type": "defined", "value": {"type": "field", "name": "AlertSeverity"}}}""");
        Assert.All(records, r => Assert.False(r.ContainsKey("AlertSeverity")));
        Assert.InRange(records.Length, 700, 999);
    }

    [Fact]
    public async Task Or_matches_either_number()
    {
        var records = await MatchesAsync("""
            {"type": "or", "values": [
              {"type": "in", "left": {"type": "field", "id": 10}, "right": [{"type": "number", "value": 22}]},
              {"type": "in", "left": {"type": "field", "id": 10}, "right": [{"type": "number", "value": 3389}]}]}
            """);
        Assert.All(records, r => Assert.Contains((string?)r["Dport"], new[] { "22", "3389" }));
        Assert.Contains(records, r => (string?)r["Dport"] == "22");
        Assert.Contains(records, r => (string?)r["Dport"] == "3389");
    }

    [Theory]
    [InlineData("TCP/443", "TCP", "443", "HTTPS")]
    [InlineData("UDP/53", "UDP", "53", "DNS")]
    [InlineData("ICMP/8/0", "ICMP", null, "Ping")]
    public async Task Service_values_match_protocol_and_destination_port(string service, string protocol, string? port, string name)
    {
        var records = await MatchesAsync($$"""{"type": "in", "left": {"type": "field", "id": 27}, "right": [{"type": "service", "value": "{{service}}"}]}""");
        Assert.All(records, r => Assert.Equal((protocol, port, name), ((string?)r["Protocol"], (string?)r["Dport"], (string?)r["Service"])));
    }

    [Fact]
    public async Task Sender_matches_by_address_and_by_node_name()
    {
        var byAddress = await MatchesAsync("""{"type": "in", "left": {"type": "field", "id": 4}, "right": [{"type": "ip", "value": "10.10.0.1"}]}""");
        Assert.All(byAddress, r => Assert.Equal("fw-east node 1", (string?)r["NodeId"]));
        var byName = await MatchesAsync("""{"type": "in", "left": {"type": "field", "id": 4}, "right": [{"type": "string", "value": "dmz-fw node 1"}]}""");
        Assert.All(byName, r => Assert.Equal("dmz-fw node 1", (string?)r["NodeId"]));
        var byAddressText = await MatchesAsync("""{"type": "in", "left": {"type": "field", "id": 4}, "right": [{"type": "string", "value": "172.16.0.1"}]}""");
        Assert.All(byAddressText, r => Assert.Equal("dmz-fw node 1", (string?)r["NodeId"]));
    }

    [Fact]
    public async Task String_and_like_values_match_texts()
    {
        var exact = await MatchesAsync("""{"type": "in", "left": {"type": "field", "id": 6}, "right": [{"type": "string", "value": "Connection discarded"}]}""");
        Assert.All(exact, r => Assert.Equal("Connection discarded", (string?)r["Event"]));
        var like = await MatchesAsync("""{"type": "ci_like", "left": {"type": "field", "id": 19}, "right": {"type": "string", "value": "%BY PEER%"}}""");
        Assert.All(like, r => Assert.Contains("by peer", (string?)r["InfoMsg"]));
    }

    [Fact]
    public async Task Quantity_counts_matching_records()
    {
        var fetch = await FetchAsync("""{"type": "in", "left": {"type": "field", "id": 11}, "right": [{"type": "string", "value": "UDP"}]}""", quantity: 7);
        Assert.Equal(7, fetch.Records.Count);
        Assert.All(fetch.Records, r => Assert.Equal("UDP", (string?)r["Protocol"]));
    }

    [Theory]
    [InlineData("""$Src IN union(ipv4_net("10.0.0.0/8"),ipv4_net("192.168.0.0/16"))""", "Src", "^(10\\.|192\\.168\\.)")]
    [InlineData("""$Dst IN range(ipv4("172.16.1.0"),ipv4("172.16.2.255"))""", "Dst", "^172\\.16\\.[12]\\.")]
    [InlineData("""$NodeId == ipv4("10.20.0.2")""", "NodeId", "^fw-west node 2$")]
    [InlineData("""$NodeId == ipv4( 10.20.0.2 )""", "NodeId", "^fw-west node 2$")]
    [InlineData("""$NodeId IN union(ipv4("10.10.0.1"),ipv4("10.10.0.2"))""", "NodeId", "^fw-east node [12]$")]
    [InlineData("""$Dport == 22 OR $Dport == 3389""", "Dport", "^(22|3389)$")]
    [InlineData("""$Protocol == "UDP" """, "Protocol", "^UDP$")]
    [InlineData("""$Situation==516""", "Situation", "^Anti-Spoofing_Spoofed-Packet$")]
    public async Task Translated_templates_are_evaluated(string expression, string field, string pattern)
    {
        var filter = new JsonObject { ["type"] = "translated", ["value"] = expression }.ToJsonString();
        var records = await MatchesAsync(filter);
        Assert.All(records, r => Assert.Matches(pattern, (string?)r[field]));
    }

    [Theory]
    [InlineData("$Dport > 1024")]
    [InlineData("$Src LIKE \"10.%\"")]
    [InlineData("$NoSuchField == 1")]
    [InlineData("$Dst IN union(ipv6(\"::1\"))")]
    [InlineData("$Dport == 22 AND $Sport == 1")]
    public async Task Unsupported_translated_expressions_are_a_failure(string expression)
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenLogSocketAsync();
        var filter = new JsonObject { ["type"] = "translated", ["value"] = expression }.ToJsonString();
        var fetch = await socket.FetchAsync(Requests.Filtered(filter));
        Assert.StartsWith("unsupported translated filter expression", fetch.Failure);
        Assert.Contains(expression, fetch.Failure);
    }

    [Theory]
    [InlineData("""{"type": "expression", "href": "http://x/7.1/elements/filter_expression/1"}""", "Filter element")]
    [InlineData("""{"type": "in", "left": {"type": "field", "id": 7}, "right": [{"type": "ip", "value": "10.0.0.0/33"}]}""", "prefix length")]
    [InlineData("""{"type": "in", "left": {"type": "field", "id": 7}, "right": [{"type": "ip", "value": "not-an-ip"}]}""", "not an IP address")]
    [InlineData("""{"type": "in", "left": {"type": "field", "name": "Nope"}, "right": []}""", "unknown field name 'Nope'")]
    public async Task Filters_the_simulator_cannot_evaluate_are_a_failure(string filter, string reason)
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenLogSocketAsync();
        Assert.Contains(reason, (await socket.FetchAsync(Requests.Filtered(filter))).Failure);
    }

    [Fact]
    public async Task Addresses_in_records_are_canonical()
    {
        var all = await FetchAsync("""{"type": "and", "values": []}""");
        Assert.All(all.Records, r => Assert.Equal(IPAddress.Parse((string)r["Src"]!).ToString(), (string?)r["Src"]));
        Assert.Contains(all.Records, r => ((string?)r["Src"])!.Contains(':', StringComparison.Ordinal));
    }
}
