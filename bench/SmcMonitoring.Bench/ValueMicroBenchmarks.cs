using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;
using SmcMonitoring.Fields;
using SmcMonitoring.Records;

namespace SmcMonitoring.Bench;

/// <summary>
/// The cost of turning the captured values of one kind into their .NET type: the module's <see cref="ValueParser"/>
/// against a prototype that reads the UTF-8 bytes directly (evidence for changes suggested in the report, not module code).
/// </summary>
internal static class ValueMicroBenchmarks
{
    public enum Mode { Walk, Module, Prototype }

    private static readonly byte[] SrcKey = "7"u8.ToArray();
    private static readonly byte[] DstKey = "8"u8.ToArray();
    private static readonly byte[] ActionKey = "14"u8.ToArray();
    private static readonly byte[] SeverityKey = "602"u8.ToArray();


    /// <summary>Reads every Src and Dst value of the messages; returns how many values were read.</summary>
    public static long Addresses(IReadOnlyList<byte[]> messages, Mode mode, out long checksum)
    {
        long values = 0;
        checksum = 0;
        foreach (var message in messages)
        {
            var reader = new Utf8JsonReader(message);
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 3) { continue; }
                var isAddress = reader.ValueTextEquals(SrcKey) || reader.ValueTextEquals(DstKey);
                reader.Read();
                if (!isAddress || reader.TokenType != JsonTokenType.String) { continue; }
                values++;
                var value = mode switch
                {
                    Mode.Module => ValueParser.Read(ref reader, FieldKind.Ip),
                    Mode.Prototype => PrototypeValues.Read(ref reader, FieldKind.Ip),
                    _ => null,
                };
                if (value is IPAddress) { checksum++; }
            }
        }
        return values;
    }

    /// <summary>Reads every Action and Severity value of the messages; returns how many values were read.</summary>
    public static long Labels(IReadOnlyList<byte[]> messages, Mode mode, out long checksum)
    {
        long values = 0;
        checksum = 0;
        foreach (var message in messages)
        {
            var reader = new Utf8JsonReader(message);
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 3) { continue; }
                var kind = reader.ValueTextEquals(ActionKey) ? FieldKind.Action : reader.ValueTextEquals(SeverityKey) ? FieldKind.Severity : FieldKind.String;
                reader.Read();
                if (kind == FieldKind.String || reader.TokenType != JsonTokenType.String) { continue; }
                values++;
                var value = mode switch
                {
                    Mode.Module => ValueParser.Read(ref reader, kind),
                    Mode.Prototype => PrototypeValues.Read(ref reader, kind),
                    _ => null,
                };
                if (value is Enum) { checksum++; }
            }
        }
        return values;
    }
}
