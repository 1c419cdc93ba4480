using System;
using System.Management.Automation;

namespace SmcMonitoring.Notifications;

/// <summary>
/// Keeps a subscription's waiting events under a cap: when nobody reads the queue, the oldest events of that source
/// identifier are removed, and the channel warns once per thousand dropped events.
/// </summary>
internal sealed class EventQueueCap
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
    }

    /// <summary>Events dropped so far.</summary>
    public long Dropped => _dropped;

    public void Trim()
    {
        var dropped = 0;
        var queue = _events.ReceivedEvents;
        lock (queue.SyncRoot)
        {
            var mine = 0;
            for (var i = 0; i < queue.Count; i++)
            {
                if (string.Equals(queue[i].SourceIdentifier, _sourceIdentifier, StringComparison.OrdinalIgnoreCase)) { mine++; }
            }
            for (var i = 0; i < queue.Count && mine > _cap;)
            {
                if (string.Equals(queue[i].SourceIdentifier, _sourceIdentifier, StringComparison.OrdinalIgnoreCase))
                {
                    queue.RemoveAt(i);
                    mine--;
                    dropped++;
                }
                else
                {
                    i++;
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
