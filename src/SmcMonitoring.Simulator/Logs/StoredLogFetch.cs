using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Formats;
using SmcMonitoring.Simulator.Hosting;
using SmcMonitoring.Simulator.Records;
using SmcMonitoring.Simulator.Sockets;

namespace SmcMonitoring.Simulator.Logs;

/// <summary>
/// A stored log query (docs/protocol.md 6.5.1): records of the time window computed one by one from their index,
/// filtered, and streamed 200 per message, then a <c>statistics</c> message and <c>end</c>. With
/// <c>--cache-rendered-records</c> the JSON of each record is copied from <see cref="RenderedLogCache"/>.
/// </summary>
internal sealed class StoredLogFetch
{
    /// <summary>How many records a scan generates between two looks at the abort flag.</summary>
    private const int AbortCheckInterval = 1024;

    private readonly SimulatorContext context;
    private readonly MonitoringSocket socket;
    private readonly LogQuery query;
    private readonly RecordFormat format;
    private readonly FetchOptions options;

    public StoredLogFetch(SimulatorContext context, MonitoringSocket socket, LogQuery query, RecordFormat format, FetchOptions options)
    {
        this.context = context;
        this.socket = socket;
        this.query = query;
        this.format = format;
        this.options = options;
    }

    public async Task RunAsync(int fetchId, CancellationToken abort)
    {
        await socket.SendAsync(SocketMessages.FetchStarted(fetchId, FieldDescriptors.For(format, LogShape.Shape, context.Catalog)));
        await FaultFrames.SendBogusEndAsync(socket, context, fetchId);
        if (options.Quantity == 0)
        {
            await socket.SendAsync(SocketMessages.End(fetchId, "end of data"));
            return;
        }

        var clock = Stopwatch.StartNew();
        var timeline = context.Timeline;
        timeline.Window(query.StartMilliseconds, query.EndMilliseconds, out var first, out var last);
        if (context.Options.ArchiveSearchMs > 0)
        {
            await ArchiveSearch.RunAsync(context, socket, fetchId, timeline.TimestampOf(first), timeline.TimestampOf(Math.Max(first, last)), options.Backwards, abort);
        }
        else
        {
            await socket.SendAsync(SocketMessages.Status(fetchId, "Querying..."));
        }

        var generator = context.Generator;
        var filter = query.Filter;
        var batch = new RecordBatch(fetchId, new RecordWriter(format, LogShape.Shape));
        var record = new RecordBuffer(LogShape.Shape);
        var rendered = context.RenderedLogs?.For(format);
        var faults = StoredFetchFaults.Take(context, socket, fetchId);
        var step = options.Backwards ? -1 : 1;
        var index = options.Backwards ? last : first;
        var remaining = faults?.Remaining(options.Quantity) ?? options.Quantity ?? long.MaxValue;
        if (faults is not null)
        {
            await faults.BeforeRecordsAsync(batch);
        }

        var scanned = 0L;
        var matched = 0L;
        for (; scanned <= last - first && remaining > 0; scanned++, index += step)
        {
            if (scanned % AbortCheckInterval == 0)
            {
                abort.ThrowIfCancellationRequested();
            }

            if (rendered is null || filter is not null)
            {
                generator.Fill(index, timeline.TimestampOf(index), record);
                if (filter is not null && !filter.Matches(record))
                {
                    continue;
                }
            }

            if (rendered is null)
            {
                batch.Add(record);
            }
            else
            {
                batch.AddRendered(rendered.Record(index));
            }

            remaining--;
            matched++;
            if (batch.IsFull)
            {
                abort.ThrowIfCancellationRequested();
                await batch.SendAsync(socket);
                if (faults is not null)
                {
                    await faults.AfterRecordsMessageAsync();
                }
            }
        }

        abort.ThrowIfCancellationRequested();
        if (batch.Count > 0)
        {
            await batch.SendAsync(socket);
            abort.ThrowIfCancellationRequested();
        }

        if (faults is not null)
        {
            await faults.BeforeEndAsync();
        }

        await socket.SendAsync(SocketMessages.Statistics(fetchId, scanned, matched, clock.ElapsedMilliseconds));
        await socket.SendAsync(SocketMessages.End(fetchId, "end of data"));
    }
}
