using System;
using System.Collections;
using SmcMonitoring.Errors;
using SmcMonitoring.Protocol;

namespace SmcMonitoring.Queries;

/// <summary>What a query runner hands its caller next.</summary>
internal enum QueryEventKind
{
    /// <summary>One message of the SMC, with the records to write from it (<see cref="QueryEvent.Records"/>).</summary>
    Message,
    /// <summary>Something the user may want to read: a verbose line or a warning.</summary>
    Notice,
    /// <summary>A failure that cost one message, not the query (a message that could not be read).</summary>
    Error,
    /// <summary>The query ended (<see cref="QueryEvent.End"/>); nothing follows.</summary>
    End,
}

/// <summary>How loud a notice is.</summary>
internal enum NoticeLevel
{
    /// <summary>For -Verbose.</summary>
    Verbose,
    /// <summary>A warning: the user should know.</summary>
    Warning,
}

/// <summary>Why a query ended.</summary>
internal enum QueryEndReason
{
    /// <summary>The SMC sent <c>end</c>.</summary>
    Completed,
    /// <summary>The records asked for (-MaxRecords) were handed on.</summary>
    RecordLimit,
    /// <summary>The SMC showed the snapshot is complete (SessionEvent 4, or the first change after it).</summary>
    SnapshotComplete,
    /// <summary>A snapshot without either sign ended by silence (the verbose stream says so).</summary>
    SnapshotSilence,
    /// <summary>A snapshot that never fell silent was cut at its longest time (with a warning).</summary>
    SnapshotCap,
    /// <summary>-Duration passed.</summary>
    Duration,
    /// <summary>-TimeoutSec passed: a failure.</summary>
    Timeout,
    /// <summary>The SMC stayed silent past the inactivity limit: a failure.</summary>
    Inactivity,
    /// <summary>The SMC closed the socket before the query's end: a failure.</summary>
    ServerClosed,
    /// <summary>Another failure (<see cref="QueryEnd.Failure"/>).</summary>
    Failed,
}

/// <summary>How and when a query ended.</summary>
internal sealed class QueryEnd
{
    public QueryEnd(QueryEndReason reason, SmcException? failure, long records, TimeSpan elapsed)
    {
        Reason = reason;
        Failure = failure;
        Records = records;
        Elapsed = elapsed;
    }

    public QueryEndReason Reason { get; }

    /// <summary>Why the query failed; null for a normal end.</summary>
    public SmcException? Failure { get; }

    /// <summary>Records handed on.</summary>
    public long Records { get; }

    /// <summary>How long the query ran.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>A bug of the module itself, to surface as it is rather than as an SMC failure.</summary>
    internal Exception? Unexpected { get; init; }
}

/// <summary>One thing a query runner hands its caller; see <see cref="QueryEventKind"/>.</summary>
internal sealed class QueryEvent
{
    private QueryEvent(QueryEventKind kind) => Kind = kind;

    public QueryEventKind Kind { get; }

    /// <summary>The message (control keys: status, statistics, fields...), for <see cref="QueryEventKind.Message"/>.</summary>
    public ServerMessage? Message { get; private set; }

    /// <summary>The records to write, in order; null when the message brought none to write.</summary>
    public IList? Records { get; private set; }

    /// <summary>How many of <see cref="Records"/> to write, from the first.</summary>
    public int RecordCount { get; private set; }

    public NoticeLevel Level { get; private set; }

    public string? Text { get; private set; }

    public SmcException? Error { get; private set; }

    public QueryEnd? End { get; private set; }

    public static QueryEvent OfMessage(ServerMessage? message, IList? records, int count) =>
        new(QueryEventKind.Message) { Message = message, Records = records, RecordCount = records is null ? 0 : count };

    public static QueryEvent Notice(NoticeLevel level, string text) => new(QueryEventKind.Notice) { Level = level, Text = text };

    public static QueryEvent Failure(SmcException error) => new(QueryEventKind.Error) { Error = error };

    public static QueryEvent Ended(QueryEnd end) => new(QueryEventKind.End) { End = end };
}
