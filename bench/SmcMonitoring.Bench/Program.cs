using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Fields;
using SmcMonitoring.Protocol;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;
using SmcMonitoring.Session;

namespace SmcMonitoring.Bench;

/// <summary>The C# measures of bench/Invoke-Benchmark.ps1; see <see cref="BenchArguments.Usage"/>.</summary>
internal static class Program
{
    private static readonly TimeSpan Inactivity = TimeSpan.FromSeconds(120);

    public static async Task<int> Main(string[] args)
    {
        BenchArguments arguments;
        try
        {
            arguments = BenchArguments.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(BenchArguments.Usage);
            return 2;
        }
        using var session = await BenchSession.ConnectAsync(arguments);
        switch (arguments.Command)
        {
            case "sender": await MeasureSenderAsync(session, arguments); break;
            case "parse": await MeasureParsingAsync(session, arguments); break;
            case "query": await MeasureQueryLayerAsync(session, arguments); break;
            case "first": await MeasureFirstRecordAsync(session, arguments); break;
            case "connections": await MeasureConnectionsAsync(session, arguments); break;
            default:
                Console.Error.WriteLine($"Unknown command '{arguments.Command}'.");
                Console.Error.WriteLine(BenchArguments.Usage);
                return 2;
        }
        await session.DisconnectAsync(CancellationToken.None);
        return 0;
    }

    private static async Task MeasureSenderAsync(SmcSession session, BenchArguments arguments)
    {
        // The simulator's fetch code keeps getting faster over its first few fetches (tiered compilation): two warm-ups.
        JsonLines.Progress($"sender: two warm-up fetches of {arguments.WarmupRecords:N0} records");
        await RawLogReader.FetchAsync(session, arguments.WarmupRecords, capture: false);
        await RawLogReader.FetchAsync(session, arguments.WarmupRecords, capture: false);
        for (var run = 1; run <= arguments.Runs; run++)
        {
            var fetch = await RawLogReader.FetchAsync(session, arguments.Records, capture: false);
            JsonLines.Measurement("sender", run, arguments.Records, fetch.Elapsed, new Dictionary<string, object>
            {
                ["messages"] = fetch.Messages,
                ["bytes"] = fetch.Bytes,
                ["megabytesPerSecond"] = Math.Round(fetch.Bytes / fetch.Elapsed.TotalSeconds / 1e6, 1),
            });
        }
    }

    private static async Task MeasureParsingAsync(SmcSession session, BenchArguments arguments)
    {
        JsonLines.Progress($"parse: capturing the raw messages of one {arguments.Records:N0}-record fetch");
        var fetch = await RawLogReader.FetchAsync(session, arguments.Records, capture: true);
        var messages = fetch.Captured!;
        JsonLines.Measurement("capture", 1, arguments.Records, fetch.Elapsed, new Dictionary<string, object>
        {
            ["messages"] = fetch.Messages,
            ["bytes"] = fetch.Bytes,
            ["bytesPerRecord"] = Math.Round((double)fetch.Bytes / arguments.Records, 1),
        });

        var differences = InMemoryParsers.CompareWithPrototype(messages);
        JsonLines.Progress(differences == 0
            ? "parse: the prototype sink builds the same values as TypedRecordSink for every captured record"
            : $"parse: WARNING the prototype sink differs from TypedRecordSink in {differences} values");

        var variants = new List<(string Name, Func<long> Parse)>
        {
            ("parse-strings", () => InMemoryParsers.ParseAsStrings(messages, out _)),
            ("parse-skip", () => { InMemoryParsers.ParseSkipping(messages); return arguments.Records; }),
            ("parse-typed", () => InMemoryParsers.ParseTyped(messages, LogShapes.Default)),
            ("parse-prototype", () => InMemoryParsers.ParsePrototype(messages)),
            ("parse-typed-ip-as-string", () => InMemoryParsers.ParseTyped(messages, IpAsString)),
            ("parse-typed-labels-as-string", () => InMemoryParsers.ParseTyped(messages, LabelsAsString)),
            ("parse-typed-all-as-string", () => InMemoryParsers.ParseTyped(messages, AllAsString)),
        };
        foreach (var (name, parse) in variants)
        {
            parse(); // warm-up: the same work once, unmeasured
            for (var run = 1; run <= arguments.Runs; run++)
            {
                Collect();
                var gcBefore = GC.CollectionCount(0);
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                var records = parse();
                var elapsed = clock.Elapsed;
                JsonLines.Measurement(name, run, records, elapsed, new Dictionary<string, object>
                {
                    ["allocatedBytesPerRecord"] = Math.Round((double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / arguments.Records, 1),
                    ["gen0Collections"] = GC.CollectionCount(0) - gcBefore,
                });
            }
        }
        MeasureValueKinds(messages, arguments);
    }

    private static void MeasureValueKinds(IReadOnlyList<byte[]> messages, BenchArguments arguments)
    {
        var cases = new List<(string Name, Func<long> Read)>();
        foreach (var mode in new[] { ValueMicroBenchmarks.Mode.Walk, ValueMicroBenchmarks.Mode.Module, ValueMicroBenchmarks.Mode.Prototype })
        {
            var name = mode.ToString().ToLowerInvariant();
            cases.Add(("values-ip-" + name, () => ValueMicroBenchmarks.Addresses(messages, mode, out _)));
            cases.Add(("values-labels-" + name, () => ValueMicroBenchmarks.Labels(messages, mode, out _)));
        }
        foreach (var (name, read) in cases)
        {
            read();
            for (var run = 1; run <= arguments.Runs; run++)
            {
                Collect();
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                var values = read();
                var elapsed = clock.Elapsed;
                JsonLines.Measurement(name, run, values, elapsed, new Dictionary<string, object>
                {
                    ["nanosecondsPerValue"] = Math.Round(elapsed.TotalMilliseconds * 1e6 / Math.Max(values, 1), 1),
                    ["allocatedBytesPerValue"] = Math.Round((double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / Math.Max(values, 1), 1),
                });
            }
        }
    }

    private enum SinkKind { Typed, Skip, Prototype }

    private static async Task MeasureQueryLayerAsync(SmcSession session, BenchArguments arguments)
    {
        var kinds = new[] { SinkKind.Typed, SinkKind.Skip, SinkKind.Prototype };
        JsonLines.Progress($"query: one warm-up fetch of {arguments.WarmupRecords:N0} records with each sink");
        foreach (var kind in kinds) { await FetchThroughQueryLayerAsync(session, arguments.WarmupRecords, kind); }
        for (var run = 1; run <= arguments.Runs; run++)
        {
            foreach (var kind in kinds)
            {
                Collect();
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
                var (records, elapsed) = await FetchThroughQueryLayerAsync(session, arguments.Records, kind);
                JsonLines.Measurement("query-" + kind.ToString().ToLowerInvariant(), run, records, elapsed, new Dictionary<string, object>
                {
                    ["allocatedBytesPerRecord"] = Math.Round((double)(GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / arguments.Records, 1),
                });
            }
        }
    }

    /// <summary>
    /// A stored fetch through SmcSession, QueryExecution and TypedRecordSink (or no sink: records skipped; or the
    /// prototype sink), read ahead as the cmdlets read it (<see cref="ReadAheadQueue"/>).
    /// </summary>
    private static async Task<(long Records, TimeSpan Elapsed)> FetchThroughQueryLayerAsync(SmcSession session, int quantity, SinkKind kind)
    {
        Func<IRecordSink?> newSink = kind switch
        {
            SinkKind.Typed => () => new TypedRecordSink(LogShapes.Default, (s, values) => new SmcLogRecord(s, values)),
            SinkKind.Prototype => () => new PrototypeLogSink(LogShapes.Default),
            _ => () => null,
        };
        var limits = new QueryLimits { MaxRecords = quantity, InactivityTimeout = Inactivity };
        var clock = Stopwatch.StartNew();
        long records = 0;
        using (var execution = await QueryExecution.StartAsync(session, LogQuery.SocketPath, BenchSession.StoredLogRequest(quantity), limits, CancellationToken.None))
        {
            var reads = new ReadAheadQueue(newSink, ReadAheadQueue.RecordDepth);
            reads.Start(execution, CancellationToken.None);
            while (await reads.Next is not null)
            {
                var sinkRecords = RecordsOf(reads.TakeFinished());
                reads.ReadMore(CancellationToken.None);
                if (sinkRecords is null)
                {
                    // Skipped records are not counted by the parser; the fetch size is.
                    continue;
                }
                records += sinkRecords.Count;
                sinkRecords.Clear();
            }
            if (execution.StopReason is not (QueryStopReason.End or QueryStopReason.MaxRecords))
            {
                throw new InvalidOperationException($"The fetch stopped early: {execution.StopReason}.");
            }
        }
        var elapsed = clock.Elapsed;
        return (kind == SinkKind.Skip ? quantity : records, elapsed);
    }

    private static List<SmcRecord>? RecordsOf(IRecordSink? sink) => sink switch
    {
        TypedRecordSink typed => typed.Records,
        PrototypeLogSink prototype => prototype.Records,
        _ => null,
    };

    private static async Task MeasureFirstRecordAsync(SmcSession session, BenchArguments arguments)
    {
        for (var run = 0; run <= arguments.Runs; run++)
        {
            var sink = new TypedRecordSink(LogShapes.Default, (s, values) => new SmcLogRecord(s, values));
            var limits = new QueryLimits { MaxRecords = 1, InactivityTimeout = Inactivity };
            var clock = Stopwatch.StartNew();
            TimeSpan? first = null;
            using (var execution = await QueryExecution.StartAsync(session, LogQuery.SocketPath, BenchSession.StoredLogRequest(1), limits, CancellationToken.None))
            {
                while (first is null && await execution.ReadAsync(sink, CancellationToken.None) is not null)
                {
                    if (sink.Records.Count > 0) { first = clock.Elapsed; }
                }
            }
            var total = clock.Elapsed;
            if (first is null) { throw new InvalidOperationException("The stored query of one record returned none."); }
            // Run 0 is the warm-up (first use of the code in this process); it is reported but not counted.
            JsonLines.Measurement(run == 0 ? "first-record-cold" : "first-record", Math.Max(run, 1), 1, first.Value, new Dictionary<string, object>
            {
                ["firstRecordMilliseconds"] = Math.Round(first.Value.TotalMilliseconds, 3),
                ["totalMilliseconds"] = Math.Round(total.TotalMilliseconds, 3),
            });
        }
    }

    private static async Task MeasureConnectionsAsync(SmcSession session, BenchArguments arguments)
    {
        var monitor = SessionMonitor.Connections;
        var query = new SessionQuery(monitor.Definition, arguments.Engine);
        foreach (var id in monitor.DefaultShape.FieldIds) { query.Format.FieldIds.Add(id); }
        var request = query.ToRequestJson();
        var expected = arguments.Records;

        // The simulator's snapshot code gets faster over its first half dozen snapshots, and the query layer's over its
        // first few (tiered compilation): after two warm-ups, its first three measured snapshots ran at 150-400k rows/s
        // and the next ones at 500k-1.1M.
        JsonLines.Progress($"connections: warm-up, six raw snapshots and ten through the query layer ({expected:N0} rows of {arguments.Engine})");
        for (var warmup = 0; warmup < 6; warmup++) { await RawLogReader.SnapshotAsync(session, request, expected, capture: false); }
        for (var warmup = 0; warmup < 10; warmup++) { await SnapshotThroughQueryLayerAsync(session, request, expected, arguments.Engine); }
        for (var run = 1; run <= arguments.Runs; run++)
        {
            var raw = await RawLogReader.SnapshotAsync(session, request, expected, capture: false);
            JsonLines.Measurement("sender-connections", run, expected, raw.Elapsed, new Dictionary<string, object> { ["messages"] = raw.Messages, ["bytes"] = raw.Bytes });
            Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var elapsed = await SnapshotThroughQueryLayerAsync(session, request, expected, arguments.Engine);
            JsonLines.Measurement("query-typed-connections", run, expected, elapsed, new Dictionary<string, object>
            {
                ["allocatedBytesPerRecord"] = Math.Round((double)(GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / expected, 1),
            });
        }

        var captured = (await RawLogReader.SnapshotAsync(session, request, expected, capture: true)).Captured!;
        var variants = new List<(string Name, Func<long> Parse)>
        {
            ("parse-strings-connections", () => InMemoryParsers.ParseAsStrings(captured, out _, depth: 3)),
            ("parse-typed-connections", () => InMemoryParsers.ParseTyped(captured, monitor.DefaultShape, monitor.Create, arguments.Engine)),
        };
        foreach (var (name, parse) in variants)
        {
            parse();
            for (var run = 1; run <= arguments.Runs; run++)
            {
                Collect();
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                var records = parse();
                var elapsed = clock.Elapsed;
                JsonLines.Measurement(name, run, records, elapsed, new Dictionary<string, object>
                {
                    ["allocatedBytesPerRecord"] = Math.Round((double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / Math.Max(records, 1), 1),
                });
            }
        }
    }

    /// <summary>A snapshot through QueryExecution and the typed sink, timed to its last expected row (the snapshot itself ends by silence).</summary>
    private static async Task<TimeSpan> SnapshotThroughQueryLayerAsync(SmcSession session, byte[] request, int expected, string engine)
    {
        var monitor = SessionMonitor.Connections;
        var limits = new QueryLimits { QueryTimeout = TimeSpan.FromSeconds(60) };
        var clock = Stopwatch.StartNew();
        long records = 0;
        using (var execution = await QueryExecution.StartAsync(session, SessionQuery.SocketPath, request, limits, CancellationToken.None))
        {
            var reads = new ReadAheadQueue(() => new TypedRecordSink(monitor.DefaultShape, monitor.Create, engine), ReadAheadQueue.RecordDepth);
            reads.Start(execution, CancellationToken.None);
            while (records < expected && await reads.Next is not null)
            {
                var sink = (TypedRecordSink)reads.TakeFinished()!;
                reads.ReadMore(CancellationToken.None);
                records += sink.Records.Count;
                sink.Records.Clear();
            }
            if (records < expected) { throw new InvalidOperationException($"The snapshot stopped after {records} rows ({execution.StopReason})."); }
            return clock.Elapsed;
        }
    }

    private static readonly RecordShape IpAsString = InMemoryParsers.DefaultShapeReading(kind => kind == FieldKind.Ip, "IpAsString");
    private static readonly RecordShape LabelsAsString = InMemoryParsers.DefaultShapeReading(kind => kind is FieldKind.Action or FieldKind.Severity, "LabelsAsString");
    private static readonly RecordShape AllAsString = InMemoryParsers.DefaultShapeReading(_ => true, "AllAsString");

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}