using System;
using System.Collections.Generic;
using System.Text;
using SmcMonitoring.Errors;
using SmcMonitoring.Protocol;
using SmcMonitoring.Queries;
using SmcMonitoring.Session;

namespace SmcMonitoring.Cmdlets;

public abstract partial class SmcQueryCmdlet : IQueryListener
{
    private readonly List<QueryRunner> _runners = new();

    /// <summary>The reconnection policy of live queries: -NoReconnect and -MaxReconnectAttempts.</summary>
    private protected ReconnectPolicy LiveReconnectPolicy => NoReconnect ? ReconnectPolicy.None : new ReconnectPolicy { MaxAttempts = MaxReconnectAttempts };

    /// <summary>The client-side limits of -TimeoutSec and -InactivityTimeoutSec.</summary>
    private protected void ApplyLimits(QueryLimits limits)
    {
        limits.Timeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : null;
        limits.Inactivity = InactivityTimeoutSec > 0 ? TimeSpan.FromSeconds(InactivityTimeoutSec) : null;
    }

    /// <summary>
    /// Runs queries side by side, one socket each, and writes what they hand on from this thread as it arrives
    /// (<see cref="QueryDriver"/>). A failure ends only its own query, as an error after the records it wrote; Ctrl+C
    /// and a stopped pipeline abort every query and close every socket.
    /// </summary>
    private protected void RunQueries(SmcSession session, IReadOnlyList<(QueryPlan Plan, string SocketPath)> queries)
    {
        var runners = new List<QueryRunner>(queries.Count);
        foreach (var (plan, socketPath) in queries)
        {
            WriteVerbose($"SMC {session.Url} {socketPath} ({plan.Label}): {Encoding.UTF8.GetString(plan.Request)}");
            runners.Add(new QueryRunner(plan, new SessionConnector(session, socketPath)));
        }
        _runners.AddRange(runners);
        try
        {
            QueryDriver.Run(runners, this, Cancellation);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the pipeline is stopping; disposing below sends the aborts.
        }
        finally
        {
            foreach (var runner in runners)
            {
                runner.Dispose();
                _runners.Remove(runner);
            }
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        // Select-Object -First stops the pipeline by exception and then disposes the cmdlet: abort and close here too.
        foreach (var runner in _runners) { runner.Dispose(); }
        _runners.Clear();
        base.Dispose();
    }

    /// <summary>Writes a message's records; a cmdlet that writes something else overrides it.</summary>
    private protected virtual void WriteMessage(QueryRunner runner, QueryEvent message)
    {
        if (message.Records is not { } records) { return; }
        for (var i = 0; i < message.RecordCount; i++) { WriteObject(records[i]); }
    }

    /// <summary>Reports a query that failed; by default a non-terminating error after the records it wrote.</summary>
    private protected virtual void ReportFailure(QueryRunner runner, SmcException failure) => WriteError(ToErrorRecord(failure, runner.Plan.Label));

    void IQueryListener.OnMessage(QueryRunner runner, QueryEvent message)
    {
        if (message.Message?.Status is { } status) { WriteVerbose($"SMC status ({runner.Plan.Label}): {status}"); }
        WriteMessage(runner, message);
    }

    void IQueryListener.OnNotice(QueryRunner runner, NoticeLevel level, string text)
    {
        if (level == NoticeLevel.Warning) { WriteWarning(text); }
        else { WriteVerbose(text); }
    }

    void IQueryListener.OnError(QueryRunner runner, SmcException error) => WriteError(ToErrorRecord(error, runner.Plan.Label));

    void IQueryListener.OnEnd(QueryRunner runner, QueryEnd end)
    {
        WriteVerbose($"The query of {runner.Plan.Label} ended ({end.Reason}) after {end.Records} records in {end.Elapsed.TotalSeconds:0.0} s.");
        if (end.Failure is { } failure) { ReportFailure(runner, failure); }
    }
}
