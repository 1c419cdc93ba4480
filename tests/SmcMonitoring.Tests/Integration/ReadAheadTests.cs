using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Protocol;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;
using SmcMonitoring.Session;
using SmcMonitoring.Simulator;
using Xunit;

namespace SmcMonitoring.Tests.Integration;

/// <summary>
/// Reads asked for ahead (<see cref="ReadAheadQueue"/>): messages parsed side by side on pool threads still come out
/// whole and in order, a query still stops where it should, and nothing is left running.
/// </summary>
[Collection(SimulatorCollection.Name)]
public sealed class ReadAheadTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private SmcSimulator _simulator = null!;
    private SmcSession _session = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SmcSimulator.StartAsync(new SimulatorOptions { ApiKey = "read-ahead-key-1234", LogRecords = 5000, SessionChangesPerSecond = 0, ConnectionsPerEngine = 450 });
        _session = await SmcSession.ConnectAsync(new SmcConnectionSettings
        {
            Url = _simulator.BaseUrl,
            ApiKey = SmcConfigurationReader.ToSecureString(_simulator.ApiKey),
        }, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _session.DisconnectAsync(CancellationToken.None);
        await _simulator.DisposeAsync();
    }

    private Task<QueryExecution> StartLogsAsync(int quantity, QueryLimits limits)
    {
        var query = new LogQuery { Quantity = quantity, Backwards = false };
        foreach (var id in LogShapes.DefaultFieldIds) { query.Format.FieldIds.Add(id); }
        return QueryExecution.StartAsync(_session, LogQuery.SocketPath, query.ToRequestJson(), limits, CancellationToken.None);
    }

    private static ReadAheadQueue LogReads(int depth) =>
        new(() => new TypedRecordSink(LogShapes.Default, (s, v) => new SmcLogRecord(s, v)), depth);

    /// <summary>Counts the records of every sink and the most sinks reading at the same time.</summary>
    private sealed class ConcurrencyGauge
    {
        private int _active;
        private int _peak;
        private int _records;

        public int Peak => Volatile.Read(ref _peak);

        public int Records => Volatile.Read(ref _records);

        public void Enter()
        {
            var active = Interlocked.Increment(ref _active);
            int peak;
            while (active > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, active, peak) != peak) { }
            Interlocked.Increment(ref _records);
        }

        public void Leave() => Interlocked.Decrement(ref _active);
    }

    /// <summary>Keeps no records: it notes each one in the gauge and sleeps in every twentieth, so parses would overlap.</summary>
    private sealed class SlowSink : IRecordSink
    {
        private readonly ConcurrencyGauge _gauge;
        private int _seen;

        public SlowSink(ConcurrencyGauge gauge) => _gauge = gauge;

        public void Read(ref System.Text.Json.Utf8JsonReader reader, RecordChange change)
        {
            _gauge.Enter();
            try
            {
                if (++_seen % 20 == 0) { Thread.Sleep(2); }
                reader.Skip();
            }
            finally
            {
                _gauge.Leave();
            }
        }
    }

    /// <summary>Reads to the end the way the cmdlets do: take the oldest read, ask for one more, then use its records.</summary>
    private static async Task<List<SmcRecord>> ReadAllAsync(ReadAheadQueue reads, QueryExecution execution)
    {
        var records = new List<SmcRecord>();
        reads.Start(execution, CancellationToken.None);
        while (await reads.Next.WaitAsync(Patience) is not null)
        {
            var sink = (TypedRecordSink)reads.TakeFinished()!;
            reads.ReadMore(CancellationToken.None);
            records.AddRange(sink.Records);
            sink.Records.Clear();
        }
        return records;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(ReadAheadQueue.RecordDepth)]
    public async Task Reads_asked_ahead_return_every_record_once_in_order(int depth)
    {
        using (var execution = await StartLogsAsync(3000, new QueryLimits()))
        {
            var records = await ReadAllAsync(LogReads(depth), execution);
            var timestamps = records.Select(r => r.GetValue<DateTime>("Timestamp")!.Value).ToList();
            Assert.Equal(3000, timestamps.Count);
            Assert.Equal(timestamps.OrderBy(t => t), timestamps);
            Assert.Equal(3000, timestamps.Distinct().Count());
            Assert.Equal(QueryStopReason.End, execution.StopReason);
            Assert.Equal(3000, execution.RecordCount);
        }
        Assert.Equal(0, _session.OpenSocketCount);
    }

    [Fact]
    public async Task Only_the_messages_asked_for_are_received_however_long_the_reader_waits()
    {
        // Pull-based: a pipeline that stops taking records stops the reading at the read-ahead depth.
        using var execution = await StartLogsAsync(5000, new QueryLimits());
        var reads = Enumerable.Range(0, ReadAheadQueue.RecordDepth).Select(_ => execution.ReadAsync(new TypedRecordSink(LogShapes.Default, (s, v) => new SmcLogRecord(s, v)), CancellationToken.None)).ToList();
        var messages = await Task.WhenAll(reads).WaitAsync(Patience);
        var received = execution.RecordCount;
        Assert.Equal(messages.Sum(m => m!.RecordCount), received);
        await Task.Delay(300);
        Assert.Equal(received, execution.RecordCount);
        Assert.True(received < 5000, $"{received} records were received for {ReadAheadQueue.RecordDepth} reads");

        var next = await execution.ReadAsync(null, CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(received + next!.RecordCount, execution.RecordCount);
    }

    [Fact]
    public async Task Reads_ahead_parse_no_more_messages_at_once_than_allowed()
    {
        using var execution = await StartLogsAsync(3000, new QueryLimits());
        execution.MaxParallelParses = 1;
        var gauge = new ConcurrencyGauge();
        var reads = new ReadAheadQueue(() => new SlowSink(gauge), ReadAheadQueue.RecordDepth);
        reads.Start(execution, CancellationToken.None);
        while (await reads.Next.WaitAsync(Patience) is not null)
        {
            reads.TakeFinished();
            reads.ReadMore(CancellationToken.None);
        }
        Assert.Equal(3000, gauge.Records);
        // Eight messages were read ahead, and their parses sleep: without the limit two would run at once.
        Assert.Equal(1, gauge.Peak);
    }

    [Fact]
    public async Task Reads_asked_after_the_end_return_null_without_waiting_for_a_message()
    {
        // The SMC sends nothing after "end": reads already asked for must not wait for the inactivity timeout.
        using var execution = await StartLogsAsync(450, new QueryLimits { InactivityTimeout = TimeSpan.FromMinutes(5) });
        var records = await ReadAllAsync(LogReads(3), execution);
        Assert.Equal(450, records.Count);
        Assert.Equal(QueryStopReason.End, execution.StopReason);
        Assert.Null(await execution.ReadAsync(null, CancellationToken.None).WaitAsync(Patience));
    }

    [Fact]
    public async Task The_record_limit_stops_at_the_message_that_reaches_it()
    {
        using var execution = await StartLogsAsync(5000, new QueryLimits { MaxRecords = 450 });
        var records = await ReadAllAsync(LogReads(2), execution);

        // 200 records per message: the third message reaches 450; the reads asked for beyond it return nothing.
        Assert.Equal(600, records.Count);
        Assert.Equal(600, execution.RecordCount);
        Assert.Equal(QueryStopReason.MaxRecords, execution.StopReason);
    }

    [Fact]
    public async Task A_silence_limit_set_while_reads_wait_ends_them()
    {
        // A snapshot ends by silence only once its first records arrived: the cmdlet sets the limit then, while
        // the reads asked for ahead are already waiting.
        var limits = new QueryLimits();
        using var execution = await StartConnectionsAsync(limits);
        var reads = ConnectionReads();
        reads.Start(execution, CancellationToken.None);
        var rows = 0;
        while (await reads.Next.WaitAsync(Patience) is { } message)
        {
            var sink = (TypedRecordSink)reads.TakeFinished()!;
            reads.ReadMore(CancellationToken.None);
            if (message.HasRecords) { limits.InactivityTimeout = TimeSpan.FromMilliseconds(300); }
            rows += sink.Records.Count;
            sink.Records.Clear();
        }
        Assert.Equal(450, rows);
        Assert.Equal(QueryStopReason.InactivityTimeout, execution.StopReason);
    }

    [Fact]
    public async Task Disposing_with_reads_in_flight_closes_the_socket_and_ends_every_read()
    {
        var execution = await StartLogsAsync(5000, new QueryLimits());
        var reads = LogReads(2);
        reads.Start(execution, CancellationToken.None);
        Assert.NotNull(await reads.Next.WaitAsync(Patience));
        reads.TakeFinished();
        reads.ReadMore(CancellationToken.None);
        var inFlight = new[] { reads.Next };
        execution.Dispose();

        Assert.Equal(0, _session.OpenSocketCount);
        foreach (var read in inFlight)
        {
            // Finished one way or another (a message, null, or the abort's error): never left waiting.
            await Task.WhenAny(read, Task.Delay(Patience));
            Assert.True(read.IsCompleted);
        }
    }

    [Fact]
    public async Task A_read_waiting_on_a_quiet_socket_ends_when_cancelled_and_the_execution_still_closes()
    {
        using var cancel = new CancellationTokenSource();
        using (var execution = await StartConnectionsAsync(new QueryLimits()))
        {
            var reads = ConnectionReads();
            reads.Start(execution, cancel.Token);
            var rows = 0;
            while (rows < 450 && await reads.Next.WaitAsync(Patience) is not null)
            {
                var sink = (TypedRecordSink)reads.TakeFinished()!;
                reads.ReadMore(cancel.Token);
                rows += sink.Records.Count;
                sink.Records.Clear();
            }

            // The engine is quiet after its snapshot: the next read waits until it is cancelled.
            Assert.False(reads.Next.IsCompleted);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reads.Next.WaitAsync(Patience));
        }
        Assert.Equal(0, _session.OpenSocketCount);
    }

    private Task<QueryExecution> StartConnectionsAsync(QueryLimits limits)
    {
        var query = new SessionQuery(SessionMonitor.Connections.Definition, "fw-east");
        foreach (var id in SessionMonitor.Connections.DefaultShape.FieldIds) { query.Format.FieldIds.Add(id); }
        return QueryExecution.StartAsync(_session, SessionQuery.SocketPath, query.ToRequestJson(), limits, CancellationToken.None);
    }

    private static ReadAheadQueue ConnectionReads() =>
        new(() => new TypedRecordSink(SessionMonitor.Connections.DefaultShape, SessionMonitor.Connections.Create, "fw-east"), 2);
}
