using System;
using SmcMonitoring.Protocol;
using SmcMonitoring.Records;

namespace SmcMonitoring.Queries;

/// <summary>How a query ends (docs/protocol.md 8.9): each kind has its own rules, in <see cref="EndRule"/>.</summary>
internal enum QueryKind
{
    /// <summary>Stored logs: until the SMC's <c>end</c>, or the records asked for.</summary>
    Stored,
    /// <summary>A session monitor's current table: until the SMC shows the initial snapshot is complete.</summary>
    Snapshot,
    /// <summary>Live logs or a session monitor's changes: until stopped, or -Duration.</summary>
    Live,
}

/// <summary>The client-side limits of one query, from the cmdlet's parameters.</summary>
internal sealed class QueryLimits
{
    /// <summary>-TimeoutSec: the whole query's time, reconnections included; reaching it is a failure.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>-Duration: how long a live query runs; reaching it is a normal end.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>-InactivityTimeoutSec: how long the SMC may stay silent, instead of the kind's default.</summary>
    public TimeSpan? Inactivity { get; set; }

    /// <summary>The most records to hand on; the query ends when it reached them, however many the SMC sent.</summary>
    public long? MaxRecords { get; set; }

    /// <summary>
    /// A warning for a result cut by <see cref="MaxRecords"/>, or null. When set, the request asks for one record
    /// more than <see cref="MaxRecords"/> and the runner reads it (without handing it on): the warning then comes
    /// only when more records matched, after the records handed on.
    /// </summary>
    public string? WarnWhenCut { get; set; }
}

/// <summary>Everything the runner needs to run one query; built by a cmdlet, a test or the bench.</summary>
internal sealed class QueryPlan
{
    /// <summary>Creates a plan.</summary>
    /// <param name="label">Names the query in messages: "logs", "connections of fw-east".</param>
    /// <param name="request">The request, compact UTF-8 JSON.</param>
    /// <param name="kind">Which end rules apply.</param>
    /// <param name="newBatch">Makes a sink for one message's records; null when no record is wanted (statistics, field descriptions).</param>
    public QueryPlan(string label, byte[] request, QueryKind kind, Func<IRecordBatch>? newBatch)
    {
        Label = label;
        Request = request;
        Kind = kind;
        NewBatch = newBatch;
    }

    /// <summary>Names the query in messages.</summary>
    public string Label { get; }

    /// <summary>The request sent once the socket is open (again after each reconnection).</summary>
    public byte[] Request { get; }

    /// <summary>Which end rules apply.</summary>
    public QueryKind Kind { get; }

    /// <summary>Makes a record sink; null when the query's messages carry no records anybody keeps.</summary>
    public Func<IRecordBatch>? NewBatch { get; }

    /// <summary>The client-side limits.</summary>
    public QueryLimits Limits { get; } = new();

    /// <summary>How a live query reopens a dropped socket; ignored by the other kinds, which end with an error.</summary>
    public ReconnectPolicy Reconnect { get; set; } = new();

    /// <summary>
    /// True for a live session monitor: the runner keeps the table, so that after a reconnection the SMC's new
    /// snapshot becomes the rows that changed while the socket was down instead of the whole table again.
    /// </summary>
    public bool KeepsTable { get; set; }

    /// <summary>
    /// How many messages are received and parsed ahead of the one being written: eight for record queries (on two
    /// cores, eight wrote 10-20% more records a second than two; more gained nothing; see bench/results.md), one
    /// otherwise. It bounds memory at that many messages and their records.
    /// </summary>
    public int ReadAheadDepth => NewBatch is null ? 1 : 8;
}
