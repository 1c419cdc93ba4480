using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

using SmcMonitoring.Notifications;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// Keeps a subscription's waiting events under a cap: when nobody reads the queue, the oldest events of that source
/// identifier are removed, and the channel warns once per thousand dropped events. It trims whenever PowerShell adds
/// an event to the queue (which happens when the runspace processes events, not when the socket receives them).
/// </summary>
internal sealed class EventQueueCap : IDisposable
{
    private readonly PSEventManager _events;
    private readonly string _sourceIdentifier;
    private readonly int _cap;
    private readonly NotificationChannel _channel;
    private long _dropped;

    public EventQueueCap(PSEventManager events, string sourceIdentifier, int cap, NotificationChannel channel)
    {
        _events = events;
        _sourceIdentifier = sourceIdentifier;
        _cap = cap;
        _channel = channel;
        _events.ReceivedEvents.PSEventReceived += OnEventQueued;
    }

    /// <inheritdoc/>
    public void Dispose() => _events.ReceivedEvents.PSEventReceived -= OnEventQueued;

    private void OnEventQueued(object? sender, PSEventArgs e)
    {
        if (string.Equals(e.SourceIdentifier, _sourceIdentifier, StringComparison.OrdinalIgnoreCase)) { Trim(); }
    }

    public void Trim()
    {
        var dropped = 0;
        var queue = _events.ReceivedEvents;
        lock (queue.SyncRoot)
        {
            // PowerShell does not keep the queue in arrival order; event identifiers grow in the order events were raised.
            var mine = new List<int>();
            for (var i = 0; i < queue.Count; i++)
            {
                if (string.Equals(queue[i].SourceIdentifier, _sourceIdentifier, StringComparison.OrdinalIgnoreCase)) { mine.Add(queue[i].EventIdentifier); }
            }
            if (mine.Count > _cap)
            {
                mine.Sort();
                var drop = new HashSet<int>(mine.Take(mine.Count - _cap));
                for (var i = queue.Count - 1; i >= 0; i--)
                {
                    if (drop.Contains(queue[i].EventIdentifier) && string.Equals(queue[i].SourceIdentifier, _sourceIdentifier, StringComparison.OrdinalIgnoreCase))
                    {
                        queue.RemoveAt(i);
                        dropped++;
                    }
                }
            }
        }
        if (dropped == 0) { return; }
        var before = _dropped;
        _dropped += dropped;
        if (before == 0 || before / 1000 != _dropped / 1000)
        {
            _channel.Status($"SMC notification events of '{_sourceIdentifier}' are not being read: {_dropped} of the oldest were dropped so that at most {_cap} wait in the queue (-MaxQueuedEvents). Read them with Get-Event or Wait-Event, or use -Action.");
        }
    }
}
