using System.Text.Json;

namespace SmcMonitoring.Simulator.Fields;

/// <summary>Lenient reads of request members: a missing member, or one of another JSON type, reads as null.</summary>
internal static class JsonMembers
{
    public static string? StringMember(this JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static bool? BoolMember(this JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;
}
