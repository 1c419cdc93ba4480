using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SmcMonitoring.Fields;

namespace SmcMonitoring.Filters;

/// <summary>Completes the keys of a -Filter hashtable: the special keys and every field's property name.</summary>
public sealed class FilterKeyCompleter : IArgumentCompleter
{
    private static readonly string[] Special = FilterFields.SpecialKeys.Split(new[] { ", " }, StringSplitOptions.None);

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"', '@', '{', ' ');
        var special = Special.Where(k => k.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(k => new CompletionResult(k, k, CompletionResultType.ParameterValue, "filter key " + k));
        var fields = FieldCatalog.Default.Fields
            .Where(f => f.Property.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Property, StringComparer.OrdinalIgnoreCase)
            .Select(f => new CompletionResult(f.Property, f.Property, CompletionResultType.ParameterValue, $"{f.Id} {f.Name} ({f.Kind}): {f.Meaning}"));
        return special.Concat(fields);
    }
}
