using System;
using System.Linq;
using System.Management.Automation;
using Microsoft.PowerShell.Commands;
using SmcMonitoring.Notifications;
using SmcMonitoring.Protocol;
using SmcMonitoring.Session;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Subscribes to SMC element changes (created, updated, deleted, ...) as PowerShell events.</para>
/// <para type="description">Register-SmcNotification opens the SMC's notification socket, subscribes each -Context (entry-point names such as host, network, single_fw; '*' for every element type) with its own subscription id, and turns every change into a PowerShell event, exactly as Register-ObjectEvent does for .NET events: -SourceIdentifier, -Action, -MessageData, -SupportEvent, -Forward and -MaxTriggerCount behave the same, events wait in the queue for Get-Event, Wait-Event and Remove-Event, -Action returns the PSEventJob, Get-EventSubscriber lists the subscription and Unregister-Event closes its socket. $Event.SourceEventArgs (and $EventArgs in an action) is an SmcElementChangedEventArgs: SubscriptionId, Context, Action, Href, ElementType, ElementId, ReceivedAt and the raw message. A dropped socket is reopened with bounded exponential backoff and the contexts are subscribed again, with a warning that changes during the gap may be missing (the SMC has no replay); -NoReconnect turns that off. At most -MaxQueuedEvents events of the subscription wait in the queue, or wait for a slow -Action: when nobody reads them, or the action falls behind, the oldest are dropped, with a warning that counts them.</para>
/// </summary>
/// <example>
/// <code>Register-SmcNotification -Context host, network -SourceIdentifier SmcChanges
/// Wait-Event -SourceIdentifier SmcChanges | ForEach-Object { $_.SourceEventArgs }</code>
/// <para>Waits for the next change of a host or a network and shows it.</para>
/// </example>
/// <example>
/// <code>Register-SmcNotification -Context single_fw -Action { Write-Host "$($EventArgs.Action) $($EventArgs.Href)" }</code>
/// <para>Prints every change of a single firewall as it happens; the command returns the event job.</para>
/// </example>
/// <example>
/// <code>Register-SmcNotification -Context layer2_policy -SourceIdentifier PolicyChanged -MaxTriggerCount 1
/// $change = Wait-Event PolicyChanged -Timeout 600</code>
/// <para>Waits up to ten minutes for one policy change; the subscription then ends by itself.</para>
/// </example>
/// <example>
/// <code>Get-EventSubscriber | Where-Object SourceObject -is [SmcMonitoring.Notifications.NotificationChannel] | Unregister-Event</code>
/// <para>Ends every SMC notification subscription of the runspace and closes their sockets.</para>
/// </example>
/// <seealso href="about_SmcMonitoring_Notifications">about_SmcMonitoring_Notifications</seealso>
/// <seealso cref="GetSmcNotificationCommand"/>
[Cmdlet(VerbsLifecycle.Register, "SmcNotification")]
[OutputType(typeof(PSEventJob))]
public sealed class RegisterSmcNotificationCommand : ObjectEventRegistrationBase
{
    private readonly System.Threading.CancellationTokenSource _stopping = new();
    private NotificationChannel? _channel;

    /// <summary>
    /// <para type="description">The element types to watch: entry-point names such as host, network, router, single_fw or layer2_policy; '*' (the default) for all. Each value gets its own subscription id; one value may also list several names separated by commas.</para>
    /// </summary>
    [Parameter(Position = 0)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(ContextCompleter))]
    public string[] Context { get; set; } = { "*" };

    /// <summary>
    /// <para type="description">The session whose SMC to watch. Defaults to the default session of this runspace.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public SmcSession? Session { get; set; }

    /// <summary>
    /// <para type="description">Do not reopen a dropped notification socket: the subscription then stops receiving, with a warning.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter NoReconnect { get; set; }

    /// <summary>
    /// <para type="description">The most events of this subscription that wait in the event queue, or wait for -Action to handle them; older ones are dropped, with a warning. Defaults to 10000.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MaxQueuedEvents { get; set; } = 10000;

    /// <inheritdoc/>
    protected override object GetSourceObject() => _channel!;

    /// <inheritdoc/>
    protected override string GetSourceObjectEventName() => nameof(NotificationChannel.ElementChanged);

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var session = SmcCmdlet.FindSession(Session, out var problem);
        if (problem != null)
        {
            ThrowTerminatingError(problem);
            return;
        }
        var channel = new NotificationChannel(session!, Context.Select(c => c.Trim()).ToList(), NoReconnect ? ReconnectPolicy.None : new ReconnectPolicy());
        try
        {
            WriteVerbose($"Subscribing to '{string.Join("', '", channel.Contexts)}' on {session!.SocketUri(NotificationChannel.SocketPath)}.");
            channel.StartAsync(_stopping.Token).GetAwaiter().GetResult();
        }
        catch (SmcException ex)
        {
            channel.Dispose();
            ThrowTerminatingError(ErrorRecords.From(ex, Context));
            return;
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C while subscribing.
            channel.Dispose();
            return;
        }
        // An action that falls behind must not grow PowerShell's action queue without bound: events wait in a capped backlog.
        var backlog = Action is null ? null : new ActionBacklog(MaxQueuedEvents, channel.Raise, dropped => channel.Status(
            $"The -Action of SMC notification events is slower than the SMC: {dropped} of the oldest waiting events were dropped so that at most {MaxQueuedEvents} wait for it (-MaxQueuedEvents). Make the action faster, or narrow -Context."));
        channel.Backlog = backlog;
        _channel = channel;
        base.EndProcessing();
        var subscriber = Events.Subscribers.FirstOrDefault(s => ReferenceEquals(s.SourceObject, channel) && s.EventName == GetSourceObjectEventName());
        if (subscriber is null)
        {
            channel.Dispose();
            return;
        }
        // Runs after the actions of each group of events handed on (PowerShell runs actions in order) and lets the next group through.
        var passed = backlog is null ? null : Events.SubscribeEvent(backlog, nameof(ActionBacklog.Passed), subscriber.SourceIdentifier + ".Backlog",
            PSObject.AsPSObject(new System.Action(backlog.Done)), ScriptBlock.Create("$Event.MessageData.Invoke()"), true, false);
        backlog?.Start();
        // Warnings reach the console through an event action, which runs on the pipeline thread.
        var status = Events.SubscribeEvent(channel, nameof(NotificationChannel.StatusChanged), subscriber.SourceIdentifier + ".Status", null,
            ScriptBlock.Create("$Host.UI.WriteWarningLine($EventArgs.Message)"), true, false);
        var cap = new EventQueueCap(Events, subscriber.SourceIdentifier, MaxQueuedEvents, channel);
        subscriber.Unsubscribed += (_, _) =>
        {
            cap.Dispose();
            Events.UnsubscribeEvent(status);
            if (passed != null) { Events.UnsubscribeEvent(passed); }
            channel.Dispose();
        };
        WriteVerbose(SubscribedText(channel));
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>The verbose line after subscribing: the ids the SMC gave, and the contexts it did not acknowledge.</summary>
    internal static string SubscribedText(NotificationChannel channel)
    {
        var ids = string.Join(", ", channel.SubscriptionIds.Select(p => $"'{p.Key}' = {p.Value}"));
        var pending = channel.Unacknowledged;
        return pending.Count == 0
            ? $"Subscribed: {ids}."
            : $"Subscribed: {(ids.Length == 0 ? "no acknowledgement yet" : ids)}; the SMC has not acknowledged '{string.Join("', '", pending)}' yet: its events are delivered all the same.";
    }
}
