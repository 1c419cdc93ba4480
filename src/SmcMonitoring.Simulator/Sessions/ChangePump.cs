using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace SmcMonitoring.Simulator.Sessions;

/// <summary>Changes a watched table at a steady rate: a busy engine whose rows come, change and go.</summary>
internal static class ChangePump
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    /// <summary>More than this many changes in one tick are dropped rather than caught up in a burst.</summary>
    private const int MaxPerTick = 10_000;

    public static async Task RunAsync(SessionTable table, double changesPerSecond, CancellationToken stop)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            var made = 0L;
            using var timer = new PeriodicTimer(Tick);
            while (await timer.WaitForNextTickAsync(stop))
            {
                var target = (long)(changesPerSecond * clock.Elapsed.TotalSeconds);
                var due = Math.Min(target - made, MaxPerTick);
                made = target;
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                for (var i = 0L; i < due && !stop.IsCancellationRequested; i++)
                {
                    table.ApplyNextChange(now);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The last watcher left, or the simulator stops.
        }
    }
}
