using System.Collections.Generic;
using System.Text.Json;

using SmcMonitoring.Fields;

namespace SmcMonitoring.Queries;

/// <summary>The <c>format</c> object of a query (docs/protocol.md 4.3): representation, key style, field selection, resolving.</summary>
internal sealed class QueryFormat
{
    /// <summary><c>texts</c>, <c>detailed</c> or <c>raw</c>.</summary>
    public string Type { get; set; } = "texts";

    /// <summary>How record keys are written.</summary>
    public FieldFormat FieldFormat { get; set; } = FieldFormat.Id;

    /// <summary>Only these field ids; empty = every field the SMC has.</summary>
    public IList<int> FieldIds { get; } = new List<int>();

    /// <summary>Only fields with these internal names (merged with <see cref="FieldIds"/> by the SMC).</summary>
    public IList<string> FieldNames { get; } = new List<string>();

    /// <summary>Value rendering; not sent for <c>raw</c>.</summary>
    public ResolvingOptions Resolving { get; set; } = new();

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("format");
        WriteBody(writer);
        writer.WriteEndObject();
    }

    /// <summary>Writes the keys of the format object (also used inside a combined format).</summary>
    internal void WriteBody(Utf8JsonWriter writer)
    {
        writer.WriteString("type", Type);
        writer.WriteString("field_format", FieldFormat switch { FieldFormat.Name => "name", FieldFormat.Pretty => "pretty", _ => "id" });
        if (Type != "raw") { Resolving.WriteTo(writer); }
        if (FieldIds.Count > 0)
        {
            writer.WriteStartArray("field_ids");
            foreach (var id in FieldIds) { writer.WriteNumberValue(id); }
            writer.WriteEndArray();
        }
        if (FieldNames.Count > 0)
        {
            writer.WriteStartArray("field_names");
            foreach (var name in FieldNames) { writer.WriteStringValue(name); }
            writer.WriteEndArray();
        }
    }
}
