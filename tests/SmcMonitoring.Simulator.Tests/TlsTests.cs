using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class TlsTests
{
    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=smc-simulator", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Certificate_turns_on_https_and_wss(SslProtocols protocol)
    {
        using var certificate = SelfSigned();
        await using var simulator = await SmcSimulator.StartAsync(new SimulatorOptions { Certificate = certificate, LogRecords = 10 });
        Assert.Equal("https", simulator.BaseUrl.Scheme);

        using var handler = new HttpClientHandler { SslProtocols = protocol, ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert!.Thumbprint == certificate.Thumbprint };
        using var http = new HttpClient(handler) { BaseAddress = simulator.BaseUrl };
        using var login = await http.PostAsync("/7.1/login", SmcTestClient.Json($$"""{"authenticationkey":"{{simulator.ApiKey}}"}"""));
        login.EnsureSuccessStatusCode();
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie")).Split(';')[0];

        var uri = new Uri($"wss://{simulator.BaseUrl.Authority}/7.1/monitoring/log/socket");
        await using var socket = await TestSocket.ConnectAsync(uri, options =>
        {
            options.SetRequestHeader("Cookie", cookie);
            options.RemoteCertificateValidationCallback = (_, cert, _, _) => cert!.GetCertHashString() == certificate.Thumbprint;
        });
        Assert.Equal(2, (await socket.FetchAsync(Requests.Stored("{\"quantity\":2}"))).Records.Count);
    }
}
