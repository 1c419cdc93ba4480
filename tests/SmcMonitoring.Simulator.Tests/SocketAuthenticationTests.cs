using System;
using System.Net;
using System.Net.WebSockets;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class SocketAuthenticationTests : IClassFixture<CookieSimulatorFixture>
{
    private readonly CookieSimulatorFixture fixture;

    public SocketAuthenticationTests(CookieSimulatorFixture fixture)
    {
        this.fixture = fixture;
    }

    [Theory]
    [InlineData("monitoring/log/socket")]
    [InlineData("monitoring/session/socket")]
    [InlineData("notification/socket")]
    public async Task Upgrade_without_a_session_is_refused_with_401(string socketPath)
    {
        using var client = SmcTestClient.Create(fixture.Simulator);
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(client.SocketUri(socketPath), default));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Upgrade_with_an_unknown_cookie_is_refused_with_401()
    {
        using var client = SmcTestClient.Create(fixture.Simulator);
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Cookie", "JSESSIONID=forged");
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(client.SocketUri("monitoring/log/socket"), default));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Upgrade_with_the_session_cookie_is_accepted_without_origin_and_without_cookies_set()
    {
        using var client = await fixture.LoginAsync();
        await using var socket = await TestSocket.ConnectAsync(
            client.SocketUri("monitoring/log/socket"),
            options => options.SetRequestHeader("Cookie", $"jar=1; JSESSIONID={client.SessionCookie}"));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, socket.Socket.HttpStatusCode);
        Assert.False(socket.Socket.HttpResponseHeaders!.ContainsKey("Set-Cookie"));
        Assert.Null(socket.Socket.SubProtocol);
    }
}
