using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using SmcMonitoring.Simulator.Hosting;
using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Notifications;
using SmcMonitoring.Simulator.Rest;
using SmcMonitoring.Simulator.Sessions;

namespace SmcMonitoring.Simulator.Sockets;

/// <summary>The three websocket paths of docs/protocol.md 3.1.</summary>
internal enum SocketKind
{
    Log,
    Session,
    Notification,
}

/// <summary>
/// Authenticates a websocket upgrade (JSESSIONID cookie, or the <c>access_token</c> subprotocol plus the token in
/// either order) and runs the socket; without a valid session the upgrade is refused with 401.
/// </summary>
internal sealed class SocketEndpoint
{
    private const string AccessToken = "access_token";

    private readonly SimulatorContext context;
    private readonly UpgradeFaults upgradeFaults;

    public SocketEndpoint(SimulatorContext context)
    {
        this.context = context;
        upgradeFaults = new UpgradeFaults(context);
    }

    public async Task HandleAsync(HttpContext http, SocketKind kind)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await JsonAnswers.ErrorAsync(http, StatusCodes.Status400BadRequest, "A websocket upgrade is expected here.");
            return;
        }

        if (await upgradeFaults.AnsweredAsync(http))
        {
            return;
        }

        string? offeredAccessToken = null;
        string? token = null;
        foreach (var protocol in http.WebSockets.WebSocketRequestedProtocols)
        {
            if (protocol.Equals(AccessToken, StringComparison.OrdinalIgnoreCase))
            {
                offeredAccessToken = protocol;
            }
            else
            {
                token = protocol;
            }
        }

        var session = context.Sessions.FromRequest(http.Request) ?? (offeredAccessToken is null ? null : context.Sessions.Find(token));
        if (session is null)
        {
            await JsonAnswers.ErrorAsync(http, StatusCodes.Status401Unauthorized, "Not logged in.", "The websocket needs the JSESSIONID cookie or the access_token subprotocol of a valid session.");
            return;
        }

        var freeze = ConnectionFreeze.Of(http);
        var accept = new WebSocketAcceptContext { SubProtocol = offeredAccessToken };
        if (freeze is not null)
        {
            // A stopped process sends no keep-alive pings either.
            accept.KeepAliveInterval = TimeSpan.Zero;
        }

        using var webSocket = await http.WebSockets.AcceptWebSocketAsync(accept);
        var path = $"{http.Request.PathBase}{http.Request.Path}";
        var socket = new MonitoringSocket(webSocket, http.RequestAborted, context.Faults, ShutdownSendingOf(http), path, freeze);
        ISocketProtocol handler = kind switch
        {
            SocketKind.Log => new LogSocketProtocol(socket, context),
            SocketKind.Session => new SessionSocketProtocol(socket, context, VersionBase(http.Request)),
            _ => new NotificationSocketProtocol(socket, context, VersionBase(http.Request), VersionOf(http.Request)),
        };
        await socket.RunAsync(handler, text => context.Recorder.Record("ws", "message", path, null, text), context.Stopping);
    }

    /// <summary>Shuts the sending side of the connection's socket (for the drop fault), when the transport exposes it.</summary>
    private static Action? ShutdownSendingOf(HttpContext http) =>
        http.Features.Get<IConnectionSocketFeature>()?.Socket is { } raw ? () => raw.Shutdown(System.Net.Sockets.SocketShutdown.Send) : null;

    /// <summary>The REST <c>{base}/{ver}</c> of the URL the client connected to: hrefs in records point back there.</summary>
    public static string VersionBase(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/{VersionOf(request)}";

    /// <summary>The API version in the URL: the first segment after the path base (the dispatcher checked it is advertised).</summary>
    public static string VersionOf(HttpRequest request)
    {
        var path = (request.Path.Value ?? string.Empty).TrimStart('/');
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? path : path[..slash];
    }
}
