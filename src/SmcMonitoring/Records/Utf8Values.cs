using System;
using System.Collections.Generic;
using System.Net;
using System.Text;

using SmcMonitoring.Fields;

namespace SmcMonitoring.Records;

/// <summary>
/// Fast paths that read the SMC's most frequent values straight from their UTF-8 bytes, without a string: dotted-quad
/// IPv4 addresses, action and severity labels (returning enum values boxed once), ports as integers boxed once, and a
/// small cache for short strings that repeat (sender names, protocols, events). Anything else returns null and takes
/// <see cref="ValueParser"/>'s string path, so the values are the same either way.
/// </summary>
internal static class Utf8Values
{
    private static readonly (byte[] Label, object Value)[] ActionLabels = Labels(typeof(SmcAction));
    private static readonly (byte[] Label, object Value)[] SeverityLabels = Labels(typeof(SmcSeverity));
    private static readonly object[] BoxedPorts = BoxPorts();
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    /// <summary>A dotted-quad IPv4 address (comparable, see <see cref="SmcIPAddress"/>), or null for anything else (IPv6, names, odd text).</summary>
    public static SmcIPAddress? IPv4(ReadOnlySpan<byte> text)
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
        return dots == 3 && digits > 0 ? new SmcIPAddress(address | ((long)octet << 24)) : null;
    }

    /// <summary>An action label as the SMC writes it ("Allow", "Discard Passive"); null when it is not one exactly.</summary>
    public static object? Action(ReadOnlySpan<byte> text) => Label(text, ActionLabels);

    /// <summary>A severity label ("Info", "Critical"); null when it is not one exactly.</summary>
    public static object? Severity(ReadOnlySpan<byte> text) => Label(text, SeverityLabels);

    /// <summary>A port number boxed once for the whole process.</summary>
    public static object Port(int port) => BoxedPorts[port];

    /// <summary>A boolean boxed once for the whole process.</summary>
    public static object Bool(bool value) => value ? BoxedTrue : BoxedFalse;

    private static object? Label(ReadOnlySpan<byte> text, (byte[] Label, object Value)[] labels)
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
        foreach (var value in Enum.GetValues(type))
        {
            var name = value.ToString()!;
            labels.Add((Encoding.UTF8.GetBytes(name), value));
            var spaced = new StringBuilder();
            foreach (var c in name)
            {
                if (char.IsUpper(c) && spaced.Length > 0) { spaced.Append(' '); }
                spaced.Append(c);
            }
            if (spaced.ToString() != name) { labels.Add((Encoding.UTF8.GetBytes(spaced.ToString()), value)); }
        }
        return labels.ToArray();
    }

    private static object[] BoxPorts()
    {
        var ports = new object[65536];
        for (var i = 0; i < ports.Length; i++) { ports[i] = i; }
        return ports;
    }
}

/// <summary>
/// Remembers short strings by their UTF-8 bytes, so a value the SMC repeats in every record (a sender, a protocol, an
/// event) is decoded and allocated once per query instead of once per record. One entry per bucket; a new value
/// replaces the old one, so memory stays bounded however many distinct values pass.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int MaxLength = 48;
    private readonly byte[]?[] _keys = new byte[]?[256];
    private readonly string?[] _values = new string?[256];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength) { return Encoding.UTF8.GetString(utf8.ToArray()); }
        var bucket = Bucket(utf8);
        var key = _keys[bucket];
        if (key != null && utf8.SequenceEqual(key)) { return _values[bucket]!; }
        var bytes = utf8.ToArray();
        var value = Encoding.UTF8.GetString(bytes);
        _keys[bucket] = bytes;
        _values[bucket] = value;
        return value;
    }

    /// <summary>
    /// A bucket from the length and the first and last four bytes: values that repeat differ there (a node number, a
    /// protocol), and a constant-time hash keeps a hit as cheap as the comparison that confirms it.
    /// </summary>
    private static int Bucket(ReadOnlySpan<byte> utf8)
    {
        uint hash;
        if (utf8.Length >= 4)
        {
            hash = (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(utf8) * 0x9E3779B1u)
                ^ (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(utf8.Slice(utf8.Length - 4)) * 0x85EBCA77u);
        }
        else
        {
            hash = 17u;
            foreach (var b in utf8) { hash = (hash * 31) + b; }
        }
        hash ^= (uint)utf8.Length * 0xC2B2AE3Du;
        hash ^= hash >> 15;
        hash ^= hash >> 8;
        return (int)(hash & 0xFF);
    }
}
