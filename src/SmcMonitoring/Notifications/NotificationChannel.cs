using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Errors;
using SmcMonitoring.Protocol;
using SmcMonitoring.Session;

namespace SmcMonitoring.Notifications;

/// <summary>
/// The notification socket of one session (docs/protocol.md 9): subscribes each context on one socket, then reads
/// events on a background task and raises <see cref="ElementChanged"/> for each. The SMC's acknowledgement of a
/// subscription is not required: events that come before it, or without it, are delivered, and subscription ids are
/// taken from acknowledgements when they come. Its thread only raises .NET events; PowerShell's event manager carries
/// them to the runspace. A dropped socket is reopened (<see cref="Reconnector"/>) and every context subscribed again;
/// the SMC has no replay, so <see cref="StatusChanged"/> warns that changes during the gap may be missing.
/// Public because it is the <c>SourceObject</c> of the event subscribers <c>Register-SmcNotification</c> makes, which
/// scripts select by type; it is made only by the cmdlet.
/// </summary>
public sealed class NotificationChannel : IDisposable
{
    /// <summary>The socket path, relative to the API version.</summary>
    internal const string SocketPath = "notification/socket";

    /// <summary>How long starting waits for the acknowledgements (or a refusal) before going on without them.</summary>
    internal static readonly TimeSpan AcknowledgementWait = TimeSpan.FromSeconds(3);

    private readonly SmcSession _session;
    private readonly ReconnectPolicy _reconnect;
    private readonly IClock _clock;
    private readonly Func<CancellationToken, Task<IMessageSource>> _open;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<int, string> _contextBySubscription = new();
    private readonly object _lock = new();
    private List<string> _unacknowledged = new();
    private TaskCompletionSource<string?>? _answers;
    private IMessageSource? _source;
    private Task? _loop;
    private long _eventCount;
    private int _disposed;

    /// <summary>Creates a channel for <paramref name="contexts"/> (entry-point names; <c>*</c> or an empty string for all).</summary>
    internal NotificationChannel(SmcSession session, IReadOnlyList<string> contexts, ReconnectPolicy reconnect, IClock? clock = null, Func<CancellationToken, Task<IMessageSource>>? open = null)
    {
        _session = session;
        Contexts = contexts.Count == 0 ? new[] { string.Empty } : contexts;
        _reconnect = reconnect;
        _clock = clock ?? SystemClock.Instance;
        _open = open ?? (token => SocketOpener.OpenAsync(session, SocketPath, token));
    }

    /// <summary>Raised, on a background thread, for every element change the SMC notifies.</summary>
    public event EventHandler<SmcElementChangedEventArgs>? ElementChanged;

    /// <summary>Raised, on a background thread, when the connection drops, comes back or gives up, or a message is ignored.</summary>
    public event EventHandler<NotificationStatusEventArgs>? StatusChanged;

    /// <summary>The contexts, one subscription each.</summary>
    public IReadOnlyList<string> Contexts { get; }

    /// <summary>The session the channel belongs to.</summary>
    public SmcSession Session => _session;

    /// <summary>The subscription ids the SMC gave, by context (those it acknowledged so far).</summary>
    public IReadOnlyDictionary<string, int> SubscriptionIds
    {
        get { lock (_lock) { return _contextBySubscription.ToDictionary(p => p.Value, p => p.Key); } }
    }

    /// <summary>Events received so far.</summary>
    public long EventCount => Interlocked.Read(ref _eventCount);

    /// <summary>True while the read loop runs (until disposed, or the SMC is gone for good).</summary>
    public bool IsRunning => _loop != null && !_loop.IsCompleted;

    /// <summary>
    /// Opens the socket, subscribes every context and starts reading. Waits at most
    /// <see cref="AcknowledgementWait"/> for the SMC's answers, so that a refused context is an error here; events
    /// are delivered meanwhile. Cancelling (Ctrl+C) stops it and closes the socket.
    /// </summary>
    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        var answers = await ConnectAndSubscribeAsync(cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(ReadLoopAsync);
        await AwaitAnswersAsync(answers, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits at most <see cref="AcknowledgementWait"/> for the SMC's answers; a refusal is an error.</summary>
    private async Task AwaitAnswersAsync(TaskCompletionSource<string?> answers, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = _clock.Delay(AcknowledgementWait, wait.Token);
        try
        {
            await Task.WhenAny(answers.Task, timer).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            wait.Cancel();
        }
        if (answers.Task.IsCompleted && answers.Task.Result is { } failure)
        {
            throw SmcErrors.NotificationSubscribeFailed.Create($"The SMC refused the notification subscription for '{string.Join("', '", Contexts)}': {failure}", failure);
        }
    }

    /// <summary>The contexts the SMC has not acknowledged yet.</summary>
    internal IReadOnlyList<string> Unacknowledged
    {
        get { lock (_lock) { return _unacknowledged.ToList(); } }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) { return; }
        _stop.Cancel();
        var source = _source;
        if (source != null)
        {
            try { source.CloseAsync(CancellationToken.None).Wait(TimeSpan.FromSeconds(1)); }
            catch (AggregateException) { }
            source.Abort();
        }
        try { _loop?.Wait(TimeSpan.FromSeconds(3)); }
        catch (AggregateException) { }
        Backlog?.Dispose();
        _source?.Dispose();
        _session.Untrack(this);
    }

    private async Task<TaskCompletionSource<string?>> ConnectAndSubscribeAsync(CancellationToken cancellationToken)
    {
        var source = await _open(cancellationToken).ConfigureAwait(false);
        var answers = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            lock (_lock)
            {
                _contextBySubscription.Clear();
                _unacknowledged = Contexts.ToList();
                _answers = answers;
            }
            foreach (var context in Contexts)
            {
                var request = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string> { ["context"] = context }));
                await source.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            source.Dispose();
            throw;
        }
        _source = source;
        // The session tracks the channel, not its socket: logging out must stop the channel, not make it reconnect.
        _session.Untrack(source);
        _session.Track(this);
        return answers;
    }

    private async Task ReadLoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            ReceivedMessage? message = null;
            string? lost = null;
            try
            {
                message = await _source!.ReceiveAsync().ConfigureAwait(false);
                lost = message is null ? "the SMC closed the notification socket" : null;
            }
            catch (SmcException ex) when (ex.Error == SmcErrors.MessageTooLarge)
            {
                Status("Ignored a notification message: " + ex.Message);
                continue;
            }
            catch (SmcException ex)
            {
                lost = ex.Message;
            }
            if (token.IsCancellationRequested)
            {
                message?.Dispose();
                return;
            }
            if (message != null)
            {
                using (message) { Dispatch(message); }
                continue;
            }
            if (!_session.IsConnected)
            {
                Status($"Notifications from {_session.Url} stopped: the session was disconnected.");
                return;
            }
            if (!await ReconnectAsync(lost!, token).ConfigureAwait(false)) { return; }
        }
    }

    private void Dispatch(ReceivedMessage received)
    {
        NotificationMessage message;
        try
        {
            message = NotificationMessage.Parse(received.Memory);
        }
        catch (SmcException ex)
        {
            Status("Ignored a notification message: " + ex.Message);
            return;
        }
        if (message.Failure != null || message.Success != null) { Acknowledge(message); }
        if (message.Events.Count == 0) { return; }
        var raw = NotificationMessage.TextOf(received.Memory);
        var context = ContextOf(message.SubscriptionId);
        foreach (var (type, element) in message.Events)
        {
            Interlocked.Increment(ref _eventCount);
            var change = new SmcElementChangedEventArgs(message.SubscriptionId, context, type, element, DateTime.Now, raw);
            if (Backlog is { } backlog) { backlog.Offer(change); }
            else { Raise(change); }
        }
    }

    /// <summary>When set (an <c>-Action</c> subscription), events go through it, bounded, instead of straight to <see cref="ElementChanged"/>.</summary>
    internal ActionBacklog? Backlog { get; set; }

    /// <summary>Raises <see cref="ElementChanged"/> for one change.</summary>
    internal void Raise(SmcElementChangedEventArgs change) => ElementChanged?.Invoke(this, change);

    /// <summary>Records a subscription answer: its id for its context (the echoed one, else the oldest unanswered), or a refusal.</summary>
    private void Acknowledge(NotificationMessage message)
    {
        TaskCompletionSource<string?>? done = null;
        string? failure = null;
        lock (_lock)
        {
            if (message.Failure != null)
            {
                failure = message.Failure;
                done = _answers;
            }
            else if (message.HasSubscriptionId && _unacknowledged.Count > 0)
            {
                var context = message.Context != null && _unacknowledged.Contains(message.Context) ? message.Context : _unacknowledged[0];
                _unacknowledged.Remove(context);
                _contextBySubscription[message.SubscriptionId] = context;
                if (_unacknowledged.Count == 0) { done = _answers; }
            }
        }
        if (done is null) { return; }
        if (!done.TrySetResult(failure) && failure != null) { Status($"The SMC refused a notification subscription: {failure}"); }
    }

    private string ContextOf(int subscriptionId)
    {
        lock (_lock)
        {
            if (_contextBySubscription.TryGetValue(subscriptionId, out var known)) { return known; }
            // Not acknowledged (yet): with one context there is no doubt; else ids follow the order of the subscriptions.
            return Contexts.Count == 1 ? Contexts[0] : subscriptionId >= 0 && subscriptionId < Contexts.Count ? Contexts[subscriptionId] : string.Empty;
        }
    }

    private async Task<bool> ReconnectAsync(string reason, CancellationToken token)
    {
        _source?.Dispose();
        _session.Untrack(this);
        try
        {
            var answers = await Reconnector.ReopenAsync(ConnectAndSubscribeAsync, _reconnect, _clock, null, $"Notifications from {_session.Url}", reason, Status, token).ConfigureAwait(false);
            // The loop reads the answers: wait for them on another task, so that this loop goes on reading.
            _ = Task.Run(async () =>
            {
                try
                {
                    await AwaitAnswersAsync(answers, token).ConfigureAwait(false);
                    Status($"Notifications from {_session.Url} resumed. Element changes made while disconnected may be missing: the SMC does not replay them.");
                }
                catch (SmcException ex)
                {
                    Status(ex.Message);
                }
                catch (OperationCanceledException)
                {
                    // Disposed meanwhile.
                }
            }, token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SmcException ex)
        {
            Status(ex.Message);
            return false;
        }
    }

    /// <summary>Raises <see cref="StatusChanged"/> with a message (also used by consumers that drop events).</summary>
    internal void Status(string message) => StatusChanged?.Invoke(this, new NotificationStatusEventArgs(message));
}
