namespace SmcMonitoring.Fields;

/// <summary>A log field as Get-SmcLogField shows it: the module's catalog entry, completed by the SMC's own description.</summary>
public sealed class SmcFieldInfo
{
    /// <summary>The field id.</summary>
    public int Id { get; set; }

    /// <summary>The property name records use (and -Field and -Filter accept).</summary>
    public string Property { get; set; } = string.Empty;

    /// <summary>The SMC's internal name (the <c>name</c> field format, <c>$Name</c> in filter expressions).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The SMC's display label (the <c>pretty</c> field format).</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The kind of value, which decides the .NET type of the property and the filter value type.</summary>
    public FieldKind Kind { get; set; }

    /// <summary>What the field means (the SMC's comment when it sent one).</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>Whether the SMC says the field can be filtered on; null when the SMC was not asked.</summary>
    public bool? Filterable { get; set; }

    /// <summary>The SMC's raw value type (for example <c>ip</c>, <c>time_ms</c>, <c>long</c>); null when the SMC was not asked.</summary>
    public string? RawType { get; set; }

    /// <summary><c>SMC</c> when the SMC described the field, <c>Catalog</c> when only the module's catalog knows it.</summary>
    public string Source { get; set; } = "Catalog";
}
