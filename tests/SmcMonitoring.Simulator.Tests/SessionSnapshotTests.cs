using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class SessionSnapshotTests : IClassFixture<SessionSimulatorFixture>
{
    private readonly SessionSimulatorFixture fixture;

    public SessionSnapshotTests(SessionSimulatorFixture fixture)
    {
        this.fixture = fixture;
    }

    private async Task<SessionSnapshot> SnapshotAsync(string request)
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        return await SessionSnapshot.FetchAsync(socket, request);
    }

    private Task<SessionSnapshot> SnapshotAsync(string definition, string? target) => SnapshotAsync(SessionRequests.Query(definition, target));

    [Theory]
    [InlineData("CONNECTIONS", "fw-east", SessionSimulatorFixture.Connections)]
    [InlineData("BLOCK_LIST", "fw-east", 25)]
    [InlineData("BLACKLIST", "fw-east", 25)]
    [InlineData("ROUTING", "fw-east", 30)]
    [InlineData("USERS", "fw-east", 50)]
    [InlineData("SSLVPNV2", "fw-east", 20)]
    [InlineData("VPN_SA", "fw-east", 40)]
    [InlineData("ACTIVE_ALERTS", "Shared Domain", 60)]
    [InlineData("NEIGHBORS", "fw-east", 40)]
    [InlineData("NEIGHBORS", null, 40)]
    public async Task Snapshot_sends_the_whole_table_as_added_first_fetch_records_200_per_message(string definition, string? target, int size)
    {
        var snapshot = await SnapshotAsync(definition, target);
        Assert.Equal("Fetch started", (string?)snapshot.Started["success"]);
        Assert.Equal(size, snapshot.Records.Count);
        Assert.Equal((size + 199) / 200, snapshot.Messages.Count);
        Assert.All(snapshot.Messages, m =>
        {
            Assert.Equal(snapshot.FetchId, (int?)m["fetch"]);
            Assert.Equal(new[] { "added", "updated", "deleted" }, m["records"]!.AsObject().Select(p => p.Key));
            Assert.InRange(SessionRequests.Array(m, "added").Count, 1, 200);
            Assert.Empty(SessionRequests.Array(m, "updated"));
            Assert.Empty(SessionRequests.Array(m, "deleted"));
            Assert.False(m.ContainsKey("status"));
            Assert.False(m.ContainsKey("end"));
        });
        Assert.All(snapshot.Records, r => Assert.True(SessionRequests.FirstFetch(r)));
        Assert.All(snapshot.Records, r => Assert.Equal("1", SessionRequests.SessionEvent(r)));
        Assert.All(snapshot.Records, r => Assert.Matches("^[A-Za-z0-9+/]+=*$", SessionRequests.DeltaKey(r)));
        Assert.Equal(size, snapshot.Records.Select(SessionRequests.DeltaKey).Distinct().Count());
    }

    [Fact]
    public async Task Connections_show_addresses_ports_services_zones_applications_and_states()
    {
        var records = (await SnapshotAsync("CONNECTIONS", "fw-east")).Records;
        var states = new[] { "TCP established", "TCP time wait", "TCP syn sent", "TCP syn ack seen", "TCP close wait", "TCP fin wait 1", "TCP fin wait 2", "TCP last ack", "UDP established", "UDP new", "ICMP echo" };
        Assert.All(records, r =>
        {
            Assert.Contains((string?)r["116"], states);
            Assert.Contains((string?)r["4"], new[] { "fw-east node 1", "fw-east node 2" });
            Assert.True(IPAddress.TryParse((string?)r["7"], out _));
            Assert.True(IPAddress.TryParse((string?)r["8"], out _));
            Assert.Contains((string?)r["46"], new[] { "Internal", "External", "DMZ" });
            Assert.NotNull((string?)r["27"]);
            Assert.NotNull((string?)r["134"]);
            Assert.Equal("INFO: Connection Monitoring", (string?)r["485"]);
        });
        Assert.Contains(records, r => (string?)r["116"] == "TCP established");
        Assert.Contains(records, r => (string?)r["116"] == "TCP time wait");
        Assert.Contains(records, r => (string?)r["11"] == "UDP");
        Assert.Contains(records, r => r.ContainsKey("15"));
    }

    [Fact]
    public async Task Routes_have_every_route_type_networks_masks_and_metrics()
    {
        var records = (await SnapshotAsync("ROUTING", "fw-east")).Records;
        Assert.Equal(new[] { "Connected", "Dynamic", "Static" }, records.Select(r => (string)r["165"]!).Distinct().Order());
        Assert.All(records, r =>
        {
            Assert.True(IPAddress.TryParse((string?)r["160"], out _));
            Assert.InRange(int.Parse((string)r["161"]!), 0, 128);
            Assert.InRange(int.Parse((string)r["163"]!), 0, 200);
            Assert.NotNull((string?)r["24"]);
            Assert.Equal((string?)r["165"] != "Connected", r.ContainsKey("164"));
        });
        Assert.Contains(records, r => (string?)r["160"] == "0.0.0.0" && (string?)r["161"] == "0" && (string?)r["165"] == "Static");
        Assert.Contains(records, r => (string?)r["113"] == "100");
        Assert.Contains(records, r => ((string)r["160"]!).Contains(':', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Users_and_ssl_vpn_users_are_mail_style_names_with_times()
    {
        var users = (await SnapshotAsync("USERS", "fw-east")).Records;
        Assert.All(users, r => Assert.Matches(@"^[a-z]+\.[a-z]+\d*@example\.com$", (string?)r["3001"]));
        Assert.Equal(users.Count, users.Select(r => (string?)r["3001"]).Distinct().Count());
        Assert.All(users, r => Assert.True(string.CompareOrdinal((string?)r["534"], (string?)r["1"]) > 0, "expires after login"));
        Assert.Contains(users, r => (string?)r["3001"] == "alice.smith@example.com");

        var vpnUsers = (await SnapshotAsync("SSLVPNV2", "fw-east")).Records;
        Assert.All(vpnUsers, r =>
        {
            Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", (string?)r["809"]);
            Assert.True(string.CompareOrdinal((string?)r["810"], (string?)r["809"]) > 0, "times out after it started");
            Assert.EndsWith("@example.com", (string?)r["3001"]);
        });
    }

    [Fact]
    public async Task Vpn_sas_are_ike_and_ipsec_with_gateways_roles_counters_and_networks()
    {
        var records = (await SnapshotAsync("VPN_SA", "fw-east")).Records;
        Assert.Equal(new[] { "IKE", "IPsec" }, records.Select(r => (string)r["535"]!).Distinct().Order());
        Assert.Equal(10, records.Count(r => (string?)r["535"] == "IKE"));
        Assert.All(records, r =>
        {
            Assert.Contains((string?)r["539"], new[] { "Initiator", "Responder" });
            Assert.Equal("fw-east VPN Gateway", (string?)r["502"]);
            Assert.Matches(@"^\S+ \(\d+\.\d+\.\d+\.\d+\)$", (string?)r["506"]);
            Assert.True(long.Parse((string)r["12200"]!) > 0);
            Assert.True(long.Parse((string)r["12201"]!) > 0);
            Assert.Matches("^[0-9a-f]{16}:[0-9a-f]{16}$", (string?)r["3000"]);
            Assert.StartsWith($"{fixture.Simulator.BaseUrl.GetLeftPart(UriPartial.Authority)}/7.1/elements/single_fw/", (string?)r["vpn_sa_href"]);
        });
        Assert.All(records.Where(r => (string?)r["535"] == "IPsec"), r =>
        {
            Assert.Matches(@"^172\.18\.\d+\.0 - 172\.18\.\d+\.255$", (string?)r["20007"]);
            Assert.Matches(@"^192\.168\.\d+\.0 - 192\.168\.\d+\.255$", (string?)r["20008"]);
            Assert.Equal("ESP", (string?)r["11"]);
        });
    }

    [Fact]
    public async Task Alerts_of_a_domain_have_every_severity_actions_situations_and_references()
    {
        var records = (await SnapshotAsync("ACTIVE_ALERTS", "Operations")).Records;
        Assert.Equal(new[] { "Critical", "High", "Info", "Low" }, records.Select(r => (string)r["602"]!).Distinct().Order());
        Assert.All(records, r =>
        {
            Assert.Equal("Operations", (string?)r["38"]);
            Assert.NotNull((string?)r["14"]);
            Assert.NotNull((string?)r["1000"]);
            Assert.Matches(@"^(CVE-\d{4}-\d+|MS\d\d-\d+)(,(CVE-\d{4}-\d+|MS\d\d-\d+))*$", (string?)r["20000"]);
            Assert.True(int.Parse((string)r["9"]!) > 0);
            Assert.True(int.Parse((string)r["10"]!) > 0);
            Assert.Contains((string?)r["4"], new[] { "fw-east node 1", "fw-east node 2", "fw-west node 1", "fw-west node 2", "dmz-fw node 1" });
        });
    }

    [Fact]
    public async Task Neighbors_are_ipv4_and_ipv6_with_mac_addresses_and_states()
    {
        var records = (await SnapshotAsync("NEIGHBORS", "fw-east")).Records;
        Assert.Equal(new[] { "IPv4", "IPv6" }, records.Select(r => (string)r["734"]!).Distinct().Order());
        Assert.All(records, r =>
        {
            Assert.Matches("^([0-9a-f]{2}:){5}[0-9a-f]{2}$", (string?)r["736"]);
            Assert.True(IPAddress.TryParse((string?)r["735"], out var address));
            Assert.Equal((string?)r["734"] == "IPv6", address!.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6);
            Assert.Contains((string?)r["737"], new[] { "Reachable", "Stale", "Permanent", "Delay", "Probe" });
            Assert.StartsWith("Interface #", (string?)r["733"]);
        });
    }

    [Fact]
    public async Task Field_selection_key_style_and_time_zone_follow_the_log_socket_rules()
    {
        var snapshot = await SnapshotAsync(SessionRequests.Query(
            "USERS",
            "fw-east",
            """{"type":"texts","field_format":"name","field_ids":[1,3001],"resolving":{"timezone":"Europe/Helsinki","time_show_zone":true}}"""));
        Assert.All(snapshot.Records, r => Assert.Equal(new[] { "Timestamp", "UserName", "delta_key", "first_fetch" }, r.Select(p => p.Key)));
        Assert.All(snapshot.Records, r => Assert.EndsWith(" +02:00", (string?)r["Timestamp"]));
        Assert.Equal(new[] { "SessionEvent", "delta_key", "first_fetch" }, snapshot.Marker.Select(p => p.Key));

        var pretty = await SnapshotAsync(SessionRequests.Query("ROUTING", "fw-east", """{"type":"texts","field_ids":[160,165]}"""));
        Assert.All(pretty.Records, r => Assert.Equal(new[] { "Route Network", "Route Type", "delta_key", "first_fetch" }, r.Select(p => p.Key)));
    }

    [Fact]
    public async Task Detailed_format_describes_the_fields_in_the_first_answer()
    {
        var snapshot = await SnapshotAsync(SessionRequests.Query("ROUTING", "fw-east", """{"type":"detailed","field_format":"name"}"""));
        var fields = snapshot.Started["fields"]!.AsArray();
        Assert.Contains(fields, f => (int)f!["id"]! == 165 && (string?)f["name"] == "RouteType");
        Assert.Contains(fields, f => (int)f!["id"]! == 302 && (string?)f["name"] == "SessionEvent");
    }

    [Theory]
    [InlineData("{\"query\":{\"definition\":\"FIREWALLS\",\"target\":\"fw-east\"},\"fetch\":{},\"format\":{\"type\":\"texts\"}}", "unknown definition 'FIREWALLS' (valid: CONNECTIONS, BLOCK_LIST, BLACKLIST, ROUTING, USERS, SSLVPNV2, VPN_SA, ACTIVE_ALERTS, NEIGHBORS)")]
    [InlineData("{\"query\":{\"target\":\"fw-east\"},\"fetch\":{},\"format\":{\"type\":\"texts\"}}", "query.definition is missing (valid: CONNECTIONS, BLOCK_LIST, BLACKLIST, ROUTING, USERS, SSLVPNV2, VPN_SA, ACTIVE_ALERTS, NEIGHBORS)")]
    [InlineData("{\"query\":{\"definition\":\"CONNECTIONS\"},\"fetch\":{},\"format\":{\"type\":\"texts\"}}", "definition CONNECTIONS needs a target: the engine name")]
    [InlineData("{\"query\":{\"definition\":\"ACTIVE_ALERTS\",\"target\":\"\"},\"fetch\":{}}", "definition ACTIVE_ALERTS needs a target: the administrative domain name, e.g. Shared Domain")]
    [InlineData("{\"fetch\":{}}", "unknown request: expected 'query', 'fetch' and 'format', or 'abort'")]
    public async Task Bad_queries_are_answered_with_a_failure_and_no_fetch(string request, string failure)
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        await socket.SendAsync(request);
        var answer = (await socket.ReceiveAsync())!;
        Assert.Equal(failure, (string?)answer["failure"]);
        Assert.False(answer.ContainsKey("fetch"));

        var next = await SessionSnapshot.FetchAsync(socket, SessionRequests.Query("USERS", "fw-east"));
        Assert.Equal(50, next.Records.Count);
    }

    [Fact]
    public async Task Several_fetches_run_on_one_socket_each_under_its_own_id()
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        await socket.SendAsync(SessionRequests.Query("ROUTING", "fw-east"));
        await socket.SendAsync(SessionRequests.Query("USERS", "fw-west"));

        // The first fetch may already stream while the second one starts: messages interleave.
        var started = new List<int>();
        var counts = new Dictionary<int, int>();
        var markers = 0;
        while (markers < 2)
        {
            var message = (await socket.ReceiveAsync())!;
            var fetchId = (int)message["fetch"]!;
            if ((string?)message["success"] == "Fetch started")
            {
                started.Add(fetchId);
                continue;
            }

            var added = SessionRequests.Array(message, "added");
            markers += added.Count(r => SessionRequests.SessionEvent(r) == "4");
            counts[fetchId] = counts.GetValueOrDefault(fetchId) + added.Count(r => SessionRequests.SessionEvent(r) != "4");
        }

        Assert.Equal(2, started.Distinct().Count());
        Assert.Equal(new[] { 30, 50 }, started.Select(id => counts[id]).Order());
    }

    [Fact]
    public async Task Marker_record_has_session_event_4_and_no_href()
    {
        var marker = (await SnapshotAsync("BLOCK_LIST", "fw-east")).Marker;
        Assert.Equal("4", SessionRequests.SessionEvent(marker));
        Assert.True(SessionRequests.FirstFetch(marker));
        Assert.NotNull((string?)marker["delta_key"]);
        Assert.False(marker.ContainsKey("block_list_href"));
        Assert.DoesNotMatch(new Regex("^$"), (string)marker["4"]!);
    }
}
