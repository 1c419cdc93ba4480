using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// Values as PowerShell hands them to a cmdlet, without PowerShell's wrappers: a value that came through the pipeline
/// or a variable may be a <see cref="PSObject"/> around the real value, at any depth of a hashtable. The filter layer
/// knows nothing of PowerShell, so the cmdlets give it plain values.
/// </summary>
internal static class PlainValues
{
    /// <summary>
    /// <paramref name="value"/> unwrapped; dictionaries and lists are copied (in their order) only when something
    /// inside them was wrapped.
    /// </summary>
    public static object? Of(object? value)
    {
        if (value is PSObject wrapped) { value = wrapped.BaseObject; }
        switch (value)
        {
            case IDictionary table when NeedsCopy(table.Keys) || NeedsCopy(table.Values):
                var copy = new OrderedDictionary(table.Count);
                foreach (DictionaryEntry entry in table) { copy[Of(entry.Key)!] = Of(entry.Value); }
                return copy;
            case IList list when value is not string && NeedsCopy(list):
                var items = new object?[list.Count];
                for (var i = 0; i < items.Length; i++) { items[i] = Of(list[i]); }
                return items;
            default:
                return value;
        }
    }

    private static bool NeedsCopy(IEnumerable items)
    {
        foreach (var item in items)
        {
            if (item is PSObject) { return true; }
            if (item is IDictionary table && (NeedsCopy(table.Keys) || NeedsCopy(table.Values))) { return true; }
            if (item is IList list && item is not string && NeedsCopy(list)) { return true; }
        }
        return false;
    }
}
