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
/// A live log query (docs/protocol.md 6.5.2): new records stamped "now" arrive at the configured rate, sent every
/// tick, until the client aborts or closes. There is no end message.
/// </summary>
internal sealed class LiveLogFetch
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly SimulatorContext context;
    private readonly MonitoringSocket socket;
    private readonly LogQuery query;
    private readonly RecordFormat format;

    public LiveLogFetch(SimulatorContext context, MonitoringSocket socket, LogQuery query, RecordFormat format)
    {
        this.context = context;
        this.socket = socket;
        this.query = query;
        this.format = format;
    }

    public async Task RunAsync(int fetchId, CancellationToken abort)
    {
        await socket.SendAsync(SocketMessages.FetchStarted(fetchId, FieldDescriptors.For(format, LogShape.Shape, context.Catalog)));
        await FaultFrames.SendBogusEndAsync(socket, context, fetchId);
        var rate = context.Options.LiveRecordsPerSecond;

        // A client slower than the rate loses the backlog instead of receiving it in one burst, as a live view would.
        var maxPerTick = Math.Max(RecordBatch.MaxRecords, (long)rate);
        var batch = new RecordBatch(fetchId, new RecordWriter(format, LogShape.Shape));
        var record = new RecordBuffer(LogShape.Shape);
        var clock = Stopwatch.StartNew();
        var produced = 0L;
        using var timer = new PeriodicTimer(Tick);
        while (await timer.WaitForNextTickAsync(abort))
        {
            var target = (long)(rate * clock.Elapsed.TotalSeconds);
            var due = Math.Min(target - produced, maxPerTick);
            produced = target;
            if (due <= 0)
            {
                continue;
            }

            var firstIndex = context.ReserveLiveIndices(due);
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var i = 0L; i < due; i++)
            {
                context.Generator.Fill(firstIndex + i, now, record);
                if (query.Filter is not null && !query.Filter.Matches(record))
                {
                    continue;
                }

                batch.Add(record);
                if (batch.IsFull)
                {
                    abort.ThrowIfCancellationRequested();
                    await batch.SendAsync(socket);
                }
            }

            if (batch.Count > 0)
            {
                abort.ThrowIfCancellationRequested();
                await batch.SendAsync(socket);
            }
        }
    }
}
