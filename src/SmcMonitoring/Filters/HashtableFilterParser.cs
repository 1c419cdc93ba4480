using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Filters;

/// <summary>
/// Translates a hashtable filter, in the manner of <c>Get-WinEvent -FilterHashtable</c>: each key is a field and its
/// value one value or a list (any of them matches); several keys must all match. Special keys: <c>Or</c>, <c>And</c>,
/// <c>Not</c> (nested hashtables), <c>Defined</c> (field names), <c>Expression</c> (SMC filter language, passed
/// through), <c>Like</c>/<c>CLike</c> (wildcard patterns), <c>FilterElement</c> (href of a stored filter). A key
/// naming several fields, <c>'Src|Dst'</c>, matches a value in any of them. Unknown keys are errors, never ignored.
/// </summary>
internal static class HashtableFilterParser
{
    /// <summary>Translates <paramref name="table"/>; throws <see cref="SmcException"/> naming what is wrong.</summary>
    public static SmcFilter Parse(IDictionary table)
    {
        if (table.Count == 0)
        {
            throw FilterValueConverter.Invalid(SmcErrors.FilterEmpty, "The filter hashtable is empty. Give at least one field, for example @{ Src = '192.0.2.10' }, or leave -Filter out.");
        }
        var filters = new List<SmcFilter>();
        foreach (var key in OrderedKeys(table))
        {
            filters.Add(ParseEntry(key, table[key]));
        }
        return filters.Count == 1 ? filters[0] : new LogicalFilter("and", filters);
    }

    private static SmcFilter ParseEntry(string key, object? value)
    {
        switch (key.ToUpperInvariant())
        {
            case "OR":
                var branches = Tables(key, value);
                // One hashtable: its keys are the alternatives. Several: each is a branch whose keys must all match.
                return branches.Count == 1
                    ? Combine("or", OrderedKeys(branches[0]).Select(k => ParseEntry(k, branches[0][k])).ToList())
                    : Combine("or", branches.Select(Parse).ToList());
            case "AND":
                return Combine("and", Tables(key, value).Select(Parse).ToList());
            case "NOT":
                var negated = Tables(key, value).Select(Parse).ToList();
                return new NotFilter(negated.Count == 1 ? negated[0] : new LogicalFilter("and", negated));
            case "DEFINED":
                return Combine("and", Texts(key, value).Select(name => (SmcFilter)new DefinedFilter(FilterValue.Field(FilterFields.Resolve(name).Id))).ToList());
            case "EXPRESSION":
                return Combine("and", Texts(key, value).Select(text => (SmcFilter)new TranslatedFilter(text)).ToList());
            case "FILTERELEMENT":
                return Combine("or", Texts(key, value).Select(href => (SmcFilter)new StoredFilter(href)).ToList());
            case "LIKE":
            case "CLIKE":
                var caseSensitive = key.Equals("CLike", StringComparison.OrdinalIgnoreCase);
                var patterns = new List<SmcFilter>();
                foreach (var table in Tables(key, value))
                {
                    foreach (var field in OrderedKeys(table))
                    {
                        var definition = FilterFields.Resolve(field);
                        var alternatives = FilterValueConverter.Flatten(table[field], field)
                            .Select(p => (SmcFilter)new LikeFilter(caseSensitive, FilterValue.Field(definition.Id), WildcardToLike(Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture)!)))
                            .ToList();
                        patterns.Add(Combine("or", alternatives));
                    }
                }
                return Combine("and", patterns);
            default:
                return FieldEntry(key, value);
        }
    }

    /// <summary>A field key: <c>Src = values</c>, or <c>'Src|Dst' = value</c> for a value in any of several fields.</summary>
    internal static SmcFilter FieldEntry(string key, object? value)
    {
        var names = key.Split(new[] { '|', ',' }, StringSplitOptions.RemoveEmptyEntries);
        var values = FilterValueConverter.Flatten(value, key);
        if (names.Length == 1)
        {
            return FilterValueConverter.AnyOf(FilterFields.Resolve(names[0].Trim()), values);
        }
        var first = FilterFields.Resolve(names[0].Trim());
        var fields = FilterFields.ResolveAll(names);
        return Combine("or", values.Select(v => (SmcFilter)new InFilter(FilterValueConverter.Convert(first, v), fields)).ToList());
    }

    /// <summary>Translates a PowerShell wildcard pattern (<c>*</c>, <c>?</c>) to a LIKE pattern (<c>%</c>, <c>_</c>).</summary>
    internal static string WildcardToLike(string pattern)
    {
        var like = new System.Text.StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '`' && i + 1 < pattern.Length) { like.Append(pattern[++i]); }
            else if (c == '*') { like.Append('%'); }
            else if (c == '?') { like.Append('_'); }
            else { like.Append(c); }
        }
        return like.ToString();
    }

    internal static SmcFilter Combine(string type, IReadOnlyList<SmcFilter> filters) =>
        filters.Count == 1 ? filters[0] : new LogicalFilter(type, filters);

    private static List<string> OrderedKeys(IDictionary table)
    {
        var keys = table.Keys.Cast<object>().Select(k => Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
        // An [ordered] table keeps its order; a plain hashtable's order is arbitrary, so sort it for a stable request.
        return table is OrderedDictionary ? keys.ToList() : keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static List<IDictionary> Tables(string key, object? value)
    {
        var tables = new List<IDictionary>();
        foreach (var item in FilterValueConverter.Flatten(value, key))
        {
            if (item is IDictionary table) { tables.Add(table); }
            else
            {
                throw FilterValueConverter.Invalid(SmcErrors.FilterValueInvalid, $"The filter key '{key}' takes hashtables, for example {key} = @{{ Src = '10.0.0.1' }}, @{{ Dst = '10.0.0.1' }}; '{item}' is not one.");
            }
        }
        return tables;
    }

    private static List<string> Texts(string key, object? value) =>
        FilterValueConverter.Flatten(value, key).Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToList();
}
