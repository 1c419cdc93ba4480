using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SmcMonitoring.Session;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// Completes the sessions of this runspace: for an -Id parameter their ids, for -Session an expression that gets
/// the session by id (<c>(Get-SmcSession -Id 2)</c>). Each tool tip names the session's SMC, domain and user, and
/// marks the default.
/// </summary>
internal sealed class SessionIdCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"', '(', ')');
        var asObject = string.Equals(parameterName, "Session", StringComparison.OrdinalIgnoreCase);
        return SessionRegistry.GetAll(SmcCmdlet.CurrentRunspace)
            .Where(s => s.IsConnected)
            .Select(s => (Session: s, Id: s.Id.ToString(CultureInfo.InvariantCulture)))
            .Where(p => word.Length == 0 || p.Id.StartsWith(word, StringComparison.Ordinal)
                || (asObject && ("Get-SmcSession -Id " + p.Id).StartsWith(word, StringComparison.OrdinalIgnoreCase)))
            .Select(p => new CompletionResult(
                asObject ? $"(Get-SmcSession -Id {p.Id})" : p.Id,
                $"{p.Id}: {p.Session.Url}",
                CompletionResultType.ParameterValue,
                $"{p.Session}{(p.Session.User is { } user ? " as " + user : string.Empty)}{(p.Session.IsDefault ? ", the default" : string.Empty)}"))
            .ToList();
    }
}
