using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using SmcMonitoring.Simulator.Formats;
using SmcMonitoring.Simulator.Hosting;
using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Sessions.Monitors;

namespace SmcMonitoring.Simulator.Sessions;

/// <summary>
/// One monitor's table on one engine (or domain), shared by every fetch that watches it, as on a real SMC.
/// A fetch subscribes to get a consistent copy to send as the snapshot plus every later change, in order.
/// While anyone watches, the table changes at the configured rate (a busy engine); REST deletes change it too.
/// </summary>
internal sealed class SessionTable
{
    /// <summary>Below this share of the configured size, adds outweigh deletes (and above the mirror share, the reverse).</summary>
    private const double SizeTolerance = 0.1;

    private readonly object gate = new();
    private readonly TableState state;
    private readonly List<Channel<TableChange>> listeners = new();
    private readonly ulong changeSeed;
    private readonly int size;
    private readonly double changesPerSecond;
    private readonly CancellationToken stopping;
    private readonly RenderingCaches<RenderedRowCache> renderedRows = new();
    private CancellationTokenSource? pump;
    private long changeIndex;

    public SessionTable(SessionMonitor monitor, TableScope scope, int size, double changesPerSecond, CancellationToken stopping)
    {
        Monitor = monitor;
        Scope = scope;
        this.size = size;
        this.changesPerSecond = changesPerSecond;
        this.stopping = stopping;
        changeSeed = HashStream.Combine(scope.Seed, 0xC4A9_6E5);
        var ageSeed = HashStream.Combine(scope.Seed, 0xA6E);
        var maxAgeMilliseconds = monitor.MaxAgeSeconds * 1000;
        state = new TableState(size, id =>
        {
            var age = new HashStream(ageSeed, id);
            var created = scope.AnchorMilliseconds - age.Below(maxAgeMilliseconds);
            return new SessionRow(id, 0, created, created);
        });
    }

    public SessionMonitor Monitor { get; }

    public TableScope Scope { get; }

    /// <summary>The cache of this table's snapshot rows rendered the way <paramref name="renderingKey"/> names.</summary>
    public RenderedRowCache RenderedRows(string renderingKey) => renderedRows.For(renderingKey, () => new RenderedRowCache());

    /// <summary>The rows now, for tests and for comparing with what a client rebuilt.</summary>
    public TableView View()
    {
        lock (gate)
        {
            return state.View();
        }
    }

    /// <summary>
    /// The table as it is now and every change after it; dispose the subscription to stop receiving changes.
    /// The first watcher starts the changes, the last one to leave stops them.
    /// </summary>
    public TableSubscription Subscribe()
    {
        var channel = Channel.CreateUnbounded<TableChange>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        lock (gate)
        {
            listeners.Add(channel);
            if (listeners.Count == 1 && changesPerSecond > 0 && size > 0)
            {
                pump = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                _ = RatePump.RunAsync(changesPerSecond, now => ApplyNextChange(now), pump.Token);
            }

            return new TableSubscription(state.View(), channel.Reader, () => Unsubscribe(channel));
        }
    }

    /// <summary>Removes a row (a REST DELETE of its href); false when it is not in the table.</summary>
    public bool Delete(long rowId, long now)
    {
        lock (gate)
        {
            var row = state.Delete(rowId);
            if (row is null)
            {
                return false;
            }

            Publish(new TableChange(ChangeKind.Deleted, row.Value with { ChangedAt = now }, row.Value));
            return true;
        }
    }

    /// <summary>Adds a row whose values a REST client gave (see <see cref="TableScope.GivenRows"/>); watchers receive it as added.</summary>
    public SessionRow AddGiven(object values, long now)
    {
        lock (gate)
        {
            var row = state.Add(now);
            Scope.GivenRows[row.Id] = values;
            Publish(new TableChange(ChangeKind.Added, row, default));
            return row;
        }
    }

    /// <summary>Removes every row (a REST flush); watchers receive each as deleted. Returns how many there were.</summary>
    public int DeleteAll(long now)
    {
        lock (gate)
        {
            var ids = new List<long>();
            foreach (var row in state.View().Rows())
            {
                ids.Add(row.Id);
            }

            foreach (var id in ids)
            {
                var row = state.Delete(id)!.Value;
                Publish(new TableChange(ChangeKind.Deleted, row with { ChangedAt = now }, row));
            }

            return ids.Count;
        }
    }

    /// <summary>
    /// Makes the next change of the table's deterministic sequence: an update (half the time), an add or a delete,
    /// the latter two weighted to keep the table near its configured size. A row a REST client gave is never picked
    /// (an add happens instead): it stays as given until a client deletes it.
    /// </summary>
    public TableChange ApplyNextChange(long now)
    {
        lock (gate)
        {
            var hash = new HashStream(changeSeed, changeIndex++);
            var live = state.LiveCount;
            var addWeight = live < size * (1 - SizeTolerance) ? 40 : live > size * (1 + SizeTolerance) ? 10 : 25;
            var roll = hash.Below(100);
            TableChange change;
            var picked = live == 0 || roll < addWeight ? -1 : state.PickLive(ref hash);
            if (picked < 0 || Scope.GivenRows.ContainsKey(picked))
            {
                change = new TableChange(ChangeKind.Added, state.Add(now), default);
            }
            else if (roll < 50)
            {
                var row = state.Delete(picked)!.Value;
                change = new TableChange(ChangeKind.Deleted, row with { ChangedAt = now }, row);
            }
            else
            {
                var (row, previous) = state.Update(picked, now);
                change = new TableChange(ChangeKind.Updated, row, previous);
            }

            Publish(change);
            return change;
        }
    }

    private void Publish(TableChange change)
    {
        foreach (var listener in listeners)
        {
            listener.Writer.TryWrite(change);
        }
    }

    private void Unsubscribe(Channel<TableChange> channel)
    {
        lock (gate)
        {
            if (!listeners.Remove(channel))
            {
                return;
            }

            channel.Writer.TryComplete();
            if (listeners.Count == 0 && pump is not null)
            {
                pump.Cancel();
                pump.Dispose();
                pump = null;
            }
        }
    }
}

/// <summary>A fetch's view of a table: the snapshot to send, the changes that follow it, and how to stop them.</summary>
internal sealed class TableSubscription : IDisposable
{
    private readonly Action unsubscribe;
    private int disposed;

    public TableSubscription(TableView snapshot, ChannelReader<TableChange> changes, Action unsubscribe)
    {
        Snapshot = snapshot;
        Changes = changes;
        this.unsubscribe = unsubscribe;
    }

    public TableView Snapshot { get; }

    public ChannelReader<TableChange> Changes { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            unsubscribe();
        }
    }
}
