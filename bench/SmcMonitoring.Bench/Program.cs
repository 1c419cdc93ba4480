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

        var variants = new List<(string Name, Func<long> Parse)>
        {
            ("parse-strings", () => InMemoryParsers.ParseAsStrings(messages, out _)),
            ("parse-skip", () => { InMemoryParsers.ParseSkipping(messages); return arguments.Records; }),
            ("parse-typed", () => InMemoryParsers.ParseTyped(messages, LogShapes.Default)),
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
    }

    private enum SinkKind { Typed, Skip }

    private static async Task MeasureQueryLayerAsync(SmcSession session, BenchArguments arguments)
    {
        var kinds = new[] { SinkKind.Typed, SinkKind.Skip };
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
    /// A stored fetch through the module's query runner, as Get-SmcLog runs it (read ahead, parsed on pool threads),
    /// into typed records or a batch that skips every record (the layer's cost without the records).
    /// </summary>
    private static async Task<(long Records, TimeSpan Elapsed)> FetchThroughQueryLayerAsync(SmcSession session, int quantity, SinkKind kind)
    {
        Func<IRecordBatch> newBatch = kind == SinkKind.Typed
            ? () => new TypedRecordSink(LogShapes.Default, (s, values) => new SmcLogRecord(s, values))
            : () => new SkippingBatch();
        var plan = new QueryPlan("bench logs", BenchSession.StoredLogRequest(quantity), QueryKind.Stored, newBatch);
        plan.Limits.MaxRecords = quantity;
        plan.Limits.Inactivity = Inactivity;
        var clock = Stopwatch.StartNew();
        var (records, end) = await DrainAsync(session, LogQuery.SocketPath, plan, long.MaxValue);
        var elapsed = clock.Elapsed;
        if (end is not (QueryEndReason.Completed or QueryEndReason.RecordLimit)) { throw new InvalidOperationException($"The fetch stopped early: {end}."); }
        return (kind == SinkKind.Skip ? quantity : records, elapsed);
    }

    /// <summary>Runs a plan to its end, or until <paramref name="enough"/> records, counting records; the runner is disposed (aborted) after.</summary>
    private static async Task<(long Records, QueryEndReason? End)> DrainAsync(SmcSession session, string socketPath, QueryPlan plan, long enough)
    {
        using var runner = new QueryRunner(plan, new SessionConnector(session, socketPath));
        long records = 0;
        while (records < enough && await runner.NextAsync(CancellationToken.None) is { } next)
        {
            records += next.RecordCount;
            if (next.Kind == QueryEventKind.End) { return (records, next.End!.Reason); }
        }
        return (records, null);
    }

    private static async Task MeasureFirstRecordAsync(SmcSession session, BenchArguments arguments)
    {
        for (var run = 0; run <= arguments.Runs; run++)
        {
            var plan = new QueryPlan("bench first record", BenchSession.StoredLogRequest(1), QueryKind.Stored, () => new TypedRecordSink(LogShapes.Default, (s, values) => new SmcLogRecord(s, values)));
            plan.Limits.MaxRecords = 1;
            var clock = Stopwatch.StartNew();
            TimeSpan? first = null;
            using (var runner = new QueryRunner(plan, new SessionConnector(session, LogQuery.SocketPath)))
            {
                while (first is null && await runner.NextAsync(CancellationToken.None) is { } next)
                {
                    if (next.RecordCount > 0) { first = clock.Elapsed; }
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
        var request = new SessionQuery(monitor.Definition, arguments.Engine).ToRequestJson();
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

    /// <summary>A snapshot through the query runner and the typed sink, timed to its last expected row (the snapshot itself ends by silence).</summary>
    private static async Task<TimeSpan> SnapshotThroughQueryLayerAsync(SmcSession session, byte[] request, int expected, string engine)
    {
        var monitor = SessionMonitor.Connections;
        var plan = new QueryPlan("bench connections", request, QueryKind.Snapshot, () => new TypedRecordSink(monitor.DefaultShape, monitor.Create, engine));
        plan.Limits.Timeout = TimeSpan.FromSeconds(60);
        var clock = Stopwatch.StartNew();
        var (records, end) = await DrainAsync(session, SessionQuery.SocketPath, plan, expected);
        var elapsed = clock.Elapsed;
        if (records < expected) { throw new InvalidOperationException($"The snapshot stopped after {records} rows ({end})."); }
        return elapsed;
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