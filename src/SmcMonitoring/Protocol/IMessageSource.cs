using System;
using System.Threading;
using System.Threading.Tasks;

namespace SmcMonitoring.Protocol;

/// <summary>
/// Where a query's messages come from and where its commands go: a websocket to the SMC, or a scripted fake in
/// tests. One receive at a time. A receive is never cancelled (that would leave the socket unusable for the abort a
/// query owes the SMC): <see cref="Abort"/> or <see cref="IDisposable.Dispose"/> ends it instead.
/// </summary>
internal interface IMessageSource : IDisposable
{
    /// <summary>
    /// The next whole message, owned by the caller; null once the server closed the connection (see
    /// <see cref="CloseDescription"/>). Throws <see cref="Errors.SmcException"/> when the connection broke, and for a
    /// message that was skipped because it broke a rule (too large), after which receiving may go on.
    /// </summary>
    Task<ReceivedMessage?> ReceiveAsync();

    /// <summary>Sends one text message.</summary>
    Task SendAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken);

    /// <summary>Sends a normal close; a receive still running then sees the server's close (or the abort).</summary>
    Task CloseAsync(CancellationToken cancellationToken);

    /// <summary>Ends the connection at once: a receive still running fails.</summary>
    void Abort();

    /// <summary>True while messages can still be sent.</summary>
    bool CanSend { get; }

    /// <summary>The reason the server gave when it closed, once it did.</summary>
    string? CloseDescription { get; }
}
