namespace SmcMonitoring.Fields;

/// <summary>The action a rule applied to a connection (the SMC's Action constants).</summary>
public enum SmcAction
{
    /// <summary>Discarded.</summary>
    Discard = 0,
    /// <summary>Allowed.</summary>
    Allow = 1,
    /// <summary>Refused with a reset.</summary>
    Refuse = 2,
    /// <summary>Discarded silently.</summary>
    DiscardPassive = 4,
    /// <summary>Terminated silently.</summary>
    TerminatePassive = 8,
    /// <summary>Terminated.</summary>
    Terminate = 9,
    /// <summary>Terminating the connection failed.</summary>
    TerminateFailed = 10,
    /// <summary>Connection permitted.</summary>
    Permit = 11,
    /// <summary>Connection reset.</summary>
    TerminateReset = 12,
    /// <summary>Blocked.</summary>
    Block = 13,
}
