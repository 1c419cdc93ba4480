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

    private static readonly (byte[] Label, object Value)[] ActionLabels = Labels<SmcAction>();
    private static readonly (byte[] Label, object Value)[] SeverityLabels = Labels<SmcSeverity>();

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
                    Mode.Prototype => ParseIPv4(reader.ValueSpan) ?? ValueParser.Read(ref reader, FieldKind.Ip),
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
                    Mode.Prototype => Label(ref reader, kind == FieldKind.Action ? ActionLabels : SeverityLabels) ?? ValueParser.Read(ref reader, kind),
                    _ => null,
                };
                if (value is Enum) { checksum++; }
            }
        }
        return values;
    }

    /// <summary>Dotted-quad IPv4 straight from UTF-8; null for anything else (IPv6, odd text), which takes the string path.</summary>
    private static IPAddress? ParseIPv4(ReadOnlySpan<byte> text)
    {
        long address = 0;
        int octet = 0, digits = 0, dots = 0;
        foreach (var b in text)
        {
            if (b is >= (byte)'0' and <= (byte)'9')
            {
                octet = octet * 10 + (b - '0');
                if (++digits > 3 || octet > 255) { return null; }
            }
            else if (b == '.' && digits > 0 && dots < 3)
            {
                address |= (long)octet << (8 * dots++);
                octet = 0;
                digits = 0;
            }
            else
            {
                return null;
            }
        }
        if (dots != 3 || digits == 0) { return null; }
        return new IPAddress(address | ((long)octet << 24));
    }

    /// <summary>An exact label match on the UTF-8 bytes, returning a value boxed once; null when no label matches exactly.</summary>
    private static object? Label(ref Utf8JsonReader reader, (byte[] Label, object Value)[] labels)
    {
        if (reader.ValueIsEscaped) { return null; }
        var span = reader.ValueSpan;
        foreach (var (label, value) in labels)
        {
            if (span.SequenceEqual(label)) { return value; }
        }
        return null;
    }

    private static (byte[], object)[] Labels<T>() where T : struct, Enum
    {
        var labels = new List<(byte[], object)>();
        foreach (var value in Enum.GetValues<T>()) { labels.Add((System.Text.Encoding.UTF8.GetBytes(value.ToString()), value)); }
        return labels.ToArray();
    }
}
