using System;
using System.Net;
using System.Text;
using SmcMonitoring.Simulator.Formats;
using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Records;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

/// <summary>The allocation-free writers behind record values, checked against the framework's own renderings.</summary>
public sealed class ValueRenderingTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("2001:db8::1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("1:0:0:2::3")]
    [InlineData("fd12:3456:789a:1:2:3:4:5")]
    [InlineData("2001:db8:0:1:1:1:1:1")]
    public void Addresses_are_written_in_canonical_form(string address)
    {
        Assert.True(IpValue.TryParse(address, out var value));
        Assert.Equal(address, value.ToString());
    }

    [Fact]
    public void Ipv6_writing_agrees_with_the_framework_for_any_zero_pattern()
    {
        var random = new Random(5);
        var bytes = new byte[16];
        for (var i = 0; i < 2000; i++)
        {
            random.NextBytes(bytes);
            bytes[0] = 0x20;
            for (var group = 1; group < 8; group++)
            {
                if (random.Next(3) == 0)
                {
                    bytes[2 * group] = 0;
                    bytes[(2 * group) + 1] = 0;
                }
            }

            var expected = new IPAddress(bytes).ToString();
            Assert.True(IpValue.TryParse(expected, out var value));
            Assert.Equal(expected, value.ToString());
        }
    }

    [Theory]
    [InlineData("Europe/Helsinki", "2024-07-15 15:00:00 +03:00")]
    [InlineData("America/Chicago", "2024-07-15 07:00:00 -05:00")]
    [InlineData("CST", "2024-07-15 07:00:00 -05:00")]
    [InlineData("EST", "2024-07-15 07:00:00 -05:00")]
    [InlineData("US/Eastern", "2024-07-15 08:00:00 -04:00")]
    [InlineData("Asia/Kolkata", "2024-07-15 17:30:00 +05:30")]
    public void Summer_times_follow_daylight_saving_rules(string zone, string expected)
    {
        var renderer = new TimeRenderer(TimeZoneNames.Find(zone), showMillis: false, showZone: true);
        Span<byte> text = stackalloc byte[TimeRenderer.MaxLength];
        var length = renderer.Write(new DateTimeOffset(2024, 7, 15, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), text);
        Assert.Equal(expected, Encoding.ASCII.GetString(text[..length]));
    }

    [Fact]
    public void Offset_cache_notices_a_daylight_saving_change_between_two_records()
    {
        var renderer = new TimeRenderer(TimeZoneNames.Find("Europe/Helsinki"), showMillis: false, showZone: true);
        Span<byte> text = stackalloc byte[TimeRenderer.MaxLength];
        var change = new DateTimeOffset(2024, 3, 31, 1, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal("2024-03-31 02:59:59 +02:00", Encoding.ASCII.GetString(text[..renderer.Write(change - 1000, text)]));
        Assert.Equal("2024-03-31 04:00:00 +03:00", Encoding.ASCII.GetString(text[..renderer.Write(change, text)]));
    }

    [Theory]
    [InlineData(0, 0, 0, 9)]
    [InlineData(1_000, 5_000, 1, 5)]
    [InlineData(1_001, 4_999, 2, 4)]
    [InlineData(100, 500, 1, 0)]
    [InlineData(20_000, 0, 10, 9)]
    [InlineData(long.MaxValue, 0, 10, 9)]
    public void Time_window_picks_the_records_between_inclusive_bounds(long start, long end, long first, long last)
    {
        var timeline = new LogTimeline(10, 9_000, 1_000);
        timeline.Window(start, end, out var actualFirst, out var actualLast);
        Assert.Equal((first, last), (actualFirst, Math.Max(actualLast, actualFirst - 1)));
    }
}
