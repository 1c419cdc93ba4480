using SmcMonitoring.Fields;

namespace SmcMonitoring.Records;

/// <summary>
/// A row of a session monitor (connections, block list, routes, users, SSL VPN users, VPN SAs, alerts, neighbors).
/// Besides its fields it carries the row's identity (DeltaKey), whether it belongs to the initial snapshot
/// (FirstFetch) and what happened to it (Change), so a script can keep a correct local table from a live stream.
/// </summary>
public abstract class SmcSessionRecord : SmcRecord
{
    private protected SmcSessionRecord(RecordShape shape, object?[] values) : base(shape, values)
    {
    }

    internal bool? IsFirstFetch => ValueAt(Shape.FirstFetchIndex) as bool?;

    internal SmcChange? ChangeKind => ValueAt(Shape.ChangeIndex) as SmcChange?;
}

/// <summary>A connection in an engine's connection table (CONNECTIONS).</summary>
public sealed class SmcConnection : SmcSessionRecord
{
    internal SmcConnection(RecordShape shape, object?[] values) : base(shape, values) { }
}

/// <summary>A block-list (blacklist) entry of an engine (BLOCK_LIST, or BLACKLIST before SMC 7.0).</summary>
public sealed class SmcBlocklistEntry : SmcSessionRecord
{
    internal SmcBlocklistEntry(RecordShape shape, object?[] values) : base(shape, values) { }
}

/// <summary>A route of an engine's routing table (ROUTING).</summary>
public sealed class SmcRoute : SmcSessionRecord
{
    internal SmcRoute(RecordShape shape, object?[] values) : base(shape, values) { }
}

/// <summary>An authenticated user on an engine (USERS).</summary>
public sealed class SmcUser : SmcSessionRecord
{
    internal SmcUser(RecordShape shape, object?[] values) : base(shape, values) { }
}

/// <summary>An SSL VPN session on an engine (SSLVPNV2).</summary>
public sealed class SmcSslVpnUser : SmcSessionRecord
{
    internal SmcSslVpnUser(RecordShape shape, object?[] values) : base(shape, values) { }
}

/// <summary>An IPsec or IKE security association of an engine (VPN_SA).</summary>
public sealed class SmcVpnSa : SmcSessionRecord
{
    internal SmcVpnSa(RecordShape shape, object?[] values) : base(shape, values) { }
}

/// <summary>An active alert of an administrative domain (ACTIVE_ALERTS).</summary>
public sealed class SmcAlert : SmcSessionRecord
{
    internal SmcAlert(RecordShape shape, object?[] values) : base(shape, values) { }
}

/// <summary>A neighbor (ARP/ND entry) seen by an engine (NEIGHBORS).</summary>
public sealed class SmcNeighbor : SmcSessionRecord
{
    internal SmcNeighbor(RecordShape shape, object?[] values) : base(shape, values) { }
}
