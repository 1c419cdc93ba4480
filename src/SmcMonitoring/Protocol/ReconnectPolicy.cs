using System;

namespace SmcMonitoring.Protocol;

/// <summary>Bounded exponential backoff for re-opening a dropped socket.</summary>
internal sealed class ReconnectPolicy
{
    /// <summary>No reconnection: a dropped socket ends the stream.</summary>
    public static ReconnectPolicy None { get; } = new() { MaxAttempts = 0 };

    /// <summary>The first wait.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts after one drop before giving up (each successful reconnection starts over).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait before attempt <paramref name="attempt"/> (1-based): doubling from the first, capped.</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = TimeSpan.FromMilliseconds(Math.Min(InitialDelay.TotalMilliseconds * factor, MaxDelay.TotalMilliseconds));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
