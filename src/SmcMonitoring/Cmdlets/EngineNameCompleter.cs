using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;
using SmcMonitoring.Errors;
using SmcMonitoring.Session;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// Completes -Engine from the session's engine list: the -Session of the command line being completed, else the
/// runspace's default session. The list is the one the session keeps (read from the SMC the first time, within a
/// few seconds); with no session, or when the SMC cannot list its engines, it offers nothing.
/// </summary>
internal sealed class EngineNameCompleter : IArgumentCompleter
{
    private static readonly TimeSpan ListingLimit = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var session = SessionOf(fakeBoundParameters) ?? SessionRegistry.GetDefault(Runspace.DefaultRunspace ?? (object)typeof(EngineNameCompleter));
        if (session is null || !session.IsConnected) { return Enumerable.Empty<CompletionResult>(); }
        var engines = session.Engines.Cached ?? Listing(session);
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return engines
            .Where(e => e.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
            .Select(e => new CompletionResult(Quoted(e.Name), e.Name, CompletionResultType.ParameterValue, $"{e.Name} ({e.Type})"))
            .ToList();
    }

    private static SmcSession? SessionOf(IDictionary fakeBoundParameters) =>
        fakeBoundParameters?["Session"] switch
        {
            SmcSession session => session,
            PSObject { BaseObject: SmcSession wrapped } => wrapped,
            _ => null,
        };

    private static IReadOnlyList<SmcEngine> Listing(SmcSession session)
    {
        if (session.Engines.ListingRefused != null) { return Array.Empty<SmcEngine>(); }
        using var limit = new CancellationTokenSource(ListingLimit);
        try
        {
            return session.Engines.RefreshAsync(limit.Token).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is SmcException or OperationCanceledException)
        {
            // Completion never fails a command line; validation reports the SMC's problem when the command runs.
            return Array.Empty<SmcEngine>();
        }
    }

    private static string Quoted(string name) =>
        name.Length > 0 && name[0] != '-' && name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.')
            ? name
            : "'" + name.Replace("'", "''") + "'";
}
