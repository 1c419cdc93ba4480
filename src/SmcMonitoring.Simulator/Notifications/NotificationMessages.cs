using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using SmcMonitoring.Simulator.Fields;

namespace SmcMonitoring.Simulator.Notifications;

/// <summary>The server messages of the notification socket (docs/protocol.md 9.2, 9.3), as UTF-8 JSON.</summary>
internal static class NotificationMessages
{
    public const string Subscribed = "Subscribed for notifications";
    public const string Unsubscribed = "Unsubscribed";

    public static byte[] SubscribedAs(string context, int subscriptionId) => Build(writer =>
    {
        writer.WriteString("success", Subscribed);
        writer.WriteString("context", context);
        writer.WriteNumber("subscription_id", subscriptionId);
    });

    public static byte[] UnsubscribedFrom(int subscriptionId) => Build(writer =>
    {
        writer.WriteString("success", Unsubscribed);
        writer.WriteNumber("subscription_id", subscriptionId);
    });

    /// <summary>API 6.6 and later: one <c>event</c> object per message.</summary>
    public static byte[] Event(int subscriptionId, string type, string element) => Build(writer =>
    {
        writer.WriteNumber("subscription_id", subscriptionId);
        writer.WriteStartObject("event");
        WriteEvent(writer, type, element);
        writer.WriteEndObject();
    });

    /// <summary>API 6.5 and earlier: an <c>events</c> array.</summary>
    public static byte[] Events(int subscriptionId, IReadOnlyList<(string Type, string Element)> events) => Build(writer =>
    {
        writer.WriteNumber("subscription_id", subscriptionId);
        writer.WriteStartArray("events");
        foreach (var (type, element) in events)
        {
            writer.WriteStartObject();
            WriteEvent(writer, type, element);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    private static void WriteEvent(Utf8JsonWriter writer, string type, string element)
    {
        writer.WriteString("type", type);
        writer.WriteString("element", element);
    }

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
