using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace SmcMonitoring.Protocol;

/// <summary>
/// The time every limit of a query or a reconnection is measured with. Production code uses <see cref="System"/>;
/// tests pass a clock they move by hand, so that "three minutes of silence" takes no time at all.
/// </summary>
internal interface IClock
{
    /// <summary>Monotonic time since the clock started.</summary>
    TimeSpan Elapsed { get; }

    /// <summary>Completes once <paramref name="delay"/> has passed on this clock (or is cancelled).</summary>
    Task Delay(TimeSpan delay, CancellationToken cancellationToken);
}

/// <summary>The real clock.</summary>
internal sealed class SystemClock : IClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    /// <summary>One real clock for everyone.</summary>
    public static SystemClock Instance { get; } = new();

    /// <inheritdoc/>
    public TimeSpan Elapsed => _watch.Elapsed;

    /// <inheritdoc/>
    public Task Delay(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
}
