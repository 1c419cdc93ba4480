using System;
using SmcMonitoring.Fields;

namespace SmcMonitoring.Records;

/// <summary>One property of a record shape: the property name shown to users and the SMC field behind it.</summary>
internal sealed class RecordColumn
{
    public RecordColumn(string property, FieldDefinition? field, FieldKind kind)
    {
        Property = property;
        Field = field;
        Kind = kind;
        ClrType = TypeOf(kind);
    }

    public string Property { get; }

    public FieldDefinition? Field { get; }

    public FieldKind Kind { get; }

    /// <summary>The type a parsed value has; a value that does not parse stays a string.</summary>
    public Type ClrType { get; }

    private static Type TypeOf(FieldKind kind) => kind switch
    {
        FieldKind.Time => typeof(DateTime),
        FieldKind.Ip => typeof(System.Net.IPAddress),
        FieldKind.Port => typeof(int),
        FieldKind.Number => typeof(long),
        FieldKind.Action => typeof(SmcAction),
        FieldKind.Severity => typeof(SmcSeverity),
        _ => typeof(string),
    };
}
