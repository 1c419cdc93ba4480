using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class NotificationTests : IClassFixture<NotificationSimulatorFixture>
{
    private readonly NotificationSimulatorFixture fixture;

    public NotificationTests(NotificationSimulatorFixture fixture)
    {
        this.fixture = fixture;
    }

    private string Base => fixture.Simulator.BaseUrl.GetLeftPart(UriPartial.Authority);

    private async Task<(SmcTestClient Client, TestSocket Socket)> OpenAsync(string version = "7.1")
    {
        var client = await fixture.LoginAsync(version);
        return (client, await client.OpenSocketAsync("notification/socket"));
    }

    private static async Task<JsonObject> SubscribeAsync(TestSocket socket, string context)
    {
        await socket.SendAsync($$"""{"context": "{{context}}"}""");
        return (await socket.ReceiveAsync())!;
    }

    private static async Task AssertSilentAsync(TestSocket socket) =>
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => socket.ReceiveTextAsync(TimeSpan.FromMilliseconds(500)));

    [Fact]
    public async Task Subscriptions_are_numbered_per_socket_from_0_and_echo_the_context()
    {
        var (client, socket) = await OpenAsync();
        using (client)
        await using (socket)
        {
            var first = await SubscribeAsync(socket, "host,network");
            Assert.Equal("""{"success":"Subscribed for notifications","context":"host,network","subscription_id":0}""", first.ToJsonString());
            var second = await SubscribeAsync(socket, "host, router");
            Assert.Equal(("host, router", 1), ((string?)second["context"], (int?)second["subscription_id"]));
            Assert.Equal(2, (int?)(await SubscribeAsync(socket, "*"))["subscription_id"]);
            Assert.Equal(3, (int?)(await SubscribeAsync(socket, ""))["subscription_id"]);
        }

        var (other, again) = await OpenAsync();
        using (other)
        await using (again)
        {
            Assert.Equal(0, (int?)(await SubscribeAsync(again, "single_fw"))["subscription_id"]);
        }
    }

    [Theory]
    [InlineData("""{"context": "host,printer"}""", "unknown context 'printer' (valid: host, network, router, single_fw, layer2_policy, fw_cluster, iprange; \"\" or \"*\" for all)")]
    [InlineData("""{"context": "logout"}""", "unknown context 'logout' (valid: host, network, router, single_fw, layer2_policy, fw_cluster, iprange; \"\" or \"*\" for all)")]
    [InlineData("""{"context": 5}""", "context must be a string: element types separated by commas, or \"\" or \"*\" for all")]
    [InlineData("""{"unsubscribe": 9}""", "unknown subscription_id 9")]
    [InlineData("""{"subscribe": "host"}""", "unknown request: expected 'context' (subscribe) or 'unsubscribe'")]
    [InlineData("""{"context": """, "invalid JSON: ")]
    public async Task Bad_requests_are_answered_with_a_failure(string request, string failure)
    {
        var (client, socket) = await OpenAsync();
        using (client)
        await using (socket)
        {
            await socket.SendAsync(request);
            Assert.StartsWith(failure, (string?)(await socket.ReceiveAsync())!["failure"]);
            Assert.Equal(0, (int?)(await SubscribeAsync(socket, "host"))["subscription_id"]);
        }
    }

    [Fact]
    public async Task Api_7_1_sends_one_event_object_per_message()
    {
        var (client, socket) = await OpenAsync("7.1");
        using (client)
        await using (socket)
        {
            await SubscribeAsync(socket, "host");
            var href = fixture.Simulator.RaiseElementChange("host", "update", "1087");
            Assert.Equal($"{Base}/7.1/elements/host/1087", href);
            var message = (await socket.ReceiveAsync())!;
            Assert.Equal($$$"""{"subscription_id":0,"event":{"type":"update","element":"{{{href}}}"}}""", message.ToJsonString());
        }
    }

    [Fact]
    public async Task Api_6_5_sends_an_events_array()
    {
        var (client, socket) = await OpenAsync("6.5");
        using (client)
        await using (socket)
        {
            await SubscribeAsync(socket, "host,network");
            fixture.Simulator.RaiseElementChange("host", "create", "1087");
            var message = (await socket.ReceiveAsync())!;
            Assert.Equal(0, (int?)message["subscription_id"]);
            Assert.False(message.ContainsKey("event"));
            var first = message["events"]!.AsArray()[0]!;
            Assert.Equal(("create", $"{Base}/6.5/elements/host/1087"), ((string?)first["type"], (string?)first["element"]));

            var events = message["events"]!.AsArray().Count;
            for (var i = 0; i < 5; i++)
            {
                fixture.Simulator.RaiseElementChange("network", "update", $"{77 + i}");
            }

            while (events < 6)
            {
                var more = (await socket.ReceiveAsync())!;
                Assert.All(more["events"]!.AsArray(), e => Assert.Equal("update", (string?)e!["type"]));
                events += more["events"]!.AsArray().Count;
            }

            await AssertSilentAsync(socket);
        }
    }

    [Fact]
    public async Task An_event_is_delivered_once_per_matching_subscription_and_star_gets_everything()
    {
        var (client, socket) = await OpenAsync();
        using (client)
        await using (socket)
        {
            await SubscribeAsync(socket, "host");
            await SubscribeAsync(socket, "network, router");
            await SubscribeAsync(socket, "*");
            fixture.Simulator.RaiseElementChange("host", "delete", "1");
            fixture.Simulator.RaiseElementChange("router", "validated", "2");
            fixture.Simulator.RaiseElementChange("iprange", "trashed", "3");
            var received = new List<(int, string, string)>();
            for (var i = 0; i < 5; i++)
            {
                var message = (await socket.ReceiveAsync())!;
                received.Add(((int)message["subscription_id"]!, (string)message["event"]!["type"]!, ((string)message["event"]!["element"]!).Split("/elements/")[1]));
            }

            Assert.Equal(
                new[] { (0, "delete", "host/1"), (2, "delete", "host/1"), (1, "validated", "router/2"), (2, "validated", "router/2"), (2, "trashed", "iprange/3") },
                received);
            await AssertSilentAsync(socket);
        }
    }

    [Fact]
    public async Task Unsubscribe_stops_one_subscription()
    {
        var (client, socket) = await OpenAsync();
        using (client)
        await using (socket)
        {
            await SubscribeAsync(socket, "host");
            await SubscribeAsync(socket, "host");
            await socket.SendAsync("""{"unsubscribe": 0}""");
            Assert.Equal("""{"success":"Unsubscribed","subscription_id":0}""", (await socket.ReceiveAsync())!.ToJsonString());
            fixture.Simulator.RaiseElementChange("host", "untrashed", "5");
            Assert.Equal(1, (int?)(await socket.ReceiveAsync())!["subscription_id"]);
            await AssertSilentAsync(socket);
        }
    }

    [Fact]
    public async Task The_admin_endpoint_raises_the_exact_event_without_a_session()
    {
        var (client, socket) = await OpenAsync();
        using (client)
        await using (socket)
        {
            await SubscribeAsync(socket, "host");
            using var http = new HttpClient();
            using var response = await http.PostAsync($"{Base}/_simulator/element-change", SmcTestClient.Json("""{"context":"host","action":"validating","id":"1087"}"""));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal($"{Base}/7.1/elements/host/1087", (string?)answer["element"]);
            Assert.Equal($$$"""{"subscription_id":0,"event":{"type":"validating","element":"{{{Base}}}/7.1/elements/host/1087"}}""", (await socket.ReceiveAsync())!.ToJsonString());

            using var withoutId = await http.PostAsync($"{Base}/_simulator/element-change", SmcTestClient.Json("""{"context":"host","action":"update"}"""));
            var picked = (string)JsonNode.Parse(await withoutId.Content.ReadAsStringAsync())!["id"]!;
            Assert.EndsWith($"/elements/host/{picked}", (string?)(await socket.ReceiveAsync())!["event"]!["element"]);
        }
    }

    [Theory]
    [InlineData("POST", "/_simulator/element-change", """{"context":"printer","action":"update"}""", HttpStatusCode.BadRequest, "unknown context 'printer'")]
    [InlineData("POST", "/_simulator/element-change", """{"context":"host","action":"renamed"}""", HttpStatusCode.BadRequest, "unknown action 'renamed'")]
    [InlineData("POST", "/_simulator/element-change", "not json", HttpStatusCode.BadRequest, "The body must be JSON")]
    [InlineData("GET", "/_simulator/element-change", null, HttpStatusCode.MethodNotAllowed, "Use POST.")]
    [InlineData("POST", "/_simulator/nothing", "{}", HttpStatusCode.NotFound, "Controls: POST /_simulator/element-change")]
    public async Task The_admin_endpoint_refuses_bad_requests(string method, string path, string? body, HttpStatusCode status, string detail)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), $"{Base}{path}") { Content = body is null ? null : SmcTestClient.Json(body) };
        using var response = await http.SendAsync(request);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(detail, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_in_process_hook_refuses_unknown_contexts_and_actions()
    {
        Assert.Equal("context", Assert.Throws<ArgumentException>(() => fixture.Simulator.RaiseElementChange("printer", "update")).ParamName);
        Assert.Equal("action", Assert.Throws<ArgumentException>(() => fixture.Simulator.RaiseElementChange("host", "renamed")).ParamName);
        Assert.Equal("elementId", Assert.Throws<ArgumentException>(() => fixture.Simulator.RaiseElementChange("host", "update", "a/b")).ParamName);
    }

    [Fact]
    public async Task Rest_writes_to_elements_emit_create_update_and_delete_events()
    {
        var (client, socket) = await OpenAsync();
        using (client)
        await using (socket)
        {
            await SubscribeAsync(socket, "network");
            using var created = await client.Http.PostAsync("/7.1/elements/network", SmcTestClient.Json("""{"name": "lab-net", "ipv4_network": "192.0.2.0/24"}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var href = created.Headers.Location!.ToString();
            Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(Base)}/7.1/elements/network/\\d+$", href);
            Assert.Equal(("create", href), Event((await socket.ReceiveAsync())!));
            Assert.Contains((await client.GetJsonAsync("/7.1/elements/network"))["result"]!.AsArray(), e => (string?)e!["href"] == href && (string?)e["name"] == "lab-net");

            using var updated = await client.Http.PutAsync(href, SmcTestClient.Json("""{"name": "lab-net-2"}"""));
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
            Assert.Equal(("update", href), Event((await socket.ReceiveAsync())!));
            Assert.Equal("lab-net-2", (string?)(await client.GetJsonAsync(href))["name"]);

            using var deleted = await client.Http.DeleteAsync(href);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.Equal(("delete", href), Event((await socket.ReceiveAsync())!));
            using var gone = await client.Http.GetAsync(href);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            using var twice = await client.Http.DeleteAsync(href);
            Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);
        }
    }

    [Fact]
    public async Task Element_writes_need_a_session_and_unknown_types_are_404()
    {
        using var anonymous = SmcTestClient.Create(fixture.Simulator);
        using var refused = await anonymous.Http.PostAsync("/7.1/elements/host", SmcTestClient.Json("{}"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var client = await fixture.LoginAsync();
        using var unknown = await client.Http.PostAsync("/7.1/elements/printer", SmcTestClient.Json("{}"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var badBody = await client.Http.PostAsync("/7.1/elements/host", SmcTestClient.Json("[1]"));
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
        Assert.Equal("host-1087", (string?)(await client.GetJsonAsync("/7.1/elements/host/1087"))["name"]);
    }

    [Fact]
    public async Task The_background_stream_follows_the_rate_option_and_never_ends()
    {
        await using var simulator = await SmcSimulator.StartAsync(new SimulatorOptions { NotificationsPerSecond = 20, Seed = 4 });
        using var client = await SmcTestClient.LoginAsync(simulator);
        await using var socket = await client.OpenSocketAsync("notification/socket");
        await SubscribeAsync(socket, "*");
        var contexts = new[] { "host", "network", "router", "single_fw", "layer2_policy", "fw_cluster", "iprange" };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            var message = (await socket.ReceiveAsync(TimeSpan.FromSeconds(3)))!;
            Assert.False(message.ContainsKey("end"));
            var (type, element) = Event(message);
            Assert.Contains(type, new[] { "create", "update", "delete", "trashed", "untrashed", "validating", "validated" });
            var parts = element.Split('/');
            Assert.Contains(parts[^2], contexts);
            Assert.True(int.TryParse(parts[^1], out _));
        }

        Assert.True(clock.Elapsed > TimeSpan.FromMilliseconds(500), "20 events at 20 per second take most of a second");
    }

    private static (string Type, string Element) Event(JsonObject message) =>
        ((string)message["event"]!["type"]!, (string)message["event"]!["element"]!);
}
