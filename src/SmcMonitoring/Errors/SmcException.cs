using System;

namespace SmcMonitoring.Errors;

/// <summary>
/// An error of the SMC, of talking to it, or of the caller's input. Its <see cref="ErrorId"/> and <see cref="Kind"/>
/// come from one entry of <see cref="SmcErrors"/>, and cmdlets put them on their ErrorRecord. Messages never contain
/// secrets.
/// </summary>
public sealed class SmcException : Exception
{
    internal SmcException(SmcError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>The stable error id, for example <c>SmcAuthenticationFailed</c>.</summary>
    public string ErrorId => Error.Id;

    /// <summary>The kind of failure.</summary>
    public SmcErrorKind Kind => Error.Kind;

    /// <summary>The SMC's own message, when the SMC sent one.</summary>
    public string? ServerMessage { get; init; }

    /// <summary>The catalogue entry; code branches on it (or on <see cref="Kind"/>), never on the id's text.</summary>
    internal SmcError Error { get; }
}
