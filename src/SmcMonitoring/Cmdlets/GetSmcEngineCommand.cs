using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SmcMonitoring.Errors;
using SmcMonitoring.Session;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets the engines (firewalls, clusters, virtual engines) of the SMC.</para>
/// <para type="description">Get-SmcEngine lists the engines the SMC knows, from its engine_clusters search: each SmcEngine has the Name that every -Engine parameter takes, the element Type (single_fw, fw_cluster, virtual_fw ...) and the Href of the engine element. Without -Name it lists every engine, sorted by name; -Name takes names or wildcard patterns. A name without wildcards that matches no engine is an error that names the three closest engine names. The session keeps the list it read: Tab completion of -Engine offers these names, and every cmdlet with -Engine checks its names against them before it opens a socket (reading the list again once when a name is missing, as engines can be added while a script runs). Get-SmcEngine always asks the SMC, so it also refreshes that list. Engines bind from the pipeline by Name into the cmdlets that take -Engine.</para>
/// </summary>
/// <example>
/// <code>Get-SmcEngine</code>
/// <para>Lists every engine of the SMC, with its type and href.</para>
/// </example>
/// <example>
/// <code>Get-SmcEngine -Name 'fw-*' | Get-SmcBlocklist</code>
/// <para>The block lists of every engine whose name starts with fw-: engines bind to -Engine by their Name.</para>
/// </example>
/// <example>
/// <code>Get-SmcEngine | Where-Object Type -eq 'fw_cluster' | Select-Object -ExpandProperty Name</code>
/// <para>The names of the firewall clusters.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso cref="GetSmcConnectionCommand"/>
/// <seealso cref="AddSmcBlocklistEntryCommand"/>
[Cmdlet(VerbsCommon.Get, "SmcEngine")]
[OutputType(typeof(SmcEngine))]
public sealed class GetSmcEngineCommand : SmcCmdlet
{
    private readonly List<string> _names = new();

    /// <summary>
    /// <para type="description">Engine names or wildcard patterns (fw-*, *cluster*); matched ignoring case. Without it, every engine.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    /// <summary>
    /// <para type="description">The session whose SMC to ask. Defaults to the most recent session of Connect-SmcSession in this runspace.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public SmcSession? Session { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (Name != null) { _names.AddRange(Name); }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var session = ResolveSession(Session);
        IReadOnlyList<SmcEngine> engines;
        try
        {
            engines = session.Engines.RefreshAsync(Cancellation).GetAwaiter().GetResult();
        }
        catch (SmcException ex)
        {
            ThrowTerminatingError(ToErrorRecord(ex, session));
            return;
        }
        var sorted = engines.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToList();
        if (_names.Count == 0)
        {
            foreach (var engine in sorted) { WriteObject(engine); }
            return;
        }
        var written = new HashSet<SmcEngine>();
        foreach (var name in _names)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            var matches = sorted.Where(e => pattern.IsMatch(e.Name)).ToList();
            foreach (var engine in matches.Where(written.Add)) { WriteObject(engine); }
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                var closest = sorted.Count == 0 ? "the SMC lists no engines" : "closest engine names: " + string.Join(", ", ClosestEngineNames(sorted, name));
                WriteError(ToErrorRecord(SmcErrors.EngineNotFound.Create($"Cannot find an engine named '{name}' (-Name) on the SMC at {session.Url}; {closest}."), name));
            }
        }
    }
}
