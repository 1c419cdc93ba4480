using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Protocol;
using SmcMonitoring.Session;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Notifications;

/// <summary>
/// The notification socket of one session (PROTOCOL.md section 9): subscribes each context on one socket, then reads
/// events on a background task and raises <see cref="ElementChanged"/> for each. Its thread only raises .NET events;
/// PowerShell's event manager carries them to the runspace. A dropped socket is reopened with bounded exponential
/// backoff and every context subscribed again; the SMC has no replay, so <see cref="StatusChanged"/> warns that
/// changes during the gap may be missing.
/// </summary>
public sealed class NotificationChannel : IDisposable
{
    /// <summary>The socket path, relative to the API version.</summary>
    public const string SocketPath = "notification/socket";

    private static readonly TimeSpan SubscribeTimeout = TimeSpan.FromSeconds(15);
    private readonly SmcSession _session;
    private readonly ReconnectPolicy _reconnect;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<int, string> _contextBySubscription = new();
    private SmcSocket? _socket;
    private Task? _loop;
    private int _disposed;

    /// <summary>Creates a channel for <paramref name="contexts"/> (entry-point names; <c>*</c> or an empty string for all).</summary>
    public NotificationChannel(SmcSession session, IReadOnlyList<string> contexts, ReconnectPolicy reconnect)
    {
        _session = session;
        Contexts = contexts.Count == 0 ? new[] { string.Empty } : contexts;
        _reconnect = reconnect;
    }

    /// <summary>Raised, on a background thread, for every element change the SMC notifies.</summary>
    public event EventHandler<SmcElementChangedEventArgs>? ElementChanged;

    /// <summary>Raised, on a background thread, when the connection drops, comes back or gives up.</summary>
    public event EventHandler<NotificationStatusEventArgs>? StatusChanged;

    /// <summary>The contexts, one subscription each.</summary>
    public IReadOnlyList<string> Contexts { get; }

    /// <summary>The session the channel belongs to.</summary>
    public SmcSession Session => _session;

    /// <summary>The subscription ids the SMC gave, by context.</summary>
    public IReadOnlyDictionary<string, int> SubscriptionIds
    {
        get { lock (_contextBySubscription) { return _contextBySubscription.ToDictionary(p => p.Value, p => p.Key); } }
    }

    /// <summary>Events received so far.</summary>
    public long EventCount => Interlocked.Read(ref _eventCount);

    private long _eventCount;

    /// <summary>True while the read loop runs (until disposed, or the SMC is gone for good).</summary>
    public bool IsRunning => _loop != null && !_loop.IsCompleted;

    /// <summary>Opens the socket and subscribes every context, then starts reading in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ConnectAndSubscribeAsync(cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(ReadLoopAsync);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) { return; }
        _stop.Cancel();
        var socket = _socket;
        if (socket != null)
        {
            try { socket.CloseAsync(TimeSpan.FromSeconds(1)).Wait(TimeSpan.FromSeconds(2)); }
            catch (AggregateException) { }
            socket.Abort();
        }
        // The loop may be dispatching the last message from the socket's buffer: let it end before the buffers go.
        try { _loop?.Wait(TimeSpan.FromSeconds(3)); }
        catch (AggregateException) { }
        socket?.Dispose();
        _socket?.Dispose();
        _session.Untrack(this);
        _stop.Dispose();
    }

    private async Task ConnectAndSubscribeAsync(CancellationToken cancellationToken)
    {
        var socket = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_contextBySubscription) { _contextBySubscription.Clear(); }
            foreach (var context in Contexts)
            {
                var request = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string> { ["context"] = context }));
                await socket.SendAsync(new ArraySegment<byte>(request), cancellationToken).ConfigureAwait(false);
            }
            // Answers may come in any order (PROTOCOL.md 9.1): correlate by the echoed context, else by order.
            var pending = Contexts.ToList();
            while (pending.Count > 0)
            {
                var outcome = await socket.ReceiveAsync(SubscribeTimeout, cancellationToken).ConfigureAwait(false);
                if (outcome == ReceiveOutcome.Cancelled) { throw new OperationCanceledException(cancellationToken); }
                if (outcome != ReceiveOutcome.Message)
                {
                    throw SmcErrors.NotificationSubscribeTimeout.Create($"The SMC at {_session.Url} did not confirm the notification subscription for '{string.Join("', '", pending)}' ({outcome}).");
                }
                var message = NotificationMessage.Parse(socket.Message);
                if (message.Failure != null)
                {
                    throw SmcErrors.NotificationSubscribeFailed.Create($"The SMC refused the notification subscription for '{string.Join("', '", pending)}': {message.Failure}", message.Failure);
                }
                if (message.Success is null || !message.HasSubscriptionId) { continue; }
                var context = message.Context != null && pending.Contains(message.Context) ? message.Context : pending[0];
                pending.Remove(context);
                lock (_contextBySubscription) { _contextBySubscription[message.SubscriptionId] = context; }
            }
            _socket = socket;
            // The session tracks the channel, not its socket: logging out must stop the channel, not make it reconnect.
            _session.Untrack(socket);
            _session.Track(this);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<SmcSocket> ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await SmcSocket.ConnectAsync(_session, SocketPath, 16 * 1024 * 1024, cancellationToken).ConfigureAwait(false);
        }
        catch (SmcException ex) when (ex.Error == SmcErrors.SocketUnauthorized)
        {
            await _session.ReconnectAsync(cancellationToken).ConfigureAwait(false);
            return await SmcSocket.ConnectAsync(_session, SocketPath, 16 * 1024 * 1024, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReadLoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            string? lost = null;
            try
            {
                var outcome = await _socket!.ReceiveAsync(Timeout.InfiniteTimeSpan, token).ConfigureAwait(false);
                if (outcome == ReceiveOutcome.Cancelled) { return; }
                if (outcome == ReceiveOutcome.Message) { Dispatch(_socket.Message); }
                else { lost = "the SMC closed the notification socket"; }
            }
            catch (SmcException ex) when (ex.Kind == SmcErrorKind.Connection)
            {
                lost = ex.Message;
            }
            catch (SmcException ex)
            {
                Status("Ignored a notification message: " + ex.Message);
            }
            if (lost != null && !await ReconnectAsync(lost, token).ConfigureAwait(false)) { return; }
        }
    }

    private void Dispatch(ArraySegment<byte> utf8)
    {
        var message = NotificationMessage.Parse(utf8);
        if (message.Events.Count == 0) { return; }
        var raw = NotificationMessage.TextOf(utf8);
        string context;
        lock (_contextBySubscription) { context = _contextBySubscription.TryGetValue(message.SubscriptionId, out var known) ? known : string.Empty; }
        foreach (var (type, element) in message.Events)
        {
            Interlocked.Increment(ref _eventCount);
            ElementChanged?.Invoke(this, new SmcElementChangedEventArgs(message.SubscriptionId, context, type, element, DateTime.Now, raw));
        }
    }

    private async Task<bool> ReconnectAsync(string reason, CancellationToken token)
    {
        _socket?.Dispose();
        _session.Untrack(this);
        if (_reconnect.MaxAttempts <= 0)
        {
            Status($"Notifications from {_session.Url} stopped: {reason}. Reconnection is off (-NoReconnect).");
            return false;
        }
        for (var attempt = 1; attempt <= _reconnect.MaxAttempts; attempt++)
        {
            var delay = _reconnect.DelayBefore(attempt);
            Status($"Notifications from {_session.Url} were interrupted ({reason}); reconnecting in {delay.TotalSeconds:0.#} s (attempt {attempt} of {_reconnect.MaxAttempts}).");
            try
            {
                await Task.Delay(delay, token).ConfigureAwait(false);
                await ConnectAndSubscribeAsync(token).ConfigureAwait(false);
                Status($"Notifications from {_session.Url} resumed. Element changes made while disconnected may be missing: the SMC does not replay them.");
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            catch (SmcException ex)
            {
                reason = ex.Message;
            }
        }
        Status($"Notifications from {_session.Url} stopped after {_reconnect.MaxAttempts} failed reconnection attempts: {reason}");
        return false;
    }

    /// <summary>Raises <see cref="StatusChanged"/> with a message (also used by consumers that drop events).</summary>
    internal void Status(string message) => StatusChanged?.Invoke(this, new NotificationStatusEventArgs(message));
}
