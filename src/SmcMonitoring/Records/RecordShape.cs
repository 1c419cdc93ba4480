using System;
using System.Collections.Generic;
using SmcMonitoring.Fields;

namespace SmcMonitoring.Records;

/// <summary>
/// The ordered properties every record of one query has, built once per query. Records hold only a value array;
/// the shape maps SMC keys (field ids) to positions in it.
/// </summary>
internal sealed class RecordShape
{
    private readonly Dictionary<string, int> _indexByProperty = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, int> _indexByFieldId = new();

    public RecordShape(IReadOnlyList<RecordColumn> columns, string typeName)
    {
        Columns = columns;
        TypeName = typeName;
        for (var i = 0; i < columns.Count; i++)
        {
            _indexByProperty[columns[i].Property] = i;
            switch (columns[i].Source)
            {
                case ColumnSource.Field when columns[i].Field is { } definition:
                    _indexByFieldId[definition.Id] = i;
                    break;
                case ColumnSource.DeltaKey: DeltaKeyIndex = i; break;
                case ColumnSource.FirstFetch: FirstFetchIndex = i; break;
                case ColumnSource.Change: ChangeIndex = i; break;
                case ColumnSource.Href: HrefIndex = i; break;
                case ColumnSource.Target: TargetIndex = i; break;
                case ColumnSource.EntryId: EntryIdIndex = i; break;
            }
        }
    }

    public int DeltaKeyIndex { get; } = -1;

    public int FirstFetchIndex { get; } = -1;

    public int ChangeIndex { get; } = -1;

    public int HrefIndex { get; } = -1;

    public int TargetIndex { get; } = -1;

    public int EntryIdIndex { get; } = -1;

    public IReadOnlyList<RecordColumn> Columns { get; }

    /// <summary>The PowerShell type name that picks the table view (a custom field selection gets a name of its own).</summary>
    public string TypeName { get; }

    /// <summary>The field ids to request from the SMC, in column order.</summary>
    public IEnumerable<int> FieldIds
    {
        get
        {
            foreach (var column in Columns)
            {
                if (column.Source == ColumnSource.Field && column.Field is { } definition) { yield return definition.Id; }
            }
        }
    }

    public int IndexOfProperty(string property) => _indexByProperty.TryGetValue(property, out var index) ? index : -1;

    public int IndexOfFieldId(int id) => _indexByFieldId.TryGetValue(id, out var index) ? index : -1;

    /// <summary>Builds a shape from fields, each column named by the field's property name.</summary>
    public static RecordShape FromFields(IEnumerable<FieldDefinition> fields, string typeName)
    {
        var columns = new List<RecordColumn>();
        foreach (var field in fields) { columns.Add(new RecordColumn(field.Property, field, field.Kind)); }
        return new RecordShape(columns, typeName);
    }

    public override string ToString()
    {
        var names = new List<string>(Columns.Count);
        foreach (var column in Columns) { names.Add(column.Property); }
        return string.Join(",", names) + " (" + TypeName + ")";
    }
}
