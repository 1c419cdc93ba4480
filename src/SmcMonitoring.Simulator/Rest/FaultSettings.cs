using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmcMonitoring.Simulator.Rest;

/// <summary>
/// <see cref="SimulatorFaults"/> as JSON for <c>/_simulator/faults</c>: the property names as fields (matched
/// ignoring case); a POST changes only the fields it names, null clears one, <c>"ExpireSessions": true</c> acts.
/// </summary>
internal static class FaultSettings
{
    private const string ValidFields =
        "DelayMs, DropAfterMessages, CloseAfterMessages, FailQueries, MalformedMessages, OversizedMessageBytes, BufferErrorClose, Silent, SessionLifetime (seconds or \"hh:mm:ss\"), ExpireSessions, RefuseWrites, "
        + HostileFaultSettings.ValidFields;

    public static JsonObject ToJson(SimulatorFaults faults) => HostileFaultSettings.AddTo(new JsonObject
    {
        ["DelayMs"] = faults.DelayMs,
        ["DropAfterMessages"] = faults.DropAfterMessages,
        ["CloseAfterMessages"] = faults.CloseAfterMessages,
        ["FailQueries"] = faults.FailQueries,
        ["MalformedMessages"] = faults.MalformedMessages,
        ["OversizedMessageBytes"] = faults.OversizedMessageBytes,
        ["BufferErrorClose"] = faults.BufferErrorClose,
        ["Silent"] = faults.Silent,
        ["SessionLifetime"] = faults.SessionLifetime?.TotalSeconds,
        ["RefuseWrites"] = faults.RefuseWrites,
    }, faults);

    /// <summary>Applies a POST body; returns what was wrong (and changes nothing), or null.</summary>
    public static string? Apply(SimulatorFaults faults, string? body)
    {
        JsonElement settings;
        try
        {
            using var document = JsonDocument.Parse(body ?? string.Empty);
            settings = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return $"The body must be a JSON object with any of: {ValidFields}.";
        }

        if (settings.ValueKind != JsonValueKind.Object)
        {
            return $"The body must be a JSON object with any of: {ValidFields}.";
        }

        // Checked completely first, so that a bad field changes nothing.
        var staged = new SimulatorFaults();
        foreach (var pass in new[] { staged, faults })
        {
            foreach (var field in settings.EnumerateObject())
            {
                var problem = Set(pass, field, expire: ReferenceEquals(pass, faults));
                if (problem is not null)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    private static string? Set(SimulatorFaults faults, JsonProperty field, bool expire)
    {
        var value = field.Value;
        try
        {
            switch (field.Name.ToUpperInvariant())
            {
                case "DELAYMS":
                    faults.DelayMs = Count(value, field.Name);
                    return null;
                case "DROPAFTERMESSAGES":
                    faults.DropAfterMessages = Count(value, field.Name);
                    return null;
                case "CLOSEAFTERMESSAGES":
                    faults.CloseAfterMessages = Count(value, field.Name);
                    return null;
                case "MALFORMEDMESSAGES":
                    faults.MalformedMessages = Count(value, field.Name);
                    return null;
                case "OVERSIZEDMESSAGEBYTES":
                    faults.OversizedMessageBytes = Count(value, field.Name);
                    return null;
                case "FAILQUERIES":
                    faults.FailQueries = value.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.String => value.GetString(),
                        _ => throw new FormatException($"{field.Name} must be a text or null"),
                    };
                    return null;
                case "BUFFERERRORCLOSE":
                    faults.BufferErrorClose = Flag(value, field.Name);
                    return null;
                case "SILENT":
                    faults.Silent = Flag(value, field.Name);
                    return null;
                case "SESSIONLIFETIME":
                    faults.SessionLifetime = Lifetime(value, field.Name);
                    return null;
                case "REFUSEWRITES":
                    faults.RefuseWrites = Flag(value, field.Name);
                    return null;
                case "EXPIRESESSIONS":
                    if (Flag(value, field.Name) && expire)
                    {
                        faults.ExpireSessions();
                    }

                    return null;
                default:
                    return HostileFaultSettings.Set(faults, field) ? null : $"Unknown fault '{field.Name}' (valid: {ValidFields}).";
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            return e is ArgumentOutOfRangeException range ? range.Message.Split(" (Parameter", 2)[0] : e.Message;
        }
    }

    internal static int Count(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Null ? 0
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number
        : throw new FormatException($"{name} must be a whole number (0 = off)");

    internal static bool Flag(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False or JsonValueKind.Null => false,
        _ => throw new FormatException($"{name} must be true or false"),
    };

    private static TimeSpan? Lifetime(JsonElement value, string name)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when value.TryGetDouble(out var seconds) && seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds:
                return TimeSpan.FromSeconds(seconds);
            case JsonValueKind.String when TimeSpan.TryParse(value.GetString(), CultureInfo.InvariantCulture, out var lifetime) && lifetime > TimeSpan.Zero:
                return lifetime;
            default:
                throw new FormatException($"{name} must be positive seconds, a time span such as \"00:00:30\", or null");
        }
    }
}
