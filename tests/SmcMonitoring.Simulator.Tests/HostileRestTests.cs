using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

/// <summary>REST answers of a hostile server: bodies that never end, and bodies padded to any size.</summary>
public sealed class HostileRestTests
{
    private const int ReadBytes = 2 * 1024 * 1024;

    private static Task<SmcSimulator> StartAsync(SimulatorFaults faults) => SmcSimulator.StartAsync(new SimulatorOptions { Faults = faults, NotificationsPerSecond = 0 });

    /// <summary>Reads up to <see cref="ReadBytes"/> of the body; returns what was read and whether the body ended first.</summary>
    private static async Task<(string Start, long Read, bool Ended)> ReadSomeAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        var start = new MemoryStream();
        var read = 0L;
        while (read < ReadBytes)
        {
            var count = await body.ReadAsync(buffer);
            if (count == 0)
            {
                return (Encoding.UTF8.GetString(start.ToArray()), read, true);
            }

            if (start.Length < 4096)
            {
                start.Write(buffer, 0, Math.Min(count, 4096));
            }

            read += count;
        }

        return (Encoding.UTF8.GetString(start.ToArray()), read, false);
    }

    [Fact]
    public async Task An_endless_entry_point_answer_starts_validly_and_never_ends_and_other_answers_are_unaffected()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { EndlessRestBody = EndlessRestAnswer.Api });
        using var client = await SmcTestClient.LoginAsync(simulator);
        using (var response = await client.Http.GetAsync("/7.1/api", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            var (start, read, ended) = await ReadSomeAsync(response);
            Assert.False(ended, $"the body ended after {read} bytes");
            Assert.StartsWith($"{{\"entry_point\":[{{\"rel\":\"host\",\"href\":\"{simulator.BaseUrl.GetLeftPart(UriPartial.Authority)}/7.1/elements/host\",\"method\":\"GET\"}},", start);
        }

        await client.GetJsonAsync("/7.1/system");
        Assert.Contains("\"version\"", await client.Http.GetStringAsync("/api"));
        var note = JsonNode.Parse(simulator.Requests.Single(r => r.Kind == "simulator" && r.Method == "fault").Body!)!;
        Assert.Equal(("EndlessRestBody", "api"), ((string?)note["fault"], (string?)note["value"]));

        simulator.Faults.EndlessRestBody = EndlessRestAnswer.None;
        Assert.NotEmpty((await client.GetJsonAsync("/7.1/api"))["entry_point"]!.AsArray());
    }

    [Fact]
    public async Task An_endless_login_answer_still_logs_in()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { EndlessRestBody = EndlessRestAnswer.Login });
        using var client = SmcTestClient.Create(simulator);
        using var login = new HttpRequestMessage(HttpMethod.Post, "/7.1/login") { Content = SmcTestClient.Json($$"""{"authenticationkey":"{{simulator.ApiKey}}"}""") };
        using (var response = await client.Http.SendAsync(login, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var (start, _, ended) = await ReadSomeAsync(response);
            Assert.False(ended);
            Assert.StartsWith("{\"padding\":\"xxxxxxxx", start);
        }

        Assert.NotNull(client.SessionCookie);
        await client.GetJsonAsync("/7.1/system");
    }

    [Fact]
    public async Task An_endless_version_list_repeats_the_newest_version()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { EndlessRestBody = EndlessRestAnswer.Versions });
        using var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        using var response = await http.GetAsync("/api", HttpCompletionOption.ResponseHeadersRead);
        var (start, _, ended) = await ReadSomeAsync(response);
        Assert.False(ended);
        Assert.StartsWith($"{{\"version\":[{{\"rel\":\"7.1\",\"href\":\"{simulator.BaseUrl.GetLeftPart(UriPartial.Authority)}/7.1/api\"}},{{\"rel\":\"7.1\"", start);
    }

    [Fact]
    public async Task Stopping_ends_an_endless_answer_that_nobody_reads()
    {
        var simulator = await StartAsync(new SimulatorFaults { EndlessRestBody = EndlessRestAnswer.Versions });
        using var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        using var response = await http.GetAsync("/api", HttpCompletionOption.ResponseHeadersRead);
        await Task.Delay(200);
        var clock = Stopwatch.StartNew();
        await simulator.StopAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4.5), $"stopping took {clock.Elapsed}, as long as a shutdown that waits out its 5 s");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(100)]
    [InlineData(3_000_000)]
    public async Task Oversized_entry_points_are_valid_json_of_exactly_the_size_asked(int extra)
    {
        await using var simulator = await StartAsync(new SimulatorFaults());
        using var client = await SmcTestClient.LoginAsync(simulator);
        var natural = Encoding.UTF8.GetByteCount(await client.Http.GetStringAsync("/7.1/api"));

        simulator.Faults.OversizedRestBodyBytes = natural + extra;
        using var response = await client.Http.GetAsync("/7.1/api");
        var body = await response.Content.ReadAsByteArrayAsync();
        var expected = extra >= 13 ? natural + extra : natural;
        Assert.Equal(expected, body.Length);
        Assert.Equal(expected, response.Content.Headers.ContentLength);
        using var document = JsonDocument.Parse(body);
        Assert.True(document.RootElement.GetProperty("entry_point").GetArrayLength() > 5);
        Assert.Equal(extra >= 13, document.RootElement.TryGetProperty("padding", out _));
    }
}
