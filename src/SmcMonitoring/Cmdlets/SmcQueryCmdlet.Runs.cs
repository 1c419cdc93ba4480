using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using SmcMonitoring.Notifications;
using SmcMonitoring.Protocol;
using SmcMonitoring.Queries;
using SmcMonitoring.Session;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Cmdlets;

public abstract partial class SmcQueryCmdlet
{
    private readonly List<QueryExecution> _executions = new();

    /// <summary>The reconnection policy of live queries: -NoReconnect and -MaxReconnectAttempts.</summary>
    private protected ReconnectPolicy LiveReconnectPolicy => NoReconnect ? ReconnectPolicy.None : new ReconnectPolicy { MaxAttempts = MaxReconnectAttempts };

    /// <summary>
    /// Runs fetches side by side (one socket each) and hands each message to its run's callback on the pipeline
    /// thread, as it arrives. A failure ends only its own run, as an error after the records already written; a
    /// malformed message is reported and skipped; a live run whose socket drops is reopened with backoff. Ctrl+C and
    /// a stopped pipeline abort every fetch and close every socket.
    /// </summary>
    private protected void RunQueries(SmcSession session, IReadOnlyList<QueryRun> runs)
    {
        var active = new List<QueryRun>();
        try
        {
            foreach (var run in runs)
            {
                WriteVerbose($"SMC {session.Url} {run.SocketPath} ({run.Label}): {Encoding.UTF8.GetString(run.Request)}");
                try
                {
                    Start(session, run);
                    active.Add(run);
                }
                catch (SmcException ex)
                {
                    WriteError(ToErrorRecord(ex, run.Label));
                }
            }
            while (active.Count > 0)
            {
                var finished = Task.WhenAny(active.Select(r => r.Pending!)).GetAwaiter().GetResult();
                var run = active.First(r => r.Pending == finished);
                if (Step(session, run, finished)) { continue; }
                active.Remove(run);
                Finish(run, session);
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the pipeline is stopping; disposing below sends the aborts.
        }
        finally
        {
            DisposeExecutions();
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        // Select-Object -First stops the pipeline by exception and then disposes the cmdlet: abort and close here too.
        DisposeExecutions();
        base.Dispose();
    }

    /// <summary>Handles one finished read; true when the run goes on (its next read is pending).</summary>
    private bool Step(SmcSession session, QueryRun run, Task<ServerMessage?> finished)
    {
        var filled = run.TakeFinished();
        ServerMessage? message;
        try
        {
            message = finished.GetAwaiter().GetResult();
        }
        catch (SmcException ex) when (ex.Error == SmcErrors.MessageInvalid)
        {
            // One broken message is reported; the records fully read before the break are kept, the stream goes on.
            WriteError(ToErrorRecord(ex, run.Label));
            message = new ServerMessage();
        }
        catch (SmcException ex) when (ex.Kind == SmcErrorKind.Connection && run.Reconnect is { MaxAttempts: > 0 })
        {
            return Reconnect(session, run, ex.Message) || Fail(run, ex);
        }
        catch (SmcException ex)
        {
            return Fail(run, ex);
        }
        if (message is null)
        {
            return run.Execution!.StopReason == QueryStopReason.ServerClosed && run.Reconnect is { MaxAttempts: > 0 }
                && Reconnect(session, run, "the SMC closed the socket");
        }
        if (message.Status != null) { WriteVerbose($"SMC status ({run.Label}): {message.Status}"); }
        if (message.HasRecords && run.SilenceAfterRecords is { } silence) { run.Limits.InactivityTimeout = silence; }
        // The next messages are read and parsed while this one's records go down the pipeline.
        run.ReadMore(Cancellation);
        return run.OnMessage(message, filled);
    }

    private bool Fail(QueryRun run, SmcException ex)
    {
        WriteError(ToErrorRecord(ex, run.Label));
        return false;
    }

    private void Start(SmcSession session, QueryRun run)
    {
        run.Limits.MaxMessageBytes = session.Settings.MaxMessageBytes;
        run.Execution = QueryExecution.StartAsync(session, run.SocketPath, run.Request, run.Limits, Cancellation).GetAwaiter().GetResult();
        _executions.Add(run.Execution);
        run.StartReading(Cancellation);
    }

    /// <summary>Reopens a live run's socket with bounded exponential backoff; warns about the gap.</summary>
    private bool Reconnect(SmcSession session, QueryRun run, string reason)
    {
        var policy = run.Reconnect!;
        Retire(run.Execution!);
        for (var attempt = 1; attempt <= policy.MaxAttempts; attempt++)
        {
            var delay = policy.DelayBefore(attempt);
            WriteWarning($"The live query {run.Label} lost its connection ({reason}); reconnecting in {delay.TotalSeconds:0.#} s (attempt {attempt} of {policy.MaxAttempts}).");
            if (Cancellation.WaitHandle.WaitOne(delay)) { throw new OperationCanceledException(Cancellation); }
            try
            {
                Start(session, run);
                WriteWarning($"The live query {run.Label} is connected again. Records sent while it was disconnected may be missing: the SMC does not replay them.");
                return true;
            }
            catch (SmcException ex)
            {
                reason = ex.Message;
            }
        }
        WriteError(ToErrorRecord(SmcErrors.ReconnectFailed.Create($"The live query {run.Label} gave up after {policy.MaxAttempts} reconnection attempts: {reason}"), run.Label));
        return false;
    }

    private void Finish(QueryRun run, SmcSession session)
    {
        var execution = run.Execution;
        if (execution is null) { return; }
        var stop = execution.StopReason;
        WriteVerbose($"Query {run.Label} stopped ({(stop == QueryStopReason.None ? "by the reader" : stop.ToString())}) after {execution.RecordCount} records in {execution.Elapsed.TotalSeconds:0.0} s.");
        if ((run.TimeoutIsError && stop == QueryStopReason.QueryTimeout) || (run.InactivityIsError && stop == QueryStopReason.InactivityTimeout))
        {
            var which = stop == QueryStopReason.QueryTimeout
                ? $"-TimeoutSec ({run.Limits.QueryTimeout.TotalSeconds:0} s) passed"
                : $"the SMC sent nothing for {run.Limits.InactivityTimeout.TotalSeconds:0} s (-InactivityTimeoutSec)";
            WriteError(ToErrorRecord(SmcErrors.QueryTimeout.Create($"The query {run.Label} stopped before the SMC finished: {which}. {execution.RecordCount} records were returned."), session));
        }
        else if (run.TimeoutIsError && stop == QueryStopReason.ServerClosed)
        {
            WriteError(ToErrorRecord(SmcErrors.ConnectionClosed.Create($"The SMC closed the query {run.Label} before the end of its data. {execution.RecordCount} records were returned."), session));
        }
        Retire(execution);
    }

    private void Retire(QueryExecution execution)
    {
        execution.Dispose();
        _executions.Remove(execution);
    }

    private void DisposeExecutions()
    {
        foreach (var execution in _executions.ToArray()) { execution.Dispose(); }
        _executions.Clear();
    }
}
