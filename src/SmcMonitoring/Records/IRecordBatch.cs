using System;
using System.Collections;
using SmcMonitoring.Protocol;

using SmcMonitoring.Fields;

namespace SmcMonitoring.Records;

/// <summary>What a session-monitor row said about itself, beside its fields.</summary>
[Flags]
internal enum RowFlags : byte
{
    /// <summary>A log record, or a row with nothing to say.</summary>
    None = 0,
    /// <summary>The row said <c>first_fetch: true</c>: it belongs to the initial snapshot.</summary>
    FirstFetch = 1,
    /// <summary>The row had a <c>first_fetch</c> key at all (real SMC 6.2 rows have none).</summary>
    FirstFetchKey = 2,
    /// <summary>The row came in <c>records.updated</c>.</summary>
    Updated = 4,
    /// <summary>The row came in <c>records.deleted</c>.</summary>
    Deleted = 8,
}

/// <summary>
/// The records of one message, as a sink read them, with what the query runner needs to decide where a snapshot
/// ends and to keep a live table: each row's flags, where a SessionEvent 4 row ("all sessions sent") came, the rows'
/// identities, and records of the same row in another state.
/// </summary>
internal interface IRecordBatch : IRecordSink
{
    /// <summary>The records read since the last <see cref="Clear"/>, in message order.</summary>
    IList Records { get; }

    /// <summary>The flags of the record at <paramref name="index"/>.</summary>
    RowFlags FlagsAt(int index);

    /// <summary>How many records came before the first SessionEvent 4 row (which is not a record); -1 for none.</summary>
    int MarkerIndex { get; }

    /// <summary>The row identity (<c>delta_key</c>) of the record at <paramref name="index"/>, if it had one.</summary>
    string? DeltaKeyAt(int index);

    /// <summary>True when two records of this kind hold the same values (their change and snapshot flag aside).</summary>
    bool SameValues(object first, object second);

    /// <summary>A copy of <paramref name="record"/> that says <paramref name="change"/> and is not part of a snapshot.</summary>
    object WithChange(object record, SmcChange change);

    /// <summary>Forgets the records read so far, once they were written.</summary>
    void Clear();
}
