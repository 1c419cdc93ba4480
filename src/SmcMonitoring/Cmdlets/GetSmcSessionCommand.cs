using System.Linq;
using System.Management.Automation;
using SmcMonitoring.Session;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets the SMC sessions of this runspace.</para>
/// <para type="description">Get-SmcSession lists the sessions Connect-SmcSession opened in this runspace, oldest first; the last connected one still open is the default that other cmdlets use, and its IsDefault property is True (the Default column of the table shows it). With -Default it returns only that one.</para>
/// </summary>
/// <example>
/// <code>Get-SmcSession</code>
/// <para>Lists the sessions of this runspace.</para>
/// </example>
/// <example>
/// <code>Get-SmcSession -Default | Format-List</code>
/// <para>Shows the session other cmdlets use when they get no -Session.</para>
/// </example>
/// <example>
/// <code>Get-SmcSession -Id 2 | Disconnect-SmcSession</code>
/// <para>Logs out of session 2.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso cref="ConnectSmcSessionCommand"/>
/// <seealso cref="DisconnectSmcSessionCommand"/>
[Cmdlet(VerbsCommon.Get, "SmcSession", DefaultParameterSetName = "All")]
[OutputType(typeof(SmcSession))]
public sealed class GetSmcSessionCommand : SmcCmdlet
{
    /// <summary>
    /// <para type="description">Only the sessions with these ids.</para>
    /// </summary>
    [Parameter(Position = 0, ParameterSetName = "All")]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public int[]? Id { get; set; }

    /// <summary>
    /// <para type="description">Only the default session of this runspace.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = "Default")]
    public SwitchParameter Default { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (Default)
        {
            if (SessionRegistry.GetDefault(CurrentRunspace) is { } session) { WriteObject(session); }
            return;
        }
        var sessions = SessionRegistry.GetAll(CurrentRunspace);
        foreach (var session in sessions.Where(s => Id is null || Id.Contains(s.Id))) { WriteObject(session); }
        foreach (var missing in (Id ?? new int[0]).Where(id => sessions.All(s => s.Id != id)))
        {
            WriteError(ToErrorRecord(SmcErrors.SessionNotFound.Create($"There is no SMC session with id {missing} in this runspace."), missing));
        }
    }
}
