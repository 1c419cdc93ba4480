using System;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Protocol;
using SmcMonitoring.Session;

namespace SmcMonitoring.Queries;

/// <summary>Why a query stopped.</summary>
public enum QueryStopReason
{
    /// <summary>Still running.</summary>
    None,
    /// <summary>The SMC sent <c>end</c>.</summary>
    End,
    /// <summary>The SMC closed the socket.</summary>
    ServerClosed,
    /// <summary>The overall timeout passed.</summary>
    QueryTimeout,
    /// <summary>No message arrived within the inactivity timeout.</summary>
    InactivityTimeout,
    /// <summary>The record limit was reached.</summary>
    MaxRecords,
}

/// <summary>
/// One running fetch, read by pulling: each <see cref="ReadAsync"/> waits for the next message and hands its
/// records to a sink, so a slow reader slows the socket instead of growing a buffer. Disposing it always sends
/// <c>{"abort":F}</c> when a fetch id is known and the socket is open, then closes the socket (PROTOCOL.md 6.6).
/// </summary>
internal sealed class QueryExecution : IDisposable
{
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(1);
    private readonly SmcSocket _socket;
    private readonly QueryLimits _limits;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _records;
    private int _disposed;
    private Task? _read;

    private QueryExecution(SmcSocket socket, QueryLimits limits)
    {
        _socket = socket;
        _limits = limits;
        if (!limits.Clock.IsRunning) { limits.Clock.Start(); }
    }

    /// <summary>The fetch id the SMC gave this query, once known.</summary>
    public long? FetchId { get; private set; }

    /// <summary>Why the query stopped.</summary>
    public QueryStopReason StopReason { get; private set; }

    /// <summary>The SMC's <c>end</c> text.</summary>
    public string? EndText { get; private set; }

    /// <summary>Records received so far.</summary>
    public long RecordCount => _records;

    /// <summary>Time since the query started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Opens the socket (logging in again once if the SMC refuses an expired session) and sends the request.</summary>
    public static async Task<QueryExecution> StartAsync(SmcSession session, string socketPath, byte[] request, QueryLimits limits, CancellationToken cancellationToken)
    {
        SmcSocket socket;
        try
        {
            socket = await SmcSocket.ConnectAsync(session, socketPath, limits.MaxMessageBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (SmcException ex) when (ex.ErrorId == "SmcSocketUnauthorized")
        {
            socket = await RenewAndConnectAsync(session, socketPath, limits, ex, cancellationToken).ConfigureAwait(false);
        }
        var execution = new QueryExecution(socket, limits);
        try
        {
            await socket.SendAsync(new ArraySegment<byte>(request), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            execution.Dispose();
            throw;
        }
        return execution;
    }

    /// <summary>Logs in again once after the SMC refused the session, then retries the socket; a clear error if that fails.</summary>
    private static async Task<SmcSocket> RenewAndConnectAsync(SmcSession session, string socketPath, QueryLimits limits, SmcException refusal, CancellationToken cancellationToken)
    {
        try
        {
            await session.ReconnectAsync(cancellationToken).ConfigureAwait(false);
            return await SmcSocket.ConnectAsync(session, socketPath, limits.MaxMessageBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (SmcException ex) when (ex.Kind is SmcErrorKind.Authentication or SmcErrorKind.Refused)
        {
            throw new SmcException("SmcSessionExpired", SmcErrorKind.Authentication,
                $"The SMC at {session.Url} no longer accepts the session, and logging in again with the stored credentials did not help ({ex.Message}). Run Connect-SmcSession again.", refusal);
        }
    }

    /// <summary>
    /// Reads the next message, its records going to <paramref name="sink"/>. Returns null once the query has stopped
    /// (see <see cref="StopReason"/>); a message with <c>end</c> is still returned, with its records. One read at a
    /// time: the next starts once this one has finished.
    /// </summary>
    public Task<ServerMessage?> ReadAsync(IRecordSink? sink, CancellationToken cancellationToken) => Track(ReadCoreAsync(sink, cancellationToken));

    /// <summary>
    /// <see cref="ReadAsync"/> on a pool thread: the caller goes on (writing the previous message's records, into
    /// another sink) while this message is received and parsed on the other core. Still one message ahead at most.
    /// </summary>
    public Task<ServerMessage?> ReadAheadAsync(IRecordSink? sink, CancellationToken cancellationToken) => Track(Task.Run(() => ReadCoreAsync(sink, cancellationToken)));

    private Task<ServerMessage?> Track(Task<ServerMessage?> read)
    {
        _read = read;
        return read;
    }

    private async Task<ServerMessage?> ReadCoreAsync(IRecordSink? sink, CancellationToken cancellationToken)
    {
        if (StopReason != QueryStopReason.None) { return null; }
        var wait = NextWait(out var reasonIfTimedOut);
        var outcome = await _socket.ReceiveAsync(wait, cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case ReceiveOutcome.Cancelled:
                throw new OperationCanceledException(cancellationToken);
            case ReceiveOutcome.TimedOut:
                StopReason = reasonIfTimedOut;
                return null;
            case ReceiveOutcome.Closed:
                if (_socket.CloseDescription is { } reason && reason.IndexOf(SmcSocket.TooBigReason, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    throw new SmcException("SmcQueryTooLarge", SmcErrorKind.Refused, "The SMC closed the query: it was too large for its input buffer (8192 characters). Use fewer filter values or fields, or several smaller queries.") { ServerMessage = reason };
                }
                StopReason = QueryStopReason.ServerClosed;
                return null;
        }
        var message = ServerMessageParser.Parse(_socket.Message.AsSpan(), sink);
        if (message.FetchId is { } id) { FetchId = id; }
        if (message.Failure != null)
        {
            throw new SmcException("SmcFetchFailed", SmcErrorKind.Refused, "The SMC refused the query: " + message.Failure) { ServerMessage = message.Failure };
        }
        _records += message.RecordCount;
        if (message.End != null)
        {
            StopReason = QueryStopReason.End;
            EndText = message.End;
        }
        else if (_limits.MaxRecords is { } max && _records >= max)
        {
            StopReason = QueryStopReason.MaxRecords;
        }
        return message;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) { return; }
        try
        {
            Task.Run(FinishAsync).Wait(TimeSpan.FromSeconds(3));
        }
        catch (AggregateException)
        {
            // Closing is best effort; the socket is aborted below whatever happened.
        }
        finally
        {
            // A read may still be parsing a message out of the socket's buffer (a read ahead, or one that completed
            // as the caller gave up): abort so that a waiting read fails, and let it settle before the buffers go.
            _socket.Abort();
            try
            {
                _read?.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // The read failed with the abort, as it should.
            }
            _socket.Dispose();
        }
    }

    private async Task FinishAsync()
    {
        if (FetchId is { } id && _socket.IsOpen)
        {
            try
            {
                using var timeout = new CancellationTokenSource(CloseGrace);
                var abort = Encoding.UTF8.GetBytes("{\"abort\":" + id.ToString(CultureInfo.InvariantCulture) + "}");
                await _socket.SendAsync(new ArraySegment<byte>(abort), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SmcException or OperationCanceledException)
            {
                // The SMC went away first; nothing left to abort.
            }
        }
        await _socket.CloseAsync(CloseGrace).ConfigureAwait(false);
    }

    private TimeSpan NextWait(out QueryStopReason reasonIfTimedOut)
    {
        var wait = _limits.InactivityTimeout;
        reasonIfTimedOut = QueryStopReason.InactivityTimeout;
        if (_limits.QueryTimeout != Timeout.InfiniteTimeSpan)
        {
            var left = _limits.QueryTimeout - _limits.Clock.Elapsed;
            if (left < TimeSpan.Zero) { left = TimeSpan.Zero; }
            if (wait == Timeout.InfiniteTimeSpan || left <= wait)
            {
                wait = left;
                reasonIfTimedOut = QueryStopReason.QueryTimeout;
            }
        }
        return wait;
    }
}
