using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

using SmcMonitoring.Fields;

namespace SmcMonitoring.Cmdlets;

/// <summary>Completes field names for -Field from the catalog: property names first, tool tips with the id and meaning.</summary>
internal sealed class FieldNameCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return FieldCatalog.Default.Fields
            .Where(f => f.Property.StartsWith(word, StringComparison.OrdinalIgnoreCase) || f.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Property, StringComparer.OrdinalIgnoreCase)
            .Select(f => new CompletionResult(f.Property, f.Property, CompletionResultType.ParameterValue, $"{f.Id} {f.Name}: {f.Meaning}"));
    }
}
