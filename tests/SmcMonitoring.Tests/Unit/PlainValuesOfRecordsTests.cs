using System;
using System.Linq;
using SmcMonitoring.Fields;
using SmcMonitoring.Records;
using Xunit;

namespace SmcMonitoring.Tests.Unit;

/// <summary>GetPlainValues: what a serialiser that knows neither IP addresses nor enums should write.</summary>
public class PlainValuesOfRecordsTests
{
    [Fact]
    public void Addresses_become_text_enums_names_and_times_ISO_8601_with_their_offset_when_known()
    {
        var shape = RecordShape.FromFields(new[] { 1, 7, 8, 10, 14, 602, 19 }.Select(id => FieldCatalog.Default.FindById(id)!), LogShapes.CustomTypeName);
        var local = new DateTime(2026, 12, 3, 7, 24, 1, 250, DateTimeKind.Local);
        var record = new SmcLogRecord(shape, new object?[]
        {
            local, ValueParser.Parse("10.0.0.9", FieldKind.Ip), ValueParser.Parse("2001:db8::1", FieldKind.Ip), 443, SmcAction.DiscardPassive, null, "not an address either",
        });

        var plain = record.GetPlainValues();

        Assert.Equal(new[] { "Timestamp", "Src", "Dst", "DstPort", "Action", "Severity", "Message" }, plain.Keys.Cast<string>());
        Assert.Equal(local.ToString("yyyy-MM-dd'T'HH:mm:ss.ffzzz", System.Globalization.CultureInfo.InvariantCulture), plain["Timestamp"]);
        Assert.Equal("10.0.0.9", plain["src"]);
        Assert.Equal("2001:db8::1", plain["Dst"]);
        Assert.Equal(443, plain["DstPort"]);
        Assert.Equal("DiscardPassive", plain["Action"]);
        Assert.Null(plain["Severity"]);
        Assert.Equal("not an address either", plain["Message"]);
    }

    [Theory]
    [InlineData(DateTimeKind.Utc, "2026-12-03T07:24:01Z")]
    [InlineData(DateTimeKind.Unspecified, "2026-12-03T07:24:01")]
    public void A_UTC_time_ends_in_Z_and_a_time_without_a_zone_has_no_offset(DateTimeKind kind, string expected)
    {
        var shape = RecordShape.FromFields(new[] { FieldCatalog.Default.FindById(1)! }, LogShapes.CustomTypeName);
        var record = new SmcLogRecord(shape, new object?[] { new DateTime(2026, 12, 3, 7, 24, 1, kind) });
        Assert.Equal(expected, record.GetPlainValues()["Timestamp"]);
    }
}
