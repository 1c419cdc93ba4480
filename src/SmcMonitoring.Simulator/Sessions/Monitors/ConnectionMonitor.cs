using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Sessions.Monitors;

/// <summary>
/// CONNECTIONS: an engine's connection table. Addresses, ports, service and application are fixed per row;
/// the state and the time change with every update. Outbound IPv4 connections are NATed to the engine's address.
/// </summary>
internal sealed class ConnectionMonitor : SessionMonitor
{
    private static readonly int[] Fields = { 1, 3, 4, 7, 8, 9, 10, 11, 15, 17, 24, 27, 34, 38, 46, 47, 116, 134, 302, 485 };

    private readonly int compId;
    private readonly int src;
    private readonly int dst;
    private readonly int sport;
    private readonly int dport;
    private readonly int protocol;
    private readonly int natSrc;
    private readonly int natSport;
    private readonly int service;
    private readonly int srcZone;
    private readonly int dstZone;
    private readonly int state;
    private readonly int application;

    public ConnectionMonitor()
        : base(MonitorKind.Connections, Fields, new Term("6", 6), "INFO: Connection Monitoring", maxAgeSeconds: 3600)
    {
        compId = Slot(3);
        src = Slot(7);
        dst = Slot(8);
        sport = Slot(9);
        dport = Slot(10);
        protocol = Slot(11);
        natSrc = Slot(15);
        natSport = Slot(17);
        service = Slot(27);
        srcZone = Slot(46);
        dstZone = Slot(47);
        state = Slot(116);
        application = Slot(134);
    }

    protected override void FillRow(in RowContext row, ref HashStream identity, ref HashStream changing, FieldValue[] values)
    {
        values[compId] = FieldValue.Of(row.Node.Name);
        var profile = LogVocabulary.Services.Pick(ref identity);
        values[protocol] = FieldValue.Of(profile.Protocol);
        values[service] = FieldValue.Of(profile.Name);
        values[application] = FieldValue.Of(profile.Applications[identity.Below(profile.Applications.Length)]);
        var sourcePort = identity.Between(49152, 65535);
        if (profile.Port is int port)
        {
            values[sport] = FieldValue.Of(sourcePort);
            values[dport] = FieldValue.Of(port);
        }

        values[state] = FieldValue.Of(profile.Protocol == LogVocabulary.Tcp ? SessionVocabulary.TcpStates.Pick(ref changing)
            : profile.Protocol == LogVocabulary.Udp ? SessionVocabulary.UdpStates.Pick(ref changing)
            : SessionVocabulary.IcmpState);

        var engine = row.Engine;
        var ipv6 = identity.Below(10) == 0;
        var direction = identity.Below(20);
        if (direction < 12)
        {
            values[src] = FieldValue.Of(ipv6 ? SessionAddresses.InternalV6(engine, ref identity) : SessionAddresses.Internal(engine, ref identity));
            values[dst] = FieldValue.Of(ipv6 ? SessionAddresses.PublicV6(ref identity) : SessionAddresses.Public(ref identity));
            Zones(values, SessionVocabulary.Internal, SessionVocabulary.External);
            if (!ipv6)
            {
                values[natSrc] = FieldValue.Of(engine.External);
                values[natSport] = FieldValue.Of(identity.Between(1024, 65535));
            }
        }
        else if (direction < 17)
        {
            values[src] = FieldValue.Of(ipv6 ? SessionAddresses.PublicV6(ref identity) : SessionAddresses.Public(ref identity));
            values[dst] = FieldValue.Of(ipv6 ? SessionAddresses.InternalV6(engine, ref identity) : SessionAddresses.Dmz(engine, ref identity));
            Zones(values, SessionVocabulary.External, SessionVocabulary.Dmz);
        }
        else
        {
            values[src] = FieldValue.Of(ipv6 ? SessionAddresses.InternalV6(engine, ref identity) : SessionAddresses.Internal(engine, ref identity));
            values[dst] = FieldValue.Of(ipv6 ? SessionAddresses.InternalV6(engine, ref identity) : SessionAddresses.Dmz(engine, ref identity));
            Zones(values, SessionVocabulary.Internal, SessionVocabulary.Dmz);
        }
    }

    private void Zones(FieldValue[] values, Term source, Term destination)
    {
        values[srcZone] = FieldValue.Of(source);
        values[dstZone] = FieldValue.Of(destination);
    }
}
