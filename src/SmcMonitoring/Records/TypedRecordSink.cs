using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Text.Json;
using SmcMonitoring.Protocol;

namespace SmcMonitoring.Records;

/// <summary>
/// Builds typed records straight from the JSON reader: each key is mapped to a column of the query's shape (ids
/// without allocating; names and labels through a map built once), each value parsed once to its column's type.
/// Keys the shape does not hold are skipped.
/// </summary>
internal sealed class TypedRecordSink : IRecordSink
{
    private readonly RecordShape _shape;
    private readonly Func<RecordShape, object?[], SmcRecord> _create;
    private readonly Dictionary<string, int> _indexBySpelling = new(StringComparer.OrdinalIgnoreCase);

    public TypedRecordSink(RecordShape shape, Func<RecordShape, object?[], SmcRecord> create)
    {
        _shape = shape;
        _create = create;
        for (var i = 0; i < shape.Columns.Count; i++)
        {
            var column = shape.Columns[i];
            _indexBySpelling[column.Property] = i;
            if (column.Field is { } field)
            {
                _indexBySpelling[field.Name] = i;
                _indexBySpelling[field.DisplayName] = i;
            }
        }
    }

    /// <summary>The records read since the last <see cref="List{T}.Clear"/>.</summary>
    public List<SmcRecord> Records { get; } = new(200);

    public void Read(ref Utf8JsonReader reader, RecordChange change)
    {
        var values = new object?[_shape.Columns.Count];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = IndexOfKey(ref reader);
            reader.Read();
            if (index < 0)
            {
                reader.Skip();
                continue;
            }
            values[index] = ValueParser.Read(ref reader, _shape.Columns[index].Kind);
        }
        Records.Add(_create(_shape, values));
    }

    private int IndexOfKey(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            var key = reader.ValueSpan;
            if (key.Length > 0 && key[0] is >= (byte)'0' and <= (byte)'9' && Utf8Parser.TryParse(key, out int id, out var used) && used == key.Length)
            {
                return _shape.IndexOfFieldId(id);
            }
        }
        return _indexBySpelling.TryGetValue(reader.GetString()!, out var index) ? index : -1;
    }
}
