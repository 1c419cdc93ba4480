using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace SmcMonitoring.Simulator.Hosting;

/// <summary>
/// Waits that last at least as long as asked: a timer may fire a little early, and a simulator that promises a gap
/// or a silence of so many milliseconds must keep it, or a client's test of that promise fails once in a while.
/// </summary>
internal static class Waits
{
    /// <summary>Waits until <paramref name="clock"/> reads at least <paramref name="due"/>.</summary>
    public static async Task UntilAsync(Stopwatch clock, TimeSpan due, CancellationToken cancellationToken)
    {
        while (clock.Elapsed < due)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling((due - clock.Elapsed).TotalMilliseconds))), cancellationToken);
        }
    }

    /// <summary>Waits at least <paramref name="milliseconds"/>.</summary>
    public static Task AtLeastAsync(int milliseconds, CancellationToken cancellationToken) =>
        UntilAsync(Stopwatch.StartNew(), TimeSpan.FromMilliseconds(milliseconds), cancellationToken);
}
