using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Text.Json;
using SmcMonitoring.Protocol;

using SmcMonitoring.Fields;

namespace SmcMonitoring.Records;

/// <summary>Keeps records as the SMC sent them: ordered dictionaries keyed as the SMC keyed them, every key kept.</summary>
internal sealed class RawRecordSink : IRecordBatch
{
    private const string ChangeKey = "change";
    private const string FirstFetchKey = "first_fetch";
    private readonly List<OrderedDictionary> _records = new(200);
    private readonly List<RowFlags> _flags = new(200);

    /// <inheritdoc/>
    public IList Records => _records;

    /// <inheritdoc/>
    public int MarkerIndex { get; private set; } = -1;

    /// <summary>
    /// Reads one record. Session-monitor records get one key the SMC does not send, <c>change</c> (added, updated or
    /// deleted: the array the record came in), since that is not part of the record itself. A SessionEvent 4 row
    /// ("all sessions sent") marks the end of a snapshot and is not a record.
    /// </summary>
    public void Read(ref Utf8JsonReader reader, RecordChange change)
    {
        var record = ReadObject(ref reader);
        var flags = RowFlags.None;
        if (change != RecordChange.None)
        {
            if (IsMarker(record))
            {
                if (MarkerIndex < 0) { MarkerIndex = _records.Count; }
                return;
            }
            record[ChangeKey] = change.ToString().ToLowerInvariant();
            if (record.Contains(FirstFetchKey)) { flags |= RowFlags.FirstFetchKey; }
            if (record[FirstFetchKey] is true || (record[FirstFetchKey] is string text && string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))) { flags |= RowFlags.FirstFetch; }
            flags |= change == RecordChange.Updated ? RowFlags.Updated : change == RecordChange.Deleted ? RowFlags.Deleted : RowFlags.None;
        }
        _records.Add(record);
        _flags.Add(flags);
    }

    /// <inheritdoc/>
    public RowFlags FlagsAt(int index) => _flags[index];

    /// <inheritdoc/>
    public string? DeltaKeyAt(int index) => _records[index]["delta_key"] as string;

    /// <inheritdoc/>
    public bool SameValues(object first, object second)
    {
        var a = (OrderedDictionary)first;
        var b = (OrderedDictionary)second;
        foreach (DictionaryEntry entry in a)
        {
            var key = (string)entry.Key;
            if (key == ChangeKey || key == FirstFetchKey) { continue; }
            if (!b.Contains(key) || !Same(entry.Value, b[key])) { return false; }
        }
        foreach (DictionaryEntry entry in b)
        {
            if (!a.Contains(entry.Key)) { return false; }
        }
        return true;
    }

    /// <inheritdoc/>
    public object WithChange(object record, SmcChange change)
    {
        var copy = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in (OrderedDictionary)record) { copy[entry.Key] = entry.Value; }
        copy[ChangeKey] = change.ToString().ToLowerInvariant();
        if (copy.Contains(FirstFetchKey)) { copy[FirstFetchKey] = false; }
        return copy;
    }

    /// <inheritdoc/>
    public void Clear()
    {
        _records.Clear();
        _flags.Clear();
        MarkerIndex = -1;
    }

    private static bool IsMarker(OrderedDictionary record) =>
        string.Equals(Convert.ToString(record["SessionEvent"] ?? record["302"] ?? record["Session Event"], CultureInfo.InvariantCulture), "4", StringComparison.Ordinal);

    private static bool Same(object? first, object? second) => first is OrderedDictionary a && second is OrderedDictionary b
        ? a.Count == b.Count && SameNested(a, b)
        : first is object[] x && second is object[] y ? x.Length == y.Length && SameItems(x, y) : Equals(first, second);

    private static bool SameNested(OrderedDictionary a, OrderedDictionary b)
    {
        foreach (DictionaryEntry entry in a)
        {
            if (!b.Contains(entry.Key) || !Same(entry.Value, b[entry.Key])) { return false; }
        }
        return true;
    }

    private static bool SameItems(object[] x, object[] y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (!Same(x[i], y[i])) { return false; }
        }
        return true;
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
