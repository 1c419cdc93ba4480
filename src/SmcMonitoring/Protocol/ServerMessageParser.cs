using System;
using System.Collections.Generic;
using System.Text.Json;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Protocol;

/// <summary>
/// Reads one server message in a single pass with <see cref="Utf8JsonReader"/> (docs/protocol.md section 6): the control
/// keys into a <see cref="ServerMessage"/>, each record straight into an <see cref="IRecordSink"/>. Unknown keys are
/// skipped; anything that is not a JSON object is a well-formed <see cref="SmcException"/>, never a crash.
/// </summary>
internal static class ServerMessageParser
{
    private const int PositionsKept = 5;

    /// <summary>Parses one message; records go to <paramref name="sink"/>, at most <paramref name="recordLimit"/> of them.</summary>
    public static ServerMessage Parse(ReadOnlySpan<byte> json, IRecordSink? sink, int recordLimit = int.MaxValue)
    {
        var invalidByte = Utf8Text.FirstInvalidByte(json);
        if (invalidByte >= 0)
        {
            throw Invalid($"it is not valid UTF-8 text (the first invalid byte is at offset {invalidByte} of {json.Length}); the message was skipped", null);
        }
        try
        {
            return ParseCore(json, sink, recordLimit);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            throw Invalid("it is not valid JSON of the expected shape (" + ex.Message + ")", ex);
        }
    }

    private static ServerMessage ParseCore(ReadOnlySpan<byte> json, IRecordSink? sink, int recordLimit)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) { throw Invalid("it is not a JSON object", null); }
        var message = new ServerMessage();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.ValueSpan;
            var escaped = reader.ValueIsEscaped;
            reader.Read();
            if (escaped) { reader.Skip(); continue; }
            if (key.SequenceEqual("records"u8)) { ReadRecords(ref reader, sink, message, recordLimit); }
            else if (key.SequenceEqual("fetch"u8)) { message.FetchId = ReadFetchId(ref reader); }
            else if (key.SequenceEqual("success"u8)) { message.Success = ReadText(ref reader); }
            else if (key.SequenceEqual("status"u8)) { message.Status = ReadText(ref reader); }
            else if (key.SequenceEqual("end"u8))
            {
                if (reader.TokenType == JsonTokenType.String) { message.End = reader.GetString(); }
                else { message.IgnoredEnd = ReadText(ref reader) ?? "null"; }
            }
            else if (key.SequenceEqual("failure"u8)) { message.Failure = ReadText(ref reader) ?? "(no reason given)"; }
            else if (key.SequenceEqual("fields"u8)) { message.Fields = ReadFields(ref reader); }
            else if (key.SequenceEqual("statistics"u8))
            {
                using var document = JsonDocument.ParseValue(ref reader);
                message.Statistics = document.RootElement.GetRawText();
            }
            else { reader.Skip(); }
        }
        if (reader.TokenType != JsonTokenType.EndObject) { throw Invalid("it ends early", null); }
        return message;
    }

    private static void ReadRecords(ref Utf8JsonReader reader, IRecordSink? sink, ServerMessage message, int recordLimit)
    {
        message.HasRecords = true;
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            ReadRecordArray(ref reader, sink, RecordChange.None, message, recordLimit);
            return;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var change = reader.ValueTextEquals("added"u8) ? RecordChange.Added
                : reader.ValueTextEquals("updated"u8) ? RecordChange.Updated
                : reader.ValueTextEquals("deleted"u8) ? RecordChange.Deleted
                : RecordChange.None;
            reader.Read();
            if (change == RecordChange.None || reader.TokenType != JsonTokenType.StartArray) { reader.Skip(); }
            else { ReadRecordArray(ref reader, sink, change, message, recordLimit); }
        }
    }

    private static void ReadRecordArray(ref Utf8JsonReader reader, IRecordSink? sink, RecordChange change, ServerMessage message, int recordLimit)
    {
        var position = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                message.WrongTypeRecords++;
                if (message.WrongTypeRecords <= PositionsKept) { (message.WrongTypePositions ??= new List<int>()).Add(position); }
            }
            else if (sink is null || message.RecordCount >= recordLimit)
            {
                if (sink != null) { message.RecordsOverLimit++; }
            }
            else
            {
                sink.Read(ref reader, change);
                if (reader.TokenType != JsonTokenType.EndObject) { throw Invalid("a record sink left a record unread", null); }
                message.RecordCount++;
                position++;
                continue;
            }
            reader.Skip();
            position++;
        }
    }

    private static long? ReadFetchId(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var id)) { return id; }
        if (reader.TokenType == JsonTokenType.String && long.TryParse(reader.GetString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out id)) { return id; }
        reader.Skip();
        return null;
    }

    private static string? ReadText(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                using (var document = JsonDocument.ParseValue(ref reader)) { return document.RootElement.GetRawText(); }
            default:
                return System.Text.Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
        }
    }

    private static List<FieldDescriptor>? ReadFields(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }
        var fields = new List<FieldDescriptor>();
        using var document = JsonDocument.ParseValue(ref reader);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var id) || !id.TryGetInt32(out var fieldId)) { continue; }
            fields.Add(new FieldDescriptor
            {
                Id = fieldId,
                Name = Text(item, "name"),
                Pretty = Text(item, "pretty"),
                Comment = Text(item, "comment"),
                Filterable = item.TryGetProperty("filterable", out var f) && f.ValueKind == JsonValueKind.True,
                Visible = item.TryGetProperty("visible", out var v) && v.ValueKind == JsonValueKind.True,
                RawType = Text(item, "raw_type"),
                Resolving = Text(item, "resolving"),
            });
        }
        return fields;
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static SmcException Invalid(string why, Exception? inner) =>
        SmcErrors.MessageInvalid.Create("The SMC sent a message this module cannot read: " + why + ".", inner);
}
