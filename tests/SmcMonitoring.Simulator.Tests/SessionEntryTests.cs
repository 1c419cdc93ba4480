using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

/// <summary>Block-list entries and VPN SAs: the combined block-list format, their hrefs, and deleting them by REST.</summary>
public sealed class SessionEntryTests : IClassFixture<SessionSimulatorFixture>
{
    private readonly SessionSimulatorFixture fixture;

    public SessionEntryTests(SessionSimulatorFixture fixture)
    {
        this.fixture = fixture;
    }

    private string Base => fixture.Simulator.BaseUrl.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task Combined_block_list_format_nests_both_sub_formats_with_the_href_in_the_all_fields_one()
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        var snapshot = await SessionSnapshot.FetchAsync(socket, SessionRequests.Query("BLOCK_LIST", "fw-east", SessionRequests.CombinedBlockListFormat));
        Assert.Equal(25, snapshot.Records.Count);
        Assert.All(snapshot.Records, record =>
        {
            Assert.Equal(new[] { "bldata", "blid", "delta_key", "first_fetch" }, record.Select(p => p.Key));
            Assert.True((bool)record["first_fetch"]!);
            var data = record["bldata"]!.AsObject();
            var id = record["blid"]!.AsObject();
            Assert.Equal(new[] { "Blacklist Entry ID" }, id.Select(p => p.Key));
            var key = (string)data["BlacklistEntryId"]!;
            Assert.Equal("BLE-" + (string)id["Blacklist Entry ID"]!, Encoding.ASCII.GetString(Convert.FromBase64String(key)));
            Assert.Matches(@"^\d+$", (string?)id["Blacklist Entry ID"]);
            Assert.Matches($"^{Regex(Base)}/7.1/elements/single_fw/\\d+/block_list/{Regex(key)}$", (string?)data["block_list_href"]);
            foreach (var name in new[] { "Timestamp", "NodeId", "Blacklister", "BlacklistEntrySourceIp", "BlacklistEntrySourceIpPrefixlen", "BlacklistEntryDestinationIp", "BlacklistEntryDestinationIpPrefixlen", "BlacklistEntryDuration", "SessionEvent", "DataTags", "SenderDomain", "ReceptionTime" })
            {
                Assert.True(data.ContainsKey(name), name);
            }

            Assert.Matches(@" [+-]0[56]:00$", (string?)data["Timestamp"]);
        });
        Assert.Equal("4401", (string?)snapshot.Records[0]["blid"]!["Blacklist Entry ID"]);
        Assert.Contains(snapshot.Records, r => r["bldata"]!["BlacklistEntryProtocol"] is null);
        Assert.Contains(snapshot.Records, r => (string?)r["bldata"]!["BlacklistEntryProtocol"] == "TCP" && r["bldata"]!["BlacklistEntryDestinationPort"] is not null);
    }

    [Theory]
    [InlineData("BLOCK_LIST", "block_list_href", "blacklist_href")]
    [InlineData("BLACKLIST", "blacklist_href", "block_list_href")]
    public async Task The_href_key_follows_the_definition(string definition, string present, string absent)
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        var snapshot = await SessionSnapshot.FetchAsync(socket, SessionRequests.Query(definition, "fw-west"));
        Assert.All(snapshot.Records, r => Assert.Contains("/block_list/", (string?)r[present]));
        Assert.All(snapshot.Records, r => Assert.False(r.ContainsKey(absent)));
    }

    [Theory]
    [InlineData("BLOCK_LIST", "block_list_href", 25)]
    [InlineData("BLACKLIST", "blacklist_href", 25)]
    [InlineData("VPN_SA", "vpn_sa_href", 40)]
    public async Task Delete_by_href_removes_the_row_and_a_watching_fetch_sends_it_as_deleted(string definition, string hrefKey, int size)
    {
        var engine = $"delete-{definition}";
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        var snapshot = await SessionSnapshot.FetchAsync(socket, SessionRequests.Query(definition, engine));
        var victim = snapshot.Records[3];
        var href = (string)victim[hrefKey]!;

        using (var response = await client.Http.DeleteAsync(href))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        var message = (await socket.ReceiveAsync(TimeSpan.FromSeconds(5)))!;
        var deleted = Assert.Single(SessionRequests.Array(message, "deleted"));
        Assert.Equal(SessionRequests.DeltaKey(victim), SessionRequests.DeltaKey(deleted));
        Assert.Equal("3", SessionRequests.SessionEvent(deleted));
        Assert.False(SessionRequests.FirstFetch(deleted));

        using (var again = await client.Http.DeleteAsync(href))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        await using var other = await client.OpenSocketAsync("monitoring/session/socket");
        var after = await SessionSnapshot.FetchAsync(other, SessionRequests.Query(definition, engine));
        Assert.Equal(size - 1, after.Records.Count);
        Assert.DoesNotContain(after.Records, r => (string?)r[hrefKey] == href);
    }

    [Theory]
    [InlineData("/7.1/elements/single_fw/1/block_list/QkxFLTQ0MDE=")]
    [InlineData("/7.1/elements/single_fw/{engine}/block_list/bm90IGEga2V5")]
    [InlineData("/7.1/elements/single_fw/{engine}/vpn_sa/U0EtOTk5OTk5OQ==")]
    public async Task Deleting_an_unknown_href_is_404(string path)
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        var snapshot = await SessionSnapshot.FetchAsync(socket, SessionRequests.Query("VPN_SA", "fw-east"));
        var engine = ((string)snapshot.Records[0]["vpn_sa_href"]!).Split('/')[^3];
        using var response = await client.Http.DeleteAsync(path.Replace("{engine}", engine, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Deleting_needs_a_session()
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await client.OpenSocketAsync("monitoring/session/socket");
        var snapshot = await SessionSnapshot.FetchAsync(socket, SessionRequests.Query("BLOCK_LIST", "fw-east"));
        using var anonymous = SmcTestClient.Create(fixture.Simulator);
        using var response = await anonymous.Http.DeleteAsync((string)snapshot.Records[0]["block_list_href"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
