using System;
using SmcMonitoring.Protocol;

namespace SmcMonitoring.Queries;

/// <summary>What a progress display shows of a stored search: records so far, their rate, the SMC's own status.</summary>
internal readonly struct ProgressSnapshot
{
    public ProgressSnapshot(long records, TimeSpan elapsed, string? status)
    {
        Records = records;
        Elapsed = elapsed;
        Status = status;
    }

    /// <summary>Records written so far.</summary>
    public long Records { get; }

    /// <summary>How long the search has run.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Records a second since the search started.</summary>
    public double RatePerSecond => Elapsed.TotalSeconds > 0 ? Records / Elapsed.TotalSeconds : 0;

    /// <summary>The SMC's latest <c>status</c> text (how far it has scanned), if it sent one.</summary>
    public string? Status { get; }
}

/// <summary>
/// Decides when a stored search shows progress: only once it has run <see cref="Delay"/> (a short search shows
/// nothing), then at most every <see cref="Interval"/>, and only when there is something to show (a record or a
/// status text). The caller asks from the thread that writes the records; the clock is injected so that tests do
/// not wait.
/// </summary>
internal sealed class ProgressMeter
{
    /// <summary>How long a search runs before it shows progress.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    /// <summary>The least time between two updates: a few a second.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly IClock _clock;
    private readonly TimeSpan _started;
    private TimeSpan? _lastShown;
    private string? _status;

    public ProgressMeter(IClock clock)
    {
        _clock = clock;
        _started = clock.Elapsed;
    }

    /// <summary>True once an update was shown: the display must then be closed at the end.</summary>
    public bool Shown => _lastShown != null;

    /// <summary>Notes the records so far and the SMC's status (when the message had one); true with a snapshot when an update is due.</summary>
    public bool Observe(long records, string? status, out ProgressSnapshot snapshot)
    {
        if (!string.IsNullOrWhiteSpace(status)) { _status = status; }
        var now = _clock.Elapsed;
        var elapsed = now - _started;
        snapshot = new ProgressSnapshot(records, elapsed, _status);
        if (elapsed < Delay || (records == 0 && _status is null)) { return false; }
        if (_lastShown is { } last && now - last < Interval) { return false; }
        _lastShown = now;
        return true;
    }
}
