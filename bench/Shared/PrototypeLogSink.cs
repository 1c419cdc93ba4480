using System.Buffers.Text;
using System.Collections.Generic;
using System.Text.Json;
using SmcMonitoring.Protocol;
using SmcMonitoring.Records;

namespace SmcMonitoring.Bench;

/// <summary>
/// A prototype, not module code: <see cref="TypedRecordSink"/>'s path for log records (numeric keys), with values read by
/// <see cref="PrototypeValues"/>. Everything else is as in the module: the same shape, value array and record class.
/// </summary>
internal sealed class PrototypeLogSink : IRecordSink
{
    private readonly RecordShape _shape;

    public PrototypeLogSink(RecordShape shape)
    {
        _shape = shape;
    }

    public List<SmcRecord> Records { get; } = new(200);

    public void Read(ref Utf8JsonReader reader, RecordChange change)
    {
        var values = new object?[_shape.Columns.Count];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var fieldId = FieldIdOfKey(ref reader);
            reader.Read();
            var index = fieldId >= 0 ? _shape.IndexOfFieldId(fieldId) : -1;
            if (index >= 0) { values[index] = PrototypeValues.Read(ref reader, _shape.KindAt(index)); }
            else { reader.Skip(); }
        }
        Records.Add(new SmcLogRecord(_shape, values));
    }

    private static int FieldIdOfKey(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped) { return -1; }
        var key = reader.ValueSpan;
        return key.Length > 0 && key[0] >= (byte)'0' && key[0] <= (byte)'9' && Utf8Parser.TryParse(key, out int id, out var used) && used == key.Length ? id : -1;
    }
}
