using System;
using System.Diagnostics;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

/// <summary>Log queries the way real SMCs answer: slow archive searches, negative fetch ids, zones by abbreviation.</summary>
public sealed class RealSmcLogTests
{
    private static Task<SmcSimulator> StartAsync(Action<SimulatorOptions> configure)
    {
        var options = new SimulatorOptions { LogRecords = 1000, LogEnd = SimulatorFixture.LogEnd, SessionChangesPerSecond = 0, NotificationsPerSecond = 0 };
        configure(options);
        return SmcSimulator.StartAsync(options);
    }

    [Fact]
    public async Task Archive_search_sends_progress_frames_before_the_first_records()
    {
        await using var simulator = await StartAsync(o =>
        {
            o.ArchiveSearchMs = 700;
            o.ArchiveStatusEveryMs = 200;
        });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        var clock = Stopwatch.StartNew();
        var fetch = await socket.FetchAsync(Requests.Stored("{\"quantity\":5}"));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(700), $"records came after {clock.Elapsed}");
        var statuses = fetch.Messages.TakeWhile(m => !m.ContainsKey("records")).Skip(1).Select(m => (string?)m["status"]).ToList();
        Assert.Equal("Querying...", statuses[0]);
        Assert.Equal(3, statuses.Count - 1);
        Assert.All(statuses.Skip(1), s => Assert.Matches(@"^Querying, filtering at 2024-01-15 \d\d:\d\d:\d\d, scanned (\d+ (day|hour|minute)s?, )*\d+ seconds?$", s));
        Assert.All(fetch.Messages, m => Assert.Equal(fetch.FetchId, (int?)m["fetch"]));
        Assert.Equal(5, fetch.Records.Count);
        var note = JsonNode.Parse(simulator.Requests.Single(r => r.Kind == "simulator" && r.Method == "archive-search").Body!)!;
        Assert.Equal(statuses.Count, (int)note["status_frames"]!);
    }

    [Fact]
    public async Task Archive_search_without_status_frames_is_complete_silence()
    {
        await using var simulator = await StartAsync(o => o.ArchiveSearchMs = 600);
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        var clock = Stopwatch.StartNew();
        await socket.SendAsync(Requests.Stored("{\"quantity\":5}"));
        Assert.Equal("Fetch started", (string?)(await socket.ReceiveAsync())!["success"]);
        var next = (await socket.ReceiveAsync())!;
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(600), $"a message came after {clock.Elapsed}");
        Assert.Equal(5, next["records"]!.AsArray().Count);
        Assert.False(next.ContainsKey("status"));
    }

    [Fact]
    public async Task Without_archive_search_the_records_follow_one_querying_status_at_once()
    {
        await using var simulator = await StartAsync(_ => { });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        var fetch = await socket.FetchAsync(Requests.Stored("{\"quantity\":5}"));
        Assert.Equal(new[] { "success", "status", "records", "statistics", "end" }, fetch.Messages.Select(m => m.Select(p => p.Key).First(k => k != "fetch")));
        Assert.DoesNotContain(simulator.Requests, r => r.Method == "archive-search");
    }

    [Fact]
    public async Task Negative_fetch_ids_are_forced_and_their_aborts_are_recognised()
    {
        await using var simulator = await StartAsync(o => o.ForceNegativeFetchIds = true);
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        var ids = new int[5];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = (await socket.FetchAsync(Requests.Stored("{\"quantity\":1}"))).FetchId!.Value;
            await socket.SendAsync($$"""{"abort":{{ids[i]}}}""");
        }

        Assert.All(ids, id => Assert.True(id < 0, $"fetch id {id}"));
        await socket.SendAsync("""{"abort":12345}""");
        await socket.FetchAsync(Requests.Stored("{\"quantity\":1}"));
        var notes = simulator.Requests.Where(r => r.Kind == "simulator" && r.Method == "abort").ToList();
        Assert.All(notes, n => Assert.Equal("/7.1/monitoring/log/socket", n.Path));
        var aborts = notes.Select(n => JsonNode.Parse(n.Body!)!).ToList();
        Assert.Equal(ids.Append(12345), aborts.Select(a => (int)a["fetch"]!));
        Assert.All(aborts.Take(5), a => Assert.True((bool)a["known"]!));
        Assert.False((bool)aborts[5]["known"]!);
    }

    [Fact]
    public async Task Fetch_ids_are_of_both_signs_by_default()
    {
        await using var simulator = await StartAsync(o => o.Seed = 42);
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        var ids = new int[16];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = (await socket.FetchAsync(Requests.Stored("{\"quantity\":1}"))).FetchId!.Value;
        }

        Assert.Contains(ids, id => id > 0);
        Assert.Contains(ids, id => id < 0);
    }

    [Theory]
    [InlineData("Europe/Helsinki", "2024-01-15 14:00:00 EET")]
    [InlineData("CST", "2024-01-15 06:00:00 CST")]
    [InlineData("EST", "2024-01-15 07:00:00 EST")]
    [InlineData("Asia/Kolkata", "2024-01-15 17:30:00 IST")]
    [InlineData("UTC", "2024-01-15 12:00:00 UTC")]
    [InlineData(null, "2024-01-15 12:00:00 UTC")]
    public async Task Abbreviation_style_names_the_zone(string? zone, string expected)
    {
        await using var simulator = await StartAsync(o => o.TimeZoneStyle = TimeZoneStyle.Abbreviation);
        Assert.Equal(expected, await NewestCreationTimeAsync(simulator, zone));
    }

    [Fact]
    public async Task Abbreviation_style_follows_daylight_saving_time()
    {
        await using var simulator = await StartAsync(o =>
        {
            o.TimeZoneStyle = TimeZoneStyle.Abbreviation;
            o.LogEnd = new DateTimeOffset(2024, 7, 15, 12, 0, 0, TimeSpan.Zero);
        });
        Assert.Equal("2024-07-15 15:00:00 EEST", await NewestCreationTimeAsync(simulator, "Europe/Helsinki"));
        Assert.Equal("2024-07-15 14:00:00 CEST", await NewestCreationTimeAsync(simulator, "Europe/Paris"));
        Assert.Equal("2024-07-15 07:00:00 CDT", await NewestCreationTimeAsync(simulator, "America/Chicago"));
    }

    [Fact]
    public async Task Offset_style_is_the_default_and_a_query_without_zone_renders_utc()
    {
        await using var simulator = await StartAsync(_ => { });
        Assert.Equal("2024-01-15 14:00:00 +02:00", await NewestCreationTimeAsync(simulator, "Europe/Helsinki"));
        Assert.Equal("2024-01-15 12:00:00 +00:00", await NewestCreationTimeAsync(simulator, null));
    }

    [Fact]
    public async Task None_style_renders_in_the_zone_asked_for_without_showing_it()
    {
        await using var simulator = await StartAsync(o => o.TimeZoneStyle = TimeZoneStyle.None);
        Assert.Equal("2024-01-15 14:00:00", await NewestCreationTimeAsync(simulator, "Europe/Helsinki"));
        Assert.Equal("2024-01-15 12:00:00", await NewestCreationTimeAsync(simulator, "UTC"));
    }

    [Theory]
    [InlineData(TimeZoneStyle.Offset)]
    [InlineData(TimeZoneStyle.Abbreviation)]
    public async Task A_windows_zone_name_is_refused_with_a_failure_naming_it(TimeZoneStyle style)
    {
        await using var simulator = await StartAsync(o => o.TimeZoneStyle = style);
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        var fetch = await socket.FetchAsync(Requests.Stored("{\"quantity\":1}", """{"type":"texts","resolving":{"timezone":"Central Standard Time","time_show_zone":true}}"""));
        Assert.StartsWith("unknown time zone 'Central Standard Time' in format.resolving.timezone: use an IANA id such as", fetch.Failure);
        Assert.Contains("Windows names such as Central Standard Time are not accepted", fetch.Failure);
    }

    private static async Task<string?> NewestCreationTimeAsync(SmcSimulator simulator, string? zone)
    {
        var resolving = new JsonObject { ["time_show_zone"] = true };
        if (zone is not null)
        {
            resolving["timezone"] = zone;
        }

        var format = new JsonObject { ["type"] = "texts", ["field_ids"] = new JsonArray(1), ["resolving"] = resolving };
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        var fetch = await socket.FetchAsync(Requests.Stored("{\"quantity\":1}", format.ToJsonString()));
        return (string?)fetch.Records.Single()["Creation Time"];
    }
}
