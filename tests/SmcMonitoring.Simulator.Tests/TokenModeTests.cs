using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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

    internal static async Task<(HttpClient Http, string Token)> LoginAsync(SmcSimulator simulator)
    {
        var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        using var response = await http.PostAsync("/7.1/login", SmcTestClient.Json($$"""{"authenticationkey":"{{simulator.ApiKey}}"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var token = string.Join(",", response.Headers.GetValues("Authorization"));
        Assert.False(string.IsNullOrWhiteSpace(token));
        return (http, token);
    }

    private Uri LogSocketUri => new($"ws://{fixture.Simulator.BaseUrl.Authority}/7.1/monitoring/log/socket");

    [Fact]
    public async Task Login_returns_a_token_that_authorizes_rest_calls()
    {
        var (http, token) = await LoginAsync(fixture.Simulator);
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
    public async Task Tokens_are_base64_with_slash_plus_and_equals_that_dotnet_cannot_offer_as_a_subprotocol()
    {
        for (var i = 0; i < 5; i++)
        {
            var (http, token) = await LoginAsync(fixture.Simulator);
            http.Dispose();
            Assert.Matches("^[A-Za-z0-9+/]+=+$", token);
            Assert.Contains('/', token);
            Assert.Contains('+', token);
            using var socket = new ClientWebSocket();
            Assert.Throws<ArgumentException>(() => socket.Options.AddSubProtocol(token));
        }
    }

    [Fact]
    public async Task Entry_points_need_no_credentials()
    {
        var (http, _) = await LoginAsync(fixture.Simulator);
        using (http)
        {
            using var entryPoints = await http.GetAsync("/7.1/api");
            Assert.Equal(HttpStatusCode.OK, entryPoints.StatusCode);
        }
    }

    [Theory]
    [InlineData("access_token,{0}")]
    [InlineData("{0},access_token")]
    [InlineData("access_token, {0}")]
    [InlineData("access_token", "{0}")]
    [InlineData("{0}", "access_token")]
    public async Task Websocket_finds_the_token_in_either_order_in_one_header_or_two(params string[] protocolLines)
    {
        var (http, token) = await LoginAsync(fixture.Simulator);
        http.Dispose();
        var lines = protocolLines.Select(l => "Sec-WebSocket-Protocol: " + l.Replace("{0}", token, StringComparison.Ordinal)).ToArray();
        await using var socket = await RawWebSocket.ConnectAsync(LogSocketUri, lines);
        Assert.Equal(101, socket.Status);
        Assert.Equal("access_token", socket.Header("Sec-WebSocket-Protocol"));
        await socket.SendTextAsync(Requests.Stored("{\"quantity\":3}"));
        Assert.Equal("Fetch started", (string?)JsonNode.Parse((await socket.ReceiveTextAsync())!)!["success"]);
    }

    [Fact]
    public async Task Websocket_with_an_unknown_token_is_refused_with_401()
    {
        await using var socket = await RawWebSocket.ConnectAsync(LogSocketUri, "Sec-WebSocket-Protocol: access_token,bm90LWE/dG9rZW4=");
        Assert.Equal(401, socket.Status);
    }

    [Fact]
    public async Task Logout_needs_the_token_and_then_the_token_works_nowhere()
    {
        var (http, token) = await LoginAsync(fixture.Simulator);
        using (http)
        {
            using (var refused = await http.PutAsync("/7.1/logout", null))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            }

            using var withToken = new HttpRequestMessage(HttpMethod.Put, "/7.1/logout");
            withToken.Headers.TryAddWithoutValidation("Authorization", token);
            using (var system = new HttpRequestMessage(HttpMethod.Get, "/7.1/system"))
            {
                system.Headers.TryAddWithoutValidation("Authorization", token);
                using var stillLoggedIn = await http.SendAsync(system);
                Assert.Equal(HttpStatusCode.OK, stillLoggedIn.StatusCode);
            }

            using (var logout = await http.SendAsync(withToken))
            {
                Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
            }

            using var after = new HttpRequestMessage(HttpMethod.Get, "/7.1/system");
            after.Headers.TryAddWithoutValidation("Authorization", token);
            using (var gone = await http.SendAsync(after))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
            }

            await using var upgrade = await RawWebSocket.ConnectAsync(LogSocketUri, $"Sec-WebSocket-Protocol: access_token,{token}");
            Assert.Equal(401, upgrade.Status);
        }

        var notes = fixture.Simulator.Requests.Where(r => r.Kind == "simulator" && r.Method == "logout").Select(r => JsonNode.Parse(r.Body!)!).ToList();
        Assert.Contains(notes, n => (int?)n["status"] == 401 && (bool?)n["authorization"] == false);
        Assert.Contains(notes, n => (int?)n["status"] == 204 && (bool?)n["authorization"] == true);
        Assert.DoesNotContain(fixture.Simulator.Requests, r => $"{r.Body}{r.Query}".Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logout_without_token_can_be_accepted_as_the_reference_expects()
    {
        await using var simulator = await SmcSimulator.StartAsync(new SimulatorOptions { TokenMode = true, LogoutWithoutToken = TokenlessLogoutAnswer.Accept });
        var (http, _) = await LoginAsync(simulator);
        using (http)
        {
            using var logout = await http.PutAsync("/7.1/logout", null);
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Hex_tokens_can_be_offered_by_dotnet_in_either_order(bool accessTokenFirst)
    {
        await using var simulator = await SmcSimulator.StartAsync(new SimulatorOptions { TokenMode = true, TokenAlphabet = TokenAlphabet.Hex });
        var (http, token) = await LoginAsync(simulator);
        http.Dispose();
        Assert.Matches(new Regex("^[0-9a-f]{48}$"), token);
        var uri = new Uri($"ws://{simulator.BaseUrl.Authority}/7.1/monitoring/log/socket");
        await using var socket = await TestSocket.ConnectAsync(uri, options =>
        {
            options.AddSubProtocol(accessTokenFirst ? "access_token" : token);
            options.AddSubProtocol(accessTokenFirst ? token : "access_token");
        });
        Assert.Equal("access_token", socket.Socket.SubProtocol);
        var fetch = await socket.FetchAsync(Requests.Stored("{\"quantity\":3}"));
        Assert.Equal(3, fetch.Records.Count);
    }
}
