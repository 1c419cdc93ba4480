using System;
using System.Net;
using System.Net.WebSockets;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class TokenModeTests : IClassFixture<TokenSimulatorFixture>
{
    private readonly TokenSimulatorFixture fixture;

    public TokenModeTests(TokenSimulatorFixture fixture)
    {
        this.fixture = fixture;
    }

    private async Task<(System.Net.Http.HttpClient Http, string Token)> LoginAsync()
    {
        var http = new System.Net.Http.HttpClient { BaseAddress = fixture.Simulator.BaseUrl };
        using var response = await http.PostAsync("/7.1/login", SmcTestClient.Json($$"""{"authenticationkey":"{{SimulatorFixture.ApiKey}}"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var token = string.Join(",", response.Headers.GetValues("Authorization"));
        Assert.False(string.IsNullOrWhiteSpace(token));
        return (http, token);
    }

    [Fact]
    public async Task Login_returns_a_token_that_authorizes_rest_calls()
    {
        var (http, token) = await LoginAsync();
        using (http)
        {
            using var without = await http.GetAsync("/7.1/system");
            Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", token);
            using var with = await http.GetAsync("/7.1/system");
            Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        }
    }

    [Fact]
    public async Task Entry_points_and_logout_need_no_credentials()
    {
        var (http, _) = await LoginAsync();
        using (http)
        {
            using var entryPoints = await http.GetAsync("/7.1/api");
            Assert.Equal(HttpStatusCode.OK, entryPoints.StatusCode);
            using var logout = await http.PutAsync("/7.1/logout", null);
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Websocket_accepts_the_token_subprotocol_in_either_order(bool accessTokenFirst)
    {
        var (http, token) = await LoginAsync();
        http.Dispose();
        var uri = new Uri($"ws://{fixture.Simulator.BaseUrl.Authority}/7.1/monitoring/log/socket");
        await using var socket = await TestSocket.ConnectAsync(uri, options =>
        {
            options.AddSubProtocol(accessTokenFirst ? "access_token" : token);
            options.AddSubProtocol(accessTokenFirst ? token : "access_token");
        });
        Assert.Equal("access_token", socket.Socket.SubProtocol);
        var fetch = await socket.FetchAsync(Requests.Stored("{\"quantity\":3}"));
        Assert.Equal(3, fetch.Records.Count);
    }

    [Fact]
    public async Task Websocket_with_an_unknown_token_is_refused_with_401()
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.AddSubProtocol("access_token");
        socket.Options.AddSubProtocol("not-a-token");
        var uri = new Uri($"ws://{fixture.Simulator.BaseUrl.Authority}/7.1/monitoring/log/socket");
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, default));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }
}
