using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SmcMonitoring.Session;
using SmcMonitoring.Errors;

using SmcMonitoring.Notifications;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Logs out of SMC sessions and closes their sockets.</para>
/// <para type="description">Disconnect-SmcSession closes every websocket of a session (stopping its queries), ends its notification subscriptions (Register-SmcNotification), logs out of the SMC and forgets the session in this runspace. Without parameters it disconnects the default session; -Session takes session objects (also from the pipeline), -Id the ids Get-SmcSession shows, and -All every session of this runspace. A session that several Connect-SmcSession calls returned (the same SMC and identity) stays connected until each of them has been matched by a disconnect, so a script that connects and disconnects does not log out the session of the shell that ran it; -All logs out at once. It supports -WhatIf and -Confirm. Removing the module disconnects every session of the runspace.</para>
/// </summary>
/// <example>
/// <code>Disconnect-SmcSession</code>
/// <para>Logs out of the default session.</para>
/// </example>
/// <example>
/// <code>Disconnect-SmcSession -Id 2, 3</code>
/// <para>Logs out of sessions 2 and 3 (the Id column of Get-SmcSession).</para>
/// </example>
/// <example>
/// <code>Disconnect-SmcSession -All -WhatIf</code>
/// <para>Shows which sessions -All would log out of, without logging out.</para>
/// </example>
/// <example>
/// <code>Get-SmcSession | Where-Object Url -like '*lab*' | Disconnect-SmcSession</code>
/// <para>Logs out of the sessions of the lab SMCs.</para>
/// </example>
/// <example>
/// <code>$s = Connect-SmcSession -Url https://smc.example:8082 -ApiKey $key
/// try { Get-SmcLog -Session $s } finally { Disconnect-SmcSession -Session $s }</code>
/// <para>Always logs out, even when the query fails.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso cref="ConnectSmcSessionCommand"/>
/// <seealso cref="GetSmcSessionCommand"/>
[Cmdlet(VerbsCommunications.Disconnect, "SmcSession", DefaultParameterSetName = SessionSet, SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class DisconnectSmcSessionCommand : SmcCmdlet
{
    private const string SessionSet = "Session";
    private const string IdSet = "Id";
    private const string AllSet = "All";

    /// <summary>
    /// <para type="description">The sessions to log out of. Defaults to the default session of this runspace.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ParameterSetName = SessionSet)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public SmcSession[]? Session { get; set; }

    /// <summary>
    /// <para type="description">The ids of the sessions to log out of, as Get-SmcSession shows them. An id this runspace has no session with is an error.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = IdSet)]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public int[]? Id { get; set; }

    /// <summary>
    /// <para type="description">Log out of every session of this runspace.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = AllSet)]
    public SwitchParameter All { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (var session in SessionsToDisconnect())
        {
            if (!ShouldProcess(session.ToString(), "Disconnect")) { continue; }
            if (ParameterSetName != AllSet && session.IsConnected && !session.Release())
            {
                WriteVerbose($"{session} stays connected: another Connect-SmcSession of this SMC and identity returned it too ({session.Holders} left); it logs out when that one disconnects, or now with Disconnect-SmcSession -All.");
                continue;
            }
            SessionRegistry.Remove(CurrentRunspace, session);
            NotificationSubscriptions.Unsubscribe(Events, session);
            try
            {
                session.DisconnectAsync(Cancellation).GetAwaiter().GetResult();
                WriteVerbose($"Logged out: {session}.");
            }
            catch (SmcException ex)
            {
                WriteError(ToErrorRecord(ex, session));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private IEnumerable<SmcSession> SessionsToDisconnect()
    {
        var known = SessionRegistry.GetAll(CurrentRunspace);
        switch (ParameterSetName)
        {
            case AllSet:
                return known;
            case IdSet:
                foreach (var missing in Id!.Where(id => known.All(s => s.Id != id)).Distinct())
                {
                    var ids = known.Count == 0 ? "This runspace has no sessions." : $"Its sessions have the ids {string.Join(", ", known.Select(s => s.Id))}.";
                    WriteError(ToErrorRecord(SmcErrors.SessionNotFound.Create($"There is no SMC session with id {missing} (-Id) in this runspace. {ids}"), missing));
                }
                return known.Where(s => Id!.Contains(s.Id));
            default:
                if (Session != null) { return Session; }
                if (SessionRegistry.GetDefault(CurrentRunspace) is { } current) { return new[] { current }; }
                WriteError(ToErrorRecord(SmcErrors.SessionNotFound.Create("There is no SMC session to disconnect. Connect-SmcSession opens one."), null));
                return Array.Empty<SmcSession>();
        }
    }
}
