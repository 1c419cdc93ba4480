namespace SmcMonitoring.Fields;

/// <summary>What happened to a session-monitor row (which array of the SMC's <c>records</c> object it came in).</summary>
public enum SmcChange
{
    /// <summary>The row is new (or part of the initial snapshot).</summary>
    Added,
    /// <summary>The row changed.</summary>
    Updated,
    /// <summary>The row is gone.</summary>
    Deleted,
}
