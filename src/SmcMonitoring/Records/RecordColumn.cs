using System;
using SmcMonitoring.Fields;

namespace SmcMonitoring.Records;

/// <summary>Where a column's value comes from.</summary>
internal enum ColumnSource
{
    /// <summary>An SMC log field.</summary>
    Field,
    /// <summary>The record's <c>delta_key</c>: the identity of a session-monitor row.</summary>
    DeltaKey,
    /// <summary>The record's <c>first_fetch</c>: part of the initial snapshot.</summary>
    FirstFetch,
    /// <summary>Which array of <c>records</c> the record came in: added, updated or deleted.</summary>
    Change,
    /// <summary>An element href of the record (<c>block_list_href</c>, <c>blacklist_href</c>, <c>vpn_sa_href</c>).</summary>
    Href,
    /// <summary>The query's target: the engine name (or the domain of active alerts).</summary>
    Target,
    /// <summary>The user-visible block-list entry id (the <c>blid</c> sub-format of the combined block-list format).</summary>
    EntryId,
}

/// <summary>One property of a record shape: the property name shown to users and where its value comes from.</summary>
internal sealed class RecordColumn
{
    public RecordColumn(string property, FieldDefinition? field, FieldKind kind, ColumnSource source = ColumnSource.Field)
    {
        Property = property;
        Field = field;
        Kind = kind;
        Source = source;
        ClrType = source switch
        {
            ColumnSource.FirstFetch => typeof(bool),
            ColumnSource.Change => typeof(SmcChange),
            _ => TypeOf(kind),
        };
    }

    public string Property { get; }

    public FieldDefinition? Field { get; }

    public FieldKind Kind { get; }

    public ColumnSource Source { get; }

    /// <summary>The type a parsed value has; a value that does not parse stays a string.</summary>
    public Type ClrType { get; }

    private static Type TypeOf(FieldKind kind) => kind switch
    {
        FieldKind.Time => typeof(DateTime),
        FieldKind.Ip => typeof(SmcIPAddress),
        FieldKind.Port => typeof(int),
        FieldKind.Number => typeof(long),
        FieldKind.Action => typeof(SmcAction),
        FieldKind.Severity => typeof(SmcSeverity),
        _ => typeof(string),
    };
}
