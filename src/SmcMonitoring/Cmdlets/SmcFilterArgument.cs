using System.Management.Automation;

using SmcMonitoring.Cmdlets;

using SmcMonitoring.Filters;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// The argument of -Filter: the hashtable, scriptblock or expression the user wrote, kept as written and translated
/// by the cmdlet. Its properties exist so that Tab completes the keys inside a -Filter hashtable (PowerShell offers
/// the settable properties of a parameter's type there); they are never set or read.
/// </summary>
public sealed partial class SmcFilterArgument
{
    /// <summary>An empty argument; PowerShell completes hashtable keys only for types it could build from a hashtable.</summary>
    public SmcFilterArgument()
    {
    }

    /// <summary>Wraps the value the user gave to -Filter.</summary>
    public SmcFilterArgument(object value) => Value = value;

    /// <summary>The hashtable, scriptblock, expression string or <see cref="SmcFilter"/> the user gave.</summary>
    [Hidden]
    public object? Value { get; }

    /// <summary>Filter key: alternatives (hashtables).</summary>
    public object? Or { get; set; }

    /// <summary>Filter key: conditions that must all match (hashtables).</summary>
    public object? And { get; set; }

    /// <summary>Filter key: a negated condition (a hashtable).</summary>
    public object? Not { get; set; }

    /// <summary>Filter key: fields that must have a value.</summary>
    public object? Defined { get; set; }

    /// <summary>Filter key: an expression in the SMC's filter language, passed through.</summary>
    public object? Expression { get; set; }

    /// <summary>Filter key: case-insensitive wildcard matches (a hashtable of field = pattern).</summary>
    public object? Like { get; set; }

    /// <summary>Filter key: case-sensitive wildcard matches (a hashtable of field = pattern).</summary>
    public object? CLike { get; set; }

    /// <summary>Filter key: the href of a Filter element stored in the SMC.</summary>
    public object? FilterElement { get; set; }

    /// <inheritdoc/>
    public override string ToString() => Value?.ToString() ?? string.Empty;
}

/// <summary>Wraps whatever is given to -Filter, before PowerShell would try to convert a hashtable to the parameter type.</summary>
internal sealed class FilterArgumentTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            null => null,
            SmcFilterArgument argument => argument,
            _ => new SmcFilterArgument(value),
        };
    }
}
