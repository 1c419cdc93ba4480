using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Protocol;
using SmcMonitoring.Session;
using SmcMonitoring.Errors;

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
/// One running fetch, read by pulling: each <see cref="ReadAsync"/> asks for the next message and hands its records
/// to a sink. Reads may be asked for ahead (see <see cref="ReadAheadQueue"/>): each read runs on a pool thread,
/// receives its message once the read before has received its own, hands the socket on, and parses while the next
/// read receives; so messages are received in order, only as many as reads were asked for (a slow reader slows the
/// socket instead of growing a buffer), up to <see cref="MaxParallelParses"/> are parsed at once, and reads complete in
/// message order.
/// Disposing it always sends <c>{"abort":F}</c> when a fetch id is known and the socket is open, then closes the
/// socket (PROTOCOL.md 6.6).
/// </summary>
internal sealed class QueryExecution : IDisposable
{
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(1);

    /// <summary>The longest single wait for a message: a limit changed meanwhile (a snapshot's silence rule) applies from the next slice.</summary>
    private static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(200);

    private readonly SmcSocket _socket;
    private readonly QueryLimits _limits;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TaskCompletionSource<bool> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _reads = new();
    private Task _lastReceived = Task.CompletedTask;
    private Task _lastRead = Task.CompletedTask;

    // Parse completions of the latest reads: a read parses once the read MaxParallelParses places before it has parsed.
    private readonly Queue<Task> _parses = new();
    private Received? _terminal;
    private long _records;
    private int _disposed;

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
    public long RecordCount => Interlocked.Read(ref _records);

    /// <summary>Time since the query started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>
    /// How many messages may be parsed at once, however many are read ahead: one per core by default. More parse
    /// threads than cores only take turns: on 2 cores, a connection snapshot read eight messages ahead went through
    /// this layer at about half the rate when all eight could parse at once (medians of 9 runs, 0.38M and 0.26M
    /// against 0.90M and 0.50M records/s). Set it before the first read.
    /// </summary>
    public int MaxParallelParses { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Opens the socket (logging in again once if the SMC refuses an expired session) and sends the request.</summary>
    public static async Task<QueryExecution> StartAsync(SmcSession session, string socketPath, byte[] request, QueryLimits limits, CancellationToken cancellationToken)
    {
        SmcSocket socket;
        try
        {
            socket = await SmcSocket.ConnectAsync(session, socketPath, limits.MaxMessageBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (SmcException ex) when (ex.Error == SmcErrors.SocketUnauthorized)
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
            throw SmcErrors.SessionExpired.Create($"The SMC at {session.Url} no longer accepts the session, and logging in again with the stored credentials did not help ({ex.Message}). Run Connect-SmcSession again.", refusal);
        }
    }

    /// <summary>
    /// Reads the next message, its records going to <paramref name="sink"/>. Returns null once the query has stopped
    /// (see <see cref="StopReason"/>); a message with <c>end</c> is still returned, with its records. Reads may be
    /// asked for before earlier ones finished (each with a sink of its own): they complete in message order, and a
    /// read asked for after the message that stopped the query returns null.
    /// </summary>
    public Task<ServerMessage?> ReadAsync(IRecordSink? sink, CancellationToken cancellationToken)
    {
        if (StopReason != QueryStopReason.None) { return Task.FromResult<ServerMessage?>(null); }
        var previousReceived = _lastReceived;
        var previousRead = _lastRead;
        var received = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _lastReceived = received.Task;
        var parseTurn = _parses.Count >= MaxParallelParses ? _parses.Dequeue() : Task.CompletedTask;
        var parsed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _parses.Enqueue(parsed.Task);
        var read = Task.Run(() => ReadCoreAsync(previousReceived, received, parseTurn, parsed, previousRead, sink, cancellationToken));
        _lastRead = read;
        lock (_reads)
        {
            _reads.RemoveAll(r => r.IsCompleted);
            _reads.Add(read);
        }
        return read;
    }

    /// <summary>Receives after the read before has received, lets the next read receive, parses, then commits after the read before.</summary>
    private async Task<ServerMessage?> ReadCoreAsync(Task previousReceived, TaskCompletionSource<bool> received, Task parseTurn, TaskCompletionSource<bool> parsed, Task previousRead, IRecordSink? sink, CancellationToken cancellationToken)
    {
        Received message;
        try
        {
            await previousReceived.ConfigureAwait(false);
            message = await ReceiveOneAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Never leave the next read waiting: whatever broke this receive is every later read's error too.
            message = _terminal = Received.Fail(ex);
        }
        finally
        {
            received.TrySetResult(true);
        }

        ServerMessage? result = null;
        ExceptionDispatchInfo? invalid = null;
        try
        {
            if (message.Kind == ReceivedKind.Message)
            {
                // The parse turn only ever completes successfully: every read signals its own in the finally below.
                await parseTurn.ConfigureAwait(false);
                try
                {
                    result = ServerMessageParser.Parse(new ReadOnlySpan<byte>(message.Buffer, 0, message.Length), sink);
                }
                catch (SmcException ex)
                {
                    invalid = ExceptionDispatchInfo.Capture(ex);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(message.Buffer!);
                }
            }
        }
        finally
        {
            parsed.TrySetResult(true);
        }

        // Commit in message order: the read before decides whether the query already stopped.
        try
        {
            await previousRead.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SmcException or OperationCanceledException)
        {
            // Reported by that read itself.
        }
        if (StopReason != QueryStopReason.None) { return null; }
        invalid?.Throw();
        return Commit(message, result!);
    }

    /// <summary>Applies one read's outcome to the query, in message order; <paramref name="message"/> is read only for a received message.</summary>
    private ServerMessage? Commit(Received received, ServerMessage message)
    {
        switch (received.Kind)
        {
            case ReceivedKind.Stopped:
                throw new OperationCanceledException();
            case ReceivedKind.Failed:
                received.Failure!.Throw();
                return null;
            case ReceivedKind.TimedOut:
                Stop(received.TimeoutReason);
                return null;
            case ReceivedKind.Closed:
                if (_socket.CloseDescription is { } reason && reason.IndexOf(SmcSocket.TooBigReason, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    throw SmcErrors.QueryTooLarge.Create("The SMC closed the query: it was too large for its input buffer (8192 characters). Use fewer filter values or fields, or several smaller queries.", reason);
                }
                Stop(QueryStopReason.ServerClosed);
                return null;
        }
        if (message.FetchId is { } id) { FetchId = id; }
        if (message.Failure != null)
        {
            throw SmcErrors.FetchFailed.Create("The SMC refused the query: " + message.Failure, message.Failure);
        }
        var records = Interlocked.Add(ref _records, message.RecordCount);
        if (message.End != null)
        {
            EndText = message.End;
            Stop(QueryStopReason.End);
        }
        else if (_limits.MaxRecords is { } max && records >= max)
        {
            Stop(QueryStopReason.MaxRecords);
        }
        return message;
    }

    /// <summary>Records why the query stopped and releases reads still waiting for a message that will not come.</summary>
    private void Stop(QueryStopReason reason)
    {
        StopReason = reason;
        _stopped.TrySetResult(true);
    }

    /// <summary>
    /// Receives the next message and copies it out of the socket's buffer, so that it can be parsed while the next
    /// read receives. Waits in slices, so that a limit changed meanwhile applies; gives up when the query stopped at
    /// an earlier message or the caller cancels. After the socket closed, failed or timed out, every later read gets the same.
    /// </summary>
    private async Task<Received> ReceiveOneAsync(CancellationToken cancellationToken)
    {
        if (_terminal is { } terminal) { return terminal; }
        var started = Stopwatch.StartNew();
        while (true)
        {
            var left = TimeLeft(started.Elapsed, out var reason);
            if (left != Timeout.InfiniteTimeSpan && left <= TimeSpan.Zero) { return _terminal = Received.Timeout(reason); }
            var slice = left == Timeout.InfiniteTimeSpan || left > WaitSlice ? WaitSlice : left;
            switch (await _socket.ReceiveAsync(slice, cancellationToken, _stopped.Task).ConfigureAwait(false))
            {
                case ReceiveOutcome.Message:
                    var message = _socket.Message;
                    var copy = ArrayPool<byte>.Shared.Rent(Math.Max(message.Count, 1));
                    Buffer.BlockCopy(message.Array!, message.Offset, copy, 0, message.Count);
                    return Received.Of(copy, message.Count);
                case ReceiveOutcome.Closed:
                    return _terminal = Received.Close;
                case ReceiveOutcome.Cancelled:
                    return _terminal = Received.Stop;
            }
        }
    }

    /// <summary>How long the current wait may still last: the inactivity timeout from its start, or what is left of the query's time.</summary>
    private TimeSpan TimeLeft(TimeSpan waited, out QueryStopReason reasonIfTimedOut)
    {
        var left = _limits.InactivityTimeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : _limits.InactivityTimeout - waited;
        reasonIfTimedOut = QueryStopReason.InactivityTimeout;
        if (_limits.QueryTimeout != Timeout.InfiniteTimeSpan)
        {
            var queryLeft = _limits.QueryTimeout - _limits.Clock.Elapsed;
            if (left == Timeout.InfiniteTimeSpan || queryLeft <= left)
            {
                left = queryLeft;
                reasonIfTimedOut = QueryStopReason.QueryTimeout;
            }
        }
        return left == Timeout.InfiniteTimeSpan || left > TimeSpan.Zero ? left : TimeSpan.Zero;
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
            // Reads still running may be parsing, or waiting on the socket: abort so that they end, and let them
            // settle before the socket's buffer goes back to the pool.
            _socket.Abort();
            Task[] running;
            lock (_reads) { running = _reads.ToArray(); }
            try
            {
                Task.WhenAll(running).Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Reads fail with the abort, as they should; their callers have stopped listening.
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
}

/// <summary>What one read's receive got.</summary>
internal enum ReceivedKind
{
    Message,
    Closed,
    TimedOut,
    Failed,
    Stopped,
}

/// <summary>One receive's outcome; a message's bytes are a pooled copy the read returns after parsing.</summary>
internal sealed class Received
{
    public static readonly Received Close = new() { Kind = ReceivedKind.Closed };

    public static readonly Received Stop = new() { Kind = ReceivedKind.Stopped };

    public ReceivedKind Kind { get; private set; }

    public byte[]? Buffer { get; private set; }

    public int Length { get; private set; }

    public QueryStopReason TimeoutReason { get; private set; }

    public ExceptionDispatchInfo? Failure { get; private set; }

    public static Received Of(byte[] buffer, int length) => new() { Kind = ReceivedKind.Message, Buffer = buffer, Length = length };

    public static Received Timeout(QueryStopReason reason) => new() { Kind = ReceivedKind.TimedOut, TimeoutReason = reason };

    public static Received Fail(Exception failure) => new() { Kind = ReceivedKind.Failed, Failure = ExceptionDispatchInfo.Capture(failure) };
}
