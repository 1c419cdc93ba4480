using System;
using System.Net;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace SmcMonitoring.Simulator.Tests.Support;

/// <summary>A logged-in REST client (cookie mode) that opens websockets with its session cookie.</summary>
public sealed class SmcTestClient : IDisposable
{
    private SmcTestClient(SmcSimulator simulator, string version)
    {
        Simulator = simulator;
        Version = version;
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies }) { BaseAddress = simulator.BaseUrl, Timeout = TimeSpan.FromSeconds(20) };
    }

    public SmcSimulator Simulator { get; }

    public string Version { get; }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    public string? SessionCookie => Cookies.GetCookies(Simulator.BaseUrl)["JSESSIONID"]?.Value;

    /// <summary>A client with an empty cookie jar, not logged in.</summary>
    public static SmcTestClient Create(SmcSimulator simulator, string version = "7.1") => new(simulator, version);

    public static async Task<SmcTestClient> LoginAsync(SmcSimulator simulator, string version = "7.1")
    {
        var client = Create(simulator, version);
        using var response = await client.Http.PostAsync($"/{version}/login", Json($$"""{"authenticationkey":"{{simulator.ApiKey}}","domain":"Shared Domain"}"""));
        response.EnsureSuccessStatusCode();
        return client;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async Task<JsonObject> GetJsonAsync(string pathOrUrl)
    {
        using var response = await Http.GetAsync(pathOrUrl);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public Uri SocketUri(string socketPath) =>
        new($"{(Simulator.BaseUrl.Scheme == "https" ? "wss" : "ws")}://{Simulator.BaseUrl.Authority}/{Version}/{socketPath}");

    public Task<TestSocket> OpenLogSocketAsync() => OpenSocketAsync("monitoring/log/socket");

    public Task<TestSocket> OpenSocketAsync(string socketPath) =>
        TestSocket.ConnectAsync(SocketUri(socketPath), options => options.SetRequestHeader("Cookie", $"JSESSIONID={SessionCookie}"));

    public void Dispose() => Http.Dispose();
}
