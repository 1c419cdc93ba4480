using System;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Protocol;
using SmcMonitoring.Queries;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// One fetch a query cmdlet runs: what to send, where records go, and what to do with each message. A run with
/// records has two sinks: while the pipeline writes the records of one message, the next message is read and
/// parsed into the other sink on a pool thread (one message ahead, never more).
/// </summary>
internal sealed class QueryRun
{
    private readonly IRecordSink?[] _sinks;
    private readonly Func<ServerMessage, IRecordSink?, bool> _onMessage;
    private int _reading;

    private QueryRun(string label, string socketPath, byte[] request, QueryLimits limits, IRecordSink? first, IRecordSink? second, Func<ServerMessage, IRecordSink?, bool> onMessage, bool timeoutIsError, bool inactivityIsError)
    {
        Label = label;
        SocketPath = socketPath;
        Request = request;
        Limits = limits;
        _sinks = new[] { first, second };
        _onMessage = onMessage;
        TimeoutIsError = timeoutIsError;
        InactivityIsError = timeoutIsError && inactivityIsError;
    }

    /// <summary>A run whose records go to sinks made by <paramref name="newSink"/>, handed to <paramref name="onMessage"/> with each message.</summary>
    public static QueryRun WithRecords<TSink>(string label, string socketPath, byte[] request, QueryLimits limits, Func<TSink> newSink, Func<ServerMessage, TSink, bool> onMessage, bool timeoutIsError, bool inactivityIsError = true)
        where TSink : class, IRecordSink =>
        new(label, socketPath, request, limits, newSink(), newSink(), (message, sink) => onMessage(message, (TSink)sink!), timeoutIsError, inactivityIsError);

    /// <summary>A run whose messages carry no records the cmdlet writes (log statistics): read one at a time.</summary>
    public static QueryRun WithoutRecords(string label, string socketPath, byte[] request, QueryLimits limits, Func<ServerMessage, bool> onMessage, bool timeoutIsError) =>
        new(label, socketPath, request, limits, null, null, (message, _) => onMessage(message), timeoutIsError, inactivityIsError: true);

    /// <summary>Names the fetch in messages (the engine, or "logs").</summary>
    public string Label { get; }

    public string SocketPath { get; }

    public byte[] Request { get; }

    public QueryLimits Limits { get; }

    /// <summary>The sink the read in progress fills: it holds the records of the message that read returns.</summary>
    public IRecordSink? Sink => _sinks[_reading];

    /// <summary>True when running out of time means the answer is incomplete (stored logs, snapshots).</summary>
    public bool TimeoutIsError { get; }

    /// <summary>True when silence means the answer is incomplete (stored logs; not snapshots, whose end is silence).</summary>
    public bool InactivityIsError { get; }

    /// <summary>
    /// The inactivity timeout from the first message with records on (snapshots end with silence, but only once
    /// the SMC has begun to answer); null leaves the limits alone. Applied before the next read starts.
    /// </summary>
    public TimeSpan? SilenceAfterRecords { get; set; }

    public QueryExecution? Execution { get; set; }

    public Task<ServerMessage?>? Pending { get; private set; }

    /// <summary>How a live run reopens a dropped socket; null for runs that end with an error instead.</summary>
    public Notifications.ReconnectPolicy? Reconnect { get; set; }

    /// <summary>Starts the next read: ahead, on a pool thread, into the other sink when the run has records.</summary>
    public void ReadNext(CancellationToken cancellationToken)
    {
        if (_sinks[0] is null)
        {
            Pending = Execution!.ReadAsync(null, cancellationToken);
            return;
        }
        _reading ^= 1;
        Pending = Execution!.ReadAheadAsync(_sinks[_reading], cancellationToken);
    }

    /// <summary>Writes the records of <paramref name="message"/>, which are in <paramref name="sink"/>; false stops this fetch.</summary>
    public bool OnMessage(ServerMessage message, IRecordSink? sink) => _onMessage(message, sink);
}
