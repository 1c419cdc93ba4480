using System;
using System.Net;

namespace SmcMonitoring.Records;

/// <summary>A log entry from the SMC's log servers (stored or live). Properties follow the query's field selection.</summary>
public sealed class SmcLogRecord : SmcRecord
{
    internal SmcLogRecord(RecordShape shape, object?[] values) : base(shape, values)
    {
    }

    /// <summary>When the entry was created (Timestamp field), if it was selected and parsed.</summary>
    public DateTime? Timestamp => Get<DateTime>(nameof(Timestamp));

    /// <summary>The alert severity, if the entry has one.</summary>
    public SmcSeverity? Severity => Get<SmcSeverity>(nameof(Severity));

    /// <summary>The rule action.</summary>
    public SmcAction? Action => Get<SmcAction>(nameof(Action));

    /// <summary>The engine node that sent the entry.</summary>
    public string? Sender => GetObject(nameof(Sender)) as string;

    /// <summary>The source address.</summary>
    public IPAddress? Src => GetObject(nameof(Src)) as IPAddress;

    /// <summary>The source port.</summary>
    public int? SrcPort => Get<int>(nameof(SrcPort));

    /// <summary>The destination address.</summary>
    public IPAddress? Dst => GetObject(nameof(Dst)) as IPAddress;

    /// <summary>The destination port.</summary>
    public int? DstPort => Get<int>(nameof(DstPort));
}
