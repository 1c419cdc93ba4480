namespace SmcMonitoring.Fields;

/// <summary>The severity of an alert (the SMC's alert severity constants).</summary>
public enum SmcSeverity
{
    /// <summary>Informational.</summary>
    Info = 1,
    /// <summary>Low.</summary>
    Low = 3,
    /// <summary>High.</summary>
    High = 5,
    /// <summary>Critical.</summary>
    Critical = 10,
}
