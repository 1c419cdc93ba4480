using System.Linq;
using SmcMonitoring.Fields;

namespace SmcMonitoring.Records;

/// <summary>The shapes of log records: the default columns (those of the reference client's log table) or a custom selection.</summary>
internal static class LogShapes
{
    /// <summary>The type name of records with the default columns; SmcMonitoring.format.ps1xml has a table view for it.</summary>
    public const string DefaultTypeName = "SmcMonitoring.Records.SmcLogRecord#Default";

    /// <summary>The type name of records with a -Field selection (formatted by PowerShell's defaults).</summary>
    public const string CustomTypeName = "SmcMonitoring.Records.SmcLogRecord#Custom";

    /// <summary>TIMESTAMP, ALERTSEVERITY, ACTION, NODEID, SRC, SPORT, DST, DPORT, PROTOCOL, EVENT, INFOMSG.</summary>
    public static readonly int[] DefaultFieldIds = { 1, 602, 14, 4, 7, 9, 8, 10, 11, 6, 19 };

    public static readonly RecordShape Default =
        RecordShape.FromFields(DefaultFieldIds.Select(id => FieldCatalog.Default.FindById(id)!), DefaultTypeName);
}
