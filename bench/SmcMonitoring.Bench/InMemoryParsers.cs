using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using SmcMonitoring.Fields;
using SmcMonitoring.Protocol;
using SmcMonitoring.Records;

namespace SmcMonitoring.Bench;

/// <summary>Parses captured messages without a socket: the ceiling (every value a string) and splits of the module's own parser.</summary>
internal static class InMemoryParsers
{
    private const string TrueText = "true";
    private const string FalseText = "false";

    /// <summary>
    /// The ceiling: a plain <see cref="Utf8JsonReader"/> pass over every message, every value materialised as a
    /// string (numbers by their text), keys compared but not materialised. Returns the records seen.
    /// </summary>
    public static long ParseAsStrings(IReadOnlyList<byte[]> messages, out long checksum, int depth = 2)
    {
        long records = 0;
        checksum = 0;
        foreach (var message in messages)
        {
            var reader = new Utf8JsonReader(message);
            while (reader.Read())
            {
                string? value;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        // A record: an object inside the top-level records array (logs), or inside records.added (sessions).
                        if (reader.CurrentDepth == depth) { records++; }
                        continue;
                    case JsonTokenType.String:
                        value = reader.GetString();
                        break;
                    case JsonTokenType.Number:
                        value = Encoding.UTF8.GetString(reader.ValueSpan);
                        break;
                    case JsonTokenType.True:
                        value = TrueText;
                        break;
                    case JsonTokenType.False:
                        value = FalseText;
                        break;
                    default:
                        continue;
                }
                checksum += value!.Length;
            }
        }
        return records;
    }

    /// <summary>The module's parser with no sink: records are skipped (framing and control keys only).</summary>
    public static long ParseSkipping(IReadOnlyList<byte[]> messages)
    {
        long total = 0;
        foreach (var message in messages) { total += ServerMessageParser.Parse(message, null).HasRecords ? 1 : 0; }
        return total;
    }

    /// <summary>The module's parser into a typed record sink of <paramref name="shape"/>, cleared per message as Get-SmcLog does.</summary>
    public static long ParseTyped(IReadOnlyList<byte[]> messages, RecordShape shape, Func<RecordShape, object?[], SmcRecord>? create = null, string? target = null)
    {
        var sink = new TypedRecordSink(shape, create ?? ((s, values) => new SmcLogRecord(s, values)), target);
        long records = 0;
        foreach (var message in messages)
        {
            ServerMessageParser.Parse(message, sink);
            records += sink.Records.Count;
            sink.Records.Clear();
        }
        return records;
    }

    /// <summary>The default log shape with the columns of the given kinds read as plain strings: the difference is what parsing those kinds costs.</summary>
    public static RecordShape DefaultShapeReading(Func<FieldKind, bool> asString, string name)
    {
        var columns = LogShapes.Default.Columns
            .Select(c => asString(c.Kind) ? new RecordColumn(c.Property, c.Field, FieldKind.String, c.Source) : c)
            .ToList();
        return new RecordShape(columns, LogShapes.DefaultTypeName + "#" + name);
    }
}
