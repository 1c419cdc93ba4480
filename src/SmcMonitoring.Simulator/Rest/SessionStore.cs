using System;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace SmcMonitoring.Simulator.Rest;

/// <summary>Who logged in: an API client (login by key) or an administrator (lms_login).</summary>
internal enum SessionKind
{
    ApiClient,
    AdminUser,
}

/// <summary>A login session; <see cref="Id"/> is the JSESSIONID cookie value or, in token mode, the Authorization token.</summary>
internal sealed record SimulatorSession(string Id, SessionKind Kind, string UserName, string Domain, DateTimeOffset Created);

/// <summary>The sessions of one simulator, found by cookie or token; they expire after the configured lifetime.</summary>
internal sealed class SessionStore
{
    public const string CookieName = "JSESSIONID";

    private readonly ConcurrentDictionary<string, SimulatorSession> sessions = new(StringComparer.Ordinal);
    private readonly Func<TimeSpan?> lifetime;
    private readonly Func<string> newId;

    /// <param name="lifetime">How long a session lives after login, read at every lookup so it can change at run time; null = forever.</param>
    /// <param name="newId">Makes a new session's id (the cookie value or the token, see <see cref="SessionIds"/>).</param>
    public SessionStore(Func<TimeSpan?> lifetime, Func<string> newId)
    {
        this.lifetime = lifetime;
        this.newId = newId;
    }

    public SimulatorSession Create(SessionKind kind, string userName, string domain)
    {
        var session = new SimulatorSession(newId(), kind, userName, domain, DateTimeOffset.UtcNow);
        sessions[session.Id] = session;
        return session;
    }

    public void Remove(SimulatorSession session) => sessions.TryRemove(session.Id, out _);

    /// <summary>Forgets every session: each client's next call answers 401.</summary>
    public void ExpireAll() => sessions.Clear();

    public SimulatorSession? Find(string? id)
    {
        if (id is null || !sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        if (lifetime() is { } maximum && DateTimeOffset.UtcNow - session.Created >= maximum)
        {
            sessions.TryRemove(id, out _);
            return null;
        }

        return session;
    }

    /// <summary>The session named by any JSESSIONID cookie (clients may send older jar cookies first) or by the Authorization header.</summary>
    public SimulatorSession? FromRequest(HttpRequest request) => FromCookies(request) ?? FromAuthorization(request);

    public SimulatorSession? FromCookies(HttpRequest request)
    {
        foreach (var header in request.Headers.Cookie)
        {
            foreach (var pair in (header ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && pair.AsSpan(0, equals).Trim().SequenceEqual(CookieName) && Find(pair[(equals + 1)..].Trim().Trim('"')) is { } session)
                {
                    return session;
                }
            }
        }

        return null;
    }

    private SimulatorSession? FromAuthorization(HttpRequest request)
    {
        var value = request.Headers.Authorization.ToString().Trim();
        if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            value = value[7..].Trim();
        }

        return value.Length == 0 ? null : Find(value);
    }
}
