using System.Text.Json;

namespace SmcMonitoring.Filters;

/// <summary>A filter node of the SMC's filter grammar (PROTOCOL.md section 5), written as JSON into a query.</summary>
public abstract class SmcFilter
{
    /// <summary>Writes this node as one JSON object.</summary>
    public abstract void WriteTo(Utf8JsonWriter writer);
}
