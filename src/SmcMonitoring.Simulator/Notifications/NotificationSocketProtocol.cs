using System;
using System.Collections.Generic;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Hosting;
using SmcMonitoring.Simulator.Rest;
using SmcMonitoring.Simulator.Sockets;

namespace SmcMonitoring.Simulator.Notifications;

/// <summary>
/// The notification socket (docs/protocol.md 9): <c>{"context": "host,network"}</c> subscribes (ids 0, 1, ... per socket),
/// <c>{"unsubscribe": N}</c> ends one. Every answer and event leaves through one queue in order, and a
/// subscription takes effect where its answer sits in that queue: no event for it precedes its answer, unless
/// <see cref="SimulatorOptions.NotificationAcknowledgement"/> sends that answer after its first events, or never.
/// </summary>
internal sealed class NotificationSocketProtocol : ISocketProtocol
{
    private static readonly string ValidContexts = string.Join(", ", ElementDocuments.Collections);

    private readonly MonitoringSocket socket;
    private readonly SimulatorContext context;
    private readonly string versionBase;
    private readonly bool legacyShape;
    private readonly Channel<object> outgoing = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Subscription> subscriptions = new();
    private readonly SortedDictionary<int, List<(string Type, string Element)>> pendingEvents = new();
    private readonly Task sending;
    private IDisposable? listening;
    private int nextId;

    /// <param name="socket">The accepted socket.</param>
    /// <param name="context">The simulator.</param>
    /// <param name="versionBase">The <c>{base}/{ver}</c> the client connected to: event hrefs are under it.</param>
    /// <param name="apiVersion">The version in the URL: up to 6.5 events come as an <c>events</c> array.</param>
    public NotificationSocketProtocol(MonitoringSocket socket, SimulatorContext context, string versionBase, string apiVersion)
    {
        this.socket = socket;
        this.context = context;
        this.versionBase = versionBase;
        legacyShape = IsLegacy(apiVersion);
        sending = Task.Run(SendAllAsync);
    }

    public Task HandleAsync(string message)
    {
        try
        {
            using var document = JsonDocument.Parse(message);
            var request = document.RootElement;
            if (request.ValueKind == JsonValueKind.Object && request.TryGetProperty("context", out var contexts))
            {
                if (context.Faults.TakeBufferErrorClose())
                {
                    socket.RequestClose(WebSocketCloseStatus.MessageTooBig, MonitoringSocket.TooBigReason);
                    return Task.CompletedTask;
                }

                var faults = context.Faults;
                outgoing.Writer.TryWrite(new Func<Task>(() => FaultFrames.SendBeforeAnswerAsync(socket, faults)));
                if (faults.FailQueries is { } failure)
                {
                    outgoing.Writer.TryWrite(NotificationFailure(failure));
                    return Task.CompletedTask;
                }

                Subscribe(contexts, faults.Silent);
            }
            else if (request.ValueKind == JsonValueKind.Object && request.TryGetProperty("unsubscribe", out var id))
            {
                outgoing.Writer.TryWrite(id.TryGetInt32(out var number)
                    ? new Unsubscribe(number)
                    : NotificationFailure($"unsubscribe needs a subscription id number, not {id.GetRawText()}"));
            }
            else
            {
                outgoing.Writer.TryWrite(NotificationFailure("unknown request: expected 'context' (subscribe) or 'unsubscribe'"));
            }
        }
        catch (JsonException e)
        {
            outgoing.Writer.TryWrite(NotificationFailure($"invalid JSON: {e.Message}"));
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        listening?.Dispose();
        outgoing.Writer.TryComplete();
        await sending;
    }

    /// <summary>API versions up to 6.5 get the older <c>events</c> array; the version is compared numerically (6.10 is newer).</summary>
    public static bool IsLegacy(string apiVersion) => ApiVersionOrder.Parse(apiVersion).CompareTo((6, 5)) <= 0;

    private void Subscribe(JsonElement contexts, bool silent)
    {
        if (contexts.ValueKind != JsonValueKind.String)
        {
            outgoing.Writer.TryWrite(NotificationFailure("context must be a string: element types separated by commas, or \"\" or \"*\" for all"));
            return;
        }

        var text = contexts.GetString()!;
        HashSet<string>? types = null;
        if (text.Trim() is not ("" or "*"))
        {
            types = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in text.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!ElementChangeHub.IsContext(type))
                {
                    outgoing.Writer.TryWrite(NotificationFailure($"unknown context '{type}' (valid: {ValidContexts}; \"\" or \"*\" for all)"));
                    return;
                }

                types.Add(type);
            }
        }

        listening ??= context.ElementChanges.Listen(change => outgoing.Writer.TryWrite(change));
        outgoing.Writer.TryWrite(new Subscription(nextId++, text, silent ? new HashSet<string>() : types));
    }

    private async Task SendAllAsync()
    {
        try
        {
            var reader = outgoing.Reader;
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var item))
                {
                    if (item is ElementChange change)
                    {
                        await DeliverAsync(change);
                        continue;
                    }

                    await SendPendingEventsAsync();
                    await (item switch
                    {
                        Subscription added => AddAsync(added),
                        Unsubscribe removed => RemoveAsync(removed.Id),
                        Func<Task> injected => injected(),
                        _ => socket.SendAsync((byte[])item),
                    });
                }

                await SendPendingEventsAsync();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The socket is gone: nothing more to tell the client.
        }
    }

    private async Task DeliverAsync(ElementChange change)
    {
        var href = change.HrefUnder(versionBase);
        foreach (var subscription in subscriptions)
        {
            if (subscription.Types is not null && !subscription.Types.Contains(change.Context))
            {
                continue;
            }

            if (!legacyShape)
            {
                await socket.SendAsync(NotificationMessages.Event(subscription.Id, change.Action, href));
                await AcknowledgeLateAsync(subscription);
            }
            else if (pendingEvents.TryGetValue(subscription.Id, out var events))
            {
                events.Add((change.Action, href));
            }
            else
            {
                pendingEvents[subscription.Id] = new List<(string Type, string Element)> { (change.Action, href) };
            }
        }
    }

    /// <summary>Legacy clients get the events that arrived together in one array per subscription.</summary>
    private async Task SendPendingEventsAsync()
    {
        foreach (var (id, events) in pendingEvents)
        {
            await socket.SendAsync(NotificationMessages.Events(id, events));
            if (subscriptions.Find(s => s.Id == id) is { } subscription)
            {
                await AcknowledgeLateAsync(subscription);
            }
        }

        pendingEvents.Clear();
    }

    /// <summary>Adds a subscription and answers it, unless <see cref="SimulatorOptions.NotificationAcknowledgement"/> withholds or delays the answer.</summary>
    private Task AddAsync(Subscription subscription)
    {
        subscriptions.Add(subscription);
        var timing = context.Options.NotificationAcknowledgement;
        if (timing == NotificationAcknowledgementTiming.Immediate)
        {
            return socket.SendAsync(NotificationMessages.SubscribedAs(subscription.Context, subscription.Id));
        }

        subscription.AwaitsAcknowledgement = timing == NotificationAcknowledgementTiming.AfterEvents;
        context.Recorder.Note("notification-ack", socket.Path, new JsonObject { ["subscription_id"] = subscription.Id, ["acknowledgement"] = ModeNames.Of(timing) });
        return Task.CompletedTask;
    }

    /// <summary>Answers a subscription whose answer waited for its first events.</summary>
    private Task AcknowledgeLateAsync(Subscription subscription)
    {
        if (!subscription.AwaitsAcknowledgement)
        {
            return Task.CompletedTask;
        }

        subscription.AwaitsAcknowledgement = false;
        return socket.SendAsync(NotificationMessages.SubscribedAs(subscription.Context, subscription.Id));
    }

    private Task RemoveAsync(int id)
    {
        var removed = subscriptions.RemoveAll(s => s.Id == id) > 0;
        return socket.SendAsync(removed ? NotificationMessages.UnsubscribedFrom(id) : NotificationFailure($"unknown subscription_id {id}"));
    }

    private static byte[] NotificationFailure(string reason) => SocketMessages.Failure(reason);

    /// <summary>A subscription: its id, the context text as sent (echoed), and its element types (null = all, empty = silenced).</summary>
    private sealed record Subscription(int Id, string Context, HashSet<string>? Types)
    {
        /// <summary>Its answer is due right after its first event message.</summary>
        public bool AwaitsAcknowledgement { get; set; }
    }

    private sealed record Unsubscribe(int Id);
}
