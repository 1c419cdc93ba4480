using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Sessions.Monitors;

/// <summary>
/// ROUTING: an engine's routing table. The first rows are fixed: a static default route, the connected networks of
/// its interfaces (one on VLAN 100, one IPv6) and an IPv6 default route; the rest are static or dynamic routes to
/// internal networks. Connected routes have no gateway. An update changes the metric of dynamic routes.
/// </summary>
internal sealed class RoutingMonitor : SessionMonitor
{
    private static readonly int[] Fields = { 4, 13, 24, 34, 38, 47, 113, 160, 161, 163, 164, 165, 302, 485 };

    private readonly int dstIf;
    private readonly int dstZone;
    private readonly int dstVlan;
    private readonly int network;
    private readonly int netmask;
    private readonly int metric;
    private readonly int gateway;
    private readonly int type;

    public RoutingMonitor()
        : base(MonitorKind.Routing, Fields, new Term("33", 33), "INFO: Routing Monitoring", maxAgeSeconds: 7 * 86400)
    {
        dstIf = Slot(13);
        dstZone = Slot(47);
        dstVlan = Slot(113);
        network = Slot(160);
        netmask = Slot(161);
        metric = Slot(163);
        gateway = Slot(164);
        type = Slot(165);
    }

    protected override void FillRow(in RowContext row, ref HashStream identity, ref HashStream changing, FieldValue[] values)
    {
        var site = row.Engine.Site;
        var uplinkGateway = IpValue.V4(198, 51, 100, 254);
        var internalGateway = IpValue.V4(10, site, 0, 254);
        var v6Prefix = 0xfd12_3456_789a_0000UL | site;
        switch (row.Row.Id)
        {
            case 0:
                Route(values, IpValue.V4(0), 0, SessionVocabulary.Static, 1, uplinkGateway, SessionVocabulary.ExternalInterface, SessionVocabulary.External);
                break;
            case 1:
                Route(values, IpValue.V4(198, 51, 100, 0), 24, SessionVocabulary.Connected, 0, null, SessionVocabulary.ExternalInterface, SessionVocabulary.External);
                break;
            case 2:
                Route(values, IpValue.V4(10, site, 0, 0), 16, SessionVocabulary.Connected, 0, null, SessionVocabulary.InternalInterface, SessionVocabulary.Internal);
                break;
            case 3:
                Route(values, IpValue.V4(172, 16, (byte)(site % 16), 0), 24, SessionVocabulary.Connected, 0, null, SessionVocabulary.DmzInterface, SessionVocabulary.Dmz);
                break;
            case 4:
                Route(values, IpValue.V4(192, 168, 100, 0), 24, SessionVocabulary.Connected, 0, null, SessionVocabulary.VlanInterface, SessionVocabulary.Internal);
                values[dstVlan] = FieldValue.Of(SessionVocabulary.Vlan);
                break;
            case 5:
                Route(values, IpValue.V6(v6Prefix, 0), 64, SessionVocabulary.Connected, 0, null, SessionVocabulary.InternalInterface, SessionVocabulary.Internal);
                break;
            case 6:
                Route(values, IpValue.V6(0, 0), 0, SessionVocabulary.Static, 1, IpValue.V6(0x2001_0db8_0000_0000UL, 1), SessionVocabulary.ExternalInterface, SessionVocabulary.External);
                break;
            default:
                Learned(values, ref identity, ref changing, internalGateway);
                break;
        }
    }

    /// <summary>A static route (30%) or a dynamic one (70%) to an internal /16 or /24 behind the internal router.</summary>
    private void Learned(FieldValue[] values, ref HashStream identity, ref HashStream changing, IpValue internalGateway)
    {
        var isStatic = identity.Below(10) < 3;
        var wide = identity.Below(3) == 0;
        var second = (byte)identity.Between(1, 254);
        var destination = wide ? IpValue.V4(10, second, 0, 0) : IpValue.V4(10, second, (byte)identity.Between(0, 255), 0);
        var routeMetric = isStatic ? identity.Between(1, 10) : changing.Between(10, 200);
        Route(values, destination, wide ? 16 : 24, isStatic ? SessionVocabulary.Static : SessionVocabulary.Dynamic, routeMetric, internalGateway, SessionVocabulary.InternalInterface, SessionVocabulary.Internal);
    }

    private void Route(FieldValue[] values, IpValue destination, int prefix, Term routeType, int routeMetric, IpValue? via, Term routeInterface, Term zone)
    {
        values[network] = FieldValue.Of(destination);
        values[netmask] = FieldValue.Of(prefix);
        values[type] = FieldValue.Of(routeType);
        values[metric] = FieldValue.Of(routeMetric);
        values[dstIf] = FieldValue.Of(routeInterface);
        values[dstZone] = FieldValue.Of(zone);
        if (via is { } address)
        {
            values[gateway] = FieldValue.Of(address);
        }
    }
}
