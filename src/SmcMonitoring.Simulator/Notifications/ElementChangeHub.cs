using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using SmcMonitoring.Simulator.Hosting;
using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Rest;

namespace SmcMonitoring.Simulator.Notifications;

/// <summary>
/// Where element changes meet the notification sockets: REST writes, test hooks and a steady background stream
/// (administrators at work, at the configured rate while any socket listens) all publish here.
/// </summary>
internal sealed class ElementChangeHub
{
    private const int FirstRandomId = 1000;
    private const int RandomIds = 1000;

    private static readonly WeightedChoice<string> RandomActions = new(
        ("update", 50), ("create", 18), ("delete", 10), ("validating", 7), ("validated", 7), ("trashed", 5), ("untrashed", 3));

    private readonly object gate = new();
    private readonly List<Action<ElementChange>> listeners = new();
    private readonly ulong seed;
    private readonly double perSecond;
    private readonly CancellationToken stopping;
    private CancellationTokenSource? pump;
    private long sequence;

    public ElementChangeHub(int seed, double perSecond, CancellationToken stopping)
    {
        this.seed = HashStream.Combine((ulong)(uint)seed, HashStream.Of("notifications"));
        this.perSecond = perSecond;
        this.stopping = stopping;
    }

    /// <summary>Whether a name is an element type clients may subscribe to: an element collection of the entry points.</summary>
    public static bool IsContext(string name) => Array.IndexOf(ElementDocuments.Collections, name) >= 0;

    /// <summary>
    /// Calls <paramref name="listener"/> (under the hub's lock, so it must only enqueue) with every later change
    /// until the returned handle is disposed.
    /// </summary>
    public IDisposable Listen(Action<ElementChange> listener)
    {
        lock (gate)
        {
            listeners.Add(listener);
            if (listeners.Count == 1 && perSecond > 0)
            {
                pump = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                _ = RatePump.RunAsync(perSecond, _ => Publish(NextRandom()), pump.Token);
            }
        }

        return new Listening(this, listener);
    }

    public void Publish(ElementChange change)
    {
        lock (gate)
        {
            foreach (var listener in listeners)
            {
                listener(change);
            }
        }
    }

    /// <summary>Publishes a change checked with <see cref="ElementChange.Problem"/>; without an id, one of the background stream's range.</summary>
    public ElementChange Raise(string context, string action, string? id)
    {
        var change = new ElementChange(context, action, id ?? NextRandom().Id);
        Publish(change);
        return change;
    }

    /// <summary>The next change of the background stream: a deterministic sequence from the seed.</summary>
    public ElementChange NextRandom()
    {
        long index;
        lock (gate)
        {
            index = sequence++;
        }

        var hash = new HashStream(seed, index);
        var context = ElementDocuments.Collections[hash.Below(ElementDocuments.Collections.Length)];
        var id = (FirstRandomId + hash.Below(RandomIds)).ToString(CultureInfo.InvariantCulture);
        return new ElementChange(context, RandomActions.Pick(ref hash), id);
    }

    private void Stop(Action<ElementChange> listener)
    {
        lock (gate)
        {
            if (listeners.Remove(listener) && listeners.Count == 0 && pump is not null)
            {
                pump.Cancel();
                pump.Dispose();
                pump = null;
            }
        }
    }

    private sealed class Listening(ElementChangeHub hub, Action<ElementChange> listener) : IDisposable
    {
        public void Dispose() => hub.Stop(listener);
    }
}
