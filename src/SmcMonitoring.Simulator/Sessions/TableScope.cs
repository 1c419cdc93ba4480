using System.Collections.Concurrent;
using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Sessions;

/// <summary>
/// Whose table it is: one engine's (or, for alerts and untargeted neighbors, several engines'), with the seed every
/// row is drawn from. The seed mixes the simulator seed, the monitor and the target name, so the data is
/// deterministic per (seed, monitor, target) and two engines never share rows.
/// </summary>
internal sealed class TableScope
{
    private const string SharedDomain = "Shared Domain";

    public TableScope(MonitorKind kind, string? target, EngineIdentity? engine, EngineIdentity[] engines, int seed, long anchorMilliseconds)
    {
        Kind = kind;
        Target = target;
        Engine = engine;
        Engines = engines;
        Domain = new Term(kind == MonitorKind.ActiveAlerts ? target ?? SharedDomain : SharedDomain);
        Seed = HashStream.Combine(HashStream.Combine((ulong)(uint)seed, (ulong)kind), HashStream.Of(target ?? string.Empty));
        AnchorMilliseconds = anchorMilliseconds;
    }

    public MonitorKind Kind { get; }

    /// <summary>The target as the query named it; null for untargeted neighbors.</summary>
    public string? Target { get; }

    /// <summary>The target engine; null for alerts (a domain) and untargeted neighbors.</summary>
    public EngineIdentity? Engine { get; }

    /// <summary>The engines whose nodes send the rows: the target engine, or the log engines.</summary>
    public EngineIdentity[] Engines { get; }

    /// <summary>The administrative domain of the rows (the target of ACTIVE_ALERTS, else Shared Domain).</summary>
    public Term Domain { get; }

    public ulong Seed { get; }

    /// <summary>"Now" for the initial table: its rows were created before this time (the stored logs' end).</summary>
    public long AnchorMilliseconds { get; }

    /// <summary>
    /// The values of rows a REST client created (a POSTed block-list entry), by row id; every other row is drawn from
    /// the seed. Kept after the row is deleted, so its deletion is sent with the values it had.
    /// </summary>
    public ConcurrentDictionary<long, object> GivenRows { get; } = new();

    /// <summary>The stream a row's fixed values (addresses, names, ports) come from.</summary>
    public HashStream Identity(long rowId) => new(Seed, rowId);

    /// <summary>The stream a row's changing values (state, counters) come from, different for every version.</summary>
    public HashStream State(long rowId, int version) => new(HashStream.Combine(Seed, (ulong)version + 1), rowId);
}
