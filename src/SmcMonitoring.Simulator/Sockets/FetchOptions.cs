using System.Text.Json;

namespace SmcMonitoring.Simulator.Sockets;

/// <summary>The <c>fetch</c> object of a request (docs/protocol.md 4.2).</summary>
internal sealed class FetchOptions
{
    /// <summary>Maximum records; null = unlimited, 0 = none (a field-description probe).</summary>
    public long? Quantity { get; private init; }

    public bool Backwards { get; private init; } = true;

    public static FetchOptions Parse(JsonElement fetch)
    {
        if (fetch.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException("fetch must be an object");
        }

        long? quantity = null;
        if (fetch.TryGetProperty("quantity", out var q) && q.ValueKind != JsonValueKind.Null)
        {
            quantity = q.ValueKind == JsonValueKind.Number && q.TryGetInt64(out var n) && n >= 0
                ? n
                : throw new RequestRejectedException($"fetch.quantity must be a whole number of at least 0, not {q.GetRawText()}");
        }

        var backwards = !fetch.TryGetProperty("backwards", out var b) || b.ValueKind != JsonValueKind.False;
        return new FetchOptions { Quantity = quantity, Backwards = backwards };
    }
}
