using System;
using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Sessions.Monitors;

/// <summary>
/// BLOCK_LIST (BLACKLIST before SMC 7.0): an engine's block-list entries. Entry n has the user-visible id
/// 4401+n and the opaque key base64("BLE-" + id), which also ends its href. An update refreshes the duration.
/// An entry a REST client POSTed shows exactly what it gave (<see cref="GivenBlockListEntry"/>).
/// </summary>
internal sealed class BlockListMonitor : SessionMonitor
{
    private const long FirstEntryNumber = 4401;
    private const string KeyPrefix = "BLE-";

    private static readonly int[] Fields = { 1, 3, 4, 24, 34, 38, 117, 118, 120, 122, 123, 124, 125, 126, 127, 128, 172, 173, 302, 485 };

    private readonly int compId;
    private readonly int entryId;
    private readonly int source;
    private readonly int destination;
    private readonly int protocol;
    private readonly int sourcePort;
    private readonly int sourcePortRange;
    private readonly int destinationPort;
    private readonly int destinationPortRange;
    private readonly int duration;
    private readonly int blacklister;
    private readonly int sourcePrefix;
    private readonly int destinationPrefix;

    public BlockListMonitor()
        : base(MonitorKind.BlockList, Fields, new Term("7", 7), "INFO: BLOCK_LIST Monitoring", maxAgeSeconds: 86400)
    {
        compId = Slot(3);
        entryId = Slot(117);
        source = Slot(118);
        destination = Slot(120);
        protocol = Slot(122);
        sourcePort = Slot(123);
        sourcePortRange = Slot(124);
        destinationPort = Slot(125);
        destinationPortRange = Slot(126);
        duration = Slot(127);
        blacklister = Slot(128);
        sourcePrefix = Slot(172);
        destinationPrefix = Slot(173);
    }

    public override string HrefSegment => "block_list";

    public override string EntryKeyOf(long rowId) => EntryKeys.Of(KeyPrefix, FirstEntryNumber, rowId);

    public override long? RowIdOf(string entryKey) => EntryKeys.RowIdOf(KeyPrefix, FirstEntryNumber, entryKey);

    protected override void FillRow(in RowContext row, ref HashStream identity, ref HashStream changing, FieldValue[] values)
    {
        values[compId] = FieldValue.Of(row.Node.Name);
        values[entryId] = FieldValue.EntryId(FirstEntryNumber + row.Row.Id, new Term(EntryKeyOf(row.Row.Id)));
        if (row.Scope.GivenRows.TryGetValue(row.Row.Id, out var given) && given is GivenBlockListEntry entry)
        {
            FillGiven(entry, values);
            return;
        }

        values[blacklister] = identity.Below(3) == 0
            ? FieldValue.Of(row.Node.Name)
            : FieldValue.Of(SessionVocabulary.Blacklisters[identity.Below(SessionVocabulary.Blacklisters.Length)]);
        values[duration] = FieldValue.Of(SessionVocabulary.BlockDurations[changing.Below(SessionVocabulary.BlockDurations.Length)]);

        var kind = identity.Below(10);
        if (kind == 0)
        {
            values[source] = FieldValue.Of(SessionAddresses.PublicV6(ref identity));
            values[sourcePrefix] = FieldValue.Of(128);
            values[destination] = FieldValue.Of(IpValue.V6(0, 0));
            values[destinationPrefix] = FieldValue.Of(0);
        }
        else
        {
            var network = kind == 1;
            var address = SessionAddresses.Public(ref identity);
            values[source] = FieldValue.Of(network ? IpValue.V4((uint)(address.Low & 0xFFFF_FF00)) : address);
            values[sourcePrefix] = FieldValue.Of(network ? 24 : 32);
            var toHost = identity.Below(2) == 0;
            values[destination] = FieldValue.Of(toHost ? SessionAddresses.Dmz(row.Engine, ref identity) : IpValue.V4(0));
            values[destinationPrefix] = FieldValue.Of(toHost ? 32 : 0);
        }

        // Half the entries block any protocol: then no protocol or port keys appear at all, as on the SMC.
        if (identity.Below(2) == 0)
        {
            return;
        }

        values[protocol] = FieldValue.Of(identity.Below(5) == 0 ? LogVocabulary.Udp : LogVocabulary.Tcp);
        if (identity.Below(10) == 0)
        {
            values[sourcePort] = FieldValue.Of(1024);
            values[sourcePortRange] = FieldValue.Of(65535);
        }

        var portKind = identity.Below(10);
        if (portKind < 6)
        {
            values[destinationPort] = FieldValue.Of(SessionVocabulary.BlockedPorts[identity.Below(SessionVocabulary.BlockedPorts.Length)]);
        }
        else if (portKind < 8)
        {
            values[destinationPort] = FieldValue.Of(8000);
            values[destinationPortRange] = FieldValue.Of(8080);
        }
    }

    /// <summary>A POSTed entry: the Management Server blocked it (the SMC applies REST entries), ports only where given.</summary>
    private void FillGiven(GivenBlockListEntry entry, FieldValue[] values)
    {
        values[blacklister] = FieldValue.Of(SessionVocabulary.Blacklisters[0]);
        values[duration] = FieldValue.Of(entry.DurationSeconds);
        values[source] = FieldValue.Of(entry.Source.Address);
        values[sourcePrefix] = FieldValue.Of(entry.Source.Prefix);
        values[destination] = FieldValue.Of(entry.Destination.Address);
        values[destinationPrefix] = FieldValue.Of(entry.Destination.Prefix);
        if (entry.Protocol is not { } protocolTerm)
        {
            return;
        }

        values[protocol] = FieldValue.Of(protocolTerm);
        Ports(entry.Source, sourcePort, sourcePortRange, values);
        Ports(entry.Destination, destinationPort, destinationPortRange, values);
    }

    private static void Ports(GivenEndPoint end, int first, int range, FieldValue[] values)
    {
        if (end.FirstPort == 0)
        {
            return;
        }

        values[first] = FieldValue.Of(end.FirstPort);
        if (end.LastPort != end.FirstPort)
        {
            values[range] = FieldValue.Of(end.LastPort);
        }
    }
}
