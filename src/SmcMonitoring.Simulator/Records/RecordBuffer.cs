namespace SmcMonitoring.Simulator.Records;

/// <summary>One record's values by slot; a fetch reuses a single buffer for every record it generates.</summary>
internal sealed class RecordBuffer
{
    public RecordBuffer(RecordShape shape)
    {
        Shape = shape;
        Values = new FieldValue[shape.Fields.Length];
    }

    public RecordShape Shape { get; }

    public FieldValue[] Values { get; }

    public void Clear() => System.Array.Clear(Values);
}
