using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SmcMonitoring.Notifications;

/// <summary>
/// Keeps the events of an <c>-Action</c> subscription bounded when the action is slower than the SMC. PowerShell
/// queues an action per event and offers no way to trim that queue, so at most <see cref="InFlight"/> events are
/// handed on at a time; the others wait here, at most <see cref="Cap"/> of them, and when more come the oldest are
/// dropped with a warning that counts them. <see cref="Passed"/> is raised right after each group of events handed
/// on: an action subscribed to it runs after those events' actions (PowerShell runs actions in order) and calls
/// <see cref="Done"/>, which lets the next group through. One task hands events on, so their order is kept.
/// </summary>
internal sealed class ActionBacklog : IDisposable
{
    /// <summary>The most events handed to PowerShell's action queue at a time, as one group.</summary>
    internal const int InFlight = 16;

    private readonly Action<SmcElementChangedEventArgs> _raise;
    private readonly Action<long> _dropped;
    private readonly Queue<SmcElementChangedEventArgs> _waiting = new();
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private readonly CancellationTokenSource _stop = new();
    private Task? _pump;
    private int _handedOn;
    private long _droppedCount;

    /// <param name="cap">The most events that wait here (-MaxQueuedEvents).</param>
    /// <param name="raise">Hands one event on (raises the channel's ElementChanged).</param>
    /// <param name="dropped">Told the total dropped so far, on the first drop and then once per thousand.</param>
    public ActionBacklog(int cap, Action<SmcElementChangedEventArgs> raise, Action<long> dropped)
    {
        Cap = cap;
        _raise = raise;
        _dropped = dropped;
    }

    /// <summary>Raised after each group of events handed on; its handler's action calls <see cref="Done"/>.</summary>
    public event EventHandler? Passed;

    /// <summary>The most events that wait.</summary>
    public int Cap { get; }

    /// <summary>Events waiting now (not yet handed on).</summary>
    public int Waiting
    {
        get { lock (_waiting) { return _waiting.Count; } }
    }

    /// <summary>Events dropped so far.</summary>
    public long Dropped => Interlocked.Read(ref _droppedCount);

    /// <summary>Takes an event from the SMC: it waits its turn, and the oldest waiting one goes when the backlog is full.</summary>
    public void Offer(SmcElementChangedEventArgs change)
    {
        long dropped = 0;
        lock (_waiting)
        {
            _waiting.Enqueue(change);
            if (_waiting.Count > Cap)
            {
                _waiting.Dequeue();
                dropped = Interlocked.Increment(ref _droppedCount);
            }
        }
        if (dropped == 1 || (dropped > 0 && dropped % 1000 == 0)) { _dropped(dropped); }
        _signal.Release();
    }

    /// <summary>
    /// Starts handing events on; call it once PowerShell subscribes to the channel's event and to <see cref="Passed"/>.
    /// Events offered before wait: a group raised before then would reach nobody, and its marker would never call
    /// <see cref="Done"/>.
    /// </summary>
    public void Start()
    {
        if (_pump is null && !_stop.IsCancellationRequested) { _pump = Task.Run(PumpAsync); }
    }

    /// <summary>The actions of the group handed on have run: the next group may go.</summary>
    public void Done()
    {
        Volatile.Write(ref _handedOn, 0);
        _signal.Release();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_stop.IsCancellationRequested) { return; }
        _stop.Cancel();
        try { _pump?.Wait(TimeSpan.FromSeconds(2)); }
        catch (AggregateException) { }
        lock (_waiting) { _waiting.Clear(); }
    }

    private async Task PumpAsync()
    {
        var token = _stop.Token;
        try
        {
            while (true)
            {
                await _signal.WaitAsync(token).ConfigureAwait(false);
                if (Volatile.Read(ref _handedOn) > 0) { continue; }
                var group = 0;
                while (group < InFlight && TakeNext() is { } next)
                {
                    group++;
                    _raise(next);
                }
                if (group == 0) { continue; }
                // One marker per group: PowerShell then runs one extra action per group, not one per event.
                Volatile.Write(ref _handedOn, group);
                Passed?.Invoke(this, EventArgs.Empty);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the subscription ended.
        }
    }

    private SmcElementChangedEventArgs? TakeNext()
    {
        lock (_waiting) { return _waiting.Count > 0 ? _waiting.Dequeue() : null; }
    }
}
