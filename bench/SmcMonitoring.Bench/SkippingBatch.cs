using System;
using System.Collections;
using System.Text.Json;
using SmcMonitoring.Protocol;
using SmcMonitoring.Records;

using SmcMonitoring.Fields;

namespace SmcMonitoring.Bench;

/// <summary>A record batch that skips every record: the query layer's cost (socket, read-ahead, tokenizer) without building records.</summary>
internal sealed class SkippingBatch : IRecordBatch
{
    private static readonly IList None = Array.Empty<object>();

    public IList Records => None;

    public int MarkerIndex => -1;

    public void Read(ref Utf8JsonReader reader, RecordChange change) => reader.Skip();

    public RowFlags FlagsAt(int index) => RowFlags.None;

    public string? DeltaKeyAt(int index) => null;

    public bool SameValues(object first, object second) => false;

    public object WithChange(object record, SmcChange change) => record;

    public void Clear()
    {
    }
}
