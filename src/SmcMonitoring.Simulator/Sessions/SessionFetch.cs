using System;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Filters;
using SmcMonitoring.Simulator.Formats;
using SmcMonitoring.Simulator.Hosting;
using SmcMonitoring.Simulator.Records;
using SmcMonitoring.Simulator.Sessions.Monitors;
using SmcMonitoring.Simulator.Sockets;

namespace SmcMonitoring.Simulator.Sessions;

/// <summary>
/// A session-monitor fetch (docs/protocol.md 6.5.3): the table's rows that match the filter as <c>added</c> records with
/// <c>first_fetch</c> true, 200 per message, then its changes as they happen, until the client aborts. No end. The
/// real-SMC options can leave <c>first_fetch</c> out, space the snapshot's messages, and send nothing for an empty one.
/// A filtered fetch sees a row enter or leave the filter as an add or a delete, so a client that applies the
/// arrays by delta_key always holds exactly the matching rows. With <c>--cache-rendered-records</c> an unfiltered
/// snapshot copies unchanged rows from the table's <see cref="RenderedRowCache"/>.
/// </summary>
internal sealed class SessionFetch
{
    private const int SessionEventField = 302;

    private readonly SimulatorContext context;
    private readonly MonitoringSocket socket;
    private readonly SessionQuery query;
    private readonly RecordFormat format;
    private readonly SessionTable table;
    private readonly string versionBase;
    private readonly SessionMonitor monitor;
    private readonly RecordFilter? filter;
    private readonly RecordBuffer current;
    private readonly RecordBuffer previous;
    private SessionRecordKeys keys = null!;
    private SessionBatch batch = null!;
    private RecordWriter writer = null!;

    public SessionFetch(SimulatorContext context, MonitoringSocket socket, SessionQuery query, RecordFormat format, SessionTable table, string versionBase)
    {
        this.context = context;
        this.socket = socket;
        this.query = query;
        this.format = format;
        this.table = table;
        this.versionBase = versionBase;
        monitor = table.Monitor;
        filter = query.Filter;
        current = new RecordBuffer(monitor.Shape);
        previous = new RecordBuffer(monitor.Shape);
    }

    public async Task RunAsync(int fetchId, CancellationToken abort)
    {
        await socket.SendAsync(SocketMessages.FetchStarted(fetchId, FieldDescriptors.For(format, monitor.Shape, context.Catalog)));
        await FaultFrames.SendBogusEndAsync(socket, context, fetchId);
        keys = new SessionRecordKeys(table, query.Definition, versionBase, writeFirstFetch: !context.Options.NoFirstFetch);
        writer = new RecordWriter(format, monitor.Shape);
        batch = new SessionBatch(fetchId, writer);
        using var subscription = table.Subscribe();
        await SendSnapshotAsync(fetchId, subscription.Snapshot, abort);

        var changes = subscription.Changes;
        while (await changes.WaitToReadAsync(abort))
        {
            while (!batch.IsFull && changes.TryRead(out var change))
            {
                await ApplyAsync(change, abort);
            }

            await FlushAsync(abort);
        }
    }

    private async Task SendSnapshotAsync(int fetchId, TableView snapshot, CancellationToken abort)
    {
        var scope = table.Scope;
        var messages = 0;
        var rows = 0;
        var rendered = context.Options.CacheRenderedRecords && filter is null
            ? table.RenderedRows($"{format.RenderingKey}|{query.Definition.Name}|{versionBase}")
            : null;
        foreach (var row in snapshot.Rows())
        {
            if (rendered is not null && rendered.TryGet(row, out var json))
            {
                batch.AddRendered(ChangeKind.Added, row.Id, json);
            }
            else
            {
                monitor.Fill(scope, row, current);
                if (filter is not null && !filter.Matches(current))
                {
                    continue;
                }

                monitor.SetEvent(current, SessionMonitor.NewEvent);
                keys.Set(row.Id, first: true);
                if (rendered is null)
                {
                    batch.Add(ChangeKind.Added, row.Id, current, keys);
                }
                else
                {
                    batch.AddRendered(ChangeKind.Added, row.Id, rendered.Render(row, writer, current, keys));
                }
            }

            rows++;
            if (batch.IsFull)
            {
                await SendSnapshotMessageAsync(messages++, abort);
            }
        }

        // By default an empty snapshot still gets its (empty) records message, so clients see where the snapshot ends.
        if (batch.Count > 0 || (messages == 0 && context.Options.EmptySnapshot == EmptySnapshotAnswer.EmptyMessage))
        {
            await SendSnapshotMessageAsync(messages++, abort);
        }

        if (context.Options.SnapshotCompleteMarker)
        {
            monitor.FillMarker(scope, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), current);
            keys.SetMarker();

            // Without its SessionEvent the marker would be an empty row: it states it even when field_ids leaves 302 out.
            batch.Add(ChangeKind.Added, -1, current, keys, new RecordWriter(format.Including(SessionEventField), monitor.Shape));
            await SendSnapshotMessageAsync(messages++, abort);
        }

        context.Recorder.Note("snapshot", socket.Path, new JsonObject
        {
            ["fetch"] = fetchId,
            ["rows"] = rows,
            ["messages"] = messages,
            ["marker"] = context.Options.SnapshotCompleteMarker,
            ["first_fetch"] = !context.Options.NoFirstFetch,
            ["gap_ms"] = context.Options.SnapshotBatchGapMs,
        });
    }

    /// <summary>Sends a snapshot message; every one after the first waits <see cref="SimulatorOptions.SnapshotBatchGapMs"/> first.</summary>
    private async Task SendSnapshotMessageAsync(int index, CancellationToken abort)
    {
        if (index > 0 && context.Options.SnapshotBatchGapMs is > 0 and var gap)
        {
            await Waits.AtLeastAsync(gap, abort);
        }

        abort.ThrowIfCancellationRequested();
        await batch.SendAsync(socket);
    }

    private async Task ApplyAsync(TableChange change, CancellationToken abort)
    {
        var scope = table.Scope;
        switch (change.Kind)
        {
            case ChangeKind.Added:
                monitor.Fill(scope, change.Row, current);
                if (Matches(current))
                {
                    await EmitAsync(ChangeKind.Added, change.Row.Id, current, SessionMonitor.NewEvent, abort);
                }

                break;
            case ChangeKind.Deleted:
                monitor.Fill(scope, change.Previous, previous);
                if (Matches(previous))
                {
                    monitor.Fill(scope, change.Row, current);
                    await EmitAsync(ChangeKind.Deleted, change.Row.Id, current, SessionMonitor.RemoveEvent, abort);
                }

                break;
            default:
                monitor.Fill(scope, change.Row, current);
                monitor.Fill(scope, change.Previous, previous);
                var now = Matches(current);
                var before = Matches(previous);
                if (now && before)
                {
                    await EmitAsync(ChangeKind.Updated, change.Row.Id, current, SessionMonitor.UpdateEvent, abort);
                }
                else if (now)
                {
                    await EmitAsync(ChangeKind.Added, change.Row.Id, current, SessionMonitor.NewEvent, abort);
                }
                else if (before)
                {
                    await EmitAsync(ChangeKind.Deleted, change.Row.Id, previous, SessionMonitor.RemoveEvent, abort);
                }

                break;
        }
    }

    private bool Matches(RecordBuffer record) => filter is null || filter.Matches(record);

    private async Task EmitAsync(ChangeKind kind, long rowId, RecordBuffer record, int sessionEvent, CancellationToken abort)
    {
        if (batch.Contains(rowId) || batch.IsFull)
        {
            await FlushAsync(abort);
        }

        monitor.SetEvent(record, sessionEvent);
        keys.Set(rowId, first: false);
        batch.Add(kind, rowId, record, keys);
    }

    private async Task FlushAsync(CancellationToken abort)
    {
        if (batch.Count > 0)
        {
            abort.ThrowIfCancellationRequested();
            await batch.SendAsync(socket);
        }
    }
}
