using System.Text.Json;
using SmcMonitoring.Simulator.Fields;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Formats;

/// <summary>Writes the <c>fields</c> array a detailed format answers with (docs/protocol.md 6.4).</summary>
internal static class FieldDescriptors
{
    /// <summary>What a fetch-started answer adds for <paramref name="format"/>: the fields array for detailed formats, else nothing.</summary>
    public static System.Action<Utf8JsonWriter>? For(RecordFormat format, RecordShape shape, FieldCatalog catalog) =>
        format.Type == FormatType.Detailed ? writer => Write(writer, format, shape, catalog) : null;

    /// <summary>Describes the selected fields the catalog knows, or every field of the shape when nothing is selected.</summary>
    public static void Write(Utf8JsonWriter writer, RecordFormat format, RecordShape shape, FieldCatalog catalog)
    {
        writer.WriteStartArray("fields");
        if (format.FieldIds is null)
        {
            foreach (var field in shape.Fields)
            {
                WriteOne(writer, field);
            }
        }
        else
        {
            foreach (var id in format.FieldIds)
            {
                if (catalog.Find(id) is { } field)
                {
                    WriteOne(writer, field);
                }
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteOne(Utf8JsonWriter writer, FieldDefinition field)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", field.Id);
        writer.WriteString("name", field.Name);
        writer.WriteString("pretty", field.Pretty);
        writer.WriteString("comment", field.Meaning);
        writer.WriteBoolean("filterable", true);
        writer.WriteBoolean("visible", true);
        writer.WriteString("raw_type", field.Kind switch
        {
            FieldKind.Time => "time_ms",
            FieldKind.Ip => "ip",
            FieldKind.Port or FieldKind.Number or FieldKind.Action or FieldKind.Severity => "long",
            _ => "string",
        });
        if (field.Kind == FieldKind.Ip)
        {
            writer.WriteString("resolving", "IP");
        }

        writer.WriteEndObject();
    }
}
