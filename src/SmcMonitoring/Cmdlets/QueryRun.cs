using System;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Protocol;
using SmcMonitoring.Queries;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// One fetch a query cmdlet runs: what to send, where records go, and what to do with each message. A run with
/// records reads ahead (<see cref="ReadAheadQueue"/>): while the pipeline writes the records of one message, the next
/// ones (<see cref="ReadAheadQueue.RecordDepth"/>) are received and parsed into sinks of their own on pool threads.
/// </summary>
internal sealed class QueryRun
{
    private readonly ReadAheadQueue _reads;
    private readonly Func<ServerMessage, IRecordSink?, bool> _onMessage;

    private QueryRun(string label, string socketPath, byte[] request, QueryLimits limits, ReadAheadQueue reads, Func<ServerMessage, IRecordSink?, bool> onMessage, bool timeoutIsError, bool inactivityIsError)
    {
        Label = label;
        SocketPath = socketPath;
        Request = request;
        Limits = limits;
        _reads = reads;
        _onMessage = onMessage;
        TimeoutIsError = timeoutIsError;
        InactivityIsError = timeoutIsError && inactivityIsError;
    }

    /// <summary>A run whose records go to sinks made by <paramref name="newSink"/>, handed to <paramref name="onMessage"/> with each message.</summary>
    public static QueryRun WithRecords<TSink>(string label, string socketPath, byte[] request, QueryLimits limits, Func<TSink> newSink, Func<ServerMessage, TSink, bool> onMessage, bool timeoutIsError, bool inactivityIsError = true)
        where TSink : class, IRecordSink =>
        new(label, socketPath, request, limits, new ReadAheadQueue(newSink, ReadAheadQueue.RecordDepth), (message, sink) => onMessage(message, (TSink)sink!), timeoutIsError, inactivityIsError);

    /// <summary>A run whose messages carry no records the cmdlet writes (log statistics): read one at a time.</summary>
    public static QueryRun WithoutRecords(string label, string socketPath, byte[] request, QueryLimits limits, Func<ServerMessage, bool> onMessage, bool timeoutIsError) =>
        new(label, socketPath, request, limits, new ReadAheadQueue(() => null, 1), (message, _) => onMessage(message), timeoutIsError, inactivityIsError: true);

    /// <summary>Names the fetch in messages (the engine, or "logs").</summary>
    public string Label { get; }

    public string SocketPath { get; }

    public byte[] Request { get; }

    public QueryLimits Limits { get; }

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

    /// <summary>The oldest read in flight: the next message of this run.</summary>
    public Task<ServerMessage?> Pending => _reads.Next;

    /// <summary>How a live run reopens a dropped socket; null for runs that end with an error instead.</summary>
    public Notifications.ReconnectPolicy? Reconnect { get; set; }

    /// <summary>Starts reading <see cref="Execution"/> (new, or reopened after a dropped connection).</summary>
    public void StartReading(CancellationToken cancellationToken) => _reads.Start(Execution!, cancellationToken);

    /// <summary>Takes the finished <see cref="Pending"/> read; returns the sink that holds its message's records.</summary>
    public IRecordSink? TakeFinished() => _reads.TakeFinished();

    /// <summary>Asks for one more message, read ahead while the last one is written.</summary>
    public void ReadMore(CancellationToken cancellationToken) => _reads.ReadMore(cancellationToken);

    /// <summary>Writes the records of <paramref name="message"/>, which are in <paramref name="sink"/>; false stops this fetch.</summary>
    public bool OnMessage(ServerMessage message, IRecordSink? sink) => _onMessage(message, sink);
}
