using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using SmcMonitoring.Filters;

namespace SmcMonitoring.Queries;

/// <summary>Stored (search) or current (live) log data.</summary>
internal enum LogQueryType
{
    /// <summary>Search stored log data.</summary>
    Stored,
    /// <summary>Stream new entries as they arrive.</summary>
    Current,
}

/// <summary>A query of the log socket (docs/protocol.md 4.1, 4.2, 7.1): builds the exact request JSON.</summary>
internal sealed class LogQuery
{
    /// <summary>The socket path, relative to the API version.</summary>
    public const string SocketPath = "monitoring/log/socket";

    /// <summary>Stored or current.</summary>
    public LogQueryType Type { get; set; } = LogQueryType.Stored;

    /// <summary>Start of the time window, included; null = unbounded.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>End of the time window, excluded (the window is half-open, [Since, Until)); null = unbounded.</summary>
    public DateTimeOffset? Until { get; set; }

    /// <summary>The most records to fetch; null = the SMC's default (all matching).</summary>
    public int? Quantity { get; set; }

    /// <summary>Newest first (the default) or oldest first.</summary>
    public bool Backwards { get; set; } = true;

    /// <summary>Only search these Log Server or Management Server elements (hrefs).</summary>
    public IList<string> Servers { get; } = new List<string>();

    /// <summary>The filter, evaluated by the SMC.</summary>
    public SmcFilter? Filter { get; set; }

    /// <summary>The answer's format.</summary>
    public QueryFormat Format { get; set; } = new();

    /// <summary>The request as compact UTF-8 JSON (compact to stay under the SMC's 8192-character limit).</summary>
    public byte[] ToRequestJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("query");
            writer.WriteString("type", Type == LogQueryType.Current ? "current" : "stored");
            writer.WriteNumber("start_ms", Since is { } since ? FirstMillisecondAtOrAfter(since) : 0);
            writer.WriteNumber("end_ms", Until is { } until ? Math.Max(1, FirstMillisecondAtOrAfter(until) - 1) : 0);
            if (Servers.Count > 0)
            {
                writer.WriteStartArray("servers");
                foreach (var server in Servers) { writer.WriteStringValue(server); }
                writer.WriteEndArray();
            }
            if (Filter != null)
            {
                writer.WritePropertyName("filter");
                Filter.WriteTo(writer);
            }
            writer.WriteEndObject();
            writer.WriteStartObject("fetch");
            if (Quantity is { } quantity) { writer.WriteNumber("quantity", quantity); }
            writer.WriteBoolean("backwards", Backwards);
            writer.WriteEndObject();
            Format.WriteTo(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>
    /// The first whole epoch millisecond at or after <paramref name="time"/>. Record times are whole milliseconds and
    /// both <c>start_ms</c> and <c>end_ms</c> include their millisecond (docs/protocol.md 4.1), so a window
    /// [Since, Until) is sent as <c>start_ms</c> = this of Since and <c>end_ms</c> = this of Until minus one: a
    /// record exactly on Until belongs to the next window, and a time with ticks below the millisecond (Get-Date)
    /// neither loses nor repeats the record in its millisecond.
    /// </summary>
    internal static long FirstMillisecondAtOrAfter(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - UnixEpochTicks;
        var whole = ticks / TimeSpan.TicksPerMillisecond;
        return ticks % TimeSpan.TicksPerMillisecond > 0 ? whole + 1 : whole;
    }
}
