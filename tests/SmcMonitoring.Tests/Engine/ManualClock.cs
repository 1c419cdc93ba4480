using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Protocol;

namespace SmcMonitoring.Tests.Engine;

/// <summary>A clock that moves only when the test says so: a wait of minutes completes at the next <see cref="Advance"/>.</summary>
internal sealed class ManualClock : IClock
{
    private readonly object _lock = new();
    private readonly List<(TimeSpan Due, TaskCompletionSource<bool> Done)> _waits = new();
    private TimeSpan _now;

    public TimeSpan Elapsed
    {
        get { lock (_lock) { return _now; } }
    }

    /// <summary>How many waits are pending: the runner is waiting on the clock when this grows.</summary>
    public int PendingWaits
    {
        get { lock (_lock) { return _waits.Count; } }
    }

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (delay <= TimeSpan.Zero) { return Task.CompletedTask; }
            _waits.Add((_now + delay, done));
        }
        cancellationToken.Register(() =>
        {
            lock (_lock) { _waits.RemoveAll(w => w.Done == done); }
            done.TrySetCanceled(cancellationToken);
        });
        return done.Task;
    }

    /// <summary>Moves the clock on, completing every wait that is due.</summary>
    public void Advance(TimeSpan by)
    {
        List<TaskCompletionSource<bool>> due;
        lock (_lock)
        {
            _now += by;
            due = _waits.FindAll(w => w.Due <= _now).ConvertAll(w => w.Done);
            _waits.RemoveAll(w => w.Due <= _now);
        }
        foreach (var wait in due) { wait.TrySetResult(true); }
    }
}
