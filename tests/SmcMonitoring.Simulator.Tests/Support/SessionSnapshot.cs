using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace SmcMonitoring.Simulator.Tests.Support;

/// <summary>
/// What a session fetch sent up to its "all sessions sent" record (SessionEvent 4): the fixture's simulators send
/// one, so a test knows where the snapshot ends without waiting for silence.
/// </summary>
public sealed class SessionSnapshot
{
    private SessionSnapshot(JsonObject started, List<JsonObject> messages, List<JsonObject> records, JsonObject marker)
    {
        Started = started;
        Messages = messages;
        Records = records;
        Marker = marker;
    }

    public JsonObject Started { get; }

    public int FetchId => (int)Started["fetch"]!;

    /// <summary>The records messages of the snapshot, the marker's message excluded.</summary>
    public List<JsonObject> Messages { get; }

    /// <summary>The snapshot's rows, the marker excluded.</summary>
    public List<JsonObject> Records { get; }

    public JsonObject Marker { get; }

    /// <summary>Sends the request and reads its answer up to the marker; a failure answer fails the test with its text.</summary>
    public static async Task<SessionSnapshot> FetchAsync(TestSocket socket, string request)
    {
        await socket.SendAsync(request);
        var started = (await socket.ReceiveAsync())!;
        Assert.True(started.ContainsKey("success"), $"expected Fetch started, got {started.ToJsonString()}");
        return await ReadAsync(socket, started);
    }

    public static async Task<SessionSnapshot> ReadAsync(TestSocket socket, JsonObject started)
    {
        var fetchId = (int)started["fetch"]!;
        var messages = new List<JsonObject>();
        var records = new List<JsonObject>();
        while (true)
        {
            var message = await socket.ReceiveAsync() ?? throw new InvalidOperationException("closed before the snapshot ended");
            if ((int?)message["fetch"] != fetchId)
            {
                continue;
            }

            if (message["failure"] is { } failure)
            {
                throw new InvalidOperationException($"the fetch failed: {failure}");
            }

            foreach (var record in SessionRequests.Array(message, "added"))
            {
                if (SessionRequests.SessionEvent(record) == "4")
                {
                    return new SessionSnapshot(started, messages, records, record);
                }

                records.Add(record);
            }

            messages.Add(message);
        }
    }
}
