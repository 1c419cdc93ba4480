using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

/// <summary>What a broken or hostile server sends on a fetch: too many records, huge or malformed frames, bogus ends.</summary>
public sealed class HostileFrameTests
{
    private static Task<SmcSimulator> StartAsync(SimulatorFaults? faults = null) => SmcSimulator.StartAsync(new SimulatorOptions
    {
        LogRecords = 1000,
        LogEnd = SimulatorFixture.LogEnd,
        SessionChangesPerSecond = 0,
        NotificationsPerSecond = 0,
        Faults = faults ?? new SimulatorFaults(),
    });

    private static List<JsonNode> FaultNotes(SmcSimulator simulator) =>
        simulator.Requests.Where(r => r.Kind == "simulator" && r.Method == "fault").Select(r => JsonNode.Parse(r.Body!)!).ToList();

    [Theory]
    [InlineData(250, 400)]
    [InlineData(200, 200)]
    [InlineData(1, 200)]
    public async Task Batches_past_quantity_sends_whole_batches_of_200(int quantity, int expected)
    {
        await using var simulator = await StartAsync(new SimulatorFaults { BatchesPastQuantity = true });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        var fetch = await socket.FetchAsync(Requests.Stored($"{{\"quantity\":{quantity}}}"));
        Assert.Equal(expected, fetch.Records.Count);
        Assert.All(fetch.RecordMessages, m => Assert.Equal(200, m.Count));
        Assert.Equal("end of data", (string?)fetch.Last["end"]);

        simulator.Faults.BatchesPastQuantity = false;
        Assert.Equal(quantity, (await socket.FetchAsync(Requests.Stored($"{{\"quantity\":{quantity}}}"))).Records.Count);
    }

    [Fact]
    public async Task Huge_message_records_make_the_first_records_message_that_many_empty_records()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { HugeMessageRecords = 1_000_000 });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        await socket.SendAsync(Requests.Stored("{\"quantity\":5}"));
        var fetchId = (int)(await socket.ReceiveAsync())!["fetch"]!;
        Assert.Equal("Querying...", (string?)(await socket.ReceiveAsync())!["status"]);
        var huge = (await socket.ReceiveTextAsync(TimeSpan.FromSeconds(15)))!;
        var prefix = $"{{\"fetch\":{fetchId},\"records\":[";
        Assert.Equal(prefix.Length + (3 * 1_000_000) - 1 + 2, Encoding.UTF8.GetByteCount(huge));
        Assert.StartsWith(prefix + "{},{},", huge);
        Assert.EndsWith("{},{}]}", huge);
        using (var document = JsonDocument.Parse(huge))
        {
            Assert.Equal(fetchId, document.RootElement.GetProperty("fetch").GetInt32());
            var records = document.RootElement.GetProperty("records");
            Assert.Equal(1_000_000, records.GetArrayLength());
            Assert.All(records.EnumerateArray().Take(1000), r => Assert.Equal("{}", r.GetRawText()));
        }

        var rest = await socket.ReadFetchAsync();
        Assert.Equal(5, rest.Records.Count);
        Assert.Equal("end of data", (string?)rest.Last["end"]);
        Assert.Equal(Encoding.UTF8.GetByteCount(huge), (long)FaultNotes(simulator).Single()["bytes"]!);
    }

    [Theory]
    [InlineData(BogusEndFrame.Array)]
    [InlineData(BogusEndFrame.OtherFetch)]
    public async Task A_bogus_end_comes_before_the_records_of_the_next_stored_fetch_only(BogusEndFrame kind)
    {
        await using var simulator = await StartAsync(new SimulatorFaults { EndFrame = kind });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        await socket.SendAsync(Requests.Stored("{\"quantity\":5}"));
        var fetchId = (int)(await socket.ReceiveAsync())!["fetch"]!;
        var bogus = (await socket.ReceiveAsync())!;
        if (kind == BogusEndFrame.Array)
        {
            Assert.Equal($$$"""{"fetch":{{{fetchId}}},"end":[]}""", bogus.ToJsonString());
        }
        else
        {
            Assert.NotEqual(fetchId, (int)bogus["fetch"]!);
            Assert.Equal("end of data", (string?)bogus["end"]);
        }

        var rest = await socket.ReadFetchAsync();
        Assert.Equal(5, rest.Records.Count);
        Assert.Equal(fetchId, (int?)rest.Last["fetch"]);
        Assert.Equal(BogusEndFrame.None, simulator.Faults.EndFrame);

        var next = await socket.FetchAsync(Requests.Stored("{\"quantity\":5}"));
        Assert.Equal(new[] { "success", "status", "records", "statistics", "end" }, next.Messages.Select(m => m.Select(p => p.Key).First(k => k != "fetch")));
        Assert.Equal(ModeNamesOf(kind), (string?)FaultNotes(simulator).Single()["value"]);
    }

    [Theory]
    [InlineData("monitoring/session/socket")]
    [InlineData("monitoring/log/socket")]
    public async Task A_bogus_end_also_reaches_a_session_or_live_fetch_before_its_records(string socketPath)
    {
        await using var simulator = await StartAsync(new SimulatorFaults { EndFrame = BogusEndFrame.Array });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenSocketAsync(socketPath);
        await socket.SendAsync(socketPath.StartsWith("monitoring/session", StringComparison.Ordinal) ? SessionRequests.Query("ROUTING") : Requests.Live());
        var fetchId = (int)(await socket.ReceiveAsync())!["fetch"]!;
        Assert.Equal($$$"""{"fetch":{{{fetchId}}},"end":[]}""", (await socket.ReceiveAsync())!.ToJsonString());
        var records = (await socket.ReceiveAsync())!;
        Assert.Equal(fetchId, (int?)records["fetch"]);
        var count = records["records"] is JsonArray live ? live.Count : SessionRequests.Array(records, "added").Count;
        Assert.True(count > 0, records.ToJsonString());
    }

    [Fact]
    public async Task Invalid_utf8_frames_come_among_the_records_which_all_arrive()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { InvalidUtf8Frames = 4 });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await RawWebSocket.ConnectAsync(client.SocketUri("monitoring/log/socket"), $"Cookie: JSESSIONID={client.SessionCookie}");
        Assert.Equal(101, socket.Status);
        await socket.SendTextAsync(Requests.Stored("{\"quantity\":450}"));
        var kinds = new List<string>();
        var records = 0;
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        while (kinds.LastOrDefault() != "end")
        {
            var (opcode, payload) = (await socket.ReceiveAsync())!.Value;
            Assert.Equal(1, opcode);
            string text;
            try
            {
                text = strict.GetString(payload);
            }
            catch (DecoderFallbackException)
            {
                kinds.Add("invalid");
                continue;
            }

            var message = JsonNode.Parse(text)!.AsObject();
            kinds.Add(message.Select(p => p.Key).First(k => k != "fetch"));
            records += message["records"]?.AsArray().Count ?? 0;
        }

        Assert.Equal(
            new[] { "success", "status", "records", "invalid", "records", "invalid", "records", "invalid", "invalid", "statistics", "end" },
            kinds);
        Assert.Equal(450, records);
        Assert.Equal(0, simulator.Faults.InvalidUtf8Frames);
    }

    [Fact]
    public async Task Wrong_type_records_start_the_first_records_message_of_the_next_stored_fetch()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { WrongTypeRecords = true });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenLogSocketAsync();
        await socket.SendAsync(Requests.Stored("{\"quantity\":250}", "{\"type\":\"texts\",\"field_format\":\"name\"}"));
        var messages = new List<JsonObject>();
        while (messages.LastOrDefault()?.ContainsKey("end") != true)
        {
            messages.Add((await socket.ReceiveAsync())!);
        }

        var batches = messages.Where(m => m.ContainsKey("records")).Select(m => m["records"]!.AsArray()).ToList();
        Assert.Equal("[1,\"x\",null]", new JsonArray(batches[0].Take(3).Select(n => n?.DeepClone()).ToArray()).ToJsonString());
        Assert.All(batches.SelectMany(b => b).Skip(3), r => Assert.Equal(JsonValueKind.Object, r!.GetValueKind()));
        Assert.Equal(250, batches.Sum(b => b.Count) - 3);
        Assert.Equal(200, batches[0].Count);

        var next = await socket.FetchAsync(Requests.Stored("{\"quantity\":5}"));
        Assert.All(next.Records, r => Assert.Equal(JsonValueKind.Object, r.GetValueKind()));
    }

    private static string ModeNamesOf(BogusEndFrame kind) => kind == BogusEndFrame.Array ? "array" : "other-fetch";
}
