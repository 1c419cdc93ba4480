using System;
using System.Management.Automation;
using SmcMonitoring.Session;
using SmcMonitoring.Errors;

using SmcMonitoring.Notifications;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Logs out of an SMC session and closes its sockets.</para>
/// <para type="description">Disconnect-SmcSession closes every websocket of the session (stopping its queries), ends its notification subscriptions (Register-SmcNotification), logs out of the SMC and forgets the session in this runspace. Without -Session it disconnects the default session. Removing the module disconnects every session of the runspace.</para>
/// </summary>
/// <example>
/// <code>Disconnect-SmcSession</code>
/// <para>Logs out of the default session.</para>
/// </example>
/// <example>
/// <code>Get-SmcSession | Disconnect-SmcSession</code>
/// <para>Logs out of every session of this runspace.</para>
/// </example>
/// <example>
/// <code>$s = Connect-SmcSession -Url https://smc.example:8082 -ApiKey $key
/// try { Get-SmcLog -Session $s } finally { Disconnect-SmcSession -Session $s }</code>
/// <para>Always logs out, even when the query fails.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso cref="ConnectSmcSessionCommand"/>
/// <seealso cref="GetSmcSessionCommand"/>
[Cmdlet(VerbsCommunications.Disconnect, "SmcSession")]
[OutputType(typeof(void))]
public sealed class DisconnectSmcSessionCommand : SmcCmdlet
{
    /// <summary>
    /// <para type="description">The sessions to log out of. Defaults to the default session of this runspace.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public SmcSession[]? Session { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var sessions = Session ?? (SessionRegistry.GetDefault(CurrentRunspace) is { } current ? new[] { current } : null);
        if (sessions is null)
        {
            WriteError(ToErrorRecord(SmcErrors.SessionNotFound.Create("There is no SMC session to disconnect. Connect-SmcSession opens one."), null));
            return;
        }
        foreach (var session in sessions)
        {
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
}
