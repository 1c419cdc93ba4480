using System.Text.Json;

namespace SmcMonitoring.Filters;

/// <summary>A value node of the filter grammar (docs/protocol.md 5.2).</summary>
internal sealed class FilterValue
{
    private FilterValue(string type, string? text, long? number, int? fieldId)
    {
        Type = type;
        Text = text;
        Number = number;
        FieldId = fieldId;
    }

    /// <summary><c>field</c>, <c>ip</c>, <c>service</c>, <c>constant</c>, <c>string</c>, <c>number</c> or <c>element</c>.</summary>
    public string Type { get; }

    /// <summary>The text of ip, service, string and element (href) values.</summary>
    public string? Text { get; }

    /// <summary>The number of constant and number values.</summary>
    public long? Number { get; }

    /// <summary>The field id of field values.</summary>
    public int? FieldId { get; }

    /// <summary>A field by id.</summary>
    public static FilterValue Field(int id) => new("field", null, null, id);

    /// <summary>An address or a CIDR network.</summary>
    public static FilterValue Ip(string value) => new("ip", value, null, null);

    /// <summary>A service such as <c>TCP/443</c>.</summary>
    public static FilterValue Service(string value) => new("service", value, null, null);

    /// <summary>A numeric constant (action, severity, data type).</summary>
    public static FilterValue Constant(long value) => new("constant", null, value, null);

    /// <summary>An exact string.</summary>
    public static FilterValue String(string value) => new("string", value, null, null);

    /// <summary>A number (ports, counters).</summary>
    public static FilterValue NumberValue(long value) => new("number", null, value, null);

    /// <summary>An SMC element, by href.</summary>
    public static FilterValue Element(string href) => new("element", href, null, null);

    /// <summary>Writes the value node.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", Type);
        switch (Type)
        {
            case "field":
                writer.WriteNumber("id", FieldId!.Value);
                break;
            case "element":
                writer.WriteString("href", Text);
                break;
            case "constant":
            case "number":
                writer.WriteNumber("value", Number!.Value);
                break;
            default:
                writer.WriteString("value", Text);
                break;
        }
        writer.WriteEndObject();
    }
}
