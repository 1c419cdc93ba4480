using System.Text.Json;

namespace SmcMonitoring.Simulator.Fields;

/// <summary>One row of the field catalog, with its record keys encoded once for the hot path.</summary>
internal sealed class FieldDefinition
{
    public FieldDefinition(int id, string name, string pretty, FieldKind kind, string meaning)
    {
        Id = id;
        Name = name;
        Pretty = pretty;
        Kind = kind;
        Meaning = meaning;
        IdKey = JsonEncodedText.Encode(id.ToString(System.Globalization.CultureInfo.InvariantCulture), JsonText.Encoder);
        NameKey = JsonEncodedText.Encode(name, JsonText.Encoder);
        PrettyKey = JsonEncodedText.Encode(pretty, JsonText.Encoder);
    }

    public int Id { get; }

    /// <summary>The SMC internal name (field_format "name").</summary>
    public string Name { get; }

    /// <summary>The display label (field_format "pretty").</summary>
    public string Pretty { get; }

    public FieldKind Kind { get; }

    public string Meaning { get; }

    public JsonEncodedText IdKey { get; }

    public JsonEncodedText NameKey { get; }

    public JsonEncodedText PrettyKey { get; }

    /// <summary>Whether raw output writes this field as a JSON number rather than a string.</summary>
    public bool IsRawNumber => Kind is FieldKind.Time or FieldKind.Port or FieldKind.Number or FieldKind.Action or FieldKind.Severity;
}
