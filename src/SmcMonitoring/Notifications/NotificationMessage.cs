using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Notifications;

/// <summary>
/// One message of the notification socket (docs/protocol.md 9.2, 9.3): a subscription answer, a failure, or events —
/// one <c>event</c> object (API 6.6 and later) or an <c>events</c> list (6.5 and earlier). Both shapes are read
/// whatever the version, so an SMC that mixes them loses nothing.
/// </summary>
internal sealed class NotificationMessage
{
    public string? Success { get; private set; }

    public string? Failure { get; private set; }

    public string? Context { get; private set; }

    /// <summary>The subscription id; 0 when the SMC sent none, as the reference assumes.</summary>
    public int SubscriptionId { get; private set; }

    public bool HasSubscriptionId { get; private set; }

    public List<(string Type, string Element)> Events { get; } = new();

    public static NotificationMessage Parse(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) { throw Invalid("it is not a JSON object", null); }
            var message = new NotificationMessage
            {
                Success = Text(root, "success"),
                Failure = Text(root, "failure"),
                Context = Text(root, "context"),
            };
            if (root.TryGetProperty("subscription_id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var subscription))
            {
                message.SubscriptionId = subscription;
                message.HasSubscriptionId = true;
            }
            if (root.TryGetProperty("event", out var single) && single.ValueKind == JsonValueKind.Object) { message.Add(single); }
            if (root.TryGetProperty("events", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object) { message.Add(item); }
                }
            }
            return message;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            // Invalid UTF-8 inside a string surfaces only when the string is read, as InvalidOperationException.
            throw Invalid("it is not valid JSON (" + ex.Message + ")", ex);
        }
    }

    private void Add(JsonElement item)
    {
        var type = Text(item, "type");
        var element = Text(item, "element");
        if (type != null && element != null) { Events.Add((type, element)); }
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static SmcException Invalid(string why, Exception? inner) =>
        SmcErrors.MessageInvalid.Create("The SMC sent a notification message this module cannot read: " + why + ".", inner);

    public static string TextOf(ReadOnlyMemory<byte> utf8) => Encoding.UTF8.GetString(utf8.ToArray());
}
