using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SmcMonitoring.Session;

/// <summary>
/// Decides whether one session trusts a server certificate: the system's validation, optionally relaxed for this
/// session only (<c>-SkipCertificateCheck</c>) or extended with a private CA (<c>-CertificateAuthority</c>). It is
/// handed to each HTTP handler and websocket of the session, never installed process-wide.
/// </summary>
internal sealed class CertificatePolicy
{
    private readonly bool _skip;
    private readonly X509Certificate2? _authority;

    public CertificatePolicy(bool skip, X509Certificate2? authority)
    {
        _skip = skip;
        _authority = authority;
    }

    /// <summary>True when the system's default validation is all this session needs.</summary>
    public bool IsDefault => !_skip && _authority is null;

    /// <summary>The last reason a certificate was refused, for error messages.</summary>
    public string? LastFailure { get; private set; }

    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_skip) { return true; }
        if (errors == SslPolicyErrors.None) { return true; }
        if (certificate is null)
        {
            LastFailure = "the server sent no certificate";
            return false;
        }
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            LastFailure = "the certificate's name does not match the host name";
            return false;
        }
        if (_authority is null)
        {
            LastFailure = "the certificate does not chain to a trusted root (" + errors + "); pass -CertificateAuthority with the SMC's CA, or -SkipCertificateCheck";
            return false;
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        custom.ChainPolicy.ExtraStore.Add(_authority);
        var leaf = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        if (custom.Build(leaf))
        {
            foreach (var element in custom.ChainElements)
            {
                if (element.Certificate.Thumbprint == _authority.Thumbprint) { return true; }
            }
        }
        LastFailure = "the certificate is not issued by the CA given in -CertificateAuthority (" + _authority.Subject + ")";
        return false;
    }
}
