using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SmcMonitoring.Session;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// Completes -Context of the notification cmdlets with the SMC's element types: the element entry points of the
/// command line's -Session, else of the runspace's default session (read at login, so no request is sent), and '*'
/// for every type. With no session it offers only '*'.
/// </summary>
internal sealed class ContextCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var session = CompletionSessions.Of(fakeBoundParameters);
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var types = new List<string> { "*" };
        if (session != null) { types.AddRange(session.ElementTypes); }
        return types
            .Where(t => t.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(t => new CompletionResult(t == "*" ? "'*'" : t, t, CompletionResultType.ParameterValue, t == "*" ? "every element type" : $"{t} elements"))
            .ToList();
    }
}

/// <summary>
/// Completes -Domain with the administrative domains this runspace knows: 'Shared Domain' (every SMC has it) and the
/// domains of its sessions.
/// </summary>
internal sealed class DomainCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return new[] { SmcConnectionSettings.SharedDomain }
            .Concat(SessionRegistry.GetAll(SmcCmdlet.CurrentRunspace).Select(s => s.Domain))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(d => d.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .OrderBy(d => d, StringComparer.OrdinalIgnoreCase)
            .Select(d => new CompletionResult("'" + d.Replace("'", "''") + "'", d, CompletionResultType.ParameterValue, $"the administrative domain {d}"))
            .ToList();
    }
}

/// <summary>The session a completer works with: the command line's -Session, else the runspace's default.</summary>
internal static class CompletionSessions
{
    public static SmcSession? Of(IDictionary? fakeBoundParameters)
    {
        var given = fakeBoundParameters?["Session"] switch
        {
            SmcSession bound => bound,
            PSObject { BaseObject: SmcSession wrapped } => wrapped,
            _ => null,
        };
        var chosen = given ?? SessionRegistry.GetDefault(SmcCmdlet.CurrentRunspace);
        return chosen is { IsConnected: true } ? chosen : null;
    }
}
