using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text.Json;
using SmcMonitoring.Fields;

namespace SmcMonitoring.Records;

/// <summary>
/// Turns one JSON value of an SMC record into its natural .NET type. A value that does not parse keeps its
/// original text: one odd value never fails a query.
/// </summary>
internal static class ValueParser
{
    private static readonly Dictionary<string, SmcAction> Actions = LabelsOf<SmcAction>();
    private static readonly Dictionary<string, SmcSeverity> Severities = LabelsOf<SmcSeverity>();

    /// <summary>Reads the current value of <paramref name="reader"/> as <paramref name="kind"/>; short text values go through <paramref name="strings"/> when given.</summary>
    public static object? Read(ref Utf8JsonReader reader, FieldKind kind, Utf8StringCache? strings = null)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return FromNumber(ref reader, kind);
            case JsonTokenType.String:
                return FromString(ref reader, kind, strings);
            case JsonTokenType.True:
                return Utf8Values.Bool(true);
            case JsonTokenType.False:
                return Utf8Values.Bool(false);
            default:
                // An object or array where a value belongs: keep its JSON text.
                using (var document = JsonDocument.ParseValue(ref reader)) { return document.RootElement.GetRawText(); }
        }
    }

    /// <summary>Parses a text value as <paramref name="kind"/> (the same rules as for JSON strings).</summary>
    public static object Parse(string text, FieldKind kind)
    {
        switch (kind)
        {
            case FieldKind.Time:
                return TryParseTime(text, out var time) ? time : text;
            case FieldKind.Ip:
                return IPAddress.TryParse(text, out var address) && LooksLikeAddress(text) ? SmcIPAddress.From(address) : text;
            case FieldKind.Port:
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535 ? port : text;
            case FieldKind.Number:
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : text;
            case FieldKind.Action:
                return Actions.TryGetValue(Normalize(text), out var action) ? action : text;
            case FieldKind.Severity:
                return Severities.TryGetValue(Normalize(text), out var severity) ? severity : text;
            default:
                return text;
        }
    }

    /// <summary>
    /// Parses <c>yyyy-MM-dd HH:mm:ss[.fff]</c> with an optional zone (<c>+02:00</c>, <c>+0200</c>, <c>Z</c>, <c>UTC</c>,
    /// <c>GMT+2</c>), or epoch milliseconds, into the instant it names, in this machine's local time (Kind Local), so
    /// it compares correctly with Get-Date and goes back into -Since unchanged. A time without a zone is in UTC, the zone
    /// typed queries ask the SMC for (docs/protocol.md 6.3); a zone that names no offset (an abbreviation such as CEST
    /// could be read two ways) does not parse, so the value keeps its text.
    /// </summary>
    public static bool TryParseTime(string text, out DateTime value)
    {
        value = default;
        if (text.Length >= 19 && text[4] == '-' && text[10] == ' ')
        {
            var end = 19;
            if (text.Length > 20 && text[19] == '.')
            {
                end = 20;
                while (end < text.Length && char.IsDigit(text[end])) { end++; }
            }
            var format = end == 19 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss." + new string('f', Math.Min(end - 20, 7));
            var core = end - 20 > 7 ? text.Substring(0, 27) : text.Substring(0, end);
            if (!DateTime.TryParseExact(core, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)) { return false; }
            var zone = text.Substring(end).Trim();
            var offset = TimeSpan.Zero;
            if (zone.Length > 0 && !TryParseOffset(zone, out offset)) { return false; }
            value = new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), offset).LocalDateTime;
            return true;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epochMs) && text.Length >= 10)
        {
            value = DateTimeOffset.FromUnixTimeMilliseconds(epochMs).LocalDateTime;
            return true;
        }
        return false;
    }

    /// <summary>Reads a zone suffix that names its offset: <c>Z</c>, <c>UTC</c>, <c>GMT</c>, <c>+02:00</c>, <c>-0500</c>, <c>UTC+2</c>, <c>GMT-05:30</c>.</summary>
    internal static bool TryParseOffset(string zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        var text = zone.ToUpperInvariant();
        if (text.StartsWith("UTC", StringComparison.Ordinal) || text.StartsWith("GMT", StringComparison.Ordinal)) { text = text.Substring(3); }
        else if (text == "Z") { return true; }
        if (text.Length == 0) { return true; }
        if (text[0] is not ('+' or '-')) { return false; }
        var sign = text[0] == '-' ? -1 : 1;
        var digits = text.Substring(1).Replace(":", string.Empty);
        if (digits.Length is < 1 or > 4 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) { return false; }
        var (hours, minutes) = digits.Length <= 2 ? (number, 0) : (number / 100, number % 100);
        if (hours > 14 || minutes > 59) { return false; }
        offset = TimeSpan.FromMinutes(sign * (hours * 60 + minutes));
        return true;
    }

    private static object FromString(ref Utf8JsonReader reader, FieldKind kind, Utf8StringCache? strings)
    {
        if (!reader.ValueIsEscaped)
        {
            var span = reader.ValueSpan;
            switch (kind)
            {
                case FieldKind.Port:
                    if (Utf8Parser.TryParse(span, out int port, out var used) && used == span.Length && port is >= 0 and <= 65535) { return Utf8Values.Port(port); }
                    break;
                case FieldKind.Ip:
                    if (Utf8Values.IPv4(span) is { } address) { return address; }
                    break;
                case FieldKind.Action:
                    if (Utf8Values.Action(span) is { } action) { return action; }
                    break;
                case FieldKind.Severity:
                    if (Utf8Values.Severity(span) is { } severity) { return severity; }
                    break;
                case FieldKind.String:
                case FieldKind.Protocol:
                case FieldKind.Service:
                case FieldKind.DataType:
                    if (strings != null) { return strings.Get(span); }
                    break;
                case FieldKind.Number:
                    if (Utf8Parser.TryParse(span, out long number, out var usedNumber) && usedNumber == span.Length) { return number; }
                    break;
                case FieldKind.Time:
                    if (TryParseTime(span, out var time)) { return time; }
                    break;
            }
        }
        return Parse(reader.GetString()!, kind);
    }

    private static object FromNumber(ref Utf8JsonReader reader, FieldKind kind)
    {
        if (!reader.TryGetInt64(out var number)) { return reader.GetDouble(); }
        switch (kind)
        {
            case FieldKind.Time:
                return DateTimeOffset.FromUnixTimeMilliseconds(number).LocalDateTime;
            case FieldKind.Port when number is >= 0 and <= 65535:
                return Utf8Values.Port((int)number);
            case FieldKind.Action when Enum.IsDefined(typeof(SmcAction), (int)number):
                return (SmcAction)(int)number;
            case FieldKind.Severity when Enum.IsDefined(typeof(SmcSeverity), (int)number):
                return (SmcSeverity)(int)number;
            case FieldKind.Number:
                return number;
            default:
                return number.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// The fast path for the SMC's usual time texts, <c>yyyy-MM-dd HH:mm:ss</c>, with milliseconds and a
    /// <c>+hh:mm</c> or <c>UTC</c> zone or without, without allocating a string; anything else takes the slow path.
    /// </summary>
    private static bool TryParseTime(ReadOnlySpan<byte> s, out DateTime value)
    {
        value = default;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':') { return false; }
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year == 0 ? 1 : year, month) || hour > 23 || minute > 59 || second > 59 || year == 0)
        {
            return false;
        }
        var position = 19;
        var millisecond = 0;
        if (s.Length >= 23 && s[19] == '.')
        {
            if (!Digits(s, 20, 3, out millisecond)) { return false; }
            position = 23;
        }
        var offsetMinutes = 0;
        var zone = s.Slice(position);
        if (zone.Length == 7 && zone[0] == ' ' && zone[1] is (byte)'+' or (byte)'-' && zone[4] == ':'
            && Digits(zone, 2, 2, out var zoneHours) && Digits(zone, 5, 2, out var zoneMinutes) && zoneHours <= 14 && zoneMinutes <= 59)
        {
            offsetMinutes = (zone[1] == '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
        }
        else if (!(zone.Length == 0 || (zone.Length == 4 && zone[0] == ' ' && zone[1] == 'U' && zone[2] == 'T' && zone[3] == 'C')))
        {
            return false;
        }
        var utc = new DateTime(year, month, day, hour, minute, second, millisecond, DateTimeKind.Utc).AddMinutes(-offsetMinutes);
        value = LocalTimes.FromUtc(utc);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = s[i] - (byte)'0';
            if (digit is < 0 or > 9) { return false; }
            value = value * 10 + digit;
        }
        return true;
    }

    // IPAddress.TryParse accepts "1" or "10.1" as IPv4; an SMC address is always dotted or colon-separated.
    private static bool LooksLikeAddress(string text) => text.IndexOf(':') >= 0 || text.Split('.').Length == 4;

    private static string Normalize(string label)
    {
        var chars = new char[label.Length];
        var n = 0;
        foreach (var c in label)
        {
            if (char.IsLetterOrDigit(c)) { chars[n++] = char.ToLowerInvariant(c); }
        }
        return new string(chars, 0, n);
    }

    private static Dictionary<string, T> LabelsOf<T>() where T : struct
    {
        var labels = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (T value in Enum.GetValues(typeof(T)))
        {
            labels[Normalize(value.ToString())] = value;
            labels[Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)] = value;
        }
        return labels;
    }
}
