using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Protocol;
using SmcMonitoring.Session;

namespace SmcMonitoring.Queries;

/// <summary>
/// The seam under the runner: opens the connection a query reads from. <see cref="SessionConnector"/> opens the
/// SMC's websocket; tests pass a scripted one that delivers messages in any order and timing.
/// </summary>
internal interface IQueryConnector
{
    /// <summary>Opens a new connection (logging in again once when the SMC expired the session).</summary>
    Task<IMessageSource> OpenAsync(CancellationToken cancellationToken);

    /// <summary>False once the session logged out: a lost connection then ends the query instead of reconnecting.</summary>
    bool SessionConnected { get; }

    /// <summary>Names the other side in messages, for example "the SMC at https://smc:8082/".</summary>
    string Peer { get; }
}

/// <summary>Opens a socket of a session's SMC.</summary>
internal sealed class SessionConnector : IQueryConnector
{
    private readonly SmcSession _session;
    private readonly string _socketPath;

    public SessionConnector(SmcSession session, string socketPath)
    {
        _session = session;
        _socketPath = socketPath;
    }

    /// <inheritdoc/>
    public bool SessionConnected => _session.IsConnected;

    /// <inheritdoc/>
    public string Peer => $"the SMC at {_session.Url}";

    /// <summary>The session.</summary>
    public SmcSession Session => _session;

    /// <inheritdoc/>
    public Task<IMessageSource> OpenAsync(CancellationToken cancellationToken) => SocketOpener.OpenAsync(_session, _socketPath, cancellationToken);
}
