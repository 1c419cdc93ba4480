using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Session;

/// <summary>
/// The sessions each runspace holds, with that runspace's default. Keyed weakly by the runspace object, so a
/// script's sessions never leak into a <c>ForEach-Object -Parallel</c> runspace (pass <c>-Session $using:s</c>) and
/// vanish with their runspace. The key is an opaque object so this layer stays free of PowerShell types.
/// </summary>
internal static class SessionRegistry
{
    private static readonly ConditionalWeakTable<object, Entries> Table = new();

    /// <summary>The default session of <paramref name="runspace"/>: the most recently connected one still open.</summary>
    public static SmcSession? GetDefault(object runspace)
    {
        var entries = Table.GetValue(runspace, _ => new Entries());
        lock (entries) { return entries.Sessions.LastOrDefault(s => s.IsConnected); }
    }

    /// <summary>Every session of <paramref name="runspace"/>, oldest first.</summary>
    public static IReadOnlyList<SmcSession> GetAll(object runspace)
    {
        var entries = Table.GetValue(runspace, _ => new Entries());
        lock (entries) { return entries.Sessions.ToList(); }
    }

    /// <summary>Adds a session (or moves one already there to the end); it becomes the default.</summary>
    public static void Add(object runspace, SmcSession session)
    {
        var entries = Table.GetValue(runspace, _ => new Entries());
        lock (entries)
        {
            entries.Sessions.Remove(session);
            entries.Sessions.Add(session);
            session.Registry = entries;
        }
    }

    /// <summary>
    /// An open session of <paramref name="runspace"/> that logged in with the same settings as <paramref name="settings"/>
    /// (the same SMC, domain, identity and options; see <see cref="SmcConnectionSettings.SameLogin"/>), or null.
    /// </summary>
    public static SmcSession? FindSameLogin(object runspace, SmcConnectionSettings settings)
    {
        if (!Table.TryGetValue(runspace, out var entries)) { return null; }
        lock (entries) { return entries.Sessions.LastOrDefault(s => s.IsConnected && s.Settings.SameLogin(settings)); }
    }

    /// <summary>True when <paramref name="session"/> is the default of the runspace that holds it.</summary>
    internal static bool IsDefault(SmcSession session)
    {
        if (session.Registry is not Entries entries) { return false; }
        lock (entries) { return session.IsConnected && ReferenceEquals(entries.Sessions.LastOrDefault(s => s.IsConnected), session); }
    }

    /// <summary>Forgets a session.</summary>
    public static void Remove(object runspace, SmcSession session)
    {
        if (!Table.TryGetValue(runspace, out var entries)) { return; }
        lock (entries)
        {
            entries.Sessions.Remove(session);
            if (ReferenceEquals(session.Registry, entries)) { session.Registry = null; }
        }
    }

    /// <summary>Logs out and forgets every session of <paramref name="runspace"/> (module removal).</summary>
    public static void DisconnectAll(object runspace)
    {
        if (!Table.TryGetValue(runspace, out var entries)) { return; }
        List<SmcSession> sessions;
        lock (entries)
        {
            sessions = entries.Sessions.ToList();
            entries.Sessions.Clear();
        }
        foreach (var session in sessions)
        {
            try
            {
                using var timeout = new CancellationTokenSource(System.TimeSpan.FromSeconds(5));
                session.DisconnectAsync(timeout.Token).GetAwaiter().GetResult();
            }
            catch (System.Exception ex) when (ex is SmcException or System.OperationCanceledException)
            {
                // Removing the module must not fail because an SMC is gone; the sockets are closed regardless.
                session.Dispose();
            }
        }
    }

    private sealed class Entries
    {
        public List<SmcSession> Sessions { get; } = new();
    }
}
