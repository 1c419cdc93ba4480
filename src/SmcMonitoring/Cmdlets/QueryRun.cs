using System;
using System.Threading.Tasks;
using SmcMonitoring.Protocol;
using SmcMonitoring.Queries;

namespace SmcMonitoring.Cmdlets;

/// <summary>One fetch a query cmdlet runs: what to send, where records go, and what to do with each message.</summary>
internal sealed class QueryRun
{
    public QueryRun(string label, string socketPath, byte[] request, QueryLimits limits, IRecordSink? sink, Func<ServerMessage, bool> onMessage, bool timeoutIsError, bool inactivityIsError = true)
    {
        Label = label;
        SocketPath = socketPath;
        Request = request;
        Limits = limits;
        Sink = sink;
        OnMessage = onMessage;
        TimeoutIsError = timeoutIsError;
        InactivityIsError = timeoutIsError && inactivityIsError;
    }

    /// <summary>Names the fetch in messages (the engine, or "logs").</summary>
    public string Label { get; }

    public string SocketPath { get; }

    public byte[] Request { get; }

    public QueryLimits Limits { get; }

    public IRecordSink? Sink { get; }

    /// <summary>Writes the message's records; returns false to stop this fetch.</summary>
    public Func<ServerMessage, bool> OnMessage { get; }

    /// <summary>True when running out of time means the answer is incomplete (stored logs, snapshots).</summary>
    public bool TimeoutIsError { get; }

    /// <summary>True when silence means the answer is incomplete (stored logs; not snapshots, whose end is silence).</summary>
    public bool InactivityIsError { get; }

    public QueryExecution? Execution { get; set; }

    public Task<ServerMessage?>? Pending { get; set; }

    /// <summary>How a live run reopens a dropped socket; null for runs that end with an error instead.</summary>
    public Notifications.ReconnectPolicy? Reconnect { get; set; }
}
