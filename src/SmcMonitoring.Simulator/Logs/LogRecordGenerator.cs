using System.Runtime.CompilerServices;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Logs;

/// <summary>
/// Fills a log record as a pure function of (seed, index): no record is ever stored, so any number of
/// records costs no memory, and the same seed gives the same records in every run.
/// </summary>
internal sealed class LogRecordGenerator
{
    private readonly int seed;

    public LogRecordGenerator(int seed)
    {
        this.seed = seed;
    }

    /// <summary>Fills <paramref name="record"/> (of <see cref="LogShape"/>) with record <paramref name="index"/> stamped at <paramref name="timestamp"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(long index, long timestamp, RecordBuffer record)
    {
        var hash = new HashStream(seed, index);
        var values = record.Values;
        record.Clear();

        var node = LogVocabulary.Nodes[hash.Below(LogVocabulary.Nodes.Length)];
        var service = LogVocabulary.Services.Pick(ref hash);
        var action = LogVocabulary.ActionProfiles.Pick(ref hash);

        values[LogShape.Timestamp] = FieldValue.Time(timestamp);
        values[LogShape.ReceptionTime] = FieldValue.Time(timestamp + hash.Between(1, 250));
        values[LogShape.LogId] = FieldValue.Of(index);
        values[LogShape.NodeId] = FieldValue.Sender(node.Name, node.Address);
        values[LogShape.Facility] = FieldValue.Of(LogVocabulary.Facility);
        values[LogShape.DataType] = FieldValue.Of(LogVocabulary.FirewallLogs);
        values[LogShape.SenderDomain] = FieldValue.Of(LogVocabulary.SharedDomain);

        values[LogShape.Protocol] = FieldValue.Of(service.Protocol);
        values[LogShape.Service] = FieldValue.Of(service.Name);
        values[LogShape.Application] = FieldValue.Of(service.Applications[hash.Below(service.Applications.Length)]);
        if (service.Port is int port)
        {
            values[LogShape.Sport] = FieldValue.Of(hash.Between(49152, 65535));
            values[LogShape.Dport] = FieldValue.Of(port);
        }

        values[LogShape.Action] = FieldValue.Of(action.Action);
        values[LogShape.Event] = FieldValue.Of(action.Events[hash.Below(action.Events.Length)]);
        values[LogShape.RuleId] = FieldValue.Of(action.RuleTags[hash.Below(action.RuleTags.Length)]);
        if (hash.Below(10) < 4)
        {
            values[LogShape.InfoMsg] = FieldValue.Of(action.Messages[hash.Below(action.Messages.Length)]);
        }

        FillAddresses(ref hash, values);

        if (hash.Below(8) == 0)
        {
            values[LogShape.AlertSeverity] = FieldValue.Of(LogVocabulary.Severity.Pick(ref hash));
            values[LogShape.Situation] = FieldValue.Of(LogVocabulary.Situations[hash.Below(LogVocabulary.Situations.Length)]);
        }
    }

    private static void FillAddresses(ref HashStream hash, FieldValue[] values)
    {
        var ipv6 = hash.Below(10) == 0;
        var direction = hash.Below(20);
        if (direction < 12)
        {
            values[LogShape.Src] = FieldValue.Of(ipv6 ? PrivateV6(ref hash) : InternalV4(ref hash));
            values[LogShape.Dst] = FieldValue.Of(ipv6 ? PublicV6(ref hash) : PublicV4(ref hash));
            Zones(values, LogVocabulary.Internal, LogVocabulary.InternalInterface, LogVocabulary.External, LogVocabulary.ExternalInterface);
        }
        else if (direction < 17)
        {
            values[LogShape.Src] = FieldValue.Of(ipv6 ? PublicV6(ref hash) : PublicV4(ref hash));
            values[LogShape.Dst] = FieldValue.Of(ipv6 ? PrivateV6(ref hash) : DmzV4(ref hash));
            Zones(values, LogVocabulary.External, LogVocabulary.ExternalInterface, LogVocabulary.Dmz, LogVocabulary.DmzInterface);
        }
        else
        {
            values[LogShape.Src] = FieldValue.Of(ipv6 ? PrivateV6(ref hash) : InternalV4(ref hash));
            values[LogShape.Dst] = FieldValue.Of(ipv6 ? PrivateV6(ref hash) : DmzV4(ref hash));
            Zones(values, LogVocabulary.Internal, LogVocabulary.InternalInterface, LogVocabulary.Dmz, LogVocabulary.DmzInterface);
        }
    }

    private static void Zones(FieldValue[] values, Term sourceZone, Term sourceInterface, Term destinationZone, Term destinationInterface)
    {
        values[LogShape.SrcZone] = FieldValue.Of(sourceZone);
        values[LogShape.SrcIf] = FieldValue.Of(sourceInterface);
        values[LogShape.DstZone] = FieldValue.Of(destinationZone);
        values[LogShape.DstIf] = FieldValue.Of(destinationInterface);
    }

    private static IpValue InternalV4(ref HashStream hash) =>
        hash.Below(3) == 0
            ? IpValue.V4(192, 168, (byte)hash.Below(8), (byte)hash.Between(2, 254))
            : IpValue.V4(10, (byte)hash.Between(1, 30), (byte)hash.Below(256), (byte)hash.Between(2, 254));

    private static IpValue DmzV4(ref HashStream hash) => IpValue.V4(172, 16, (byte)hash.Between(1, 4), (byte)hash.Between(10, 40));

    private static IpValue PublicV4(ref HashStream hash)
    {
        var first = LogVocabulary.PublicFirstOctets[hash.Below(LogVocabulary.PublicFirstOctets.Length)];
        return IpValue.V4(first, (byte)hash.Below(256), (byte)hash.Below(256), (byte)hash.Between(1, 254));
    }

    /// <summary>A unique-local (fd00::/8) address; every group non-zero keeps the text form uncompressed.</summary>
    private static IpValue PrivateV6(ref HashStream hash) =>
        IpValue.V6(0xfd12_3456_789a_0000UL | (uint)hash.Between(1, 0xff), NonZeroGroups(ref hash));

    /// <summary>An address of the documentation prefix 2001:db8::/32.</summary>
    private static IpValue PublicV6(ref HashStream hash) =>
        IpValue.V6(0x2001_0db8_0000_0000UL | ((ulong)hash.Between(1, 0xffff) << 16) | (uint)hash.Between(1, 0xffff), NonZeroGroups(ref hash));

    private static ulong NonZeroGroups(ref HashStream hash) =>
        ((ulong)hash.Between(1, 0xffff) << 48) | ((ulong)hash.Between(1, 0xffff) << 32) | ((ulong)hash.Between(1, 0xffff) << 16) | (uint)hash.Between(1, 0xffff);
}
