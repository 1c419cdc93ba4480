using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using SmcMonitoring.Session;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// What every SmcMonitoring cmdlet shares: a cancellation token created at BeginProcessing, cancelled by Ctrl+C
/// (StopProcessing) and disposed with the cmdlet, and ErrorRecords built from <see cref="SmcException"/>s.
/// </summary>
public abstract class SmcCmdlet : PSCmdlet, IDisposable
{
    private CancellationTokenSource? _cancellation;

    /// <summary>Cancelled when the user presses Ctrl+C.</summary>
    protected CancellationToken Cancellation => (_cancellation ??= new CancellationTokenSource()).Token;

    /// <summary>The key of this runspace's sessions.</summary>
    internal static object CurrentRunspace => Runspace.DefaultRunspace ?? (object)typeof(SmcCmdlet);

    /// <summary>
    /// The session a cmdlet works with: <paramref name="given"/> (its -Session), else this runspace's default. Null with
    /// <paramref name="problem"/> set when there is none, or when it has logged out.
    /// </summary>
    internal static SmcSession? FindSession(SmcSession? given, out ErrorRecord? problem)
    {
        var session = given ?? SessionRegistry.GetDefault(CurrentRunspace);
        problem = session is null
            ? ToErrorRecord(SmcErrors.SessionNotFound.Create("There is no SMC session. Run Connect-SmcSession first, or pass -Session."), null)
            : !session.IsConnected
                ? ToErrorRecord(SmcErrors.SessionDisconnected.Create($"The SMC session {session.Id} ({session.Url}) is disconnected. Run Connect-SmcSession again."), session)
                : null;
        return problem is null ? session : null;
    }

    /// <summary>The session to use (see <see cref="FindSession"/>); a terminating error when there is none.</summary>
    protected SmcSession ResolveSession(SmcSession? given)
    {
        var session = FindSession(given, out var problem);
        if (problem != null) { ThrowTerminatingError(problem); }
        return session!;
    }

    /// <inheritdoc/>
    protected override void BeginProcessing() => _cancellation ??= new CancellationTokenSource();

    /// <inheritdoc/>
    protected override void StopProcessing() => _cancellation?.Cancel();

    /// <summary>Releases the cancellation token; derived cmdlets release their sockets first.</summary>
    public virtual void Dispose()
    {
        _cancellation?.Dispose();
        _cancellation = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>An ErrorRecord for an SMC failure, with its stable id and the matching category.</summary>
    protected static ErrorRecord ToErrorRecord(SmcException exception, object? target) => ErrorRecords.From(exception, target);

    /// <summary>Stops the cmdlet with a terminating error of the catalogue, about <paramref name="target"/>.</summary>
    private protected void ThrowError(SmcError error, string message, object? target) =>
        ThrowTerminatingError(ToErrorRecord(error.Create(message), target));
}
