namespace SmcMonitoring.Simulator.Tests.Support;

/// <summary>Log socket requests as clients compose them (docs/protocol.md 4.4).</summary>
public static class Requests
{
    /// <summary>A stored query with the given JSON fragments spliced in; null leaves a key out.</summary>
    public static string Stored(string? fetch = "{\"quantity\":10}", string? format = "{\"type\":\"texts\"}", string? filter = null, long start = 0, long end = 0)
    {
        var query = $"\"query\":{{\"type\":\"stored\",\"start_ms\":{start},\"end_ms\":{end}{(filter is null ? string.Empty : ",\"filter\":" + filter)}}}";
        return "{" + query + (fetch is null ? string.Empty : ",\"fetch\":" + fetch) + (format is null ? string.Empty : ",\"format\":" + format) + "}";
    }

    public static string Filtered(string filter, int quantity = 100, string format = "{\"type\":\"texts\",\"field_format\":\"name\"}") =>
        Stored($"{{\"quantity\":{quantity}}}", format, filter);

    public static string Live(string format = "{\"type\":\"texts\",\"field_format\":\"name\"}", string? filter = null) =>
        "{\"query\":{\"type\":\"current\",\"start_ms\":0,\"end_ms\":0" + (filter is null ? string.Empty : ",\"filter\":" + filter) + "},\"fetch\":{\"backwards\":true},\"format\":" + format + "}";
}
