using System;
using System.Runtime.CompilerServices;

namespace SmcMonitoring.Simulator.Formats;

/// <summary>
/// Writes times as <c>yyyy-MM-dd HH:mm:ss[.fff][ +hh:mm]</c> (or <c>[ CEST]</c> with the abbreviation style) in a
/// zone, UTC when none is given. Not thread-safe: it caches the zone offset of the last minute seen, because
/// consecutive records almost always share it.
/// </summary>
internal sealed class TimeRenderer
{
    /// <summary>Longest output: date, time, millis and zone (an abbreviation has at most 8 characters).</summary>
    public const int MaxLength = 32;

    private readonly TimeZoneInfo? zone;
    private readonly ZoneAbbreviations.Names? abbreviations;
    private long cachedMinute = long.MinValue;
    private long cachedOffsetMilliseconds;
    private bool cachedDaylight;

    /// <param name="zone">The zone to render in; null renders UTC.</param>
    /// <param name="showMillis">Append <c>.fff</c>.</param>
    /// <param name="showZone">Append a space and the zone.</param>
    /// <param name="zoneStyle">The zone as the UTC offset (<c>+02:00</c>) or as its abbreviation (<c>CEST</c>; the offset when it has none).</param>
    public TimeRenderer(TimeZoneInfo? zone, bool showMillis, bool showZone, TimeZoneStyle zoneStyle = TimeZoneStyle.Offset)
    {
        this.zone = zone;
        ShowMillis = showMillis;
        ShowZone = showZone;
        abbreviations = showZone && zoneStyle == TimeZoneStyle.Abbreviation ? ZoneAbbreviations.Of(zone) : null;
    }

    public bool ShowMillis { get; }

    public bool ShowZone { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Write(long epochMilliseconds, Span<byte> destination)
    {
        var offset = OffsetOf(epochMilliseconds);
        var local = DateTime.UnixEpoch.AddMilliseconds(epochMilliseconds + offset);
        var position = 0;
        position += Digits(local.Year, 4, destination[position..]);
        destination[position++] = (byte)'-';
        position += Digits(local.Month, 2, destination[position..]);
        destination[position++] = (byte)'-';
        position += Digits(local.Day, 2, destination[position..]);
        destination[position++] = (byte)' ';
        position += Digits(local.Hour, 2, destination[position..]);
        destination[position++] = (byte)':';
        position += Digits(local.Minute, 2, destination[position..]);
        destination[position++] = (byte)':';
        position += Digits(local.Second, 2, destination[position..]);
        if (ShowMillis)
        {
            destination[position++] = (byte)'.';
            position += Digits(local.Millisecond, 3, destination[position..]);
        }

        if (abbreviations is not null)
        {
            destination[position++] = (byte)' ';
            var name = cachedDaylight ? abbreviations.Daylight : abbreviations.Standard;
            name.CopyTo(destination[position..]);
            position += name.Length;
        }
        else if (ShowZone)
        {
            var minutes = offset / 60_000;
            destination[position++] = (byte)' ';
            destination[position++] = minutes < 0 ? (byte)'-' : (byte)'+';
            minutes = Math.Abs(minutes);
            position += Digits((int)(minutes / 60), 2, destination[position..]);
            destination[position++] = (byte)':';
            position += Digits((int)(minutes % 60), 2, destination[position..]);
        }

        return position;
    }

    private long OffsetOf(long epochMilliseconds)
    {
        if (zone is null)
        {
            return 0;
        }

        var minute = Math.DivRem(epochMilliseconds, 60_000, out var remainder) - (remainder < 0 ? 1 : 0);
        if (minute != cachedMinute)
        {
            cachedMinute = minute;
            var utc = DateTime.UnixEpoch.AddMilliseconds(minute * 60_000);
            cachedOffsetMilliseconds = (long)zone.GetUtcOffset(utc).TotalMilliseconds;
            cachedDaylight = abbreviations is not null && zone.IsDaylightSavingTime(utc);
        }

        return cachedOffsetMilliseconds;
    }

    private static int Digits(int value, int width, Span<byte> destination)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        return width;
    }
}
