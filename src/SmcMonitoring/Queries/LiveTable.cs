using System;
using System.Collections.Generic;
using SmcMonitoring.Records;

using SmcMonitoring.Fields;

namespace SmcMonitoring.Queries;

/// <summary>
/// The table a live session monitor has handed on so far, by row identity (<c>delta_key</c>). After a reconnection
/// the SMC sends its whole table again as a new snapshot; instead of handing all of it on as new rows, the table turns
/// it into what changed while the socket was down: rows it did not know (added), rows whose values differ (updated),
/// and, once the new snapshot is over, rows it knew that the SMC no longer has (deleted). A script that keeps a
/// table from Change and DeltaKey thus stays correct across reconnections.
/// </summary>
internal sealed class LiveTable
{
    private readonly Dictionary<string, object> _rows = new(StringComparer.Ordinal);
    private readonly IRecordBatch _rowKind;
    private HashSet<string>? _seen;

    /// <param name="rowKind">A batch of the query's record kind, to compare rows and make them in another state.</param>
    public LiveTable(IRecordBatch rowKind) => _rowKind = rowKind;

    /// <summary>True while a snapshot sent again after a reconnection is being compared with the table.</summary>
    public bool Resuming => _seen != null;

    /// <summary>How many rows the table holds.</summary>
    public int Count => _rows.Count;

    /// <summary>Starts comparing: the SMC is about to send its whole table again.</summary>
    public void BeginResume() => _seen = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Applies the first <paramref name="count"/> rows of a message. Returns the rows to hand on, or null when they
    /// are to be handed on as they are (no reconnection being resumed).
    /// </summary>
    public List<object>? Apply(IRecordBatch batch, int count)
    {
        var marker = batch.MarkerIndex >= 0 && batch.MarkerIndex <= count ? batch.MarkerIndex : -1;
        if (_seen is null)
        {
            for (var i = 0; i < count; i++) { Track(batch.Records[i]!, batch.DeltaKeyAt(i), batch.FlagsAt(i)); }
            return null;
        }
        var output = new List<object>();
        for (var i = 0; i < count; i++)
        {
            var row = batch.Records[i]!;
            var flags = batch.FlagsAt(i);
            var key = batch.DeltaKeyAt(i);
            if (i == marker) { output.AddRange(FinishResume()); }
            if (_seen != null && IsSnapshotRow(flags))
            {
                Compare(row, key, output);
                continue;
            }
            if (_seen != null) { output.AddRange(FinishResume()); }
            Track(row, key, flags);
            output.Add(row);
        }
        if (marker == count && _seen != null) { output.AddRange(FinishResume()); }
        return output;
    }

    /// <summary>Ends a resume: the rows known before and missing from the new snapshot are gone, as deleted rows.</summary>
    public List<object> FinishResume()
    {
        var gone = new List<object>();
        if (_seen is null) { return gone; }
        var goneKeys = new List<string>();
        foreach (var pair in _rows)
        {
            if (_seen.Contains(pair.Key)) { continue; }
            goneKeys.Add(pair.Key);
            gone.Add(_rowKind.WithChange(pair.Value, SmcChange.Deleted));
        }
        foreach (var key in goneKeys) { _rows.Remove(key); }
        _seen = null;
        return gone;
    }

    private static bool IsSnapshotRow(RowFlags flags) =>
        (flags & RowFlags.FirstFetch) != 0 || ((flags & RowFlags.FirstFetchKey) == 0 && (flags & (RowFlags.Updated | RowFlags.Deleted)) == 0);

    private void Compare(object row, string? key, List<object> output)
    {
        if (key is null)
        {
            output.Add(row);
            return;
        }
        _seen!.Add(key);
        if (!_rows.TryGetValue(key, out var known))
        {
            _rows[key] = row;
            output.Add(row);
            return;
        }
        if (_rowKind.SameValues(known, row)) { return; }
        var updated = _rowKind.WithChange(row, SmcChange.Updated);
        _rows[key] = updated;
        output.Add(updated);
    }

    private void Track(object row, string? key, RowFlags flags)
    {
        if (key is null) { return; }
        if ((flags & RowFlags.Deleted) != 0) { _rows.Remove(key); }
        else { _rows[key] = row; }
    }
}
