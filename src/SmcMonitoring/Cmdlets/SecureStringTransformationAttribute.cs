using System.Management.Automation;
using System.Security;
using SmcMonitoring.Session;

namespace SmcMonitoring.Cmdlets;

/// <summary>Lets a SecureString parameter take a plain string too (converted at once, never echoed).</summary>
internal sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            SecureString secure => secure,
            string text => SmcConfigurationReader.ToSecureString(text),
            _ => inputData,
        };
    }
}
