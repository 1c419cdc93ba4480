using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;
using Xunit;

namespace SmcMonitoring.Tests.Engine;

/// <summary>Drives a query runner over scripted sources with a manual clock, and builds the SMC's messages.</summary>
internal sealed class RunnerHarness : IDisposable
{
    /// <summary>A guard against a runner that never answers: far longer than any step needs.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    public RunnerHarness(QueryPlan plan, params ScriptedSource[] sources)
    {
        Connector = new ScriptedConnector(sources);
        Runner = new QueryRunner(plan, Connector, Clock);
    }

    private readonly Dictionary<QueryEvent, List<SmcRecord>> _records = new();
    private Task<QueryEvent?>? _pending;

    public ManualClock Clock { get; } = new();

    public ScriptedConnector Connector { get; }

    public QueryRunner Runner { get; }

    /// <summary>Everything the runner handed out, in order.</summary>
    public List<QueryEvent> Events { get; } = new();

    public static QueryPlan LogPlan(QueryKind kind = QueryKind.Stored) =>
        new("logs", Encoding.UTF8.GetBytes("{\"query\":{}}"), kind, () => new TypedRecordSink(LogShapes.Default, (s, v) => new SmcLogRecord(s, v)));

    public static QueryPlan ConnectionPlan(QueryKind kind) => new("connections of fw", Encoding.UTF8.GetBytes("{\"query\":{\"definition\":\"CONNECTIONS\"}}"), kind,
        () => new TypedRecordSink(SessionMonitor.Connections.DefaultShape, SessionMonitor.Connections.Create, "fw"))
    { KeepsTable = kind == QueryKind.Live };

    /// <summary>The next event, waiting for it at most the guard time.</summary>
    public QueryEvent? Next()
    {
        var next = _pending ?? Runner.NextAsync(CancellationToken.None);
        _pending = null;
        Assert.True(next.Wait(Guard), "The runner handed out nothing within the guard time.");
        if (next.Result is { } item)
        {
            Events.Add(item);
            // The runner reuses a message's record list once the next event is asked for: keep a copy.
            var copy = Enumerable.Range(0, item.RecordCount).Select(i => (SmcRecord)item.Records![i]!).ToList();
            _records[item] = copy;
        }
        return next.Result;
    }

    /// <summary>The next event of <paramref name="kind"/>, the ones before it kept in <see cref="Events"/>.</summary>
    public QueryEvent NextOf(QueryEventKind kind)
    {
        while (true)
        {
            var next = Next();
            Assert.NotNull(next);
            if (next!.Kind == kind) { return next; }
            if (next.Kind == QueryEventKind.End) { Assert.Fail($"The query ended ({next.End!.Reason}: {next.End.Failure?.Message}) before a {kind} event."); }
        }
    }

    /// <summary>The end of the query.</summary>
    public QueryEnd End() => NextOf(QueryEventKind.End).End!;

    /// <summary>
    /// Moves the clock on once the runner waits on it. Deadlines are absolute clock times, so moving early is harmless
    /// for them; a reconnection's backoff is a relative wait, which must exist before the clock moves.
    /// </summary>
    public void Advance(TimeSpan by)
    {
        // Asking for the next event lets the runner go on past the last one taken, to its wait on the clock.
        _pending ??= Runner.NextAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow + Guard;
        while (Clock.PendingWaits == 0 && !_pending.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "The runner never waited on the clock.");
            Thread.Sleep(1);
        }
        Clock.Advance(by);
    }

    /// <summary>The records handed out so far, in order.</summary>
    public List<SmcRecord> Records => Events.SelectMany(RecordsOf).ToList();

    /// <summary>The records an event handed out, as they were when it was taken.</summary>
    public List<SmcRecord> RecordsOf(QueryEvent item) => _records[item];

    public List<string> Notices(NoticeLevel level) => Events.Where(e => e.Kind == QueryEventKind.Notice && e.Level == level).Select(e => e.Text!).ToList();

    public void Dispose() => Runner.Dispose();

    public static string Started(long fetch) => $"{{\"success\":\"Fetch started\",\"fetch\":{fetch}}}";

    /// <summary>A log message of <paramref name="count"/> records whose Src is 10.0.x.y, numbered from <paramref name="first"/>.</summary>
    public static string Logs(long fetch, int first, int count, string extra = "")
    {
        var records = Enumerable.Range(first, count).Select(i => $"{{\"1\":\"2024-05-02 10:11:12\",\"7\":\"{Address(i)}\"}}");
        return $"{{\"fetch\":{fetch},\"records\":[{string.Join(",", records)}]{extra}}}";
    }

    public static string Address(int i) => $"10.0.{i / 256}.{i % 256}";

    /// <summary>A session message: each row "key:src" with optional first_fetch; <paramref name="array"/> added, updated or deleted.</summary>
    public static string Rows(long fetch, string array, bool? firstFetch, params int[] rows)
    {
        var items = rows.Select(i => $"{{\"delta_key\":\"k{i}\",\"7\":\"{Address(i)}\"{(firstFetch is { } ff ? $",\"first_fetch\":{(ff ? "true" : "false")}" : string.Empty)}}}");
        return $"{{\"fetch\":{fetch},\"records\":{{\"{array}\":[{string.Join(",", items)}]}}}}";
    }

    public static string Src(SmcRecord record) => record["Src"]!.ToString()!;
}
