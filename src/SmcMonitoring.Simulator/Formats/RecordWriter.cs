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
    private readonly bool prettyKeys;
    private readonly bool selectsAll;
    private readonly bool resolveSenders;
    private readonly TimeRenderer time;
    private readonly KeyValuePair<JsonEncodedText, RecordWriter>[] parts;

    public RecordWriter(RecordFormat format, RecordShape shape)
    {
        raw = format.Type == FormatType.Raw;
        prettyKeys = format.Keys == KeyStyle.Pretty;
        selectsAll = format.FieldIds is null;
        resolveSenders = format.ResolveSenders;
        time = new TimeRenderer(format.TimeZone, format.ShowMillis, format.ShowZone, format.ZoneStyle);
        columns = SelectColumns(format, shape);
        parts = new KeyValuePair<JsonEncodedText, RecordWriter>[format.Parts.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var (key, sub) = format.Parts[i];
            parts[i] = new(JsonEncodedText.Encode(key, JsonText.Encoder), new RecordWriter(sub, shape));
        }
    }

    /// <summary>
    /// Writes one record. Session records add <paramref name="keys"/>: a combined format puts the href inside each
    /// sub-format that returns every field (at the top when none does) and the row identity at the top.
    /// </summary>
    public void Write(Utf8JsonWriter writer, RecordBuffer record, IRecordKeys? keys = null)
    {
        writer.WriteStartObject();
        if (parts.Length > 0)
        {
            var hrefPlaced = false;
            foreach (var (key, part) in parts)
            {
                writer.WritePropertyName(key);
                writer.WriteStartObject();
                part.WriteColumns(writer, record.Values);
                if (part.selectsAll && keys is not null)
                {
                    keys.WriteFieldKeys(writer);
                    hrefPlaced = true;
                }

                writer.WriteEndObject();
            }

            if (!hrefPlaced)
            {
                keys?.WriteFieldKeys(writer);
            }
        }
        else
        {
            WriteColumns(writer, record.Values);
            keys?.WriteFieldKeys(writer);
        }

        keys?.WriteRecordKeys(writer);
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
                case ValueKind.EntryId when prettyKeys && !raw:
                    Utf8Formatter.TryFormat(value.Number, text, out var digits);
                    writer.WriteStringValue(text[..digits]);
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
