using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Threading;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;
using SmcMonitoring.Session;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// What the session-monitor cmdlets share: a snapshot per target by default (the current table, then the cmdlet
/// ends), or with -Live every change of every target until Ctrl+C. A snapshot ends at what marks the end of the
/// initial snapshot (the first record that is not first_fetch, or a SessionEvent 4 record), with silence after the
/// first records and an overall timeout as fallbacks, so it also ends on a busy engine.
/// </summary>
public abstract class SmcSessionMonitorCmdlet : SmcQueryCmdlet
{
    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SnapshotSilence = TimeSpan.FromSeconds(3);
    private readonly List<string?> _liveTargets = new();

    /// <summary>
    /// <para type="description">Stream changes (added, updated and deleted rows, each with its Change, FirstFetch and DeltaKey) until Ctrl+C, -TimeoutSec or -InactivityTimeoutSec, instead of returning one snapshot.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Live { get; set; }

    /// <summary>The monitor this cmdlet queries.</summary>
    internal abstract SessionMonitor Monitor { get; }

    /// <summary>Queries the targets: at once for snapshots, all together at the end for -Live.</summary>
    protected void QueryTargets(IEnumerable<string?> targets)
    {
        if (Live)
        {
            _liveTargets.AddRange(targets);
            return;
        }
        var session = ResolveSession();
        foreach (var target in targets) { RunQueries(session, new[] { CreateRun(session, target) }); }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_liveTargets.Count == 0) { return; }
        var session = ResolveSession();
        var runs = new List<QueryRun>();
        foreach (var target in _liveTargets)
        {
            var run = CreateRun(session, target);
            run.Reconnect = LiveReconnectPolicy;
            runs.Add(run);
        }
        RunQueries(session, runs);
    }

    /// <summary>The definition to send; the block list asks the SMC's version (PROTOCOL.md 2.9, 7.3).</summary>
    private protected virtual string DefinitionFor(SmcSession session) => Monitor.Definition;

    /// <summary>The format of the request; the block list replaces it with a combined format.</summary>
    private protected virtual void ConfigureFormat(SessionQuery query, RecordShape shape)
    {
        query.Format.Resolving = BuildResolving();
        if (Raw)
        {
            query.Format.FieldFormat = FieldFormat;
            if (Field != null) { foreach (var id in shape.FieldIds) { query.Format.FieldIds.Add(id); } }
            return;
        }
        foreach (var id in shape.FieldIds) { query.Format.FieldIds.Add(id); }
    }

    private QueryRun CreateRun(SmcSession session, string? target)
    {
        var shape = Field is null ? Monitor.DefaultShape : Monitor.BuildShape(ResolveFields(Field), Monitor.CustomTypeName);
        string definition;
        try
        {
            definition = DefinitionFor(session);
        }
        catch (SmcException ex)
        {
            ThrowTerminatingError(ToErrorRecord(ex, target));
            throw;
        }
        var query = new SessionQuery(definition, target) { Filter = TranslateFilter() };
        ConfigureFormat(query, shape);
        var limits = LimitsFromParameters(Timeout.InfiniteTimeSpan);
        var silence = InactivityTimeoutSec > 0 ? TimeSpan.FromSeconds(InactivityTimeoutSec) : SnapshotSilence;
        if (!Live)
        {
            if (TimeoutSec == 0) { limits.QueryTimeout = SnapshotTimeout; }
            // Silence only ends a snapshot once its first records arrived; before that the SMC may still be busy.
            limits.InactivityTimeout = Timeout.InfiniteTimeSpan;
        }
        var label = target ?? Monitor.Definition;
        QueryRun run;
        var state = new SnapshotState();
        if (Raw)
        {
            run = QueryRun.WithRecords(label, SessionQuery.SocketPath, query.ToRequestJson(), limits, () => new RawRecordSink(),
                (_, raw) => Deliver(raw.Records, state, RawFirstFetch, RawIsMarker, RawIsAdded, marker: false), timeoutIsError: !Live, inactivityIsError: false);
        }
        else
        {
            run = QueryRun.WithRecords(label, SessionQuery.SocketPath, query.ToRequestJson(), limits, () => new TypedRecordSink(shape, Monitor.Create, target),
                (_, typed) => DeliverTyped(typed, state), timeoutIsError: !Live, inactivityIsError: false);
        }
        if (!Live) { run.SilenceAfterRecords = silence; }
        return run;
    }

    /// <summary>Writes a message's typed rows; a message of snapshot rows only (the usual case) skips the per-row checks.</summary>
    private bool DeliverTyped(TypedRecordSink sink, SnapshotState state)
    {
        bool more;
        if (sink.FirstFetchCount == sink.Records.Count && !sink.SawSnapshotComplete)
        {
            state.SawFirstFetch |= sink.Records.Count > 0;
            foreach (var record in sink.Records) { WriteObject(record); }
            more = true;
        }
        else
        {
            more = Deliver(sink.Records, state, r => ((SmcSessionRecord)r).IsFirstFetch, _ => false, r => ((SmcSessionRecord)r).ChangeKind == SmcChange.Added, sink.SawSnapshotComplete);
        }
        sink.Clear();
        return more;
    }

    private bool Deliver<T>(List<T> records, SnapshotState state, Func<T, bool?> firstFetch, Func<T, bool> isMarker, Func<T, bool> isAdded, bool marker)
    {
        if (Live)
        {
            foreach (var record in records) { WriteObject(record); }
            records.Clear();
            return true;
        }
        foreach (var record in records)
        {
            if (isMarker(record))
            {
                state.Done = true;
            }
            else if (firstFetch(record) == true)
            {
                state.SawFirstFetch = true;
                WriteObject(record);
            }
            else if (state.SawFirstFetch)
            {
                // The first change after the initial snapshot: the snapshot is complete.
                state.Done = true;
            }
            else if (isAdded(record))
            {
                // An SMC that does not mark first_fetch: take what is added until silence or the timeout.
                WriteObject(record);
            }
        }
        records.Clear();
        return !(state.Done || marker);
    }

    private static bool? RawFirstFetch(OrderedDictionary record) => record["first_fetch"] switch
    {
        bool value => value,
        string text => string.Equals(text, "true", StringComparison.OrdinalIgnoreCase),
        _ => null,
    };

    private static bool RawIsMarker(OrderedDictionary record) =>
        string.Equals(Convert.ToString(record["SessionEvent"] ?? record["302"] ?? record["Session Event"], System.Globalization.CultureInfo.InvariantCulture), "4", StringComparison.Ordinal);

    private static bool RawIsAdded(OrderedDictionary record) => (record["change"] as string) is null or "added";

    private sealed class SnapshotState
    {
        public bool SawFirstFetch { get; set; }

        public bool Done { get; set; }
    }
}
