using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using SmcMonitoring.Notifications;
using SmcMonitoring.Protocol;
using SmcMonitoring.Session;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Streams SMC element changes to the pipeline, for scripts that do not want PowerShell events.</para>
/// <para type="description">Get-SmcNotification subscribes like Register-SmcNotification and writes each change as an SmcElementChangedEventArgs (SubscriptionId, Context, Action, Href, ElementType, ElementId, ReceivedAt, RawMessage) until -Count changes arrived, -TimeoutSec passed or you press Ctrl+C; the socket then closes. A dropped socket is reopened with bounded exponential backoff (with a warning that changes during the gap may be missing) unless -NoReconnect is given. At most -MaxQueuedEvents changes wait for a slow pipeline; older ones are dropped, with a warning.</para>
/// </summary>
/// <example>
/// <code>Get-SmcNotification -Context host -Count 1</code>
/// <para>Waits for the next change of a host element (the reference client's Notification('host').notify()).</para>
/// </example>
/// <example>
/// <code>Get-SmcNotification -Context network, host, iprange -TimeoutSec 300 | Export-Csv changes.csv</code>
/// <para>Records five minutes of changes to networks, hosts and address ranges, each context with its own subscription id.</para>
/// </example>
/// <example>
/// <code>Get-SmcNotification -Context '*' | Where-Object Action -eq Delete | ForEach-Object { Write-Warning "Deleted: $($_.Href)" }</code>
/// <para>Warns about every deleted element until Ctrl+C.</para>
/// </example>
/// <seealso href="about_SmcMonitoring_Notifications">about_SmcMonitoring_Notifications</seealso>
/// <seealso cref="RegisterSmcNotificationCommand"/>
[Cmdlet(VerbsCommon.Get, "SmcNotification")]
[OutputType(typeof(SmcElementChangedEventArgs))]
public sealed class GetSmcNotificationCommand : SmcCmdlet
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// <para type="description">The element types to watch: entry-point names such as host, network or single_fw; '*' (the default) for all. Each value gets its own subscription id.</para>
    /// </summary>
    [Parameter(Position = 0)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(ContextCompleter))]
    public string[] Context { get; set; } = { "*" };

    /// <summary>
    /// <para type="description">Stop after this many changes.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Count { get; set; }

    /// <summary>
    /// <para type="description">Stop after this many seconds.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; }

    /// <summary>
    /// <para type="description">The session whose SMC to watch. Defaults to the default session of this runspace.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public SmcSession? Session { get; set; }

    /// <summary>
    /// <para type="description">Do not reopen a dropped notification socket: the stream then ends, with a warning.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter NoReconnect { get; set; }

    /// <summary>
    /// <para type="description">The most changes that wait for a slow pipeline; older ones are dropped, with a warning. Defaults to 10000.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MaxQueuedEvents { get; set; } = 10000;

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var session = ResolveSession(Session);
        var queue = new ConcurrentQueue<object>();
        long dropped = 0;
        using var arrived = new System.Threading.SemaphoreSlim(0);
        using var channel = new NotificationChannel(session, Context.Select(c => c.Trim()).ToList(), NoReconnect ? ReconnectPolicy.None : new ReconnectPolicy());
        channel.ElementChanged += (_, change) => Enqueue(change);
        channel.StatusChanged += (_, status) => Enqueue(status);
        try
        {
            channel.StartAsync(Cancellation).GetAwaiter().GetResult();
        }
        catch (SmcException ex)
        {
            ThrowTerminatingError(ToErrorRecord(ex, Context));
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }
        WriteVerbose(RegisterSmcNotificationCommand.SubscribedText(channel));
        var clock = Stopwatch.StartNew();
        var written = 0;
        while (!Cancellation.IsCancellationRequested)
        {
            var left = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) - clock.Elapsed : Poll;
            if (left <= TimeSpan.Zero) { break; }
            try
            {
                arrived.Wait(left < Poll ? left : Poll, Cancellation);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            while (queue.TryDequeue(out var item))
            {
                if (item is NotificationStatusEventArgs status)
                {
                    WriteWarning(status.Message);
                    continue;
                }
                WriteObject(item);
                if (Count > 0 && ++written >= Count) { return; }
            }
            if (System.Threading.Interlocked.Exchange(ref dropped, 0) is var lost && lost > 0)
            {
                WriteWarning($"{lost} SMC notification events were dropped because the pipeline did not keep up (-MaxQueuedEvents {MaxQueuedEvents}).");
            }
            if (!channel.IsRunning) { break; }
        }

        void Enqueue(object item)
        {
            queue.Enqueue(item);
            while (queue.Count > MaxQueuedEvents && queue.TryDequeue(out _)) { System.Threading.Interlocked.Increment(ref dropped); }
            arrived.Release();
        }
    }
}
