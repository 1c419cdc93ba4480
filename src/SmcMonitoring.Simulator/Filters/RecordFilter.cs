using System.Text.RegularExpressions;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Filters;

/// <summary>A compiled filter node (docs/protocol.md 5.1), evaluated against one generated record.</summary>
internal abstract class RecordFilter
{
    public abstract bool Matches(RecordBuffer record);
}

/// <summary><c>and</c>: every child matches (true when there are none).</summary>
internal sealed class AllFilter(RecordFilter[] children) : RecordFilter
{
    public override bool Matches(RecordBuffer record)
    {
        foreach (var child in children)
        {
            if (!child.Matches(record))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary><c>or</c>: any child matches (false when there are none).</summary>
internal sealed class AnyFilter(RecordFilter[] children) : RecordFilter
{
    public override bool Matches(RecordBuffer record)
    {
        foreach (var child in children)
        {
            if (child.Matches(record))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary><c>not</c>.</summary>
internal sealed class NotFilter(RecordFilter inner) : RecordFilter
{
    public override bool Matches(RecordBuffer record) => !inner.Matches(record);
}

/// <summary><c>defined</c>: the record has a value for the field (slot -1: a field this kind of record never has).</summary>
internal sealed class DefinedFilter(int slot) : RecordFilter
{
    public override bool Matches(RecordBuffer record) => slot >= 0 && record.Values[slot].IsPresent;
}

/// <summary><c>in</c> with the field on the left: the field's value equals any of the values.</summary>
internal sealed class FieldInValuesFilter(int slot, FilterValue[] values) : RecordFilter
{
    public override bool Matches(RecordBuffer record)
    {
        var value = slot >= 0 ? record.Values[slot] : default;
        foreach (var candidate in values)
        {
            if (candidate.Matches(value, record))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary><c>in</c> with a value on the left: any of the fields has that value.</summary>
internal sealed class ValueInFieldsFilter(FilterValue value, int[] slots) : RecordFilter
{
    public override bool Matches(RecordBuffer record)
    {
        foreach (var slot in slots)
        {
            if (slot >= 0 && value.Matches(record.Values[slot], record))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary><c>cs_like</c> / <c>ci_like</c>: the field's text matches an SQL LIKE pattern (% any run, _ one character).</summary>
internal sealed class LikeFilter(int slot, Regex pattern) : RecordFilter
{
    public override bool Matches(RecordBuffer record) =>
        slot >= 0 && record.Values[slot].IsPresent && pattern.IsMatch(FilterValue.TextOf(record.Values[slot]));
}
