using System;
using System.Threading;

namespace SmcMonitoring.Records;

/// <summary>
/// UTC instants as this machine's local time, for every time value of every record. <see cref="DateTime.ToLocalTime"/>
/// looks up the zone's rules each time (what that costs here is not measured on its own); records come in time
/// order, many a minute, so the local time of the minute's start is kept and the rest added to it. Zones change their offset only on whole minutes, so a minute has one offset; adding ticks keeps the flag .NET
/// sets on the repeated hour of a change back from daylight saving time, so such times still convert back to the
/// right instant.
/// </summary>
internal static class LocalTimes
{
    private sealed class Minute
    {
        public Minute(TimeZoneInfo zone, long utcStartTicks, DateTime localStart)
        {
            Zone = zone;
            UtcStartTicks = utcStartTicks;
            LocalStart = localStart;
        }

        public TimeZoneInfo Zone { get; }

        public long UtcStartTicks { get; }

        public DateTime LocalStart { get; }
    }

    private static Minute? s_last;

    /// <summary><paramref name="utc"/> (Kind Utc) in local time, Kind Local.</summary>
    public static DateTime FromUtc(DateTime utc)
    {
        var zone = TimeZoneInfo.Local;
        var start = utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute);
        var last = Volatile.Read(ref s_last);
        if (last is null || last.UtcStartTicks != start || !ReferenceEquals(last.Zone, zone))
        {
            last = new Minute(zone, start, new DateTime(start, DateTimeKind.Utc).ToLocalTime());
            Volatile.Write(ref s_last, last);
        }
        return last.LocalStart.AddTicks(utc.Ticks - start);
    }
}
