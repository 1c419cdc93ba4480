using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace SmcMonitoring.Simulator.Hosting;

/// <summary>
/// Does something at a steady average rate, every 100 ms tick doing what fell due: a busy engine changing its
/// tables, or administrators changing elements.
/// </summary>
internal static class RatePump
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    /// <summary>More than this many steps in one tick are dropped rather than caught up in a burst.</summary>
    private const int MaxPerTick = 10_000;

    /// <summary>Calls <paramref name="step"/> (with the current epoch ms) <paramref name="perSecond"/> times a second until <paramref name="stop"/>.</summary>
    public static async Task RunAsync(double perSecond, Action<long> step, CancellationToken stop)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            var made = 0L;
            using var timer = new PeriodicTimer(Tick);
            while (await timer.WaitForNextTickAsync(stop))
            {
                var target = (long)(perSecond * clock.Elapsed.TotalSeconds);
                var due = Math.Min(target - made, MaxPerTick);
                made = target;
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                for (var i = 0L; i < due && !stop.IsCancellationRequested; i++)
                {
                    step(now);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The last watcher left, or the simulator stops.
        }
    }
}
