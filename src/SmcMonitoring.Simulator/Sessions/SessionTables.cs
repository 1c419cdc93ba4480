using System;
using System.Collections.Concurrent;
using System.Threading;
using SmcMonitoring.Simulator.Sessions.Monitors;

namespace SmcMonitoring.Simulator.Sessions;

/// <summary>Every session table of one simulator, created on first use per (monitor, target).</summary>
internal sealed class SessionTables
{
    private static readonly SessionMonitor[] Monitors =
    {
        new ConnectionMonitor(), new BlockListMonitor(), new RoutingMonitor(), new UserMonitor(),
        new SslVpnMonitor(), new VpnSaMonitor(), new AlertMonitor(), new NeighborMonitor(),
    };

    private readonly ConcurrentDictionary<(MonitorKind Kind, string Target), SessionTable> tables = new();
    private readonly SimulatorOptions options;
    private readonly long anchorMilliseconds;
    private readonly CancellationToken stopping;

    public SessionTables(SimulatorOptions options, long anchorMilliseconds, CancellationToken stopping)
    {
        this.options = options;
        this.anchorMilliseconds = anchorMilliseconds;
        this.stopping = stopping;
        Engines = new EngineDirectory(options.Engines);
    }

    public EngineDirectory Engines { get; }

    public static SessionMonitor MonitorOf(MonitorKind kind) => Monitors[(int)kind];

    /// <summary>The table of <paramref name="kind"/> for <paramref name="target"/> (an engine, a domain for alerts, null for untargeted neighbors).</summary>
    public SessionTable Get(MonitorKind kind, string? target) =>
        tables.GetOrAdd((kind, target ?? string.Empty), key => Create(key.Kind, target));

    /// <summary>The table if someone already used it (a REST delete cannot name a table nobody has seen).</summary>
    public SessionTable? Find(MonitorKind kind, string target) => tables.TryGetValue((kind, target), out var table) ? table : null;

    private SessionTable Create(MonitorKind kind, string? target)
    {
        var engine = kind == MonitorKind.ActiveAlerts || target is null ? null : Engines.Get(target);
        var engines = engine is null ? Engines.LogEngines : new[] { engine };
        var scope = new TableScope(kind, target, engine, engines, options.Seed, anchorMilliseconds);
        return new SessionTable(MonitorOf(kind), scope, SizeOf(kind), options.SessionChangesPerSecond, stopping);
    }

    private int SizeOf(MonitorKind kind) => kind switch
    {
        MonitorKind.Connections => options.ConnectionsPerEngine,
        MonitorKind.BlockList => options.BlockListEntriesPerEngine,
        MonitorKind.Routing => options.RoutesPerEngine,
        MonitorKind.Users => options.UsersPerEngine,
        MonitorKind.SslVpnUsers => options.SslVpnUsersPerEngine,
        MonitorKind.VpnSa => options.VpnSasPerEngine,
        MonitorKind.ActiveAlerts => options.AlertsPerDomain,
        MonitorKind.Neighbors => options.NeighborsPerEngine,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown monitor"),
    };
}
