namespace SmcMonitoring.Errors;

/// <summary>What went wrong, in the words of PowerShell's error categories (kept free of PowerShell types).</summary>
public enum SmcErrorKind
{
    /// <summary>The SMC could not be reached or the connection broke.</summary>
    Connection,
    /// <summary>The SMC refused the credentials or the session.</summary>
    Authentication,
    /// <summary>The caller asked for something invalid.</summary>
    InvalidArgument,
    /// <summary>The SMC refused a request or a fetch.</summary>
    Refused,
    /// <summary>The SMC sent something this module cannot use.</summary>
    Protocol,
    /// <summary>An operation ran out of time.</summary>
    Timeout,
    /// <summary>No session is available.</summary>
    NoSession,
    /// <summary>A named thing (a field, a session, a file) does not exist.</summary>
    NotFound,
    /// <summary>The SMC understood the request, but the API client or administrator lacks the right.</summary>
    PermissionDenied,
}
