using System;
using System.Collections.Generic;

namespace SmcMonitoring.Records;

/// <summary>
/// A record returned by an SMC monitoring query. Its properties are the fields the query asked for, in order;
/// in PowerShell they appear as ordinary properties (see <see cref="SmcRecordAdapter"/>).
/// </summary>
public abstract class SmcRecord
{
    private readonly RecordShape _shape;
    private readonly object?[] _values;

    private protected SmcRecord(RecordShape shape, object?[] values)
    {
        _shape = shape;
        _values = values;
    }

    /// <summary>The property names of this record, in order.</summary>
    /// <remarks>A method, not a property: a record's only properties are its fields (see <see cref="SmcRecordAdapter"/>).</remarks>
    public IReadOnlyList<string> GetPropertyNames()
    {
        var names = new string[_shape.Columns.Count];
        for (var i = 0; i < names.Length; i++) { names[i] = _shape.Columns[i].Property; }
        return names;
    }

    /// <summary>The value of a property (parsed to its natural type where it parses), or null when the SMC sent none.</summary>
    /// <param name="property">A property name, matched case-insensitively.</param>
    public object? this[string property]
    {
        get
        {
            var index = _shape.IndexOfProperty(property);
            return index < 0 ? throw new KeyNotFoundException($"The record has no property '{property}'. Its properties are: {string.Join(", ", GetPropertyNames())}.") : _values[index];
        }
    }

    internal RecordShape Shape => _shape;

    /// <summary>The session the record came from (see <see cref="RecordShape.Source"/>).</summary>
    internal object? Source => _shape.Source;

    internal object? ValueAt(int index) => _values[index];

    /// <summary>A copy of the values, for a record of the same row in another state.</summary>
    internal object?[] CopyValues() => (object?[])_values.Clone();

    /// <summary>A property's value as <typeparamref name="T"/>, or null when the record lacks it or it did not parse to that type.</summary>
    /// <param name="property">A property name, matched case-insensitively.</param>
    public T? GetValue<T>(string property) where T : struct
    {
        var index = _shape.IndexOfProperty(property);
        return index >= 0 && _values[index] is T value ? value : null;
    }

    /// <summary>
    /// The record's properties, in order, with values a serialiser writes the way people read them: an address as its
    /// text, an action or severity by name, a time as ISO 8601 text (with its offset when the time is local or UTC);
    /// numbers, text and nulls as they are. For <c>ConvertTo-Json</c>, which writes an <see cref="System.Net.IPAddress"/>
    /// as a bag of its properties, enums as numbers (unless <c>-EnumsAsStrings</c>) and, in Windows PowerShell, times
    /// as <c>\/Date(...)\/</c>: <c>Get-SmcLog | ForEach-Object GetPlainValues | ConvertTo-Json</c>.
    /// </summary>
    /// <remarks>A method, not a property, for the same reason as <see cref="GetPropertyNames"/>.</remarks>
    public System.Collections.Specialized.OrderedDictionary GetPlainValues()
    {
        var plain = new System.Collections.Specialized.OrderedDictionary(_values.Length, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _values.Length; i++) { plain[_shape.Columns[i].Property] = PlainValue(_values[i]); }
        return plain;
    }

    private static object? PlainValue(object? value) => value switch
    {
        System.Net.IPAddress address => address.ToString(),
        Enum name => name.ToString(),
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };

    /// <inheritdoc/>
    public override string ToString()
    {
        var parts = new List<string>(_values.Length);
        for (var i = 0; i < _values.Length; i++)
        {
            if (_values[i] is { } value) { parts.Add(_shape.Columns[i].Property + "=" + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); }
        }
        return "@{" + string.Join("; ", parts) + "}";
    }
}
