using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

using SmcMonitoring.Fields;
using SmcMonitoring.Queries;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// Completes field names for -Field from the catalog: property names first, tool tips with the id and meaning. For a
/// session-monitor cmdlet it offers only the fields that monitor is known to carry (any log field is still accepted,
/// with a warning).
/// </summary>
internal sealed class FieldNameCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var monitor = SessionMonitorCommands.MonitorOf(commandName);
        return FieldCatalog.Default.Fields
            .Where(f => monitor is null || monitor.Carries(f.Id))
            .Where(f => f.Property.StartsWith(word, StringComparison.OrdinalIgnoreCase) || f.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Property, StringComparer.OrdinalIgnoreCase)
            .Select(f => new CompletionResult(f.Property, f.Property, CompletionResultType.ParameterValue, $"{f.Id} {f.Name}: {f.Meaning}"));
    }
}

/// <summary>The session monitor behind each session-monitor cmdlet, by command name.</summary>
internal static class SessionMonitorCommands
{
    private static readonly Dictionary<string, SessionMonitor> ByCommand = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Get-SmcConnection"] = SessionMonitor.Connections,
        ["Get-SmcBlocklist"] = SessionMonitor.BlockList,
        ["Get-SmcRoute"] = SessionMonitor.Routing,
        ["Get-SmcUser"] = SessionMonitor.Users,
        ["Get-SmcSslVpnUser"] = SessionMonitor.SslVpnUsers,
        ["Get-SmcVpnSa"] = SessionMonitor.VpnSa,
        ["Get-SmcAlert"] = SessionMonitor.ActiveAlerts,
        ["Get-SmcNeighbor"] = SessionMonitor.Neighbors,
    };

    /// <summary>The monitor of <paramref name="commandName"/> (with or without a module prefix), or null.</summary>
    public static SessionMonitor? MonitorOf(string? commandName)
    {
        if (commandName is null) { return null; }
        var name = commandName.Substring(commandName.LastIndexOf('\\') + 1);
        return ByCommand.TryGetValue(name, out var monitor) ? monitor : null;
    }
}
