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

    // Read for every value of every record: plain arrays, the column by field id (-1: none) and each column's kind.
    private readonly int[] _indexByFieldId;
    private readonly FieldKind[] _kinds;

    public RecordShape(IReadOnlyList<RecordColumn> columns, string typeName)
    {
        Columns = columns;
        TypeName = typeName;
        var maxId = -1;
        foreach (var column in columns)
        {
            if (column.Source == ColumnSource.Field && column.Field is { } field) { maxId = Math.Max(maxId, field.Id); }
        }
        _indexByFieldId = new int[maxId + 1];
        for (var id = 0; id <= maxId; id++) { _indexByFieldId[id] = -1; }
        SelectionTypeName = typeName.EndsWith(CustomSuffix, StringComparison.Ordinal) ? SelectionName(typeName, columns) : null;
        _kinds = new FieldKind[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            _indexByProperty[columns[i].Property] = i;
            _kinds[i] = columns[i].Kind;
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

    /// <summary>The key of a combined format's sub-object that holds the displayed entry id (the block list's); null for none.</summary>
    public string? EntryIdSubFormat { get; init; }

    public IReadOnlyList<RecordColumn> Columns { get; }

    /// <summary>
    /// The session the query ran on (an SmcSession, kept opaque in this layer), which every record of the query shows
    /// as its hidden Session property; null for a shape not yet bound to a query.
    /// </summary>
    public object? Source { get; private init; }

    /// <summary>A copy of this shape whose records come from <paramref name="source"/> (the query's session).</summary>
    public RecordShape WithSource(object source) =>
        new(Columns, TypeName) { EntryIdSubFormat = EntryIdSubFormat, Source = source };

    /// <summary>The PowerShell type name that picks the table view (a custom field selection gets a name of its own).</summary>
    public string TypeName { get; }

    /// <summary>The end of the type name of a shape whose fields the user chose (<c>-Field</c>).</summary>
    public const string CustomSuffix = "#Custom";

    /// <summary>
    /// For a shape whose fields the user chose, a type name of that very selection (the type name, then the shown
    /// properties), which follows the shape's type name in the records' type names so that selection can have a table
    /// view of its own; null for a default shape, whose view is in the module's format file.
    /// </summary>
    public string? SelectionTypeName { get; }

    /// <summary>The columns a table of a chosen selection shows: its fields (and the block list's entry id), in order.</summary>
    public IEnumerable<RecordColumn> ShownColumns
    {
        get
        {
            foreach (var column in Columns)
            {
                if (column.Source is ColumnSource.Field or ColumnSource.EntryId) { yield return column; }
            }
        }
    }

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

    public int IndexOfFieldId(int id) => (uint)id < (uint)_indexByFieldId.Length ? _indexByFieldId[id] : -1;

    /// <summary>The kind of the column at <paramref name="index"/>, which its values are parsed as.</summary>
    public FieldKind KindAt(int index) => _kinds[index];

    /// <summary>Builds a shape from fields, each column named by the field's property name.</summary>
    public static RecordShape FromFields(IEnumerable<FieldDefinition> fields, string typeName)
    {
        var columns = new List<RecordColumn>();
        foreach (var field in fields) { columns.Add(new RecordColumn(field.Property, field, field.Kind)); }
        return new RecordShape(columns, typeName);
    }

    private static string SelectionName(string typeName, IReadOnlyList<RecordColumn> columns)
    {
        var names = new List<string>(columns.Count);
        foreach (var column in columns)
        {
            if (column.Source is ColumnSource.Field or ColumnSource.EntryId) { names.Add(column.Property); }
        }
        return typeName + "#" + string.Join(",", names);
    }

    public override string ToString()
    {
        var names = new List<string>(Columns.Count);
        foreach (var column in Columns) { names.Add(column.Property); }
        return string.Join(",", names) + " (" + TypeName + ")";
    }
}
