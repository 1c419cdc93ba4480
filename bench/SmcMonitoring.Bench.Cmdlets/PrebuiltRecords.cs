using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;

using SmcMonitoring.Fields;

namespace SmcMonitoring.Bench.Cmdlets;

/// <summary>
/// Records built once, with values of the types the module's parser produces (DateTime, IPAddress, int ports, enums,
/// strings of the simulator's lengths), in the module's own record classes and shapes.
/// </summary>
internal static class PrebuiltRecords
{
    /// <summary>As many distinct records as one SMC message carries.</summary>
    public const int Distinct = 200;

    // Built once per kind and count, so that a timed run only writes (a warm-up run builds them).
    private static readonly ConcurrentDictionary<(bool Connections, int Count), SmcRecord[]> Built = new();

    private static readonly string[] Senders = { "fw-east node 1", "fw-east node 2", "fw-west node 1", "dmz-fw node 1" };
    private static readonly string[] Protocols = { "TCP", "UDP", "ICMP" };
    private static readonly string[] Events = { "Connection allowed", "Connection discarded", "New connection", "Connection closed" };
    private static readonly string[] Messages =
    {
        "Connection allowed by rule @2097152.1 (Allow web traffic)",
        "Packet dropped: no matching rule in the policy",
        "Connection closed after 120 s of inactivity",
        "Access rule matched: outbound DNS to the resolvers",
    };
    private static readonly string[] States = { "Established", "SYN sent", "Closing", "Time wait" };
    private static readonly string[] Zones = { "internal", "external", "dmz" };
    private static readonly string[] Applications = { "HTTPS", "DNS", "SSH", "Microsoft Update" };
    private static readonly string[] Services = { "HTTPS", "DNS (UDP)", "SSH", "HTTP" };
    private static readonly SmcAction[] Actions = { SmcAction.Allow, SmcAction.Discard, SmcAction.Allow, SmcAction.Refuse };
    private static readonly SmcSeverity[] Severities = { SmcSeverity.Info, SmcSeverity.Low, SmcSeverity.Info, SmcSeverity.High };

    public static SmcRecord[] Logs(int distinct = Distinct) =>
        Built.GetOrAdd((false, distinct), key => Build(LogShapes.Default, (shape, values) => new SmcLogRecord(shape, values), key.Count));

    public static SmcRecord[] Connections(int distinct = Distinct) =>
        Built.GetOrAdd((true, distinct), key => Build(SessionMonitor.Connections.DefaultShape, SessionMonitor.Connections.Create, key.Count));

    private static SmcRecord[] Build(RecordShape shape, Func<RecordShape, object?[], SmcRecord> create, int count)
    {
        var random = new Random(1);
        var start = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Unspecified);
        var records = new SmcRecord[count];
        for (var r = 0; r < count; r++)
        {
            var values = new object?[shape.Columns.Count];
            for (var c = 0; c < values.Length; c++) { values[c] = ValueFor(shape.Columns[c], r, random, start); }
            records[r] = create(shape, values);
        }
        return records;
    }

    private static object? ValueFor(RecordColumn column, int r, Random random, DateTime start)
    {
        switch (column.Source)
        {
            case ColumnSource.Target: return "fw-bench";
            case ColumnSource.Change: return SmcChange.Added;
            case ColumnSource.FirstFetch: return true;
            case ColumnSource.DeltaKey: return "1087-" + r.ToString(System.Globalization.CultureInfo.InvariantCulture);
            case ColumnSource.Href:
            case ColumnSource.EntryId:
                return null;
        }
        var type = column.ClrType;
        if (type == typeof(DateTime)) { return start.AddSeconds(-r); }
        if (type == typeof(SmcIPAddress)) { return SmcIPAddress.From(new IPAddress(new byte[] { 10, (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(1, 255) })); }
        if (type == typeof(int)) { return column.Property == "DstPort" ? Pick(new[] { 443, 53, 22, 80 }, r) : random.Next(1024, 65536); }
        if (type == typeof(long)) { return (long)random.Next(); }
        if (type == typeof(SmcAction)) { return Pick(Actions, r); }
        if (type == typeof(SmcSeverity)) { return Pick(Severities, r); }
        return column.Property switch
        {
            "Sender" => Pick(Senders, r),
            "Protocol" => Pick(Protocols, r),
            "Event" => Pick(Events, r),
            "Message" => Pick(Messages, r),
            "State" => Pick(States, r),
            "SrcZone" or "DstZone" => Pick(Zones, r),
            "Application" => Pick(Applications, r),
            "Service" => Pick(Services, r),
            _ => column.Property + " " + r.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static T Pick<T>(T[] items, int r) => items[r % items.Length];
}
