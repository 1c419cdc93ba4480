using System.Text.Json;
using SmcMonitoring.Simulator.Fields;
using SmcMonitoring.Simulator.Filters;

namespace SmcMonitoring.Simulator.Logs;

/// <summary>The <c>query</c> object of a log socket request (docs/protocol.md 4.1).</summary>
internal sealed class LogQuery
{
    /// <summary>True for <c>current</c> (live), false for <c>stored</c>.</summary>
    public bool IsLive { get; private init; }

    /// <summary>Epoch ms, inclusive; 0 = unbounded.</summary>
    public long StartMilliseconds { get; private init; }

    /// <summary>Epoch ms, inclusive; 0 = unbounded.</summary>
    public long EndMilliseconds { get; private init; }

    public RecordFilter? Filter { get; private init; }

    /// <summary>Reads the query; <c>servers</c> is accepted and ignored (the simulator is its own only Log Server).</summary>
    /// <param name="query">The query object.</param>
    /// <param name="catalog">The field catalogue.</param>
    /// <param name="elements">What an element href in the filter stands for (see <see cref="FilterParser"/>).</param>
    public static LogQuery Parse(JsonElement query, FieldCatalog catalog, System.Func<string, FilterValue?>? elements = null)
    {
        if (query.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException("query must be an object");
        }

        var type = query.StringMember("type") ?? "stored";
        if (type is not ("stored" or "current"))
        {
            throw new RequestRejectedException($"unknown query type '{type}' (valid: stored, current)");
        }

        return new LogQuery
        {
            IsLive = type == "current",
            StartMilliseconds = ReadMilliseconds(query, "start_ms"),
            EndMilliseconds = ReadMilliseconds(query, "end_ms"),
            Filter = query.TryGetProperty("filter", out var filter) && filter.ValueKind != JsonValueKind.Null
                ? new FilterParser(LogShape.Shape, catalog, elements).Parse(filter)
                : null,
        };
    }

    private static long ReadMilliseconds(JsonElement query, string name)
    {
        if (!query.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var milliseconds) && milliseconds >= 0
            ? milliseconds
            : throw new RequestRejectedException($"query.{name} must be epoch milliseconds (0 = unbounded), not {value.GetRawText()}");
    }
}
