using System;
using System.Collections;
using System.Collections.Generic;
using SmcMonitoring.Simulator.Logs;

namespace SmcMonitoring.Simulator.Sessions;

/// <summary>
/// The rows of one session table. Initial rows are implied by their index and only their deletion (one bit) or
/// update (a stamp) is stored; added rows are stored as stamps. Not thread-safe: <see cref="SessionTable"/> locks.
/// </summary>
internal sealed class TableState
{
    /// <summary>Rejection sampling tries before a pick falls back to a scan (only when most initial rows are gone).</summary>
    private const int PickTries = 64;

    private readonly int initialCount;
    private readonly Func<long, SessionRow> initialRow;
    private readonly Dictionary<long, SessionRow> changed = new();
    private readonly List<long> added = new();
    private readonly Dictionary<long, int> addedSlot = new();
    private BitArray? deletedInitial;
    private int liveInitial;
    private long nextId;

    /// <param name="initialCount">How many rows the table starts with.</param>
    /// <param name="initialRow">The stamp of initial row i (its times come from its scope).</param>
    public TableState(int initialCount, Func<long, SessionRow> initialRow)
    {
        this.initialCount = initialCount;
        this.initialRow = initialRow;
        liveInitial = initialCount;
        nextId = initialCount;
    }

    public long LiveCount => liveInitial + added.Count;

    public SessionRow? Find(long id)
    {
        if (id >= 0 && id < initialCount)
        {
            return deletedInitial?[(int)id] == true ? null : changed.TryGetValue(id, out var updated) ? updated : initialRow(id);
        }

        return addedSlot.ContainsKey(id) ? changed[id] : null;
    }

    public SessionRow Add(long now)
    {
        var row = new SessionRow(nextId++, 0, now, now);
        changed[row.Id] = row;
        addedSlot[row.Id] = added.Count;
        added.Add(row.Id);
        return row;
    }

    /// <summary>Updates a live row; returns the row after and before.</summary>
    public (SessionRow Row, SessionRow Previous) Update(long id, long now)
    {
        var previous = Find(id) ?? throw new InvalidOperationException($"row {id} is not in the table");
        var row = previous with { Version = previous.Version + 1, ChangedAt = now };
        changed[id] = row;
        return (row, previous);
    }

    /// <summary>Removes a row; returns it as it was, or null when it is not in the table.</summary>
    public SessionRow? Delete(long id)
    {
        var row = Find(id);
        if (row is null)
        {
            return null;
        }

        changed.Remove(id);
        if (id < initialCount)
        {
            deletedInitial ??= new BitArray(initialCount);
            deletedInitial[(int)id] = true;
            liveInitial--;
        }
        else
        {
            var slot = addedSlot[id];
            var last = added[^1];
            added[slot] = last;
            addedSlot[last] = slot;
            added.RemoveAt(added.Count - 1);
            addedSlot.Remove(id);
        }

        return row;
    }

    /// <summary>A live row chosen uniformly; the table must not be empty.</summary>
    public long PickLive(ref HashStream hash)
    {
        var pick = hash.Below((int)Math.Min(LiveCount, int.MaxValue));
        if (pick >= liveInitial)
        {
            return added[pick - liveInitial];
        }

        for (var i = 0; i < PickTries; i++)
        {
            var id = hash.Below(initialCount);
            if (deletedInitial?[id] != true)
            {
                return id;
            }
        }

        var start = hash.Below(initialCount);
        for (var i = 0; i < initialCount; i++)
        {
            var id = (start + i) % initialCount;
            if (!deletedInitial![id])
            {
                return id;
            }
        }

        throw new InvalidOperationException("no live initial row although the count says so");
    }

    /// <summary>A copy to stream a snapshot from while the table goes on changing: rows in id order.</summary>
    public TableView View()
    {
        var addedIds = added.ToArray();
        Array.Sort(addedIds);
        return new TableView(initialCount, initialRow, (BitArray?)deletedInitial?.Clone(), new Dictionary<long, SessionRow>(changed), addedIds);
    }
}

/// <summary>A table's rows at one moment, enumerated in id order: initial rows first, then added ones.</summary>
internal sealed class TableView
{
    private readonly int initialCount;
    private readonly Func<long, SessionRow> initialRow;
    private readonly BitArray? deletedInitial;
    private readonly Dictionary<long, SessionRow> changed;
    private readonly long[] addedIds;

    public TableView(int initialCount, Func<long, SessionRow> initialRow, BitArray? deletedInitial, Dictionary<long, SessionRow> changed, long[] addedIds)
    {
        this.initialCount = initialCount;
        this.initialRow = initialRow;
        this.deletedInitial = deletedInitial;
        this.changed = changed;
        this.addedIds = addedIds;
    }

    public IEnumerable<SessionRow> Rows()
    {
        for (var id = 0; id < initialCount; id++)
        {
            if (deletedInitial?[id] == true)
            {
                continue;
            }

            yield return changed.TryGetValue(id, out var updated) ? updated : initialRow(id);
        }

        foreach (var id in addedIds)
        {
            yield return changed[id];
        }
    }
}
