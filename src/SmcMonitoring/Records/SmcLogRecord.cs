namespace SmcMonitoring.Records;

/// <summary>
/// A log entry from the SMC's log servers (stored or live). Its properties are the query's fields, in order: by
/// default Timestamp, Severity, Action, Sender, Src, SrcPort, Dst, DstPort, Protocol, Event and Message.
/// </summary>
public sealed class SmcLogRecord : SmcRecord
{
    internal SmcLogRecord(RecordShape shape, object?[] values) : base(shape, values)
    {
    }
}
