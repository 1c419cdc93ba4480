using System.Collections.Generic;
using SmcMonitoring.Simulator.Fields;

namespace SmcMonitoring.Simulator.Records;

/// <summary>The fields a kind of record can carry, in output order; a field's position is its slot in a <see cref="RecordBuffer"/>.</summary>
internal sealed class RecordShape
{
    private readonly Dictionary<int, int> slotById = new();

    public RecordShape(FieldCatalog catalog, IReadOnlyList<int> fieldIds)
    {
        Fields = new FieldDefinition[fieldIds.Count];
        for (var slot = 0; slot < fieldIds.Count; slot++)
        {
            Fields[slot] = catalog.Get(fieldIds[slot]);
            slotById.Add(fieldIds[slot], slot);
        }
    }

    public FieldDefinition[] Fields { get; }

    /// <summary>The slot of a field id, or -1 when records of this shape never carry it.</summary>
    public int SlotOf(int fieldId) => slotById.TryGetValue(fieldId, out var slot) ? slot : -1;
}
