using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using System.Text.Json;
using SmcMonitoring.Fields;
using SmcMonitoring.Records;

namespace SmcMonitoring.Bench;

/// <summary>
/// Prototypes of value parsing straight from the UTF-8 bytes (evidence for suggested module changes, not module code):
/// a dotted-quad IPv4 parser and exact label matches returning enum values boxed once. Anything else falls back to
/// the module's <see cref="ValueParser"/>, so the results are the same.
/// </summary>
internal static class PrototypeValues
{
    private static readonly (byte[] Label, object Value)[] ActionLabels = Labels(typeof(SmcAction));
    private static readonly (byte[] Label, object Value)[] SeverityLabels = Labels(typeof(SmcSeverity));

    /// <summary>The value of <paramref name="reader"/> as <paramref name="kind"/>, by the fast paths where they apply.</summary>
    public static object? Read(ref Utf8JsonReader reader, FieldKind kind)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
        {
            var value = kind switch
            {
                FieldKind.Ip => ParseIPv4(reader.ValueSpan),
                FieldKind.Action => Label(reader.ValueSpan, ActionLabels),
                FieldKind.Severity => Label(reader.ValueSpan, SeverityLabels),
                _ => null,
            };
            if (value != null) { return value; }
        }
        return ValueParser.Read(ref reader, kind);
    }

    /// <summary>Dotted-quad IPv4 straight from UTF-8; null for anything else (IPv6, odd text), which takes the string path.</summary>
    public static IPAddress? ParseIPv4(ReadOnlySpan<byte> text)
    {
        long address = 0;
        int octet = 0, digits = 0, dots = 0;
        foreach (var b in text)
        {
            if (b >= (byte)'0' && b <= (byte)'9')
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
    public static object? Label(ReadOnlySpan<byte> text, (byte[] Label, object Value)[] labels)
    {
        foreach (var (label, value) in labels)
        {
            if (text.SequenceEqual(label)) { return value; }
        }
        return null;
    }

    private static (byte[], object)[] Labels(Type type)
    {
        var labels = new List<(byte[], object)>();
        foreach (var value in Enum.GetValues(type)) { labels.Add((Encoding.UTF8.GetBytes(value.ToString()!), value)); }
        return labels.ToArray();
    }
}
