using System;
using System.IO;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmcMonitoring.Cmdlets;

/// <summary>Lets -CertificateAuthority take a certificate object or the path of a PEM/CRT/DER file.</summary>
internal sealed class CertificateTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case X509Certificate2 certificate:
                return certificate;
            case FileInfo file:
                return Load(file.FullName);
            case string path:
                return Load(engineIntrinsics.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
            default:
                return inputData;
        }
    }

    private static X509Certificate2 Load(string path)
    {
        try
        {
            return new X509Certificate2(path);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentTransformationMetadataException($"Cannot read a certificate from '{path}' (-CertificateAuthority): {ex.Message} A PEM, CRT or DER file, or an X509Certificate2 object, is expected.", ex);
        }
    }
}
