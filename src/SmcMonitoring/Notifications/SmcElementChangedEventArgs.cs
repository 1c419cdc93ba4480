using System;

namespace SmcMonitoring.Notifications;

/// <summary>What happened to an SMC element (the <c>type</c> of a notification event).</summary>
public enum SmcElementAction
{
    /// <summary>An action name this module does not know; see <see cref="SmcElementChangedEventArgs.ActionName"/>.</summary>
    Unknown,
    /// <summary>The element was created.</summary>
    Create,
    /// <summary>The element was changed.</summary>
    Update,
    /// <summary>The element was deleted.</summary>
    Delete,
    /// <summary>The element was moved to the trash.</summary>
    Trashed,
    /// <summary>The element was restored from the trash.</summary>
    Untrashed,
    /// <summary>A policy validation started.</summary>
    Validating,
    /// <summary>A policy validation finished.</summary>
    Validated,
}

/// <summary>
/// One element change the SMC notified: the payload of Register-SmcNotification's events (<c>$Event.SourceEventArgs</c>,
/// <c>$EventArgs</c>) and the objects Get-SmcNotification writes.
/// </summary>
public sealed class SmcElementChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public SmcElementChangedEventArgs(int subscriptionId, string context, string actionName, string href, DateTime receivedAt, string rawMessage)
    {
        SubscriptionId = subscriptionId;
        Context = context;
        ActionName = actionName;
        Action = Enum.TryParse<SmcElementAction>(actionName, ignoreCase: true, out var action) ? action : SmcElementAction.Unknown;
        Href = href;
        ReceivedAt = receivedAt;
        RawMessage = rawMessage;
        (ElementType, ElementId) = ParseHref(href);
    }

    /// <summary>The subscription (channel) id the SMC gave the context; ids start at 0.</summary>
    public int SubscriptionId { get; }

    /// <summary>The context (entry-point names) the subscription was made for, for example <c>host,network</c>.</summary>
    public string Context { get; }

    /// <summary>What happened.</summary>
    public SmcElementAction Action { get; }

    /// <summary>The action as the SMC named it.</summary>
    public string ActionName { get; }

    /// <summary>The absolute href of the element that changed.</summary>
    public string Href { get; }

    /// <summary>The element type from the href (for example <c>host</c>).</summary>
    public string? ElementType { get; }

    /// <summary>The element id from the href (for example <c>1087</c>).</summary>
    public string? ElementId { get; }

    /// <summary>When this module received the event (local time).</summary>
    public DateTime ReceivedAt { get; }

    /// <summary>The SMC's message, as JSON text.</summary>
    public string RawMessage { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Action} {ElementType}/{ElementId} (subscription {SubscriptionId})";

    private static (string? Type, string? Id) ParseHref(string href)
    {
        if (!Uri.TryCreate(href, UriKind.Absolute, out var uri)) { return (null, null); }
        var segments = uri.AbsolutePath.Trim('/').Split('/');
        var elements = Array.IndexOf(segments, "elements");
        if (elements < 0 || elements + 1 >= segments.Length) { return (null, null); }
        return (segments[elements + 1], elements + 2 < segments.Length ? segments[elements + 2] : null);
    }
}

/// <summary>A change in a notification channel's connection, or a warning about it.</summary>
public sealed class NotificationStatusEventArgs : EventArgs
{
    /// <summary>Creates the status.</summary>
    public NotificationStatusEventArgs(string message) => Message = message;

    /// <summary>What happened, in words.</summary>
    public string Message { get; }
}
