using System;
using System.Globalization;
using System.Management.Automation;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// Lets a TimeSpan parameter take a plain number as seconds (<c>-Duration 30</c>), besides a TimeSpan or its text
/// (<c>'00:05:00'</c>, <c>(New-TimeSpan -Minutes 5)</c>). PowerShell alone would read 30 as 30 ticks.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class TimeSpanTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case TimeSpan span:
                return span;
            case int or long or short or byte or double or float or decimal:
                return TimeSpan.FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds):
                return TimeSpan.FromSeconds(seconds);
            case string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw new ArgumentTransformationMetadataException($"'{value}' is not a time: give a number of seconds (30), a TimeSpan ((New-TimeSpan -Minutes 5)) or its text ('00:05:00').");
        }
    }
}
