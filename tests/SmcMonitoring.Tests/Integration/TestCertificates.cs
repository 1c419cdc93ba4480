using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmcMonitoring.Tests.Integration;

/// <summary>A private CA and a server certificate for 127.0.0.1, made at test time.</summary>
public sealed class TestCertificates : IDisposable
{
    public TestCertificates(string caName = "SmcMonitoring Test CA")
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        Authority = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        using var issued = serverRequest.Create(Authority, now.AddDays(-1), now.AddMonths(6), new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        using var withKey = issued.CopyWithPrivateKey(serverKey);
        // Re-imported from PFX so that Kestrel can use the private key on every platform.
        Server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);

        AuthorityPemPath = Path.Combine(Path.GetTempPath(), $"smc-test-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(AuthorityPemPath, Authority.ExportCertificatePem());
    }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Server { get; }

    /// <summary>The CA certificate as a PEM file, for -CertificateAuthority.</summary>
    public string AuthorityPemPath { get; }

    public void Dispose()
    {
        File.Delete(AuthorityPemPath);
        Server.Dispose();
        Authority.Dispose();
    }
}
