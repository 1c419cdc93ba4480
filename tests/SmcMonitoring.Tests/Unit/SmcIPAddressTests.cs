using System;
using System.Collections;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using SmcMonitoring.Fields;
using SmcMonitoring.Filters;
using SmcMonitoring.Records;
using Xunit;

namespace SmcMonitoring.Tests.Unit;

/// <summary>Addresses in records stay IP addresses and also sort by number, IPv4 before IPv6.</summary>
public class SmcIPAddressTests
{
    [Theory]
    [InlineData("\"10.0.0.9\"")]
    [InlineData("\"2001:db8::1\"")]
    [InlineData("\"fe80::1%4\"")]
    public void Every_parsed_address_is_comparable_and_still_an_IPAddress(string json)
    {
        var value = Read(json);
        var address = Assert.IsType<SmcIPAddress>(value);
        Assert.IsAssignableFrom<IPAddress>(address);
        Assert.Equal(IPAddress.Parse(json.Trim('"')), address);
        Assert.Equal(IPAddress.Parse(json.Trim('"')).ToString(), address.ToString());
        Assert.Equal(IPAddress.Parse(json.Trim('"')).GetHashCode(), address.GetHashCode());
    }

    [Fact]
    public void The_fast_IPv4_path_and_the_text_path_give_the_same_comparable_address()
    {
        var fast = Utf8Values.IPv4(Encoding.UTF8.GetBytes("192.168.4.84"));
        var slow = ValueParser.Parse("192.168.4.84", FieldKind.Ip);
        Assert.IsType<SmcIPAddress>(fast);
        Assert.IsType<SmcIPAddress>(slow);
        Assert.Equal(0, fast!.CompareTo(slow));
        Assert.True(fast.Equals(slow));
    }

    [Fact]
    public void Addresses_sort_by_number_with_IPv4_before_IPv6()
    {
        var texts = new[] { "2001:db8::10", "10.0.0.10", "fd00::1", "9.255.255.255", "10.0.0.9", "::1", "2001:db8::9", "255.0.0.1", "0.0.0.0", "::ffff:1.2.3.4" };
        var sorted = texts.Select(t => (SmcIPAddress)ValueParser.Parse(t, FieldKind.Ip)).OrderBy(a => a).Select(a => a.ToString()).ToArray();
        Assert.Equal(new[] { "0.0.0.0", "9.255.255.255", "10.0.0.9", "10.0.0.10", "255.0.0.1", "::1", "::ffff:1.2.3.4", "2001:db8::9", "2001:db8::10", "fd00::1" }, sorted);
    }

    [Fact]
    public void Scope_ids_order_equal_IPv6_addresses_and_plain_addresses_compare_too()
    {
        var one = (SmcIPAddress)ValueParser.Parse("fe80::1%1", FieldKind.Ip);
        var two = (SmcIPAddress)ValueParser.Parse("fe80::1%2", FieldKind.Ip);
        Assert.True(one.CompareTo(two) < 0);
        Assert.True(one.CompareTo((object)IPAddress.Parse("10.0.0.1")) > 0);
        Assert.Equal(0, one.CompareTo(IPAddress.Parse("fe80::1%1")));
        Assert.True(one.CompareTo((object?)null) > 0);
        var error = Assert.Throws<ArgumentException>(() => one.CompareTo((object)"fe80::1"));
        Assert.Contains("System.String", error.Message);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("fe80::1%7")]
    public void Parse_and_the_copy_constructor_keep_family_bytes_and_scope(string text)
    {
        var plain = IPAddress.Parse(text);
        var parsed = SmcIPAddress.Parse(text);
        var copied = new SmcIPAddress(plain);
        Assert.Equal(plain, parsed);
        Assert.Equal(plain, copied);
        if (plain.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            Assert.Equal(7, parsed.ScopeId);
            Assert.Equal(7, copied.ScopeId);
        }
        Assert.Equal(text, parsed.ToString());
        Assert.Equal(text, copied.ToString());
        Assert.Throws<FormatException>(() => SmcIPAddress.Parse("not-an-address"));
    }

    [Fact]
    public void A_record_address_used_as_a_filter_value_translates_like_its_text()
    {
        var v4 = ValueParser.Parse("192.168.4.84", FieldKind.Ip);
        var v6 = ValueParser.Parse("2001:db8::1", FieldKind.Ip);
        const string Golden = """{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"192.168.4.84"},{"type":"ip","value":"2001:db8::1"}]}""";

        var fromHashtable = HashtableFilterParser.Parse(new Hashtable { ["Src"] = new[] { v4, v6 } }).ToJson();
        var fromScriptBlock = ScriptBlockFilterTranslator.Translate(
            FilterTranslationTests.ScriptBlockLiteral("{ $_.Src -in $addresses }"),
            name => name == "addresses" ? new[] { v4, v6 } : null).ToJson();

        Assert.True(JToken.DeepEquals(JToken.Parse(Golden), JToken.Parse(fromHashtable)), fromHashtable);
        Assert.True(JToken.DeepEquals(JToken.Parse(Golden), JToken.Parse(fromScriptBlock)), fromScriptBlock);
    }

    private static object? Read(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return ValueParser.Read(ref reader, FieldKind.Ip);
    }
}
