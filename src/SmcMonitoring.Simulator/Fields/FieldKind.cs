namespace SmcMonitoring.Simulator.Fields;

/// <summary>The value kind of a log field, as the shared field catalog names it.</summary>
internal enum FieldKind
{
    String,
    Time,
    Ip,
    Port,
    Number,
    Action,
    Severity,
    DataType,
    Service,
    Protocol,
}
