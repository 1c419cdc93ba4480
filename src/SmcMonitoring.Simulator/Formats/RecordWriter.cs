using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SmcMonitoring.Simulator.Fields;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Formats;

/// <summary>
/// A format compiled against a record shape: the selected slots with their keys already encoded,
/// so writing a record is a loop over slots without lookups or reflection. One per fetch (not thread-safe).
/// </summary>
internal sealed class RecordWriter
{
    private readonly Column[] columns;
    private readonly bool raw;
    private readonly bool resolveSenders;
    private readonly TimeRenderer time;
    private readonly KeyValuePair<JsonEncodedText, RecordWriter>[] parts;

    public RecordWriter(RecordFormat format, RecordShape shape)
    {
        raw = format.Type == FormatType.Raw;
        resolveSenders = format.ResolveSenders;
        time = new TimeRenderer(format.TimeZone, format.ShowMillis, format.ShowZone);
        columns = SelectColumns(format, shape);
        parts = new KeyValuePair<JsonEncodedText, RecordWriter>[format.Parts.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var (key, sub) = format.Parts[i];
            parts[i] = new(JsonEncodedText.Encode(key, JsonText.Encoder), new RecordWriter(sub, shape));
        }
    }

    public void Write(Utf8JsonWriter writer, RecordBuffer record)
    {
        writer.WriteStartObject();
        if (parts.Length > 0)
        {
            foreach (var (key, part) in parts)
            {
                writer.WritePropertyName(key);
                part.Write(writer, record);
            }
        }
        else
        {
            WriteColumns(writer, record.Values);
        }

        writer.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteColumns(Utf8JsonWriter writer, FieldValue[] values)
    {
        Span<byte> text = stackalloc byte[64];
        foreach (var column in columns)
        {
            ref readonly var value = ref values[column.Slot];
            if (!value.IsPresent)
            {
                continue;
            }

            writer.WritePropertyName(column.Key);
            switch (value.Kind)
            {
                case ValueKind.Time when raw:
                case ValueKind.Number when raw:
                    writer.WriteNumberValue(value.Number);
                    break;
                case ValueKind.Time:
                    writer.WriteStringValue(text[..time.Write(value.Number, text)]);
                    break;
                case ValueKind.Number:
                    Utf8Formatter.TryFormat(value.Number, text, out var length);
                    writer.WriteStringValue(text[..length]);
                    break;
                case ValueKind.Ip:
                    writer.WriteStringValue(text[..value.Ip.Write(text)]);
                    break;
                case ValueKind.Sender when resolveSenders:
                    writer.WriteStringValue(value.Term!.Json);
                    break;
                case ValueKind.Sender:
                    writer.WriteStringValue(text[..value.Ip.Write(text)]);
                    break;
                default:
                    if (raw && column.RawNumber && value.Term!.Code is long code)
                    {
                        writer.WriteNumberValue(code);
                    }
                    else
                    {
                        writer.WriteStringValue(value.Term!.Json);
                    }

                    break;
            }
        }
    }

    private static Column[] SelectColumns(RecordFormat format, RecordShape shape)
    {
        var columns = new List<Column>();
        if (format.FieldIds is null)
        {
            for (var slot = 0; slot < shape.Fields.Length; slot++)
            {
                columns.Add(new Column(slot, KeyOf(shape.Fields[slot], format.Keys), shape.Fields[slot].IsRawNumber));
            }
        }
        else
        {
            foreach (var id in format.FieldIds)
            {
                var slot = shape.SlotOf(id);
                if (slot >= 0)
                {
                    columns.Add(new Column(slot, KeyOf(shape.Fields[slot], format.Keys), shape.Fields[slot].IsRawNumber));
                }
            }
        }

        return columns.ToArray();
    }

    private static JsonEncodedText KeyOf(FieldDefinition field, KeyStyle keys) => keys switch
    {
        KeyStyle.Id => field.IdKey,
        KeyStyle.Name => field.NameKey,
        _ => field.PrettyKey,
    };

    private readonly record struct Column(int Slot, JsonEncodedText Key, bool RawNumber);
}
