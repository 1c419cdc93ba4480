using System;
using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Sessions.Monitors;

/// <summary>
/// VPN_SA: security associations of an engine, four per tunnel: one IKE SA and three IPsec SAs (one per
/// protected network pair). Counters grow with every update. Row n's href ends with base64("SA-" + (8801+n)).
/// </summary>
internal sealed class VpnSaMonitor : SessionMonitor
{
    private const long FirstSaNumber = 8801;
    private const string KeyPrefix = "SA-";
    private const int SasPerTunnel = 4;

    private static readonly int[] Fields = { 1, 4, 11, 24, 34, 38, 302, 485, 501, 502, 504, 505, 506, 534, 535, 536, 539, 3000, 12200, 12201, 20007, 20008 };

    private readonly int protocol;
    private readonly int vpn;
    private readonly int gateway;
    private readonly int endpoint;
    private readonly int peerGateway;
    private readonly int peerEndpoint;
    private readonly int expiration;
    private readonly int saClass;
    private readonly int cipher;
    private readonly int role;
    private readonly int ikeCookie;
    private readonly int bytesSent;
    private readonly int bytesReceived;
    private readonly int localNetworks;
    private readonly int peerNetworks;

    public VpnSaMonitor()
        : base(MonitorKind.VpnSa, Fields, new Term("34", 34), "INFO: VPN SA Monitoring", maxAgeSeconds: 3600)
    {
        protocol = Slot(11);
        vpn = Slot(501);
        gateway = Slot(502);
        endpoint = Slot(504);
        peerGateway = Slot(505);
        peerEndpoint = Slot(506);
        expiration = Slot(534);
        saClass = Slot(535);
        cipher = Slot(536);
        role = Slot(539);
        ikeCookie = Slot(3000);
        bytesSent = Slot(12200);
        bytesReceived = Slot(12201);
        localNetworks = Slot(20007);
        peerNetworks = Slot(20008);
    }

    public override string HrefSegment => "vpn_sa";

    public override string EntryKeyOf(long rowId) => EntryKeys.Of(KeyPrefix, FirstSaNumber, rowId);

    public override long? RowIdOf(string entryKey) => EntryKeys.RowIdOf(KeyPrefix, FirstSaNumber, entryKey);

    protected override void FillRow(in RowContext row, ref HashStream identity, ref HashStream changing, FieldValue[] values)
    {
        var tunnel = row.Row.Id / SasPerTunnel;
        var index = (int)(row.Row.Id % SasPerTunnel);
        var peer = SessionVocabulary.VpnPeers[tunnel % SessionVocabulary.VpnPeers.Length];
        var engine = row.Engine;

        // Every SA of a tunnel shares the tunnel's IKE cookie, role and VPN: they come from the tunnel's own stream.
        var tunnelHash = row.Scope.Identity(-1 - tunnel);
        values[vpn] = FieldValue.Of(SessionVocabulary.VpnNames[tunnelHash.Below(SessionVocabulary.VpnNames.Length)]);
        values[role] = FieldValue.Of(tunnelHash.Below(2) == 0 ? SessionVocabulary.Initiator : SessionVocabulary.Responder);
        values[ikeCookie] = FieldValue.Of(new Term($"{tunnelHash.Next():x16}:{tunnelHash.Next():x16}"));
        values[gateway] = FieldValue.Of(new Term($"{engine.Name} VPN Gateway"));
        values[endpoint] = FieldValue.Of(new Term($"{engine.Name} ({engine.External})"));
        values[peerGateway] = FieldValue.Of(peer.Gateway);
        values[peerEndpoint] = FieldValue.Of(peer.Endpoint);

        var traffic = (long)(row.Row.Version + 1) * identity.Between(10_000, 5_000_000);
        values[bytesSent] = FieldValue.Of(traffic + changing.Below(100_000));
        values[bytesReceived] = FieldValue.Of((traffic * 3) + changing.Below(100_000));

        if (index == 0)
        {
            values[saClass] = FieldValue.Of(SessionVocabulary.Ike);
            values[protocol] = FieldValue.Of(LogVocabulary.Udp);
            values[cipher] = FieldValue.Of(SessionVocabulary.IkeCiphers[identity.Below(SessionVocabulary.IkeCiphers.Length)]);
            values[expiration] = FieldValue.Time(row.Row.CreatedAt + (24 * 3600 * 1000L));
            return;
        }

        values[saClass] = FieldValue.Of(SessionVocabulary.IpSec);
        values[protocol] = FieldValue.Of(SessionVocabulary.Esp);
        values[cipher] = FieldValue.Of(SessionVocabulary.IpSecCiphers[identity.Below(SessionVocabulary.IpSecCiphers.Length)]);
        values[expiration] = FieldValue.Time(row.Row.CreatedAt + (8 * 3600 * 1000L));
        values[localNetworks] = FieldValue.Of(new Term($"172.18.{index}.0 - 172.18.{index}.255"));
        values[peerNetworks] = FieldValue.Of(new Term($"192.168.{peer.Network * 10 + index}.0 - 192.168.{peer.Network * 10 + index}.255"));
    }
}
