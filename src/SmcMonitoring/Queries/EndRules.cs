using System;
using System.Collections.Generic;
using SmcMonitoring.Records;

namespace SmcMonitoring.Queries;

/// <summary>Which rows of one message to hand on, and whether they end the query.</summary>
internal readonly struct RowsVerdict
{
    public RowsVerdict(int count, List<int>? selected, QueryEndReason? ends, string? note)
    {
        Count = count;
        Selected = selected;
        Ends = ends;
        Note = note;
    }

    /// <summary>Hand on the first <see cref="Count"/> rows (when <see cref="Selected"/> is null).</summary>
    public int Count { get; }

    /// <summary>Hand on these rows, by index, instead of a first few.</summary>
    public List<int>? Selected { get; }

    /// <summary>The rows end the query, for this reason.</summary>
    public QueryEndReason? Ends { get; }

    /// <summary>A verbose line that explains the verdict.</summary>
    public string? Note { get; }

    public static RowsVerdict All(int count) => new(count, null, null, null);
}

/// <summary>What a silence (or a cap) means for a query: how it ends, and the line that explains it.</summary>
internal readonly struct SilenceVerdict
{
    public SilenceVerdict(QueryEndReason reason, bool failure, string explanation)
    {
        Reason = reason;
        IsFailure = failure;
        Explanation = explanation;
    }

    public QueryEndReason Reason { get; }

    /// <summary>True when the query failed (the explanation is the error), false for a normal end (a verbose line).</summary>
    public bool IsFailure { get; }

    public string Explanation { get; }
}

/// <summary>
/// The end rules of one kind of query (docs/protocol.md 6.5, 8.9), all in this file. A rule sees each message's rows
/// and says how long the SMC may now stay silent and what that silence means. The runner measures the times with
/// its clock; these classes only decide.
/// </summary>
internal abstract class EndRule
{
    /// <summary>A stored search may stay silent, or send only status frames, for about two minutes (docs/real-smc.md).</summary>
    public static readonly TimeSpan StoredSilence = TimeSpan.FromMinutes(5);

    /// <summary>The silence that ends a snapshot without a sign of its end: longer than batches sent seconds apart.</summary>
    public static readonly TimeSpan SnapshotSilence = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The silence after a batch of fewer than 200 snapshot rows. The SMC fills its batches (200 rows, as far as it
    /// was seen: an assumption), so a short batch is most likely the last; the silence only confirms it.
    /// </summary>
    public static readonly TimeSpan ShortBatchSilence = TimeSpan.FromSeconds(2);

    /// <summary>The longest a snapshot that never falls silent and never shows its end may take before it is cut.</summary>
    public static readonly TimeSpan SnapshotCap = TimeSpan.FromMinutes(2);

    /// <summary>The SMC's batch size (docs/protocol.md 6.5.1).</summary>
    public const int FullBatch = 200;

    protected EndRule(QueryLimits limits) => Limits = limits;

    protected QueryLimits Limits { get; }

    /// <summary>The rule of <paramref name="kind"/>.</summary>
    public static EndRule For(QueryKind kind, QueryLimits limits, string label) => kind switch
    {
        QueryKind.Stored => new StoredRule(limits, label),
        QueryKind.Snapshot => new SnapshotRule(limits, label),
        _ => new LiveRule(limits, label),
    };

    /// <summary>How long the SMC may stay silent from now on; null for as long as it likes.</summary>
    public abstract TimeSpan? Silence { get; }

    /// <summary>The longest the query may run before this rule ends it (not a failure); null for no cap.</summary>
    public virtual TimeSpan? Cap => null;

    /// <summary>Judges the rows of one message, of which <paramref name="count"/> are to be looked at.</summary>
    public virtual RowsVerdict Judge(IRecordBatch batch, int count) => RowsVerdict.All(count);

    /// <summary>What the silence of <see cref="Silence"/> means.</summary>
    public abstract SilenceVerdict OnSilence(long records);

    /// <summary>What reaching <see cref="Cap"/> means.</summary>
    public virtual SilenceVerdict OnCap(long records) => OnSilence(records);

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds:0.###} s";

    /// <summary>Stored logs: until <c>end</c>; a long silence is a failure.</summary>
    private sealed class StoredRule : EndRule
    {
        private readonly string _label;

        public StoredRule(QueryLimits limits, string label) : base(limits) => _label = label;

        public override TimeSpan? Silence => Limits.Inactivity ?? StoredSilence;

        public override SilenceVerdict OnSilence(long records) => new(QueryEndReason.Inactivity, true,
            $"The query of {_label} stopped before the SMC finished: the SMC sent nothing for {Seconds(Silence!.Value)}{(Limits.Inactivity is null ? " (the default limit; -InactivityTimeoutSec changes it)" : " (-InactivityTimeoutSec)")}. {records} records were returned.");
    }

    /// <summary>Live queries: silence is normal, unless the user set a limit to it.</summary>
    private sealed class LiveRule : EndRule
    {
        private readonly string _label;

        public LiveRule(QueryLimits limits, string label) : base(limits) => _label = label;

        public override TimeSpan? Silence => Limits.Inactivity;

        public override SilenceVerdict OnSilence(long records) => new(QueryEndReason.Inactivity, true,
            $"The live query of {_label} stopped: the SMC sent nothing for {Seconds(Silence!.Value)} (-InactivityTimeoutSec). {records} records were returned.");
    }

    /// <summary>
    /// A session monitor's table, ended by the strongest sign present: a SessionEvent 4 row ("all sessions sent"), or
    /// the first row without <c>first_fetch</c> after rows with it. Rows that have no <c>first_fetch</c> key at all
    /// (a real SMC 6.2) are the table's rows, changes (updated, deleted) aside. Only without either sign does silence
    /// end it, and then the verbose stream says so; an engine that sends nothing gives an empty table.
    /// </summary>
    internal sealed class SnapshotRule : EndRule
    {
        private readonly string _label;
        private bool _sawFirstFetch;
        private bool _sawBatch;
        private bool _sawRows;
        private bool _lastBatchShort;
        private int _changesSkipped;

        public SnapshotRule(QueryLimits limits, string label) : base(limits) => _label = label;

        public override TimeSpan? Silence => Limits.Inactivity ?? (_sawBatch && _lastBatchShort ? ShortBatchSilence : SnapshotSilence);

        public override TimeSpan? Cap => Limits.Timeout is null ? SnapshotCap : null;

        public override RowsVerdict Judge(IRecordBatch batch, int count)
        {
            var marker = batch.MarkerIndex >= 0 && batch.MarkerIndex <= count ? batch.MarkerIndex : -1;
            var end = marker >= 0 ? marker : count;
            List<int>? selected = null;
            for (var i = 0; i < end; i++)
            {
                var flags = batch.FlagsAt(i);
                if ((flags & RowFlags.FirstFetch) != 0)
                {
                    _sawFirstFetch = true;
                    selected?.Add(i);
                    continue;
                }
                if (_sawFirstFetch || (flags & RowFlags.FirstFetchKey) != 0)
                {
                    // The first change after the snapshot (or, with no snapshot row at all, after an empty one).
                    return Ended(i, selected, QueryEndReason.SnapshotComplete,
                        $"The snapshot of {_label} is complete: the SMC sent its first change after the snapshot rows.");
                }
                // An SMC that does not mark first_fetch: its changes are not rows of the table.
                if ((flags & (RowFlags.Updated | RowFlags.Deleted)) != 0)
                {
                    selected ??= Prefix(i);
                    _changesSkipped++;
                    continue;
                }
                selected?.Add(i);
            }
            _sawBatch = true;
            _sawRows |= end > 0;
            _lastBatchShort = count < FullBatch;
            if (marker >= 0)
            {
                return Ended(marker, selected, QueryEndReason.SnapshotComplete, $"The snapshot of {_label} is complete: the SMC sent its all-sessions-sent row (SessionEvent 4).");
            }
            return new RowsVerdict(count, selected, null, null);
        }

        public override SilenceVerdict OnSilence(long records)
        {
            var skipped = _changesSkipped > 0 ? $" {_changesSkipped} change rows (updated or deleted) that came during it were left out." : string.Empty;
            var why = !_sawRows
                ? "the SMC sent no row (an empty table)"
                : _sawFirstFetch
                    ? "the SMC marked its snapshot rows (first_fetch) but no change followed them"
                    : "the SMC marks neither the snapshot rows (first_fetch) nor the snapshot's end (SessionEvent 4)";
            return new SilenceVerdict(QueryEndReason.SnapshotSilence, false,
                $"The snapshot of {_label} ended after {Seconds(Silence!.Value)} of silence, because {why}; {records} rows.{skipped}");
        }

        public override SilenceVerdict OnCap(long records) => new(QueryEndReason.SnapshotCap, false,
            $"The snapshot of {_label} did not end by itself within {Seconds(SnapshotCap)}: the SMC kept sending rows without a sign of the snapshot's end. It returns the {records} rows received, which may include changes; use -Live to follow changes, or -TimeoutSec to allow a longer snapshot.");

        private static RowsVerdict Ended(int count, List<int>? selected, QueryEndReason reason, string note) =>
            new(count, selected, reason, note);

        private static List<int> Prefix(int count)
        {
            var list = new List<int>(count + 16);
            for (var i = 0; i < count; i++) { list.Add(i); }
            return list;
        }
    }
}
