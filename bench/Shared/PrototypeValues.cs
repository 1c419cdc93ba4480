using System;
using System.Net;
using System.Text.Json;
using SmcMonitoring.Fields;
using SmcMonitoring.Records;

namespace SmcMonitoring.Bench;

/// <summary>
/// The value fast paths this harness first prototyped (IPv4 and labels read from the UTF-8 bytes) now live in the
/// module (<see cref="Utf8Values"/>, used by <see cref="ValueParser"/>); the "prototype" rows measure the module's
/// own code through this name, so earlier results stay comparable.
/// </summary>
internal static class PrototypeValues
{
    /// <summary>The value of <paramref name="reader"/> as <paramref name="kind"/>, as the module reads it.</summary>
    public static object? Read(ref Utf8JsonReader reader, FieldKind kind) => ValueParser.Read(ref reader, kind);

    /// <summary>Dotted-quad IPv4 straight from UTF-8, as the module reads it.</summary>
    public static IPAddress? ParseIPv4(ReadOnlySpan<byte> text) => Utf8Values.IPv4(text);
}
