using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmcMonitoring.Records;
using SmcMonitoring.Simulator;
using Xunit;

namespace SmcMonitoring.Tests.Integration;

/// <summary>The simulator speaks TLS with a certificate made at test time; REST and websockets are verified alike.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class TlsTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = new();
    private readonly TestCertificates _otherAuthority = new("Some Other CA");
    private SmcSimulator _simulator = null!;
    private PowerShellHost _host = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SmcSimulator.StartAsync(new SimulatorOptions { ApiKey = "tls-key-123456", LogRecords = 1000, Certificate = _certificates.Server });
        _host = new PowerShellHost();
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _simulator.DisposeAsync();
        _certificates.Dispose();
        _otherAuthority.Dispose();
    }

    private Dictionary<string, object?> Vars(string? ca = null) => new()
    {
        ["url"] = _simulator.BaseUrl.ToString(),
        ["key"] = _simulator.ApiKey,
        ["ca"] = ca,
    };

    [Fact]
    public void A_trusted_private_ca_connects_rest_and_websocket()
    {
        Assert.StartsWith("https://", _simulator.BaseUrl.ToString());
        var output = _host.RunClean("$s = Connect-SmcSession -Url $url -ApiKey $key -CertificateAuthority $ca; Get-SmcLog -Session $s -MaxRecords 5; Disconnect-SmcSession $s", Vars(_certificates.AuthorityPemPath));
        Assert.Equal(5, output.Count(o => o.BaseObject is SmcLogRecord));
    }

    [Fact]
    public void An_untrusted_certificate_fails_with_a_clear_error()
    {
        var (_, errors) = _host.Run("Connect-SmcSession -Url $url -ApiKey $key", Vars());
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcUrlUnreachable", error.FullyQualifiedErrorId);
        Assert.Contains("certificate", error.Exception.Message);
        Assert.Contains("-SkipCertificateCheck", error.Exception.Message);
    }

    [Fact]
    public void A_certificate_from_another_ca_is_refused_and_named()
    {
        var (_, errors) = _host.Run("Connect-SmcSession -Url $url -ApiKey $key -CertificateAuthority $ca", Vars(_otherAuthority.AuthorityPemPath));
        var error = Assert.Single(errors);
        Assert.Contains("not issued by the CA", error.Exception.Message);
        Assert.Contains("Some Other CA", error.Exception.Message);
    }

    [Fact]
    public void Skipping_the_check_is_per_session_never_process_wide()
    {
        var output = _host.RunClean("$s = Connect-SmcSession -Url $url -ApiKey $key -SkipCertificateCheck; (Get-SmcLog -Session $s -MaxRecords 3).Count", Vars());
        Assert.Equal(3, (int)output.Single().BaseObject);
        // With a relaxed session open, a session without the switch is still verified.
        var (_, errors) = _host.Run("Connect-SmcSession -Url $url -ApiKey $key", Vars());
        Assert.StartsWith("SmcUrlUnreachable", Assert.Single(errors).FullyQualifiedErrorId);
        _host.RunClean("Get-SmcSession | Disconnect-SmcSession");
    }
}
