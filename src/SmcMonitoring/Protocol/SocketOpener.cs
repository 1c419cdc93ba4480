using System;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Errors;
using SmcMonitoring.Session;

namespace SmcMonitoring.Protocol;

/// <summary>
/// The one way a websocket to a session's SMC is opened, by queries and notification channels alike: with the
/// session's cookie or token, its certificate policy and limits; when the SMC refuses the session (401 or 403 on the
/// upgrade), it logs in again once with the stored credentials and tries again.
/// </summary>
internal static class SocketOpener
{
    /// <summary>Opens <paramref name="socketPath"/> (for example <c>monitoring/log/socket</c>) on the session's SMC.</summary>
    public static async Task<IMessageSource> OpenAsync(SmcSession session, string socketPath, CancellationToken cancellationToken)
    {
        try
        {
            return await ConnectAsync(session, socketPath, cancellationToken).ConfigureAwait(false);
        }
        catch (SmcException refusal) when (refusal.Error == SmcErrors.SocketUnauthorized)
        {
            try
            {
                await session.ReconnectAsync(cancellationToken).ConfigureAwait(false);
                return await ConnectAsync(session, socketPath, cancellationToken).ConfigureAwait(false);
            }
            catch (SmcException ex) when (ex.Kind is SmcErrorKind.Authentication or SmcErrorKind.Refused)
            {
                throw SmcErrors.SessionExpired.Create(
                    $"The SMC at {session.Url} no longer accepts the session, and logging in again with the stored credentials did not help ({ex.Message}). Run Connect-SmcSession again.", refusal);
            }
        }
    }

    private static async Task<IMessageSource> ConnectAsync(SmcSession session, string socketPath, CancellationToken cancellationToken)
    {
        if (!session.IsConnected)
        {
            throw SmcErrors.SessionDisconnected.Create($"The SMC session {session.Id} ({session.Url}) is disconnected. Run Connect-SmcSession again.");
        }
        var settings = session.Settings;
        var options = new WebSocketOptions
        {
            Uri = session.SocketUri(socketPath),
            Certificates = session.Certificates,
            HandshakeTimeout = settings.Timeout,
            MaxMessageBytes = settings.MaxMessageBytes,
            KeepAliveInterval = settings.KeepAliveInterval,
            Peer = $"the SMC at {session.Url}",
        };
        if (session.SessionCookie is { } cookie) { options.Cookie = "JSESSIONID=" + cookie; }
        else if (session.Token is { } token) { options.SubProtocols = new[] { "access_token", token }; }
        var connection = await WebSocketHandshake.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        session.Track(connection);
        connection.Disposed = () => session.Untrack(connection);
        return connection;
    }
}
