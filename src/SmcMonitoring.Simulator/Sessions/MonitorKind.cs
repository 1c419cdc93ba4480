using System;
using System.Collections.Generic;

namespace SmcMonitoring.Simulator.Sessions;

/// <summary>The monitors of the session socket (docs/protocol.md 7); BLACKLIST and BLOCK_LIST share one table.</summary>
internal enum MonitorKind : byte
{
    Connections,
    BlockList,
    Routing,
    Users,
    SslVpnUsers,
    VpnSa,
    ActiveAlerts,
    Neighbors,
}

/// <summary>What a <c>query.definition</c> asks for: the monitor, and whether it is the pre-7.0 BLACKLIST spelling.</summary>
internal readonly record struct SessionDefinition(string Name, MonitorKind Kind, bool Legacy)
{
    private static readonly Dictionary<string, SessionDefinition> Known = new(StringComparer.Ordinal)
    {
        ["CONNECTIONS"] = new("CONNECTIONS", MonitorKind.Connections, false),
        ["BLOCK_LIST"] = new("BLOCK_LIST", MonitorKind.BlockList, false),
        ["BLACKLIST"] = new("BLACKLIST", MonitorKind.BlockList, true),
        ["ROUTING"] = new("ROUTING", MonitorKind.Routing, false),
        ["USERS"] = new("USERS", MonitorKind.Users, false),
        ["SSLVPNV2"] = new("SSLVPNV2", MonitorKind.SslVpnUsers, false),
        ["VPN_SA"] = new("VPN_SA", MonitorKind.VpnSa, false),
        ["ACTIVE_ALERTS"] = new("ACTIVE_ALERTS", MonitorKind.ActiveAlerts, false),
        ["NEIGHBORS"] = new("NEIGHBORS", MonitorKind.Neighbors, false),
    };

    /// <summary>The definitions the simulator knows, for failure texts.</summary>
    public static string ValidNames => string.Join(", ", Known.Keys);

    /// <summary>Definitions are matched exactly, as the SMC's constants are upper case.</summary>
    public static bool TryParse(string name, out SessionDefinition definition) => Known.TryGetValue(name, out definition);

    /// <summary>What the target names: an engine, or for ACTIVE_ALERTS an administrative domain.</summary>
    public string TargetMeaning => Kind == MonitorKind.ActiveAlerts ? "the administrative domain name, e.g. Shared Domain" : "the engine name";

    /// <summary>NEIGHBORS may omit the target (the reference allows it); every other monitor needs one.</summary>
    public bool NeedsTarget => Kind != MonitorKind.Neighbors;
}
