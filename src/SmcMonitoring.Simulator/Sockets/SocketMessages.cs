using System;
using System.Buffers;
using System.Text.Json;
using SmcMonitoring.Simulator.Fields;

namespace SmcMonitoring.Simulator.Sockets;

/// <summary>The small server messages of docs/protocol.md 6.1, as UTF-8 JSON.</summary>
internal static class SocketMessages
{
    /// <summary><c>{"success":"Fetch started","fetch":F}</c>, plus whatever <paramref name="extra"/> writes (the fields array).</summary>
    public static byte[] FetchStarted(int fetchId, Action<Utf8JsonWriter>? extra = null) => Build(writer =>
    {
        writer.WriteString("success", "Fetch started");
        writer.WriteNumber("fetch", fetchId);
        extra?.Invoke(writer);
    });

    public static byte[] NoFetch() => Build(writer => writer.WriteString("success", "No fetch"));

    public static byte[] Status(int fetchId, string status) => Build(writer =>
    {
        writer.WriteNumber("fetch", fetchId);
        writer.WriteString("status", status);
    });

    /// <summary>
    /// <c>{"fetch":F,"statistics":{"scanned":N,"matched":M,"duration_ms":D}}</c>: how many stored records the query
    /// looked at, how many it sent, and how long that took. The SMC's shape is unknown (docs/protocol.md 13.2): assumed.
    /// </summary>
    public static byte[] Statistics(int fetchId, long scanned, long matched, long durationMilliseconds) => Build(writer =>
    {
        writer.WriteNumber("fetch", fetchId);
        writer.WriteStartObject("statistics");
        writer.WriteNumber("scanned", scanned);
        writer.WriteNumber("matched", matched);
        writer.WriteNumber("duration_ms", durationMilliseconds);
        writer.WriteEndObject();
    });

    public static byte[] End(int fetchId, string reason) => Build(writer =>
    {
        writer.WriteNumber("fetch", fetchId);
        writer.WriteString("end", reason);
    });

    public static byte[] Failure(string reason, int? fetchId = null) => Build(writer =>
    {
        writer.WriteString("failure", reason);
        if (fetchId is int id)
        {
            writer.WriteNumber("fetch", id);
        }
    });

    private static byte[] Build(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonText.WriterOptions))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
