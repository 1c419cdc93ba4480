using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Protocol;

namespace SmcMonitoring.Queries;

/// <summary>
/// Keeps a fixed number of reads of one query in flight, each into a sink of its own, and hands them out in message
/// order: while the caller writes the records of one message, the next ones are received and parsed on other
/// threads. The sinks are reused in a ring one longer than the depth, so memory stays bounded however long the query.
/// </summary>
internal sealed class ReadAheadQueue
{
    /// <summary>
    /// Reads in flight for a query with records. Up to one per core parse at once
    /// (<see cref="QueryExecution.MaxParallelParses"/>); the others are received and wait, so the socket and the parsing
    /// threads keep busy while the pipeline catches up. Measured on 2 cores (interleaved runs): depth 8 wrote 10-20% more
    /// records a second than depth 2, for logs and for connection snapshots; 16 and 32 gained nothing more. It bounds
    /// memory at eight messages and their records.
    /// </summary>
    public const int RecordDepth = 8;

    private readonly IRecordSink?[] _sinks;
    private readonly int _depth;
    private readonly Queue<(Task<ServerMessage?> Read, IRecordSink? Sink)> _reads = new();
    private QueryExecution? _execution;
    private int _next;

    /// <param name="newSink">Makes one sink (called depth + 1 times); null for reads whose records nobody keeps.</param>
    /// <param name="depth">How many reads to keep in flight.</param>
    public ReadAheadQueue(Func<IRecordSink?> newSink, int depth)
    {
        if (depth < 1) { throw new ArgumentOutOfRangeException(nameof(depth), depth, "At least one read must be in flight."); }
        _depth = depth;
        _sinks = new IRecordSink?[depth + 1];
        for (var i = 0; i < _sinks.Length; i++) { _sinks[i] = newSink(); }
    }

    /// <summary>The oldest read in flight: the next message, in order.</summary>
    public Task<ServerMessage?> Next => _reads.Peek().Read;

    /// <summary>Starts reading <paramref name="execution"/> (after a reconnection: drops the reads of the one before).</summary>
    public void Start(QueryExecution execution, CancellationToken cancellationToken)
    {
        _execution = execution;
        _reads.Clear();
        for (var i = 0; i < _depth; i++) { ReadMore(cancellationToken); }
    }

    /// <summary>Removes the oldest read, which has finished, and returns its sink: the records of its message.</summary>
    public IRecordSink? TakeFinished() => _reads.Dequeue().Sink;

    /// <summary>Asks for one more message, into the sink whose records were written longest ago.</summary>
    public void ReadMore(CancellationToken cancellationToken)
    {
        var sink = _sinks[_next];
        _next = (_next + 1) % _sinks.Length;
        _reads.Enqueue((_execution!.ReadAsync(sink, cancellationToken), sink));
    }
}
