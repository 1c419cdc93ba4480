using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Errors;
using SmcMonitoring.Protocol;
using SmcMonitoring.Records;

namespace SmcMonitoring.Queries;

/// <summary>
/// Owns one query's life (docs/design.md): opens the connection, sends the request, reads ahead, applies the end
/// rules of its kind (<see cref="EndRule"/>) with its clock, reconnects a live query, and on disposal sends
/// <c>{"abort":F}</c> and closes (docs/protocol.md 6.6). It runs on its own task and hands its caller
/// <see cref="QueryEvent"/>s, one at a time, through <see cref="NextAsync"/>: it goes on with a message only once
/// the caller took the one before, so a slow caller slows the socket. Nothing here knows PowerShell.
/// </summary>
internal sealed class QueryRunner : IDisposable
{
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly QueryPlan _plan;
    private readonly IQueryConnector _connector;
    private readonly IClock _clock;
    private readonly EndRule _rule;
    private readonly LiveTable? _table;
    private readonly CancellationTokenSource _life = new();
    private readonly ConcurrentQueue<QueryEvent> _events = new();
    private readonly SemaphoreSlim _eventReady = new(0);
    private readonly SemaphoreSlim _consumed = new(0);
    private readonly ConcurrentBag<IRecordBatch> _batches = new();
    private Task? _producer;
    private bool _callerOwesRelease;
    private bool _ended;
    private IMessageSource? _source;
    private ReadAhead? _reader;
    private Task<ReadItem>? _nextItem;
    private TimeSpan _started;
    private TimeSpan _lastActivity;
    private long _records;
    private long? _fetchId;
    private int _disposed;

    /// <summary>Creates a runner; nothing happens until the first <see cref="NextAsync"/>.</summary>
    public QueryRunner(QueryPlan plan, IQueryConnector connector, IClock? clock = null)
    {
        _plan = plan;
        _connector = connector;
        _clock = clock ?? SystemClock.Instance;
        _rule = EndRule.For(plan.Kind, plan.Limits, plan.Label);
        if (plan.KeepsTable && plan.NewBatch != null) { _table = new LiveTable(plan.NewBatch()); }
    }

    /// <summary>The plan this runner runs.</summary>
    public QueryPlan Plan => _plan;

    /// <summary>Records handed on so far.</summary>
    public long RecordCount => Interlocked.Read(ref _records);

    /// <summary>
    /// The next event; null once the end was handed out. Cancelling stops the wait (Ctrl+C); disposing the runner
    /// then aborts the query. A bug of the module itself is thrown here, as it is.
    /// </summary>
    public async Task<QueryEvent?> NextAsync(CancellationToken cancellationToken)
    {
        if (_ended) { return null; }
        _producer ??= Task.Run(ProduceAsync);
        if (_callerOwesRelease)
        {
            _callerOwesRelease = false;
            _consumed.Release();
        }
        await _eventReady.WaitAsync(cancellationToken).ConfigureAwait(false);
        _events.TryDequeue(out var next);
        switch (next!.Kind)
        {
            case QueryEventKind.Message:
                _callerOwesRelease = true;
                break;
            case QueryEventKind.End:
                _ended = true;
                if (next.End!.Unexpected is { } bug) { ExceptionDispatchInfo.Capture(bug).Throw(); }
                break;
        }
        return next;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) { return; }
        _life.Cancel();
        try
        {
            // Every wait of the producer ends with the cancellation; after it, the connection is this thread's alone.
            _producer?.Wait(StopGrace);
        }
        catch (AggregateException)
        {
            // The producer reports its own failures as events; what is left is the cancellation.
        }
        try
        {
            Task.Run(AbortAndCloseAsync).Wait(StopGrace);
        }
        catch (AggregateException)
        {
            // Closing is courtesy; the connection is aborted below whatever happened.
        }
        DropConnection();
    }

    private async Task ProduceAsync()
    {
        var token = _life.Token;
        QueryEnd end;
        try
        {
            end = await RunAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }
        catch (SmcException ex)
        {
            end = Ending(QueryEndReason.Failed, ex);
        }
        catch (Exception ex)
        {
            end = new QueryEnd(QueryEndReason.Failed, null, RecordCount, _clock.Elapsed - _started) { Unexpected = ex };
        }
        Post(QueryEvent.Ended(end));
    }

    private async Task<QueryEnd> RunAsync(CancellationToken token)
    {
        _started = _lastActivity = _clock.Elapsed;
        await OpenAndSendAsync(token).ConfigureAwait(false);
        while (true)
        {
            var (item, expired) = await NextItemAsync(token).ConfigureAwait(false);
            if (item is null)
            {
                if (await OnDeadlineAsync(expired, token).ConfigureAwait(false) is { } deadlineEnd) { return deadlineEnd; }
                continue;
            }
            _lastActivity = _clock.Elapsed;
            var reader = _reader!;
            var end = item.Message != null || item.MessageError != null
                ? await OnMessageAsync(item, token).ConfigureAwait(false)
                : await OnConnectionEndAsync(item, token).ConfigureAwait(false);
            reader.Release();
            if (end != null) { return end; }
        }
    }

    private async Task OpenAndSendAsync(CancellationToken token)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(token);
        var left = TimeLeft();
        if (left is { } time) { CancelWhenDue(time, limit); }
        IMessageSource? source = null;
        try
        {
            source = await _connector.OpenAsync(limit.Token).ConfigureAwait(false);
            await source.SendAsync(_plan.Request, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            source?.Dispose();
            throw SmcErrors.QueryTimeout.Create($"The query of {_plan.Label} stopped: -TimeoutSec ({Seconds(_plan.Limits.Timeout!.Value)}) passed while its socket was being opened. {RecordCount} records were returned.");
        }
        catch
        {
            source?.Dispose();
            throw;
        }
        finally
        {
            limit.Cancel();
        }
        _source = source;
        _fetchId = null;
        _reader = new ReadAhead(source, Parse, _plan.ReadAheadDepth);
    }

    /// <summary>Cancels <paramref name="limit"/> once <paramref name="after"/> passed on the clock (unless it was cancelled first).</summary>
    private void CancelWhenDue(TimeSpan after, CancellationTokenSource limit)
    {
        _ = _clock.Delay(after, limit.Token).ContinueWith(t =>
        {
            if (t.Status != TaskStatus.RanToCompletion) { return; }
            try { limit.Cancel(); }
            catch (ObjectDisposedException) { }
        }, TaskScheduler.Default);
    }

    /// <summary>The next item of the connection, or null with the deadline that passed first.</summary>
    private async Task<(ReadItem? Item, Expiry Expired)> NextItemAsync(CancellationToken token)
    {
        _nextItem ??= _reader!.NextAsync(token);
        var deadline = NextDeadline(out var which);
        if (!_nextItem.IsCompleted)
        {
            using var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(token);
            var timer = deadline is { } at ? _clock.Delay(Max(at - _clock.Elapsed, TimeSpan.Zero), stopTimer.Token) : Task.Delay(Timeout.Infinite, stopTimer.Token);
            await Task.WhenAny(_nextItem, timer).ConfigureAwait(false);
            stopTimer.Cancel();
            token.ThrowIfCancellationRequested();
            if (!_nextItem.IsCompleted) { return (null, which); }
        }
        var item = await _nextItem.ConfigureAwait(false);
        _nextItem = null;
        return (item, Expiry.None);
    }

    private TimeSpan? NextDeadline(out Expiry which)
    {
        TimeSpan? at = null;
        which = Expiry.None;
        Consider(_plan.Limits.Timeout is { } timeout ? _started + timeout : null, Expiry.Timeout, ref at, ref which);
        Consider(_plan.Kind == QueryKind.Live && _plan.Limits.Duration is { } duration ? _started + duration : null, Expiry.Duration, ref at, ref which);
        var silence = _table is { Resuming: true } ? _plan.Limits.Inactivity ?? EndRule.SnapshotSilence : _rule.Silence;
        Consider(silence is { } quiet ? _lastActivity + quiet : null, Expiry.Silence, ref at, ref which);
        Consider(_rule.Cap is { } cap ? _started + cap : null, Expiry.Cap, ref at, ref which);
        return at;
    }

    private static void Consider(TimeSpan? candidate, Expiry kind, ref TimeSpan? at, ref Expiry which)
    {
        if (candidate is { } time && (at is null || time < at))
        {
            at = time;
            which = kind;
        }
    }

    private async Task<QueryEnd?> OnDeadlineAsync(Expiry expired, CancellationToken token)
    {
        switch (expired)
        {
            case Expiry.Timeout:
                return Failing(QueryEndReason.Timeout, SmcErrors.QueryTimeout.Create(
                    $"The query of {_plan.Label} stopped before it ended: -TimeoutSec ({Seconds(_plan.Limits.Timeout!.Value)}) passed. {RecordCount} records were returned."));
            case Expiry.Duration:
                Post(QueryEvent.Notice(NoticeLevel.Verbose, $"The live query of {_plan.Label} ran its -Duration ({Seconds(_plan.Limits.Duration!.Value)})."));
                return Ending(QueryEndReason.Duration, null);
            case Expiry.Silence when _table is { Resuming: true }:
                var gone = _table.FinishResume();
                if (gone.Count > 0)
                {
                    HandOn(null, gone, gone.Count);
                    await _consumed.WaitAsync(token).ConfigureAwait(false);
                }
                _lastActivity = _clock.Elapsed;
                return null;
            case Expiry.Silence:
            case Expiry.Cap:
                var verdict = expired == Expiry.Cap ? _rule.OnCap(RecordCount) : _rule.OnSilence(RecordCount);
                if (verdict.IsFailure) { return Failing(verdict.Reason, SmcErrors.QueryTimeout.Create(verdict.Explanation)); }
                Post(QueryEvent.Notice(expired == Expiry.Cap ? NoticeLevel.Warning : NoticeLevel.Verbose, verdict.Explanation));
                return Ending(verdict.Reason, null);
            default:
                return null;
        }
    }

    private async Task<QueryEnd?> OnMessageAsync(ReadItem item, CancellationToken token)
    {
        if (item.MessageError != null) { Post(QueryEvent.Failure(item.MessageError)); }
        var message = item.Message;
        var foreign = false;
        if (message != null)
        {
            if (message.FetchId is { } id)
            {
                _fetchId ??= id;
                foreign = id != _fetchId;
            }
            if (message.Failure != null)
            {
                ReturnBatch(item.Batch);
                return Failing(QueryEndReason.Failed, SmcErrors.FetchFailed.Create($"The SMC refused the query of {_plan.Label}: {message.Failure}", message.Failure));
            }
            Warn(message, foreign);
        }
        QueryEndReason? ends = null;
        string? cutWarning = null;
        var batch = item.Batch;
        IList? records = null;
        var count = 0;
        if (batch != null && (batch.Records.Count > 0 || message?.HasRecords == true))
        {
            count = batch.Records.Count;
            if (_plan.Limits.MaxRecords is { } max && (count > max - RecordCount || (count == max - RecordCount && _plan.Limits.WarnWhenCut is null)))
            {
                count = (int)Math.Max(0, max - RecordCount);
                ends = QueryEndReason.RecordLimit;
                if (_plan.Limits.WarnWhenCut is { } cut) { cutWarning = cut; }
            }
            var verdict = _rule.Judge(batch, count);
            (records, count) = Select(batch, verdict);
            if (verdict.Ends is { } reason)
            {
                Post(QueryEvent.Notice(NoticeLevel.Verbose, verdict.Note!));
                ends = reason;
            }
        }
        if (message != null || count > 0)
        {
            HandOn(message, records, count);
            await _consumed.WaitAsync(token).ConfigureAwait(false);
        }
        ReturnBatch(batch);
        if (cutWarning != null) { Post(QueryEvent.Notice(NoticeLevel.Warning, cutWarning)); }
        if (ends is { } reasonToEnd) { return Ending(reasonToEnd, null); }
        if (message?.End != null && !foreign)
        {
            if (_plan.Kind == QueryKind.Live)
            {
                Post(QueryEvent.Notice(NoticeLevel.Warning, $"The SMC ended the live query of {_plan.Label} ({message.End})."));
            }
            return Ending(QueryEndReason.Completed, null);
        }
        return null;
    }

    /// <summary>The rows a verdict keeps, through the live table when there is one.</summary>
    private (IList? Records, int Count) Select(IRecordBatch batch, RowsVerdict verdict)
    {
        if (verdict.Selected is null && _table is null) { return (batch.Records, verdict.Count); }
        if (verdict.Selected is { } indexes)
        {
            var kept = new List<object>(indexes.Count);
            foreach (var index in indexes) { kept.Add(batch.Records[index]!); }
            return (kept, kept.Count);
        }
        var changed = _table!.Apply(batch, verdict.Count);
        return changed is null ? (batch.Records, verdict.Count) : (changed, changed.Count);
    }

    private void Warn(ServerMessage message, bool foreign)
    {
        if (foreign && message.End != null)
        {
            Post(QueryEvent.Notice(NoticeLevel.Warning, $"The SMC sent an end for fetch {message.FetchId} in the query of {_plan.Label}, whose fetch is {_fetchId}; it was ignored."));
        }
        if (message.IgnoredEnd != null)
        {
            Post(QueryEvent.Notice(NoticeLevel.Warning, $"The SMC sent an end that is not text ({Shorten(message.IgnoredEnd)}) in the query of {_plan.Label}; it was ignored."));
        }
        if (message.WrongTypeRecords > 0)
        {
            var positions = string.Join(", ", message.WrongTypePositions!);
            Post(QueryEvent.Notice(NoticeLevel.Warning, $"The SMC sent {message.WrongTypeRecords} records that are not JSON objects in the query of {_plan.Label} (positions {positions}{(message.WrongTypeRecords > message.WrongTypePositions!.Count ? ", ..." : string.Empty)} of the message); they were skipped."));
        }
        if (message.RecordsOverLimit > 0)
        {
            Post(QueryEvent.Notice(NoticeLevel.Verbose, $"The SMC sent {message.RecordsOverLimit} more records than the query of {_plan.Label} asked for; they were not read."));
        }
    }

    private async Task<QueryEnd?> OnConnectionEndAsync(ReadItem item, CancellationToken token)
    {
        var reason = item.ConnectionError?.Message ?? "the SMC closed the socket";
        if (!_connector.SessionConnected)
        {
            return Failing(QueryEndReason.Failed, SmcErrors.SessionDisconnected.Create(
                $"The query of {_plan.Label} stopped: its session was disconnected (Disconnect-SmcSession or Remove-Module). {RecordCount} records were returned."));
        }
        if (item.Closed && _source?.CloseDescription is { } description && description.IndexOf(SmcTooBig, StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return Failing(QueryEndReason.Failed, SmcErrors.QueryTooLarge.Create(
                $"The SMC closed the query of {_plan.Label}: it was too large for its input buffer (8192 characters). Use fewer filter values or fields, or several smaller queries.", description));
        }
        if (_plan.Kind == QueryKind.Live && _plan.Reconnect.MaxAttempts > 0)
        {
            await ReconnectAsync(reason, token).ConfigureAwait(false);
            return null;
        }
        return item.Closed
            ? Failing(QueryEndReason.ServerClosed, SmcErrors.ConnectionClosed.Create($"The SMC closed the query of {_plan.Label} before the end of its data. {RecordCount} records were returned."))
            : Failing(QueryEndReason.Failed, SmcErrors.ConnectionLost.Create($"{reason} The query of {_plan.Label} returned {RecordCount} records before that.", item.ConnectionError));
    }

    private async Task ReconnectAsync(string reason, CancellationToken token)
    {
        DropConnection();
        var deadline = _plan.Limits.Timeout is { } timeout ? _started + timeout : (TimeSpan?)null;
        await Reconnector.ReopenAsync(async attempt =>
        {
            await OpenAndSendAsync(attempt).ConfigureAwait(false);
            return true;
        }, _plan.Reconnect, _clock, deadline, $"The live query of {_plan.Label}", reason, text => Post(QueryEvent.Notice(NoticeLevel.Warning, text)), token).ConfigureAwait(false);
        var table = _table is null ? string.Empty : " The SMC sends its table again: only the rows that changed meanwhile are handed on.";
        Post(QueryEvent.Notice(NoticeLevel.Warning, $"The live query of {_plan.Label} is connected again. Records sent while it was disconnected may be missing: the SMC does not replay them.{table}"));
        _table?.BeginResume();
        _lastActivity = _clock.Elapsed;
    }

    private ReadItem Parse(ReceivedMessage received)
    {
        var batch = _plan.NewBatch is null ? null : RentBatch();
        try
        {
            // A limit that warns when cut reads one record more, the one that shows more matched.
            var probe = _plan.Limits.WarnWhenCut is null ? 0 : 1;
            var limit = _plan.Limits.MaxRecords is { } max ? (int)Math.Max(0, Math.Min(int.MaxValue - 1, max - RecordCount) + probe) : int.MaxValue;
            return ReadItem.Parsed(ServerMessageParser.Parse(received.Span, batch, limit), batch);
        }
        catch (SmcException ex)
        {
            return ReadItem.Unreadable(ex, batch);
        }
        finally
        {
            received.Dispose();
        }
    }

    private IRecordBatch RentBatch() => _batches.TryTake(out var batch) ? batch : _plan.NewBatch!();

    private void ReturnBatch(IRecordBatch? batch)
    {
        if (batch is null) { return; }
        batch.Clear();
        _batches.Add(batch);
    }

    private void HandOn(ServerMessage? message, IList? records, int count)
    {
        Interlocked.Add(ref _records, count);
        Post(QueryEvent.OfMessage(message, records, count));
    }

    private void Post(QueryEvent next)
    {
        _events.Enqueue(next);
        _eventReady.Release();
    }

    private QueryEnd Ending(QueryEndReason reason, SmcException? failure) => new(reason, failure, RecordCount, _clock.Elapsed - _started);

    private QueryEnd Failing(QueryEndReason reason, SmcException failure) => Ending(reason, failure);

    private TimeSpan? TimeLeft() => _plan.Limits.Timeout is { } timeout ? Max(_started + timeout - _clock.Elapsed, TimeSpan.Zero) : null;

    private async Task AbortAndCloseAsync()
    {
        var source = _source;
        if (source is null || !source.CanSend) { return; }
        // The receive loop takes no more messages; one it is receiving still sees the SMC's answer to the close.
        _reader?.Dispose();
        using var grace = new CancellationTokenSource(CloseGrace);
        try
        {
            if (_fetchId is { } id)
            {
                await source.SendAsync(Encoding.UTF8.GetBytes("{\"abort\":" + id.ToString(CultureInfo.InvariantCulture) + "}"), grace.Token).ConfigureAwait(false);
            }
            await source.CloseAsync(grace.Token).ConfigureAwait(false);
            if (_reader is { } reader) { await Task.WhenAny(reader.Completion, Task.Delay(CloseGrace)).ConfigureAwait(false); }
        }
        catch (Exception ex) when (ex is SmcException or OperationCanceledException)
        {
            // The SMC went away first; nothing is left to abort.
        }
    }

    private void DropConnection()
    {
        _nextItem = null;
        _source?.Abort();
        _reader?.Dispose();
        _source?.Dispose();
        _source = null;
        _reader = null;
    }

    private const string SmcTooBig = "The decoded text message was too big for the output buffer";

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds:0.###} s";

    private static string Shorten(string text) => text.Length > 60 ? text.Substring(0, 60) + "..." : text;

    private enum Expiry
    {
        None,
        Timeout,
        Duration,
        Silence,
        Cap,
    }
}
