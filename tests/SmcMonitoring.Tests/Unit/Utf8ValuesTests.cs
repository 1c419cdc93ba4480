using System.Net;
using System.Text;
using SmcMonitoring.Records;
using Xunit;

using SmcMonitoring.Fields;

namespace SmcMonitoring.Tests.Unit;

public class Utf8ValuesTests
{
    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("192.168.004.001")]
    public void Dotted_quads_parse_to_the_same_address_as_IPAddress(string text)
    {
        Assert.Equal(IPAddress.Parse(text), Utf8Values.IPv4(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1..2.3")]
    [InlineData("2001:db8::1")]
    [InlineData("fw-east (10.0.0.1)")]
    [InlineData("1234.1.1.1")]
    [InlineData("")]
    public void Anything_else_is_left_to_the_string_path(string text)
    {
        Assert.Null(Utf8Values.IPv4(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Labels_match_exactly_with_or_without_spaces()
    {
        Assert.Equal(SmcAction.DiscardPassive, Utf8Values.Action(Encoding.UTF8.GetBytes("Discard Passive")));
        Assert.Equal(SmcAction.Allow, Utf8Values.Action(Encoding.UTF8.GetBytes("Allow")));
        Assert.Null(Utf8Values.Action(Encoding.UTF8.GetBytes("allow")));
        Assert.Equal(SmcSeverity.Critical, Utf8Values.Severity(Encoding.UTF8.GetBytes("Critical")));
    }

    [Fact]
    public void Repeated_short_strings_are_decoded_once_and_distinct_ones_stay_distinct()
    {
        var cache = new Utf8StringCache();
        var first = cache.Get(Encoding.UTF8.GetBytes("fw-east node 1"));
        var again = cache.Get(Encoding.UTF8.GetBytes("fw-east node 1"));
        Assert.Same(first, again);
        for (var i = 0; i < 1000; i++)
        {
            var text = "value " + i;
            Assert.Equal(text, cache.Get(Encoding.UTF8.GetBytes(text)));
        }
        Assert.Equal("né", cache.Get(Encoding.UTF8.GetBytes("né")));
    }
}
