using System;

namespace SmcMonitoring.Errors;

/// <summary>One entry of the error catalogue: a stable id and the one kind (so the one ErrorCategory) it always has.</summary>
internal sealed class SmcError
{
    internal SmcError(string id, SmcErrorKind kind)
    {
        Id = id;
        Kind = kind;
    }

    /// <summary>The id, <c>Smc&lt;Noun&gt;&lt;Problem&gt;</c>.</summary>
    public string Id { get; }

    /// <summary>The kind, which decides the ErrorCategory.</summary>
    public SmcErrorKind Kind { get; }

    /// <summary>An exception of this error with <paramref name="message"/>.</summary>
    public SmcException Create(string message, Exception? inner = null) => new(this, message, inner);

    /// <summary>An exception of this error carrying the SMC's own text.</summary>
    public SmcException Create(string message, string? serverMessage, Exception? inner = null) => new(this, message, inner) { ServerMessage = serverMessage };

    /// <inheritdoc/>
    public override string ToString() => Id;
}
