using System.Management.Automation;
using SmcMonitoring.Blocklist;
using SmcMonitoring.Errors;
using SmcMonitoring.Fields;
using SmcMonitoring.Session;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Removes every block-list (blacklist) entry of SMC engines.</para>
/// <para type="description">Clear-SmcBlocklist flushes the block list of each engine: a DELETE of the engine's flush_block_list link (flush_blacklist when the session's API version is below 7.0), as the reference client's block_list_flush() does. It asks for confirmation (ConfirmImpact High) unless -Confirm:$false; -WhatIf names the engines and flushes nothing. Engine names are checked before anything is sent, and each engine fails on its own (a non-terminating error, the next engine is still flushed). Watching Get-SmcBlocklist -Live sees every entry as Deleted.</para>
/// </summary>
/// <example>
/// <code>Clear-SmcBlocklist -Engine fw-east</code>
/// <para>Removes every block-list entry of fw-east, after asking.</para>
/// </example>
/// <example>
/// <code>Clear-SmcBlocklist -Engine fw-east, fw-west -Confirm:$false</code>
/// <para>Flushes two engines without asking.</para>
/// </example>
/// <example>
/// <code>Get-SmcEngine -Name 'lab-*' | Clear-SmcBlocklist -WhatIf</code>
/// <para>Shows which engines would be flushed: engines bind by Name from Get-SmcEngine.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso cref="GetSmcBlocklistCommand"/>
/// <seealso cref="AddSmcBlocklistEntryCommand"/>
/// <seealso cref="RemoveSmcBlocklistEntryCommand"/>
[Cmdlet(VerbsCommon.Clear, "SmcBlocklist", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class ClearSmcBlocklistCommand : SmcCmdlet
{
    private SmcSession? _session;

    /// <summary>
    /// <para type="description">The engines (or clusters) to flush, by name (Tab completes them). Binds from the pipeline: strings, or objects with a Name or Engine property.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EngineNameCompleter))]
    public string[]? Engine { get; set; }

    /// <summary>
    /// <para type="description">The session of the SMC to change. Defaults to the most recent session of Connect-SmcSession in this runspace.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public SmcSession? Session { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        _session ??= ResolveSession(Session);
        foreach (var name in ValidateEngineNames(_session, Engine!))
        {
            if (!ShouldProcess(name, "Remove every block-list entry")) { continue; }
            try
            {
                var engine = _session.Engines.FindAsync(new[] { name }, Cancellation).GetAwaiter().GetResult()[0]
                    ?? throw SmcErrors.EngineNotFound.Create($"Cannot find an engine named '{name}' (-Engine) on the SMC at {_session.Url}, so its block list was not flushed. Get-SmcEngine lists every engine.");
                BlocklistActions.FlushAsync(_session, engine, Cancellation).GetAwaiter().GetResult();
            }
            catch (SmcException ex)
            {
                WriteError(ToErrorRecord(ex, name));
                continue;
            }
            WriteVerbose($"Flushed the block list of {name}.");
        }
    }
}
