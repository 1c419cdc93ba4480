using System.Collections.Generic;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class DeterminismTests
{
    private static readonly string Request = Requests.Stored("{\"quantity\":500}", "{\"type\":\"texts\",\"field_format\":\"name\",\"resolving\":{\"time_show_millis\":true}}");

    private static async Task<List<string>> AnswerTextsAsync(int seed, bool cacheRenderedRecords = false, params string[] requests)
    {
        await using var simulator = await SmcSimulator.StartAsync(new SimulatorOptions { Seed = seed, LogRecords = 5000, LogEnd = SimulatorFixture.LogEnd, CacheRenderedRecords = cacheRenderedRecords });
        using var client = await SmcTestClient.LoginAsync(simulator);
        var texts = new List<string>();
        foreach (var request in requests.Length == 0 ? new[] { Request } : requests)
        {
            await using var socket = await client.OpenLogSocketAsync();
            await socket.SendAsync(request);
            texts.AddRange(await ReadToEndAsync(socket));
        }

        return texts;
    }

    private static async Task<List<string>> ReadToEndAsync(TestSocket socket)
    {
        var texts = new List<string>();
        while (true)
        {
            var text = (await socket.ReceiveTextAsync(System.TimeSpan.FromSeconds(15)))!;

            // Statistics carry a measured duration; everything else must be byte-identical.
            if (!text.Contains("\"statistics\"", System.StringComparison.Ordinal))
            {
                texts.Add(text);
            }
            if (text.Contains("\"end\"", System.StringComparison.Ordinal))
            {
                return texts;
            }
        }
    }

    [Fact]
    public async Task Same_seed_gives_byte_identical_answers_and_another_seed_differs()
    {
        var first = await AnswerTextsAsync(7);
        var second = await AnswerTextsAsync(7);
        var other = await AnswerTextsAsync(8);
        Assert.Equal(first, second);
        Assert.Equal(first.Count, other.Count);
        Assert.NotEqual(first[2], other[2]);
    }

    [Fact]
    public async Task Rendered_log_cache_answers_byte_for_byte_what_rendering_answers()
    {
        // Each request twice: the first fills the cache, the second is copied from it. Filtered, backwards, a time
        // zone, another field order and a second format at once, across the 4096-record chunk boundary.
        var idFormat = "{\"type\":\"texts\",\"field_format\":\"id\",\"field_ids\":[1,7,8,14,4]}";
        var zoned = "{\"type\":\"texts\",\"field_format\":\"name\",\"field_ids\":[8,1,7],\"resolving\":{\"timezone\":\"Europe/Helsinki\",\"time_show_zone\":true}}";
        var requests = new[]
        {
            Requests.Stored("{\"quantity\":1500}", idFormat),
            Requests.Stored("{\"quantity\":1500}", idFormat),
            Requests.Stored("{\"quantity\":1200,\"backwards\":true}", zoned),
            Requests.Stored("{\"quantity\":1200,\"backwards\":true}", zoned),
            Requests.Filtered("{\"type\":\"in\",\"left\":{\"type\":\"field\",\"id\":14},\"right\":[{\"type\":\"string\",\"value\":\"Discard\"}]}", 300, idFormat),
            Request,
        };

        var rendered = await AnswerTextsAsync(3, cacheRenderedRecords: false, requests);
        var cached = await AnswerTextsAsync(3, cacheRenderedRecords: true, requests);

        Assert.True(rendered.Count > 40, $"only {rendered.Count} messages");
        Assert.Equal(rendered, cached);
    }
}
