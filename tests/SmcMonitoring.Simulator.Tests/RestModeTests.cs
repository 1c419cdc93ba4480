using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

/// <summary>How some SMCs differ on the REST side: the cookie's path, and a reverse proxy's path prefix.</summary>
public sealed class RestModeTests
{
    private static async Task<string> LoginCookieAsync(SmcSimulator simulator, string loginPath)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = simulator.BaseUrl };
        using var response = await http.PostAsync(loginPath, SmcTestClient.Json($$"""{"authenticationkey":"{{simulator.ApiKey}}"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single();
    }

    [Theory]
    [InlineData(SessionCookiePathScope.Root, "7.1", "Path=/;")]
    [InlineData(SessionCookiePathScope.Version, "7.1", "Path=/7.1;")]
    [InlineData(SessionCookiePathScope.Version, "6.10", "Path=/6.10;")]
    public async Task The_session_cookie_path_is_the_root_or_the_api_version(SessionCookiePathScope scope, string version, string expected)
    {
        await using var simulator = await SmcSimulator.StartAsync(new SimulatorOptions { SessionCookiePath = scope });
        var cookie = await LoginCookieAsync(simulator, $"/{version}/login");
        Assert.Matches($"^JSESSIONID=[A-Za-z0-9_-]+; {expected.Replace(".", "\\.", StringComparison.Ordinal)} HttpOnly$", cookie);
    }

    [Fact]
    public async Task A_version_cookie_reaches_the_websocket_of_that_version_through_a_cookie_jar()
    {
        await using var simulator = await SmcSimulator.StartAsync(new SimulatorOptions { SessionCookiePath = SessionCookiePathScope.Version, LogRecords = 10 });
        using var client = await SmcTestClient.LoginAsync(simulator);
        Assert.Null(client.Cookies.GetCookies(new Uri(simulator.BaseUrl, "/api"))["JSESSIONID"]);
        var cookieHeader = client.Cookies.GetCookieHeader(client.SocketUri("monitoring/log/socket"));
        Assert.StartsWith("JSESSIONID=", cookieHeader);
        await using var socket = await TestSocket.ConnectAsync(client.SocketUri("monitoring/log/socket"), o => o.SetRequestHeader("Cookie", cookieHeader));
        Assert.Equal(2, (await socket.FetchAsync(Requests.Stored("{\"quantity\":2}"))).Records.Count);
    }

    [Fact]
    public async Task A_path_base_serves_rest_websockets_hrefs_and_controls_under_it_and_nothing_outside()
    {
        await using var simulator = await SmcSimulator.StartAsync(new SimulatorOptions { PathBase = "/smc", SessionChangesPerSecond = 0, NotificationsPerSecond = 0, SnapshotCompleteMarker = true });
        var root = simulator.BaseUrl.GetLeftPart(UriPartial.Authority);
        Assert.Equal($"{root}/smc", simulator.BaseUrl.ToString().TrimEnd('/'));
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies });

        using (var outside = await http.GetAsync($"{root}/api"))
        {
            Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        }

        using (var outsideControl = await http.GetAsync($"{root}/_simulator/faults"))
        {
            Assert.Equal(HttpStatusCode.NotFound, outsideControl.StatusCode);
        }

        var versions = JsonNode.Parse(await http.GetStringAsync($"{root}/smc/api"))!;
        Assert.Contains(versions["version"]!.AsArray(), v => (string?)v!["href"] == $"{root}/smc/7.1/api");
        using (var login = await http.PostAsync($"{root}/smc/7.1/login", SmcTestClient.Json($$"""{"authenticationkey":"{{simulator.ApiKey}}"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        var entryPoints = JsonNode.Parse(await http.GetStringAsync($"{root}/smc/7.1/api"))!["entry_point"]!.AsArray();
        Assert.All(entryPoints, e => Assert.StartsWith($"{root}/smc/7.1/", (string?)e!["href"]));
        var system = JsonNode.Parse(await http.GetStringAsync((string?)entryPoints.Single(e => (string?)e!["rel"] == "system")!["href"]))!;
        Assert.Equal($"{root}/smc/7.1/system/smc_version", (string?)system["link"]!.AsArray().Single(l => (string?)l!["rel"] == "smc_version")!["href"]);
        using (var control = await http.GetAsync($"{root}/smc/_simulator/faults"))
        {
            Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        }

        Assert.StartsWith($"{root}/smc/7.1/elements/host/", simulator.RaiseElementChange("host", "create"));

        var cookie = cookies.GetCookieHeader(new Uri($"{root}/smc/7.1/api"));
        var socketUri = new Uri($"ws://{simulator.BaseUrl.Authority}/smc/7.1/monitoring/session/socket");
        await using var socket = await TestSocket.ConnectAsync(socketUri, o => o.SetRequestHeader("Cookie", cookie));
        var snapshot = await SessionSnapshot.FetchAsync(socket, SessionRequests.Query("BLOCK_LIST", format: "{\"type\":\"texts\",\"field_format\":\"name\"}"));
        Assert.All(snapshot.Records, r => Assert.StartsWith($"{root}/smc/7.1/elements/single_fw/", (string?)r["block_list_href"]));

        await using var outsideSocket = await RawWebSocket.ConnectAsync(new Uri($"ws://{simulator.BaseUrl.Authority}/7.1/monitoring/session/socket"), $"Cookie: {cookie}");
        Assert.Equal(404, outsideSocket.Status);
        Assert.Contains(simulator.Requests, r => r.Kind == "http" && r.Path == "/smc/7.1/monitoring/session/socket");
    }
}
