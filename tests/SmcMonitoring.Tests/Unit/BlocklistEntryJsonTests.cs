using System;
using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;
using SmcMonitoring.Blocklist;
using SmcMonitoring.Errors;
using SmcMonitoring.Session;
using Xunit;

namespace SmcMonitoring.Tests.Unit;

/// <summary>
/// Add-SmcBlocklistEntry's parameters against the golden JSON of docs/protocol.md 2.10a: exactly what the reference
/// client's prepare_block_list builds, compared semantically; and the body and link each API version takes.
/// </summary>
public class BlocklistEntryJsonTests
{
    private const string Hour = "01:00:00";

    // Source, Destination, SourcePort, DestinationPort, Protocol, Duration, golden entry.
    public static TheoryData<string?, string?, string?, string?, string?, string, string> Entries => Data(new string?[][]
    {
        ["198.51.100.7", null, null, null, null, Hour, """{"end_point1":{"address_mode":"address","ip_network":"198.51.100.7/32"},"end_point2":{"address_mode":"any"},"duration":3600}"""],
        ["198.51.100.7/32", "any", null, null, null, Hour, """{"end_point1":{"address_mode":"address","ip_network":"198.51.100.7/32"},"end_point2":{"address_mode":"any"},"duration":3600}"""],
        ["203.0.113.0/24", "10.1.2.3", null, "22", null, "00:30:00", """{"end_point1":{"address_mode":"address","ip_network":"203.0.113.0/24"},"end_point2":{"address_mode":"address","ip_network":"10.1.2.3/32","port1":22,"port2":22,"port_mode":"predefined_tcp"},"duration":1800}"""],
        ["192.0.2.66", null, "1000-1500", null, "Udp", "1.00:00:00", """{"end_point1":{"address_mode":"address","ip_network":"192.0.2.66/32","port1":1000,"port2":1500,"port_mode":"predefined_udp"},"end_point2":{"address_mode":"any"},"duration":86400}"""],
        ["any", "10.1.2.3", null, "443", "TCP", Hour, """{"end_point1":{"address_mode":"any"},"end_point2":{"address_mode":"address","ip_network":"10.1.2.3/32","port1":443,"port2":443,"port_mode":"predefined_tcp"},"duration":3600}"""],
        [null, "10.9.0.0/16", null, null, null, "00:01:00", """{"end_point1":{"address_mode":"any"},"end_point2":{"address_mode":"address","ip_network":"10.9.0.0/16"},"duration":60}"""],
        [null, null, null, "23", null, Hour, """{"end_point1":{"address_mode":"any"},"end_point2":{"address_mode":"any","port1":23,"port2":23,"port_mode":"predefined_tcp"},"duration":3600}"""],
        ["2001:db8::1", "2001:db8:ff::/48", "53", "53", "17", Hour, """{"end_point1":{"address_mode":"address","ip_network":"2001:db8::1/128","port1":53,"port2":53,"port_mode":"predefined_udp"},"end_point2":{"address_mode":"address","ip_network":"2001:db8:ff::/48","port1":53,"port2":53,"port_mode":"predefined_udp"},"duration":3600}"""],
        ["10.0.0.0/8", "0.0.0.0/0", " 8000 - 8080 ", null, "6", Hour, """{"end_point1":{"address_mode":"address","ip_network":"10.0.0.0/8","port1":8000,"port2":8080,"port_mode":"predefined_tcp"},"end_point2":{"address_mode":"address","ip_network":"0.0.0.0/0"},"duration":3600}"""],
        ["172.16.5.4", "ANY", null, null, "ICMP", Hour, """{"end_point1":{"address_mode":"address","ip_network":"172.16.5.4/32"},"end_point2":{"address_mode":"any"},"duration":3600}"""],
    });

    [Theory]
    [MemberData(nameof(Entries))]
    public void Parameters_give_the_golden_entry(string? source, string? destination, string? sourcePort, string? destinationPort, string? protocol, string duration, string golden)
    {
        var entry = SmcBlocklistEntryRequest.Create("fw-east", source, destination, sourcePort, destinationPort, protocol, TimeSpan.Parse(duration, System.Globalization.CultureInfo.InvariantCulture));
        var body = BlocklistRequests.Bodies(Version("7.1"), new[] { entry }).Single();
        AssertJson("{\"entries\":[" + golden + "]}", body, $"{source} -> {destination}");
    }

    [Fact]
    public void Several_entries_go_in_one_body_in_their_order()
    {
        var first = SmcBlocklistEntryRequest.Create("fw-east", "198.51.100.7", null, null, null, null, TimeSpan.FromHours(1));
        var second = SmcBlocklistEntryRequest.Create("fw-east", "203.0.113.0/24", "10.1.2.3", null, "22", null, TimeSpan.FromMinutes(30));
        var bodies = BlocklistRequests.Bodies(Version("7.0"), new[] { first, second });
        AssertJson(
            """{"entries":[{"end_point1":{"address_mode":"address","ip_network":"198.51.100.7/32"},"end_point2":{"address_mode":"any"},"duration":3600},{"end_point1":{"address_mode":"address","ip_network":"203.0.113.0/24"},"end_point2":{"address_mode":"address","ip_network":"10.1.2.3/32","port1":22,"port2":22,"port_mode":"predefined_tcp"},"duration":1800}]}""",
            Assert.Single(bodies),
            "two entries");
    }

    [Fact]
    public void Api_6_10_takes_the_same_body_at_the_blacklist_link()
    {
        var entry = SmcBlocklistEntryRequest.Create("fw-east", "198.51.100.7", null, null, null, null, TimeSpan.FromHours(1));
        var body = Assert.Single(BlocklistRequests.Bodies(Version("6.10"), new[] { entry }));
        AssertJson("""{"entries":[{"end_point1":{"address_mode":"address","ip_network":"198.51.100.7/32"},"end_point2":{"address_mode":"any"},"duration":3600}]}""", body, "6.10");
        Assert.Equal(("blacklist", "flush_blacklist"), (BlocklistRequests.AddRel(Version("6.10")), BlocklistRequests.FlushRel(Version("6.10"))));
    }

    [Fact]
    public void Up_to_api_6_3_each_entry_is_one_bare_body()
    {
        var entries = new[]
        {
            SmcBlocklistEntryRequest.Create("fw-east", "198.51.100.7", null, null, null, null, TimeSpan.FromHours(1)),
            SmcBlocklistEntryRequest.Create("fw-east", "198.51.100.8", null, null, null, null, TimeSpan.FromHours(1)),
        };
        var bodies = BlocklistRequests.Bodies(Version("6.3"), entries);
        Assert.Equal(2, bodies.Count);
        AssertJson("""{"end_point1":{"address_mode":"address","ip_network":"198.51.100.8/32"},"end_point2":{"address_mode":"any"},"duration":3600}""", bodies[1], "6.3");
    }

    [Theory]
    [InlineData("6.3", "blacklist", "flush_blacklist", false)]
    [InlineData("6.4", "blacklist", "flush_blacklist", true)]
    [InlineData("6.10", "blacklist", "flush_blacklist", true)]
    [InlineData("7.0", "block_list", "flush_block_list", true)]
    [InlineData("7.2", "block_list", "flush_block_list", true)]
    public void The_api_version_picks_the_links_and_the_wrapper(string version, string add, string flush, bool several)
    {
        Assert.Equal((add, flush, several), (BlocklistRequests.AddRel(Version(version)), BlocklistRequests.FlushRel(Version(version)), BlocklistRequests.TakesSeveral(Version(version))));
    }

    // Source, Destination, SourcePort, DestinationPort, Protocol, Duration; the error id and what its message must say.
    [Theory]
    [InlineData("10.1", null, null, null, null, Hour, "SmcBlocklistAddressInvalid", "-Source '10.1' is not a block-list address")]
    [InlineData("fw-east", null, null, null, null, Hour, "SmcBlocklistAddressInvalid", "'any'")]
    [InlineData("10.1.2.3/33", null, null, null, null, Hour, "SmcBlocklistAddressInvalid", "from 0 to 32")]
    [InlineData(null, "192.168.1.10/24", null, null, null, Hour, "SmcBlocklistAddressInvalid", "Did you mean the network 192.168.1.0/24, or the host 192.168.1.10?")]
    [InlineData(null, "fe80::1%eth0", null, null, null, Hour, "SmcBlocklistAddressInvalid", "-Destination 'fe80::1%eth0'")]
    [InlineData("10.1.2.3", null, "0", null, null, Hour, "SmcBlocklistPortInvalid", "-SourcePort '0' is not a port: give a number from 1 to 65535 (443) or a range of them (1000-1500)")]
    [InlineData("10.1.2.3", null, null, "http", null, Hour, "SmcBlocklistPortInvalid", "-DestinationPort 'http'")]
    [InlineData("10.1.2.3", null, null, "1500-1000", null, Hour, "SmcBlocklistPortInvalid", "write it as 1000-1500")]
    [InlineData("10.1.2.3", null, null, "80", "ICMP", Hour, "SmcBlocklistProtocolInvalid", "-Protocol 'ICMP' cannot go with ports")]
    [InlineData("10.1.2.3", null, null, null, null, "00:00:00.0003600", "SmcBlocklistDurationInvalid", "A bare number such as 3600 becomes ticks")]
    [InlineData("10.1.2.3", null, null, null, null, "00:00:01.5000000", "SmcBlocklistDurationInvalid", "whole seconds")]
    [InlineData(null, "any", null, null, null, Hour, "SmcBlocklistEntryTooBroad", "would block all traffic through fw-east")]
    public void Bad_input_names_the_parameter_the_value_and_what_is_valid(string? source, string? destination, string? sourcePort, string? destinationPort, string? protocol, string duration, string errorId, string message)
    {
        var error = Assert.Throws<SmcException>(() => SmcBlocklistEntryRequest.Create("fw-east", source, destination, sourcePort, destinationPort, protocol, TimeSpan.Parse(duration, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(errorId, error.ErrorId);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_describes_itself_for_what_if_and_errors()
    {
        var entry = SmcBlocklistEntryRequest.Create("fw-east", "192.0.2.66", null, "1000-1500", null, "udp", TimeSpan.FromDays(1));
        Assert.Equal("192.0.2.66/32 port 1000-1500 -> any (UDP) for 1.00:00:00", entry.Describe());
        Assert.Equal(("192.0.2.66/32", "any", "1000-1500", null, "UDP", false), (entry.Source, entry.Destination, entry.SourcePort, entry.DestinationPort, entry.Protocol, entry.Global));
    }

    private static ApiVersion Version(string text) => ApiVersion.TryParse(text, out var version) ? version : throw new ArgumentException(text);

    private static void AssertJson(string golden, byte[] actual, string source)
    {
        var expected = JToken.Parse(golden);
        var produced = JToken.Parse(Encoding.UTF8.GetString(actual));
        Assert.True(JToken.DeepEquals(expected, produced), $"{source}\nexpected {expected.ToString(Newtonsoft.Json.Formatting.None)}\nactual   {produced.ToString(Newtonsoft.Json.Formatting.None)}");
    }

    private static TheoryData<string?, string?, string?, string?, string?, string, string> Data(string?[][] rows)
    {
        var data = new TheoryData<string?, string?, string?, string?, string?, string, string>();
        foreach (var row in rows) { data.Add(row[0], row[1], row[2], row[3], row[4], row[5]!, row[6]!); }
        return data;
    }
}
