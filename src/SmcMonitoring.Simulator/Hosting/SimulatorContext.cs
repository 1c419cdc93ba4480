using System;
using System.Threading;
using SmcMonitoring.Simulator.Fields;
using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Notifications;
using SmcMonitoring.Simulator.Recording;
using SmcMonitoring.Simulator.Rest;
using SmcMonitoring.Simulator.Sessions;

namespace SmcMonitoring.Simulator.Hosting;

/// <summary>The state one running simulator shares between its REST handlers and its sockets.</summary>
internal sealed class SimulatorContext : IDisposable
{
    private readonly object fetchIdGate = new();
    private readonly Random fetchIds;
    private readonly CancellationTokenSource stopping = new();
    private long nextLiveIndex;

    public SimulatorContext(SimulatorOptions options, DateTimeOffset startTime)
    {
        Options = options;
        Recorder = new RequestRecorder(options.RequestLogPath);
        Sessions = new SessionStore(() => Faults!.SessionLifetime, SessionIds.For(options));
        Faults = SimulatorFaults.Running(options.Faults, Sessions.ExpireAll);
        var end = options.LogEnd ?? new DateTimeOffset(startTime.UtcTicks - (startTime.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        Timeline = new LogTimeline(options.LogRecords, end.ToUnixTimeMilliseconds(), (long)options.LogInterval.TotalMilliseconds);
        Generator = new LogRecordGenerator(options.Seed);
        RenderedLogs = options.CacheRenderedRecords ? new RenderedLogCache(Timeline, Generator) : null;
        nextLiveIndex = options.LogRecords;
        fetchIds = new Random(options.Seed);
        SessionTables = new SessionTables(options, Timeline.EndMilliseconds, stopping.Token);
        ElementChanges = new ElementChangeHub(options.Seed, options.NotificationsPerSecond, stopping.Token);
    }

    public SimulatorOptions Options { get; }

    public FieldCatalog Catalog => FieldCatalog.Shared;

    public SessionStore Sessions { get; }

    /// <summary>The faults in force, changeable at run time.</summary>
    public SimulatorFaults Faults { get; }

    public RequestRecorder Recorder { get; }

    public LogTimeline Timeline { get; }

    public LogRecordGenerator Generator { get; }

    /// <summary>Stored records kept as JSON once rendered; null unless <see cref="SimulatorOptions.CacheRenderedRecords"/>.</summary>
    public RenderedLogCache? RenderedLogs { get; }

    /// <summary>The session-monitor tables, per monitor and engine (or domain).</summary>
    public SessionTables SessionTables { get; }

    /// <summary>Element changes on their way to the notification sockets.</summary>
    public ElementChangeHub ElementChanges { get; }

    /// <summary>Cancelled when the simulator stops: sockets close themselves.</summary>
    public CancellationToken Stopping => stopping.Token;

    /// <summary>
    /// A fetch id: random, possibly negative (always, with <see cref="SimulatorOptions.ForceNegativeFetchIds"/>),
    /// never 0 (a client would not abort a falsy id). Drawn from the seed, so the same conversation with the same
    /// seed gets the same ids.
    /// </summary>
    public int NextFetchId()
    {
        lock (fetchIdGate)
        {
            int id;
            do
            {
                id = fetchIds.Next(int.MinValue, int.MaxValue);
            }
            while (id == 0);
            return Options.ForceNegativeFetchIds && id > 0 ? -id : id;
        }
    }

    /// <summary>Reserves indices for live records, continuing after the stored ones; returns the first.</summary>
    public long ReserveLiveIndices(long count) => Interlocked.Add(ref nextLiveIndex, count) - count;

    public void Stop() => stopping.Cancel();

    public void Dispose()
    {
        stopping.Dispose();
        Recorder.Dispose();
    }
}
