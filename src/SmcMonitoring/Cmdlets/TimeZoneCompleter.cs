using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SmcMonitoring.Queries;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// Completes -TimeZone with the zone names it accepts: this system's zone ids (IANA on Linux and macOS, Windows
/// names on Windows), their other spelling where .NET knows it, and the SMC's short ids. Names that start with the
/// word come first, then names that contain it ("Chicago" finds America/Chicago).
/// </summary>
internal sealed class TimeZoneCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var names = TimeZoneNames.All();
        var starting = names.Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase));
        var containing = word.Length == 0 ? Enumerable.Empty<string>() : names.Where(n => !n.StartsWith(word, StringComparison.OrdinalIgnoreCase) && n.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);
        return starting.Concat(containing)
            .Select(n => new CompletionResult(Quoted(n), n, CompletionResultType.ParameterValue, n))
            .ToList();
    }

    private static string Quoted(string name) =>
        name.All(c => char.IsLetterOrDigit(c) || c is '/' or '_' or '-' or '+') && name[0] != '-'
            ? name
            : "'" + name.Replace("'", "''") + "'";
}
