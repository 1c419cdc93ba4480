using System.IO;
using System.Text;
using System.Text.Json;

namespace SmcMonitoring.Filters;

/// <summary>A filter node of the SMC's filter grammar (docs/protocol.md section 5), written as JSON into a query.</summary>
internal abstract class SmcFilter
{
    /// <summary>Writes this node as one JSON object.</summary>
    public abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>The node as compact JSON.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) { WriteTo(writer); }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <inheritdoc/>
    public override string ToString() => ToJson();
}
