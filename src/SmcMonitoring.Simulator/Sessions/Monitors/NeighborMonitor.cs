using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Sessions.Monitors;

/// <summary>
/// NEIGHBORS: the ARP (IPv4, 70%) and IPv6 neighbor (30%) caches of an engine, or of the log engines when the query
/// names no target. Addresses sit in the interface's network; an update changes the state.
/// </summary>
internal sealed class NeighborMonitor : SessionMonitor
{
    private static readonly int[] Fields = { 4, 19, 24, 34, 38, 302, 485, 733, 734, 735, 736, 737 };

    private readonly int infoMsg;
    private readonly int neighborInterface;
    private readonly int neighborProtocol;
    private readonly int layer3;
    private readonly int layer2;
    private readonly int neighborState;

    public NeighborMonitor()
        : base(MonitorKind.Neighbors, Fields, new Term("40", 40), "INFO: Neighbor Monitoring", maxAgeSeconds: 3600)
    {
        infoMsg = Slot(19);
        neighborInterface = Slot(733);
        neighborProtocol = Slot(734);
        layer3 = Slot(735);
        layer2 = Slot(736);
        neighborState = Slot(737);
    }

    protected override void FillRow(in RowContext row, ref HashStream identity, ref HashStream changing, FieldValue[] values)
    {
        var port = identity.Below(SessionVocabulary.NeighborInterfaces.Length);
        values[neighborInterface] = FieldValue.Of(SessionVocabulary.NeighborInterfaces[port]);
        var prefix = SessionVocabulary.MacPrefixes[identity.Below(SessionVocabulary.MacPrefixes.Length)];
        values[layer2] = FieldValue.Of(new Term($"{prefix}:{identity.Below(256):x2}:{identity.Below(256):x2}:{identity.Below(256):x2}"));

        if (identity.Below(10) < 3)
        {
            values[neighborProtocol] = FieldValue.Of(SessionVocabulary.IPv6);
            values[infoMsg] = FieldValue.Of(SessionVocabulary.NdEntry);
            values[layer3] = FieldValue.Of(identity.Below(2) == 0 ? SessionAddresses.LinkLocalV6(ref identity) : SessionAddresses.InternalV6(row.Engine, ref identity));
            values[neighborState] = FieldValue.Of(SessionVocabulary.NdStates[changing.Below(SessionVocabulary.NdStates.Length)]);
            return;
        }

        values[neighborProtocol] = FieldValue.Of(SessionVocabulary.IPv4);
        values[infoMsg] = FieldValue.Of(SessionVocabulary.ArpEntry);
        values[layer3] = FieldValue.Of(port switch
        {
            0 => IpValue.V4(198, 51, 100, (byte)identity.Between(2, 253)),
            1 => SessionAddresses.Internal(row.Engine, ref identity),
            _ => SessionAddresses.Dmz(row.Engine, ref identity),
        });
        values[neighborState] = FieldValue.Of(SessionVocabulary.ArpStates[changing.Below(SessionVocabulary.ArpStates.Length)]);
    }
}
