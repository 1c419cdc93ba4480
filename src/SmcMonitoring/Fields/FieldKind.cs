namespace SmcMonitoring.Fields;

/// <summary>The kind of value an SMC log field holds; decides the .NET type of a record property and the filter value type.</summary>
public enum FieldKind
{
    /// <summary>Free text.</summary>
    String,
    /// <summary>A date and time, rendered by the SMC as <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    Time,
    /// <summary>An IPv4 or IPv6 address.</summary>
    Ip,
    /// <summary>A TCP or UDP port number.</summary>
    Port,
    /// <summary>An integer.</summary>
    Number,
    /// <summary>A rule action (see <see cref="SmcAction"/>).</summary>
    Action,
    /// <summary>An alert severity (see <see cref="SmcSeverity"/>).</summary>
    Severity,
    /// <summary>A log data type constant.</summary>
    DataType,
    /// <summary>A service such as <c>TCP/443</c>.</summary>
    Service,
    /// <summary>An IP protocol name such as <c>TCP</c>.</summary>
    Protocol,
}
