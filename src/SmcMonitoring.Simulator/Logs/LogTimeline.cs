using System;

namespace SmcMonitoring.Simulator.Logs;

/// <summary>Where stored record i sits in time: the newest is at the log end, the others one interval apart.</summary>
internal sealed class LogTimeline
{
    public LogTimeline(long count, long endMilliseconds, long intervalMilliseconds)
    {
        Count = count;
        EndMilliseconds = endMilliseconds;
        IntervalMilliseconds = intervalMilliseconds;
    }

    public long Count { get; }

    public long EndMilliseconds { get; }

    public long IntervalMilliseconds { get; }

    public long TimestampOf(long index) => EndMilliseconds - ((Count - 1 - index) * IntervalMilliseconds);

    /// <summary>
    /// The indices whose timestamps lie in [start, end] (both inclusive, 0 = unbounded);
    /// <paramref name="last"/> is below <paramref name="first"/> when none do.
    /// </summary>
    public void Window(long startMilliseconds, long endMilliseconds, out long first, out long last)
    {
        first = 0;
        last = Count - 1;
        var oldest = TimestampOf(0);

        // Clamped first so that absurd bounds from a client cannot overflow the arithmetic.
        var low = oldest - IntervalMilliseconds;
        var high = EndMilliseconds + IntervalMilliseconds;
        if (startMilliseconds != 0)
        {
            first = Math.Max(first, CeilingDivide(Math.Clamp(startMilliseconds, low, high) - oldest, IntervalMilliseconds));
        }

        if (endMilliseconds != 0)
        {
            last = Math.Min(last, FloorDivide(Math.Clamp(endMilliseconds, low, high) - oldest, IntervalMilliseconds));
        }
    }

    private static long FloorDivide(long value, long divisor) =>
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);

    private static long CeilingDivide(long value, long divisor) => -FloorDivide(-value, divisor);
}
