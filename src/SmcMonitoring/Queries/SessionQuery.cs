using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using SmcMonitoring.Filters;

namespace SmcMonitoring.Queries;

/// <summary>A query of the session socket (docs/protocol.md 4.1, 6.5.3, 7): one monitor of one engine or domain.</summary>
internal sealed class SessionQuery
{
    /// <summary>The socket path, relative to the API version.</summary>
    public const string SocketPath = "monitoring/session/socket";

    /// <summary>Creates a query of <paramref name="definition"/> for <paramref name="target"/>.</summary>
    public SessionQuery(string definition, string? target)
    {
        Definition = definition;
        Target = target;
    }

    /// <summary>The monitor definition, for example <c>CONNECTIONS</c>.</summary>
    public string Definition { get; }

    /// <summary>The engine name (the domain for ACTIVE_ALERTS); null sends no target (neighbors only).</summary>
    public string? Target { get; }

    /// <summary>The filter, evaluated by the SMC.</summary>
    public SmcFilter? Filter { get; set; }

    /// <summary>The answer's format; ignored when <see cref="CombinedFormats"/> is set.</summary>
    public QueryFormat Format { get; set; } = new();

    /// <summary>Sub-formats of a <c>combined</c> format, by key (the block-list request uses one).</summary>
    public IDictionary<string, QueryFormat>? CombinedFormats { get; set; }

    /// <summary>The request as compact UTF-8 JSON.</summary>
    public byte[] ToRequestJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("query");
            writer.WriteString("definition", Definition);
            if (Target != null) { writer.WriteString("target", Target); }
            if (Filter != null)
            {
                writer.WritePropertyName("filter");
                Filter.WriteTo(writer);
            }
            writer.WriteEndObject();
            writer.WriteStartObject("fetch");
            writer.WriteEndObject();
            if (CombinedFormats is null)
            {
                Format.WriteTo(writer);
            }
            else
            {
                writer.WriteStartObject("format");
                writer.WriteString("type", "combined");
                writer.WriteStartObject("formats");
                foreach (var format in CombinedFormats)
                {
                    writer.WriteStartObject(format.Key);
                    format.Value.WriteBody(writer);
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
