using SmcMonitoring.Simulator.Fields;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Logs;

/// <summary>The fields a stored firewall log record carries, and their slots.</summary>
internal static class LogShape
{
    public const int Timestamp = 0;
    public const int LogId = 1;
    public const int NodeId = 2;
    public const int Event = 3;
    public const int Src = 4;
    public const int Dst = 5;
    public const int Sport = 6;
    public const int Dport = 7;
    public const int Protocol = 8;
    public const int SrcIf = 9;
    public const int DstIf = 10;
    public const int Action = 11;
    public const int InfoMsg = 12;
    public const int RuleId = 13;
    public const int Facility = 14;
    public const int ReceptionTime = 15;
    public const int Service = 16;
    public const int DataType = 17;
    public const int SenderDomain = 18;
    public const int SrcZone = 19;
    public const int DstZone = 20;
    public const int Application = 21;
    public const int AlertSeverity = 22;
    public const int Situation = 23;

    /// <summary>Field ids in slot order (ascending ids, the order records are written in).</summary>
    private static readonly int[] FieldIds = { 1, 2, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 19, 20, 22, 24, 27, 34, 38, 46, 47, 134, 602, 1000 };

    public static RecordShape Shape { get; } = new(FieldCatalog.Shared, FieldIds);
}
