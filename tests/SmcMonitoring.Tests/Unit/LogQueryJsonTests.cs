using System;
using System.IO;
using System.Text;
using Newtonsoft.Json.Linq;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;
using Xunit;

namespace SmcMonitoring.Tests.Unit;

public class LogQueryJsonTests
{
    internal static void AssertGolden(string goldenName, string actualJson)
    {
        var expected = JToken.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", goldenName)));
        var actual = JToken.Parse(actualJson);
        Assert.True(JToken.DeepEquals(expected, actual), $"Request differs from Golden/{goldenName}.\nExpected: {expected.ToString(Newtonsoft.Json.Formatting.None)}\nActual:   {actual.ToString(Newtonsoft.Json.Formatting.None)}");
    }

    [Fact]
    public void Default_stored_query_matches_golden()
    {
        var query = new LogQuery { Quantity = 201 };
        query.Format.Resolving = new ResolvingOptions { TimeZone = ResolvingOptions.Utc, TimeShowZone = true, TimeShowMillis = true };
        foreach (var id in LogShapes.DefaultFieldIds) { query.Format.FieldIds.Add(id); }
        AssertGolden("log-default.json", Encoding.UTF8.GetString(query.ToRequestJson()));
    }

    [Fact]
    public void Request_is_compact_json_without_spaces()
    {
        var json = Encoding.UTF8.GetString(new LogQuery { Quantity = 1 }.ToRequestJson());
        Assert.DoesNotContain(" ", json);
    }

    [Fact]
    public void Time_window_is_sent_as_epoch_milliseconds()
    {
        var query = new LogQuery
        {
            Since = new DateTimeOffset(2024, 5, 2, 8, 0, 0, TimeSpan.Zero),
            Until = new DateTimeOffset(2024, 5, 2, 9, 0, 0, TimeSpan.Zero),
        };
        var json = JObject.Parse(Encoding.UTF8.GetString(query.ToRequestJson()));
        Assert.Equal(1714636800000L, (long)json["query"]!["start_ms"]!);
        Assert.Equal(1714640399999L, (long)json["query"]!["end_ms"]!);
    }

    [Fact]
    public void Window_is_half_open_at_millisecond_precision_whatever_the_ticks()
    {
        // 08:00:00.0005 and 09:00:00.0005: the record at 08:00:00.000 is before the window, the one at 09:00:00.000 inside it.
        var query = new LogQuery
        {
            Since = new DateTimeOffset(2024, 5, 2, 8, 0, 0, TimeSpan.Zero).AddTicks(5_000),
            Until = new DateTimeOffset(2024, 5, 2, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(5_000),
        };
        var json = JObject.Parse(Encoding.UTF8.GetString(query.ToRequestJson()));
        Assert.Equal(1714636800001L, (long)json["query"]!["start_ms"]!);
        Assert.Equal(1714640400000L, (long)json["query"]!["end_ms"]!);
    }
}
