using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Session;
using SmcMonitoring.Simulator;
using Xunit;

namespace SmcMonitoring.Tests.Integration;

/// <summary>
/// The REST side against a broken or hostile SMC: endless and oversized answers are refused at a named limit, the
/// token dies with the logout, and credentials never go to another host (a redirect or an entry point elsewhere).
/// </summary>
[Collection(SimulatorCollection.Name)]
public sealed class HostileRestTests
{
    private const string Key = "hostile-rest-key-0123";

    private static Task<SmcSimulator> StartAsync(bool tokenMode = false) => SmcSimulator.StartAsync(new SimulatorOptions
    {
        ApiKey = Key,
        LogRecords = 100,
        TokenMode = tokenMode,
        SessionChangesPerSecond = 0,
        NotificationsPerSecond = 0,
    });

    private static (List<object> Output, IReadOnlyList<ErrorRecord> Errors) Run(PowerShellHost host, string script, SmcSimulator simulator, SmcSession? session = null)
    {
        var (output, errors) = host.Run(script, new Dictionary<string, object?> { ["url"] = simulator.BaseUrl.ToString(), ["key"] = Key, ["s"] = session });
        return (output.Select(o => o.BaseObject).ToList(), errors);
    }

    [Theory]
    [InlineData(EndlessRestAnswer.Login, "/7.1/login")]
    [InlineData(EndlessRestAnswer.Api, "/7.1/api")]
    [InlineData(EndlessRestAnswer.Versions, "/api")]
    public async Task An_endless_answer_while_connecting_is_refused_at_the_small_limit(EndlessRestAnswer which, string path)
    {
        await using var simulator = await StartAsync();
        simulator.Faults.EndlessRestBody = which;
        using var host = new PowerShellHost();
        var (_, errors) = Run(host, "Connect-SmcSession -Url $url -ApiKey $key -TimeoutSec 20", simulator);
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcResponseTooLarge", error.FullyQualifiedErrorId);
        Assert.Contains(path, error.Exception.Message);
        Assert.Contains("larger than 1 MB", error.Exception.Message);
        Assert.Contains(simulator.Requests, r => r.Kind == "simulator" && r.Method == "fault" && r.Body!.Contains("EndlessRestBody"));
    }

    [Fact]
    public async Task Entry_points_past_the_small_limit_are_refused_and_below_it_accepted()
    {
        await using var simulator = await StartAsync();
        using var host = new PowerShellHost();
        simulator.Faults.OversizedRestBodyBytes = 512 * 1024;
        var (accepted, acceptedErrors) = Run(host, "$s = Connect-SmcSession -Url $url -ApiKey $key; $s.IsConnected; Disconnect-SmcSession $s", simulator);
        Assert.Empty(acceptedErrors);
        Assert.Equal(true, accepted.Single());

        simulator.Faults.OversizedRestBodyBytes = 3 * 1024 * 1024;
        var (_, errors) = Run(host, "Connect-SmcSession -Url $url -ApiKey $key", simulator);
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcResponseTooLarge", error.FullyQualifiedErrorId);
        Assert.Contains("GET /7.1/api", error.Exception.Message);
        Assert.Contains("1 MB", error.Exception.Message);
    }

    [Fact]
    public async Task A_token_mode_logout_sends_the_token_and_the_token_no_longer_works()
    {
        await using var simulator = await StartAsync(tokenMode: true);
        using var host = new PowerShellHost();
        var session = host.Connect(simulator);
        var token = session.Token;
        Assert.False(string.IsNullOrEmpty(token));
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, await GetWithTokenAsync(http, simulator, token!));

        var (_, errors) = Run(host, "Disconnect-SmcSession -Session $s", simulator, session);

        Assert.Empty(errors);
        var logout = JsonNode.Parse(simulator.Requests.Single(r => r.Kind == "simulator" && r.Method == "logout").Body!)!;
        Assert.Equal(204, (int)logout["status"]!);
        Assert.True((bool)logout["authorization"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, await GetWithTokenAsync(http, simulator, token!));
    }

    [Fact]
    public async Task A_rest_redirect_to_another_host_is_refused_and_no_credential_arrives_there()
    {
        await using var simulator = await StartAsync(tokenMode: true);
        await using var elsewhere = HeaderRecordingListener.Start(IPAddress.Parse("127.0.0.2"));
        using var host = new PowerShellHost();
        var session = host.Connect(simulator);
        simulator.Faults.RedirectRestTo = elsewhere.Url.ToString();

        var (_, errors) = Run(host, "Get-SmcEngine -Session $s", simulator, session);

        var error = Assert.Single(errors);
        Assert.StartsWith("SmcRequestRedirected", error.FullyQualifiedErrorId);
        Assert.Contains("HTTP 307", error.Exception.Message);
        Assert.Contains(elsewhere.Url.GetLeftPart(UriPartial.Authority), error.Exception.Message);
        Assert.Contains(simulator.Requests, r => r.Kind == "simulator" && r.Method == "fault" && r.Body!.Contains("RedirectRestTo"));
        Assert.Empty(elsewhere.Requests);
        Assert.DoesNotContain(session.Token!, error.Exception.Message);
    }

    [Fact]
    public async Task Entry_points_on_another_host_are_not_called_with_the_session_credentials()
    {
        await using var simulator = await StartAsync(tokenMode: true);
        await using var elsewhere = HeaderRecordingListener.Start(IPAddress.Parse("127.0.0.2"));
        simulator.Faults.EntryPointsBase = elsewhere.Url.ToString();
        using var host = new PowerShellHost();
        var session = host.Connect(simulator);

        var (_, errors) = Run(host, "Get-SmcEngine -Session $s", simulator, session);

        var error = Assert.Single(errors);
        Assert.StartsWith("SmcRequestRedirected", error.FullyQualifiedErrorId);
        Assert.Contains(elsewhere.Url.GetLeftPart(UriPartial.Authority), error.Exception.Message);
        Assert.Contains("Connect-SmcSession -Url", error.Exception.Message);
        Assert.Empty(elsewhere.Requests);
    }

    private static async Task<HttpStatusCode> GetWithTokenAsync(HttpClient http, SmcSimulator simulator, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(simulator.BaseUrl, "7.1/system"));
        request.Headers.TryAddWithoutValidation("Authorization", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
