using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace SmcMonitoring.Simulator.Tests.Support;

/// <summary>Session socket requests as clients compose them (docs/protocol.md 4.4), and what their records look like.</summary>
public static class SessionRequests
{
    /// <summary>The block-list request of docs/protocol.md 4.4 that the module sends (combined format).</summary>
    public const string CombinedBlockListFormat = """
        {"type": "combined",
         "formats": {
           "bldata": {"type": "texts", "field_format": "name", "resolving": {"senders": true, "timezone": "CST", "time_show_zone": true}},
           "blid":   {"type": "texts", "field_format": "pretty", "resolving": {"senders": true}, "field_ids": [117]}}}
        """;

    public static string Query(string definition, string? target = "fw-east", string format = "{\"type\":\"texts\",\"field_format\":\"id\",\"resolving\":{\"senders\":true}}", string? filter = null)
    {
        var members = new List<string> { $"\"definition\":\"{definition}\"" };
        if (target is not null)
        {
            members.Add($"\"target\":\"{target}\"");
        }

        if (filter is not null)
        {
            members.Add($"\"filter\":{filter}");
        }

        return "{\"query\":{" + string.Join(",", members) + "},\"fetch\":{},\"format\":" + format + "}";
    }

    /// <summary>The SessionEvent (302) of a record, whatever its key style, also inside combined sub-formats.</summary>
    public static string? SessionEvent(JsonObject record)
    {
        if ((record["302"] ?? record["SessionEvent"] ?? record["Session Event"]) is JsonValue value)
        {
            return (string?)value;
        }

        return record.Select(p => p.Value).OfType<JsonObject>().Select(SessionEvent).FirstOrDefault(e => e is not null);
    }

    public static string DeltaKey(JsonObject record) => (string)record["delta_key"]!;

    public static bool FirstFetch(JsonObject record) => (bool?)record["first_fetch"] ?? false;

    /// <summary>The records of one array (added, updated, deleted) of a session records message.</summary>
    public static List<JsonObject> Array(JsonObject message, string name) =>
        message["records"]?[name]?.AsArray().Select(r => r!.AsObject()).ToList() ?? new List<JsonObject>();

    /// <summary>A record without the keys that differ between a snapshot and a change of the same row version.</summary>
    public static string Content(JsonObject record)
    {
        var copy = JsonNode.Parse(record.ToJsonString())!.AsObject();
        foreach (var key in new[] { "first_fetch", "302", "SessionEvent", "Session Event" })
        {
            copy.Remove(key);
        }

        return copy.ToJsonString();
    }
}
