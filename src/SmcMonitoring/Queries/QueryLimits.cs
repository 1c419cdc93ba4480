using System;
using System.Threading;

namespace SmcMonitoring.Queries;

/// <summary>When a running query stops on the client side.</summary>
public sealed class QueryLimits
{
    /// <summary>Stop after this long in total; <see cref="Timeout.InfiniteTimeSpan"/> = never.</summary>
    public TimeSpan QueryTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>Stop when no message arrives for this long; <see cref="Timeout.InfiniteTimeSpan"/> = never.</summary>
    public TimeSpan InactivityTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>Stop after this many records (a safety net beside the SMC's own quantity); null = no limit.</summary>
    public long? MaxRecords { get; set; }

    /// <summary>
    /// Measures <see cref="QueryTimeout"/> from the first fetch that used these limits, so that a query that reconnects
    /// keeps its overall deadline instead of starting a new one with every socket.
    /// </summary>
    internal System.Diagnostics.Stopwatch Clock { get; } = new();

    /// <summary>The largest server message accepted.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024 * 1024;
}
