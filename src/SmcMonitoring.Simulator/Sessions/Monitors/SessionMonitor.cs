using SmcMonitoring.Simulator.Fields;
using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Sessions.Monitors;

/// <summary>
/// One monitor's record shape and row generator: fills a row's values from its stamp, as a pure function of the
/// table scope, the row id (fixed values) and the row version (changing values).
/// </summary>
internal abstract class SessionMonitor
{
    /// <summary>SessionEvent (302) codes.</summary>
    public const int NewEvent = 1;
    public const int UpdateEvent = 2;
    public const int RemoveEvent = 3;
    public const int AllSentEvent = 4;

    private readonly Term dataType;
    private readonly Term dataTags;
    private readonly int timestampSlot;
    private readonly int nodeSlot;
    private readonly int receptionSlot;
    private readonly int dataTypeSlot;
    private readonly int domainSlot;
    private readonly int eventSlot;
    private readonly int tagsSlot;

    /// <param name="kind">The monitor.</param>
    /// <param name="fieldIds">Every field its records can carry, ascending (the order they are written in).</param>
    /// <param name="dataType">DataType (34) of its records.</param>
    /// <param name="dataTags">DataTags (485) of its records, e.g. "INFO: Connection Monitoring".</param>
    /// <param name="maxAgeSeconds">How long before the table's anchor its initial rows may have appeared.</param>
    protected SessionMonitor(MonitorKind kind, int[] fieldIds, Term dataType, string dataTags, int maxAgeSeconds)
    {
        Kind = kind;
        Shape = new RecordShape(FieldCatalog.Shared, fieldIds);
        MaxAgeSeconds = maxAgeSeconds;
        this.dataType = dataType;
        this.dataTags = new Term(dataTags);
        timestampSlot = Slot(1);
        nodeSlot = Slot(4);
        receptionSlot = Slot(24);
        dataTypeSlot = Slot(34);
        domainSlot = Slot(38);
        eventSlot = Slot(302);
        tagsSlot = Slot(485);
    }

    public MonitorKind Kind { get; }

    public RecordShape Shape { get; }

    public int MaxAgeSeconds { get; }

    /// <summary>The href path segment of its rows (<c>block_list</c>, <c>vpn_sa</c>); null when rows have no href.</summary>
    public virtual string? HrefSegment => null;

    /// <summary>The opaque key that ends a row's href.</summary>
    public virtual string EntryKeyOf(long rowId) => throw new System.NotSupportedException($"{Kind} rows have no href");

    /// <summary>The row an href key names, or null when the key is not one of this monitor's.</summary>
    public virtual long? RowIdOf(string entryKey) => null;

    /// <summary>Fills <paramref name="record"/> (of <see cref="Shape"/>) with <paramref name="row"/>; SessionEvent is set apart.</summary>
    public void Fill(TableScope scope, in SessionRow row, RecordBuffer record)
    {
        record.Clear();
        var values = record.Values;
        var identity = scope.Identity(row.Id);
        var state = scope.State(row.Id, row.Version);
        var engine = scope.Engines[identity.Below(scope.Engines.Length)];
        var node = engine.Nodes[identity.Below(engine.Nodes.Length)];
        Put(values, nodeSlot, FieldValue.Sender(node.Name, node.Address));
        Put(values, timestampSlot, FieldValue.Time(row.ChangedAt));
        Put(values, receptionSlot, FieldValue.Time(row.ChangedAt + state.Between(1, 250)));
        Put(values, dataTypeSlot, FieldValue.Of(dataType));
        Put(values, domainSlot, FieldValue.Of(scope.Domain));
        Put(values, tagsSlot, FieldValue.Of(dataTags));
        FillRow(new RowContext(scope, row, engine, node), ref identity, ref state, values);
    }

    public void SetEvent(RecordBuffer record, int code) => Put(record.Values, eventSlot, FieldValue.Of(code));

    /// <summary>The "all sessions sent" record (SessionEvent 4): who sends it and when, nothing about any row.</summary>
    public void FillMarker(TableScope scope, long now, RecordBuffer record)
    {
        record.Clear();
        var node = scope.Engines[0].Nodes[0];
        Put(record.Values, nodeSlot, FieldValue.Sender(node.Name, node.Address));
        Put(record.Values, receptionSlot, FieldValue.Time(now));
        Put(record.Values, dataTypeSlot, FieldValue.Of(dataType));
        Put(record.Values, domainSlot, FieldValue.Of(scope.Domain));
        Put(record.Values, tagsSlot, FieldValue.Of(dataTags));
        SetEvent(record, AllSentEvent);
    }

    /// <summary>Fills the monitor's own fields; the common ones (sender, times, data type, domain, tags) are set.</summary>
    protected abstract void FillRow(in RowContext row, ref HashStream identity, ref HashStream changing, FieldValue[] values);

    protected int Slot(int fieldId) => Shape.SlotOf(fieldId);

    protected static void Put(FieldValue[] values, int slot, FieldValue value)
    {
        if (slot >= 0)
        {
            values[slot] = value;
        }
    }

    /// <summary>What a monitor fills a row from, besides its hash streams.</summary>
    protected readonly record struct RowContext(TableScope Scope, SessionRow Row, EngineIdentity Engine, EngineNode Node);
}
