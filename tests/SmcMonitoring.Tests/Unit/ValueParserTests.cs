using System;
using System.Net;
using System.Text;
using System.Text.Json;
using SmcMonitoring.Fields;
using SmcMonitoring.Records;
using Xunit;

namespace SmcMonitoring.Tests.Unit;

public class ValueParserTests
{
    private static object? Read(string json, FieldKind kind)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return ValueParser.Read(ref reader, kind);
    }

    [Fact]
    public void Smc_time_text_without_a_zone_is_the_utc_instant_the_query_asked_for_in_local_time()
    {
        var plain = Assert.IsType<DateTime>(Read("\"2024-05-02 10:11:12\"", FieldKind.Time));
        Assert.Equal(DateTimeKind.Local, plain.Kind);
        Assert.Equal(new DateTime(2024, 5, 2, 10, 11, 12, DateTimeKind.Utc), plain.ToUniversalTime());
        var millis = Assert.IsType<DateTime>(Read("\"2024-05-02 10:11:12.345\"", FieldKind.Time));
        Assert.Equal(new DateTime(2024, 5, 2, 10, 11, 12, 345, DateTimeKind.Utc), millis.ToUniversalTime());
        var slow = Assert.IsType<DateTime>(ValueParser.Parse("2024-05-02 10:11:12.345", FieldKind.Time));
        Assert.Equal(millis, slow);
        Assert.Equal(DateTimeKind.Local, slow.Kind);
    }

    [Fact]
    public void A_zone_that_names_no_offset_keeps_the_text()
    {
        // CEST could be read two ways; typed queries ask for UTC, so a zone like this means something went astray.
        Assert.Equal("2024-05-02 10:11:12.005 CEST", Read("\"2024-05-02 10:11:12.005 CEST\"", FieldKind.Time));
    }

    [Theory]
    [InlineData("2024-05-02 10:11:12 +02:00", 2 * 60)]
    [InlineData("2024-05-02 10:11:12+0200", 2 * 60)]
    [InlineData("2024-05-02 10:11:12 -05:30", -(5 * 60 + 30))]
    [InlineData("2024-05-02 10:11:12 UTC", 0)]
    [InlineData("2024-05-02 10:11:12 Z", 0)]
    [InlineData("2024-05-02 10:11:12 GMT+2", 2 * 60)]
    [InlineData("2024-05-02 10:11:12.000 UTC-06:00", -6 * 60)]
    [InlineData("2024-05-02 10:11:12.000 +00:00", 0)]
    [InlineData("2024-05-02 10:11:12.000 +09:30", 9 * 60 + 30)]
    [InlineData("2024-05-02 10:11:12.000 UTC", 0)]
    public void A_time_with_its_offset_becomes_that_instant_in_local_time(string text, int offsetMinutes)
    {
        var value = Assert.IsType<DateTime>(Read("\"" + text + "\"", FieldKind.Time));
        Assert.Equal(DateTimeKind.Local, value.Kind);
        var instant = new DateTimeOffset(2024, 5, 2, 10, 11, 12, TimeSpan.FromMinutes(offsetMinutes));
        Assert.Equal(instant.UtcDateTime, value.ToUniversalTime());
    }

    [Fact]
    public void Raw_epoch_milliseconds_become_local_datetimes_of_that_instant()
    {
        var value = Assert.IsType<DateTime>(Read("1714644672000", FieldKind.Time));
        Assert.Equal(DateTimeKind.Local, value.Kind);
        Assert.Equal(new DateTime(2024, 5, 2, 10, 11, 12, DateTimeKind.Utc), value.ToUniversalTime());
    }

    [Fact]
    public void Addresses_ports_numbers_actions_and_severities_get_their_types()
    {
        Assert.Equal(IPAddress.Parse("10.1.2.3"), Read("\"10.1.2.3\"", FieldKind.Ip));
        Assert.Equal(IPAddress.Parse("2001:db8::1"), Read("\"2001:db8::1\"", FieldKind.Ip));
        Assert.Equal(443, Read("\"443\"", FieldKind.Port));
        Assert.Equal(443, Read("443", FieldKind.Port));
        Assert.Equal(123456789012L, Read("\"123456789012\"", FieldKind.Number));
        Assert.Equal(SmcAction.Allow, Read("\"Allow\"", FieldKind.Action));
        Assert.Equal(SmcAction.DiscardPassive, Read("\"Discard Passive\"", FieldKind.Action));
        Assert.Equal(SmcAction.Block, Read("13", FieldKind.Action));
        Assert.Equal(SmcSeverity.Critical, Read("\"Critical\"", FieldKind.Severity));
        Assert.Equal(SmcSeverity.High, Read("5", FieldKind.Severity));
    }

    [Theory]
    [InlineData("\"fw-east (10.0.0.1)\"", FieldKind.Ip, "fw-east (10.0.0.1)")]
    [InlineData("\"10\"", FieldKind.Ip, "10")]
    [InlineData("\"any\"", FieldKind.Port, "any")]
    [InlineData("\"99999\"", FieldKind.Port, "99999")]
    [InlineData("\"Shrug\"", FieldKind.Action, "Shrug")]
    [InlineData("\"yesterday\"", FieldKind.Time, "yesterday")]
    [InlineData("\"2024-13-45 99:99:99\"", FieldKind.Time, "2024-13-45 99:99:99")]
    public void A_value_that_does_not_parse_keeps_its_text(string json, FieldKind kind, string expected)
    {
        Assert.Equal(expected, Read(json, kind));
    }

    [Fact]
    public void Escaped_strings_are_unescaped_before_parsing()
    {
        Assert.Equal("a\"b", Read("\"a\\\"b\"", FieldKind.String));
        Assert.Equal(80, Read("\"\\u0038\\u0030\"", FieldKind.Port));
    }
}
