using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using SmcMonitoring.Session;
using Xunit;

namespace SmcMonitoring.Tests.Integration;

[Collection(SimulatorCollection.Name)]
public sealed class SessionCmdletTests
{
    private readonly SimulatorFixture _fixture;

    public SessionCmdletTests(SimulatorFixture fixture) => _fixture = fixture;

    private Dictionary<string, object?> Vars() => new() { ["url"] = _fixture.Simulator.BaseUrl.ToString(), ["key"] = _fixture.Simulator.ApiKey };

    [Fact]
    public void Connect_returns_a_session_on_the_newest_api_version_that_becomes_the_default()
    {
        var output = _fixture.Host.RunClean("$s = Connect-SmcSession -Url $url -ApiKey $key; $s; (Get-SmcSession -Default).Id -eq $s.Id; Disconnect-SmcSession -Session $s; $s.IsConnected", Vars());
        var session = Assert.IsType<SmcSession>(output[0].BaseObject);
        Assert.Equal("7.1", session.ApiVersion);
        Assert.Equal("Shared Domain", session.Domain);
        Assert.Equal("ApiKey", session.AuthenticationMethod);
        Assert.True((bool)output[1].BaseObject);
        Assert.False((bool)output[2].BaseObject);
    }

    [Fact]
    public void Connect_uses_a_requested_api_version_verbatim_in_urls()
    {
        _fixture.Simulator.ClearRequests();
        var output = _fixture.Host.RunClean("$s = Connect-SmcSession -Url $url -ApiKey $key -ApiVersion 6.10; $s.ApiVersion; Disconnect-SmcSession $s", Vars());
        Assert.Equal("6.10", output[0].BaseObject);
        Assert.Contains(_fixture.Simulator.Requests, r => r.Path == "/6.10/login");
    }

    [Fact]
    public void Connect_with_a_credential_logs_in_through_lms_login()
    {
        var output = _fixture.Host.RunClean(
            "$c = [pscredential]::new('admin', (ConvertTo-SecureString 'admin-password' -AsPlainText -Force)); $s = Connect-SmcSession -Url $url -Credential $c; $s.AuthenticationMethod; Disconnect-SmcSession $s", Vars());
        Assert.Equal("Credential", output[0].BaseObject);
        Assert.Contains(_fixture.Simulator.Requests, r => r.Path.EndsWith("/lms_login"));
    }

    [Fact]
    public void Wrong_key_is_an_authentication_error_that_never_shows_the_key()
    {
        var (_, errors) = _fixture.Host.Run("Connect-SmcSession -Url $url -ApiKey 'wrong-secret-key-42'", Vars());
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcAuthenticationFailed", error.FullyQualifiedErrorId);
        Assert.Contains("401", error.Exception.Message);
        Assert.DoesNotContain("wrong-secret-key-42", error.ToString());
        Assert.DoesNotContain("wrong-secret-key-42", error.Exception.ToString());
    }

    [Fact]
    public void Unreachable_url_says_so()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (_, errors) = _fixture.Host.Run($"Connect-SmcSession -Url http://127.0.0.1:{port} -ApiKey k -TimeoutSec 5");
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcUrlUnreachable", error.FullyQualifiedErrorId);
        Assert.Contains($"127.0.0.1:{port}", error.Exception.Message);
    }

    [Fact]
    public void Unsupported_api_version_lists_the_offered_ones()
    {
        var (_, errors) = _fixture.Host.Run("Connect-SmcSession -Url $url -ApiKey $key -ApiVersion 9.9", Vars());
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcApiVersionNotSupported", error.FullyQualifiedErrorId);
        Assert.Contains("6.10, 7.0, 7.1", error.Exception.Message);
    }

    [Fact]
    public void Url_without_http_scheme_is_a_parameter_error()
    {
        var (_, errors) = _fixture.Host.Run("Connect-SmcSession -Url ftp://smc:8082 -ApiKey k");
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcUrlInvalid", error.FullyQualifiedErrorId);
        Assert.Contains("-Url", error.Exception.Message);
    }

    [Fact]
    public void Connect_without_arguments_reads_a_configuration_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            var url = _fixture.Simulator.BaseUrl;
            File.WriteAllText(file, $"[smc]\nsmc_address={url.Host}\nsmc_port={url.Port}\nsmc_apikey={_fixture.Simulator.ApiKey}\napi_version=7.0\n");
            var output = _fixture.Host.RunClean("$s = Connect-SmcSession -ConfigurationFile $file; $s.ApiVersion; Disconnect-SmcSession $s", new Dictionary<string, object?> { ["file"] = file });
            Assert.Equal("7.0", output[0].BaseObject);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Session_text_and_view_never_show_the_key_or_cookie()
    {
        var output = _fixture.Host.RunClean("$all = Connect-SmcSession -Url $url -ApiKey $key -Verbose -Debug 4>&1 5>&1; $s = $all | Where-Object { $_ -is [SmcMonitoring.Session.SmcSession] }; $all; ($s | Format-List * | Out-String); ($s | Format-Table | Out-String); $s.ToString(); Disconnect-SmcSession $s -Verbose 4>&1", Vars());
        var text = string.Join("\n", output.Select(o => o.ToString()));
        var session = output.Select(o => o.BaseObject).OfType<SmcSession>().Single();
        Assert.DoesNotContain(_fixture.Simulator.ApiKey, text);
        Assert.False(string.IsNullOrEmpty(session.SessionCookie));
        Assert.DoesNotContain(session.SessionCookie!, text);
    }

    [Fact]
    public void Disconnect_logs_out_and_queries_then_need_a_session()
    {
        _fixture.Host.RunClean("Get-SmcSession | Disconnect-SmcSession; $null = Connect-SmcSession -Url $url -ApiKey $key; Disconnect-SmcSession", Vars());
        Assert.Contains(_fixture.Simulator.Requests, r => r.Method == "PUT" && r.Path.EndsWith("/logout"));
        var (_, errors) = _fixture.Host.Run("Get-SmcLog");
        Assert.StartsWith("SmcSessionNotFound", Assert.Single(errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Removing_the_module_logs_out_of_every_session()
    {
        using var host = new PowerShellHost();
        var output = host.RunClean("$a = Connect-SmcSession -Url $url -ApiKey $key; $b = Connect-SmcSession -Url $url -ApiKey $key; Remove-Module SmcMonitoring; $a.IsConnected; $b.IsConnected", Vars());
        Assert.False((bool)output[0].BaseObject);
        Assert.False((bool)output[1].BaseObject);
    }
}
