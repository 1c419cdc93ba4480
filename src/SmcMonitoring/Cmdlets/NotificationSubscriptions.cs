using System.Linq;
using System.Management.Automation;
using SmcMonitoring.Session;

using SmcMonitoring.Notifications;

namespace SmcMonitoring.Cmdlets;

/// <summary>Ends the PowerShell event subscriptions of notification channels (PowerShell keeps them after Remove-Module).</summary>
internal static class NotificationSubscriptions
{
    /// <summary>Unsubscribes every subscriber whose source is a channel of <paramref name="session"/> (or of any session).</summary>
    public static void Unsubscribe(PSEventManager events, SmcSession? session)
    {
        var subscribers = events.Subscribers
            .Where(s => s.SourceObject is NotificationChannel channel && (session is null || ReferenceEquals(channel.Session, session)))
            .ToList();
        foreach (var subscriber in subscribers)
        {
            events.UnsubscribeEvent(subscriber);
            (subscriber.SourceObject as NotificationChannel)?.Dispose();
        }
    }
}
