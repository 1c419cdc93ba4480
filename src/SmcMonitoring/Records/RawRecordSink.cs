using System.Collections.Generic;
using System.Collections.Specialized;
using System.Text.Json;
using SmcMonitoring.Protocol;

namespace SmcMonitoring.Records;

/// <summary>Keeps records as the SMC sent them: ordered dictionaries keyed as the SMC keyed them, every key kept.</summary>
internal sealed class RawRecordSink : IRecordSink
{
    /// <summary>The records read since the last <see cref="List{T}.Clear"/>.</summary>
    public List<OrderedDictionary> Records { get; } = new(200);

    /// <summary>
    /// Reads one record. Session-monitor records get one key the SMC does not send, <c>change</c> (added, updated or
    /// deleted: the array the record came in), since that is not part of the record itself.
    /// </summary>
    public void Read(ref Utf8JsonReader reader, RecordChange change)
    {
        var record = ReadObject(ref reader);
        if (change != RecordChange.None) { record["change"] = change.ToString().ToLowerInvariant(); }
        Records.Add(record);
    }

    /// <summary>Reads a JSON object (the reader on its StartObject) into an ordered dictionary, nested objects included.</summary>
    internal static OrderedDictionary ReadObject(ref Utf8JsonReader reader)
    {
        var record = new OrderedDictionary(System.StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            record[key] = ReadValue(ref reader);
        }
        return record;
    }

    /// <summary>Reads JSON text into dictionaries, lists and scalars.</summary>
    internal static object? ParseText(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        reader.Read();
        return ReadValue(ref reader);
    }

    private static object? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var whole) ? whole : reader.GetDouble();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.StartObject:
                return ReadObject(ref reader);
            case JsonTokenType.StartArray:
                var items = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) { items.Add(ReadValue(ref reader)); }
                return items.ToArray();
            default:
                return null;
        }
    }
}
