using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text;

namespace SmcMonitoring.Simulator.Formats;

/// <summary>
/// A zone's abbreviations (CET and CEST) for <see cref="TimeZoneStyle.Abbreviation"/>. They come from the footer of
/// the zone's tz database file (<c>CET-1CEST,M3.5.0,M10.5.0/3</c>), because .NET's display names depend on the host:
/// abbreviations without ICU, long localized names with it. Where no file is found, short display names are used;
/// a zone with no abbreviation at all keeps the offset form.
/// </summary>
internal static class ZoneAbbreviations
{
    private const int MaxLength = 8;

    private static readonly ConcurrentDictionary<string, Names?> Cache = new(StringComparer.Ordinal);
    private static readonly Names Utc = new(Encoding.ASCII.GetBytes("UTC"), Encoding.ASCII.GetBytes("UTC"));

    /// <summary>The UTF-8 abbreviations of standard and daylight time; the UTC ones for null (UTC rendering); null when the zone has none.</summary>
    public static Names? Of(TimeZoneInfo? zone) =>
        zone is null || zone.Id is "UTC" or "Etc/UTC" ? Utc : Cache.GetOrAdd(zone.Id, _ => Find(zone));

    private static Names? Find(TimeZoneInfo zone)
    {
        if (FooterOf(zone.Id) is { } footer && Parse(footer) is { } fromFooter)
        {
            return fromFooter;
        }

        return IsAbbreviation(zone.StandardName) && (!zone.SupportsDaylightSavingTime || IsAbbreviation(zone.DaylightName))
            ? new Names(Encoding.ASCII.GetBytes(zone.StandardName), Encoding.ASCII.GetBytes(zone.SupportsDaylightSavingTime ? zone.DaylightName : zone.StandardName))
            : null;
    }

    /// <summary>The POSIX TZ string at the end of a version 2+ TZif file, or null.</summary>
    private static string? FooterOf(string id)
    {
        if (id.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(id))
        {
            return null;
        }

        var directory = Environment.GetEnvironmentVariable("TZDIR") ?? "/usr/share/zoneinfo";
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path.Combine(directory, id));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }

        if (bytes.Length < 6 || !bytes.AsSpan(0, 4).SequenceEqual("TZif"u8) || bytes[4] < (byte)'2' || bytes[^1] != (byte)'\n')
        {
            return null;
        }

        var start = bytes.AsSpan(0, bytes.Length - 1).LastIndexOf((byte)'\n') + 1;
        return Encoding.ASCII.GetString(bytes, start, bytes.Length - 1 - start);
    }

    /// <summary>The names of a POSIX TZ string: <c>EET-2EEST,M3.5.0/3,M10.5.0/4</c>, <c>&lt;+03&gt;-3</c>, <c>UTC0</c>.</summary>
    private static Names? Parse(string footer)
    {
        var position = 0;
        if (!TryName(footer, ref position, out var standard))
        {
            return null;
        }

        while (position < footer.Length && (char.IsAsciiDigit(footer[position]) || footer[position] is '+' or '-' or ':'))
        {
            position++;
        }

        var daylight = TryName(footer, ref position, out var name) ? name : standard;
        return IsAbbreviation(standard) && IsAbbreviation(daylight) ? new Names(Encoding.ASCII.GetBytes(standard), Encoding.ASCII.GetBytes(daylight)) : null;
    }

    private static bool TryName(string text, ref int position, out string name)
    {
        name = string.Empty;
        if (position < text.Length && text[position] == '<')
        {
            var end = text.IndexOf('>', position);
            if (end < 0)
            {
                return false;
            }

            name = text[(position + 1)..end];
            position = end + 1;
            return name.Length > 0;
        }

        var start = position;
        while (position < text.Length && char.IsAsciiLetter(text[position]))
        {
            position++;
        }

        name = text[start..position];
        return name.Length >= 3;
    }

    private static bool IsAbbreviation(string name) =>
        name.Length is > 0 and <= MaxLength && !name.Contains(' ', StringComparison.Ordinal) && Ascii.IsValid(name);

    /// <summary>The abbreviations of standard and daylight time, as UTF-8.</summary>
    internal sealed record Names(byte[] Standard, byte[] Daylight);
}
