using System;
using System.Collections.Generic;
using System.Text.Json;
using SmcMonitoring.Protocol;

using SmcMonitoring.Fields;

namespace SmcMonitoring.Records;

/// <summary>
/// Builds typed records straight from the JSON reader: each key is mapped to a column of the query's shape (ids
/// without allocating; names and labels through a map built once), each value parsed once to its column's type.
/// Session-monitor keys (<c>delta_key</c>, <c>first_fetch</c>, hrefs) fill their own columns, sub-format objects of
/// a combined format are read into the same record, and keys the shape does not hold are skipped.
/// </summary>
internal sealed class TypedRecordSink : IRecordBatch
{
    private const int SessionEventField = 302;

    // Boxed once: every session row carries a change (and a first-fetch flag, see Utf8Values.Bool).
    private static readonly object BoxedAdded = SmcChange.Added;
    private static readonly object BoxedUpdated = SmcChange.Updated;
    private static readonly object BoxedDeleted = SmcChange.Deleted;

    private readonly RecordShape _shape;
    private readonly Func<RecordShape, object?[], SmcRecord> _create;
    private readonly string? _target;
    private readonly Dictionary<string, int> _indexBySpelling = new(StringComparer.OrdinalIgnoreCase);
    private readonly Utf8StringCache _strings = new();

    public TypedRecordSink(RecordShape shape, Func<RecordShape, object?[], SmcRecord> create, string? target = null)
    {
        _shape = shape;
        _create = create;
        _target = target;
        for (var i = 0; i < shape.Columns.Count; i++)
        {
            var column = shape.Columns[i];
            if (column.Source != ColumnSource.Field) { continue; }
            _indexBySpelling[column.Property] = i;
            if (column.Field is { } field)
            {
                _indexBySpelling[field.Name] = i;
                _indexBySpelling[field.DisplayName] = i;
            }
        }
    }

    private readonly List<SmcRecord> _records = new(200);
    private readonly List<RowFlags> _flags = new(200);

    /// <inheritdoc/>
    public System.Collections.IList Records => _records;

    /// <inheritdoc/>
    public int MarkerIndex { get; private set; } = -1;

    /// <inheritdoc/>
    public RowFlags FlagsAt(int index) => _flags[index];

    /// <inheritdoc/>
    public string? DeltaKeyAt(int index) => _shape.DeltaKeyIndex < 0 ? null : _records[index].ValueAt(_shape.DeltaKeyIndex) as string;

    /// <inheritdoc/>
    public bool SameValues(object first, object second)
    {
        var a = (SmcRecord)first;
        var b = (SmcRecord)second;
        for (var i = 0; i < _shape.Columns.Count; i++)
        {
            if (i == _shape.ChangeIndex || i == _shape.FirstFetchIndex) { continue; }
            if (!Equals(a.ValueAt(i), b.ValueAt(i))) { return false; }
        }
        return true;
    }

    /// <inheritdoc/>
    public object WithChange(object record, SmcChange change)
    {
        var values = ((SmcRecord)record).CopyValues();
        Set(values, _shape.ChangeIndex, change switch { SmcChange.Updated => BoxedUpdated, SmcChange.Deleted => BoxedDeleted, _ => BoxedAdded });
        Set(values, _shape.FirstFetchIndex, Utf8Values.Bool(false));
        return _create(_shape, values);
    }

    public void Read(ref Utf8JsonReader reader, RecordChange change)
    {
        var values = new object?[_shape.Columns.Count];
        var state = new RecordState();
        // Stores through a span: its type is checked once here, not at each store as an object[]'s would be.
        Span<object?> slots = values;
        ReadInto(ref reader, slots, ref state);
        if (state.SessionEvent == "4")
        {
            // A marker row, not a monitored item.
            if (MarkerIndex < 0) { MarkerIndex = _records.Count; }
            return;
        }
        var flags = RowFlags.None;
        if (change != RecordChange.None)
        {
            // Some SMCs (6.2) send no first_fetch at all: an added row is then not known to be in the snapshot or not
            // (null); an update or a delete never is.
            Set(slots, _shape.FirstFetchIndex, state.HasFirstFetch || change != RecordChange.Added ? Utf8Values.Bool(state.FirstFetch) : null);
            Set(slots, _shape.ChangeIndex, change switch { RecordChange.Updated => BoxedUpdated, RecordChange.Deleted => BoxedDeleted, _ => BoxedAdded });
            flags = (state.FirstFetch ? RowFlags.FirstFetch : RowFlags.None) | (state.HasFirstFetch ? RowFlags.FirstFetchKey : RowFlags.None)
                | (change == RecordChange.Updated ? RowFlags.Updated : change == RecordChange.Deleted ? RowFlags.Deleted : RowFlags.None);
        }
        Set(slots, _shape.TargetIndex, _target);
        _records.Add(_create(_shape, values));
        _flags.Add(flags);
    }

    /// <inheritdoc/>
    public void Clear()
    {
        _records.Clear();
        _flags.Clear();
        MarkerIndex = -1;
    }

    private void ReadInto(ref Utf8JsonReader reader, Span<object?> values, ref RecordState state)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var fieldId = FieldIdOfKey(ref reader);
            if (fieldId >= 0)
            {
                reader.Read();
                var index = _shape.IndexOfFieldId(fieldId);
                if (fieldId == SessionEventField && reader.TokenType is JsonTokenType.String or JsonTokenType.Number) { state.SessionEvent = Text(ref reader); }
                if (index >= 0) { values[index] = ValueParser.Read(ref reader, _shape.KindAt(index), _strings); }
                else { reader.Skip(); }
                continue;
            }
            if (reader.ValueTextEquals("delta_key"u8))
            {
                reader.Read();
                Set(values, _shape.DeltaKeyIndex, Text(ref reader));
                continue;
            }
            if (reader.ValueTextEquals("first_fetch"u8))
            {
                reader.Read();
                state.HasFirstFetch = true;
                state.FirstFetch = reader.TokenType == JsonTokenType.True
                    || (reader.TokenType == JsonTokenType.String && string.Equals(reader.GetString(), "true", StringComparison.OrdinalIgnoreCase));
                continue;
            }
            var key = reader.GetString()!;
            reader.Read();
            if (key.EndsWith("_href", StringComparison.Ordinal))
            {
                Set(values, _shape.HrefIndex, Text(ref reader));
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                if (key == _shape.EntryIdSubFormat) { ReadEntryId(ref reader, values); }
                else { ReadInto(ref reader, values, ref state); }
            }
            else if (_indexBySpelling.TryGetValue(key, out var index))
            {
                if (index == _shape.IndexOfFieldId(SessionEventField)) { state.SessionEvent = Text(ref reader); }
                values[index] = ValueParser.Read(ref reader, _shape.KindAt(index), _strings);
            }
            else
            {
                if (string.Equals(key, "SessionEvent", StringComparison.OrdinalIgnoreCase)) { state.SessionEvent = Text(ref reader); }
                reader.Skip();
            }
        }
    }

    private void ReadEntryId(ref Utf8JsonReader reader, Span<object?> values)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            reader.Read();
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number) { Set(values, _shape.EntryIdIndex, Text(ref reader)); }
            else { reader.Skip(); }
        }
    }

    /// <summary>The field id a key spells (<c>"602"</c>), or -1 for any other key.</summary>
    private static int FieldIdOfKey(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped) { return -1; }
        var key = reader.ValueSpan;
        if (key.Length is 0 or > 9) { return -1; }
        var id = 0;
        foreach (var b in key)
        {
            var digit = b - '0';
            if ((uint)digit > 9) { return -1; }
            id = (id * 10) + digit;
        }
        return id;
    }

    private static string? Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetInt64(out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : reader.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private static void Set(Span<object?> values, int index, object? value)
    {
        if (index >= 0) { values[index] = value; }
    }

    private struct RecordState
    {
        public bool FirstFetch;
        public bool HasFirstFetch;
        public string? SessionEvent;
    }
}
