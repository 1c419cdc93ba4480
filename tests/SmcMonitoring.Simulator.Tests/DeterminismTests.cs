using System.Collections.Generic;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class DeterminismTests
{
    private static readonly string Request = Requests.Stored("{\"quantity\":500}", "{\"type\":\"texts\",\"field_format\":\"name\",\"resolving\":{\"time_show_millis\":true}}");

    private static async Task<List<string>> AnswerTextsAsync(int seed)
    {
        await using var simulator = await SmcSimulator.StartAsync(new SimulatorOptions { Seed = seed, LogRecords = 5000, LogEnd = SimulatorFixture.LogEnd });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        await socket.SendAsync(Request);
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
}
