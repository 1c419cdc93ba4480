using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using SmcMonitoring.Session;
using SmcMonitoring.Errors;
using SmcMonitoring.Fields;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// What every SmcMonitoring cmdlet shares: a cancellation token created at BeginProcessing, cancelled by Ctrl+C
/// (StopProcessing) and disposed with the cmdlet, and ErrorRecords built from <see cref="SmcException"/>s.
/// </summary>
public abstract class SmcCmdlet : PSCmdlet, IDisposable
{
    /// <summary>Only this module's cmdlets derive from this class.</summary>
    private protected SmcCmdlet()
    {
    }

    private CancellationTokenSource? _cancellation;

    /// <summary>Cancelled when the user presses Ctrl+C.</summary>
    private protected CancellationToken Cancellation => (_cancellation ??= new CancellationTokenSource()).Token;

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
    private protected SmcSession ResolveSession(SmcSession? given)
    {
        var session = FindSession(given, out var problem);
        if (problem != null) { ThrowTerminatingError(problem); }
        return session!;
    }

    /// <summary>
    /// Checks -Engine names against the SMC's engines before any socket opens, and returns them as the SMC spells them.
    /// The engine list is kept per session; a name missing from it lists the engines again once (engines can be added
    /// while a script runs), then stops the cmdlet with an error naming the closest engine names. When the SMC does not
    /// let the session list its engines, the names go to the SMC unchecked and a warning says why (once per session).
    /// </summary>
    /// <param name="session">The session whose SMC must know the engines.</param>
    /// <param name="names">The names given to -Engine.</param>
    private protected string[] ValidateEngineNames(SmcSession session, IEnumerable<string> names)
    {
        var wanted = names.ToList();
        var found = FindEngines(session, wanted, "-Engine");
        return found is null ? wanted.ToArray() : found.Select(e => e.Name).ToArray();
    }

    /// <summary>
    /// The engines of the SMC named <paramref name="wanted"/>, checked as <see cref="ValidateEngineNames"/> checks them
    /// (a name the SMC does not know stops the cmdlet with an error naming the closest ones); null when the engines
    /// cannot be listed (said in the verbose or warning stream), so the names go unchecked.
    /// </summary>
    /// <param name="session">The session whose SMC must know the engines.</param>
    /// <param name="wanted">The names given.</param>
    /// <param name="parameter">The parameter the names came from, for messages.</param>
    private protected IReadOnlyList<SmcEngine>? FindEngines(SmcSession session, IReadOnlyList<string> wanted, string parameter)
    {
        var directory = session.Engines;
        if (wanted.Count == 0) { return Array.Empty<SmcEngine>(); }
        if (directory.ListingRefused is { } refused && directory.Cached is null)
        {
            WriteVerbose($"Engine names not checked: {refused.Message}");
            return null;
        }
        IReadOnlyList<SmcEngine?> found;
        try
        {
            found = directory.FindAsync(wanted, Cancellation).GetAwaiter().GetResult();
        }
        catch (SmcException ex)
        {
            WriteWarning($"The engine names are not checked, because the engines cannot be listed: {ex.Message}");
            return null;
        }
        var unknown = wanted.Where((_, i) => found[i] is null).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            var engines = directory.Cached ?? Array.Empty<SmcEngine>();
            var advice = engines.Count == 0
                ? $"The SMC at {session.Url} lists no engines."
                : string.Join(" ", unknown.Select(name => $"Closest to '{name}': {string.Join(", ", ClosestEngineNames(engines, name))}.")) + " Get-SmcEngine lists every engine.";
            ThrowError(SmcErrors.EngineNotFound, $"Cannot find {(unknown.Count == 1 ? "an engine named" : "engines named")} {string.Join(", ", unknown.Select(n => $"'{n}'"))} ({parameter}) on the SMC at {session.Url}. {advice}", unknown[0]);
        }
        return found.Select(e => e!).ToList();
    }

    /// <summary>The <paramref name="count"/> engine names closest to <paramref name="spelling"/> (edit distance, ignoring case).</summary>
    private protected static IReadOnlyList<string> ClosestEngineNames(IEnumerable<SmcEngine> engines, string spelling, int count = 3)
    {
        var wanted = spelling.Trim().ToUpperInvariant();
        return engines
            .Select(e => (e.Name, Distance: FieldCatalog.EditDistance(wanted, e.Name.ToUpperInvariant())))
            .OrderBy(p => p.Distance).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Take(count).Select(p => p.Name).ToList();
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
    private protected static ErrorRecord ToErrorRecord(SmcException exception, object? target) => ErrorRecords.From(exception, target);

    /// <summary>Stops the cmdlet with a terminating error of the catalogue, about <paramref name="target"/>.</summary>
    private protected void ThrowError(SmcError error, string message, object? target) =>
        ThrowTerminatingError(ToErrorRecord(error.Create(message), target));
}
