using System;
using System.Runtime.CompilerServices;

namespace SmcMonitoring.Simulator.Formats;

/// <summary>
/// Writes times as <c>yyyy-MM-dd HH:mm:ss[.fff][ +hh:mm]</c> in a zone. Not thread-safe: it caches the
/// zone offset of the last minute seen, because consecutive records almost always share it.
/// </summary>
internal sealed class TimeRenderer
{
    /// <summary>Longest output: date, time, millis and zone.</summary>
    public const int MaxLength = 30;

    private readonly TimeZoneInfo? zone;
    private long cachedMinute = long.MinValue;
    private long cachedOffsetMilliseconds;

    /// <param name="zone">The zone to render in; null renders UTC.</param>
    /// <param name="showMillis">Append <c>.fff</c>.</param>
    /// <param name="showZone">Append a space and the UTC offset, <c>+02:00</c>.</param>
    public TimeRenderer(TimeZoneInfo? zone, bool showMillis, bool showZone)
    {
        this.zone = zone;
        ShowMillis = showMillis;
        ShowZone = showZone;
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

        if (ShowZone)
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
