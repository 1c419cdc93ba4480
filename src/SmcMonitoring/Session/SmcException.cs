using System;

namespace SmcMonitoring.Session;

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
}

/// <summary>
/// An error of the SMC or of talking to it, with a stable id (<c>Smc&lt;Noun&gt;&lt;Problem&gt;</c>) that cmdlets put on
/// their ErrorRecord. Messages never contain secrets.
/// </summary>
public class SmcException : Exception
{
    /// <summary>Creates an error.</summary>
    public SmcException(string errorId, SmcErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Kind = kind;
    }

    /// <summary>The stable error id, for example <c>SmcAuthenticationFailed</c>.</summary>
    public string ErrorId { get; }

    /// <summary>The kind of failure.</summary>
    public SmcErrorKind Kind { get; }

    /// <summary>The SMC's own message, when the SMC sent one.</summary>
    public string? ServerMessage { get; init; }
}
