using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class RestTests : IClassFixture<CookieSimulatorFixture>
{
    private readonly CookieSimulatorFixture fixture;

    public RestTests(CookieSimulatorFixture fixture)
    {
        this.fixture = fixture;
    }

    private string BaseUrl => fixture.Simulator.BaseUrl.GetLeftPart(System.UriPartial.Authority);

    [Fact]
    public async Task Version_list_advertises_every_api_version_with_its_href()
    {
        using var http = new HttpClient();
        var body = JsonNode.Parse(await http.GetStringAsync($"{BaseUrl}/api"))!;
        var versions = body["version"]!.AsArray();
        Assert.Equal(new[] { "6.10", "7.0", "7.1" }, versions.Select(v => (string)v!["rel"]!));
        Assert.Equal($"{BaseUrl}/6.10/api", (string)versions[0]!["href"]!);
    }

    [Fact]
    public async Task Login_by_key_sets_the_session_cookie()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{BaseUrl}/7.1/login", SmcTestClient.Json($$"""{"domain": "Shared Domain", "authenticationkey": "{{SimulatorFixture.ApiKey}}", "beta": true}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Matches("^JSESSIONID=[A-Za-z0-9_-]+; Path=/; HttpOnly$", cookie);
        Assert.False(response.Headers.Contains("Authorization"));
    }

    [Fact]
    public async Task Lms_login_reads_the_credentials_from_the_query_with_plus_as_space()
    {
        using var client = SmcTestClient.Create(fixture.Simulator);
        var query = $"login={WebUtility.UrlEncode(SimulatorFixture.UserName)}&pwd={WebUtility.UrlEncode(SimulatorFixture.Password)}&domain=Shared+Domain";
        Assert.Contains("login=sim+admin", query);
        using var response = await client.Http.PostAsync($"/7.1/lms_login?{query}", SmcTestClient.Json("""{"domain": "Shared Domain"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var user = await client.GetJsonAsync((string)(await client.GetJsonAsync("/7.1/current_user"))["value"]!);
        Assert.Equal(SimulatorFixture.UserName, (string)user["name"]!);
        Assert.Equal("admin_user", (string)user["link"]![0]!["type"]!);
    }

    [Fact]
    public async Task Wrong_key_is_refused_with_401_and_an_error_body()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{BaseUrl}/7.1/login", SmcTestClient.Json("""{"authenticationkey": "wrong"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(string.IsNullOrEmpty((string?)body["message"]));
        Assert.IsType<JsonArray>(body["details"]);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_401()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{BaseUrl}/7.1/lms_login?login=sim+admin&pwd=nope&domain=Shared+Domain", SmcTestClient.Json("{}"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/6.9/login")]
    [InlineData("GET", "/7.2/api")]
    [InlineData("GET", "/8.0/monitoring/log/socket")]
    public async Task Unknown_api_version_answers_404_with_an_error_body(string method, string path)
    {
        using var http = new HttpClient();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"{BaseUrl}{path}") { Content = SmcTestClient.Json("{}") });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not supported", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!);
    }

    [Fact]
    public async Task Json_answers_have_exactly_the_application_json_content_type()
    {
        using var client = await fixture.LoginAsync();
        foreach (var path in new[] { "/api", "/7.1/api", "/7.1/system", "/7.1/current_user", "/7.1/monitoring/log/schemas", "/9.9/api" })
        {
            using var response = await client.Http.GetAsync(path);
            Assert.Equal("application/json", response.Content.Headers.GetValues("Content-Type").Single());
        }
    }

    [Fact]
    public async Task Entry_points_have_only_rel_href_and_method()
    {
        using var client = await fixture.LoginAsync();
        var entryPoints = (await client.GetJsonAsync("/7.1/api"))["entry_point"]!.AsArray();
        Assert.All(entryPoints, item => Assert.Equal(new[] { "rel", "href", "method" }, item!.AsObject().Select(p => p.Key)));
        var rels = entryPoints.Select(e => (string)e!["rel"]!).ToList();
        foreach (var rel in new[] { "logout", "current_user", "system", "elements", "host", "network", "router", "single_fw", "layer2_policy", "fw_cluster", "iprange" })
        {
            Assert.Contains(rel, rels);
        }

        Assert.Equal("PUT", (string)entryPoints.Single(e => (string)e!["rel"]! == "logout")!["method"]!);
        Assert.Equal($"{BaseUrl}/7.1/elements/host", (string)entryPoints.Single(e => (string)e!["rel"]! == "host")!["href"]!);
    }

    [Fact]
    public async Task Current_user_leads_to_the_api_client_element()
    {
        using var client = await fixture.LoginAsync();
        var href = (string)(await client.GetJsonAsync("/7.1/current_user"))["value"]!;
        Assert.Equal($"{BaseUrl}/7.1/elements/api_client/1", href);
        var user = await client.GetJsonAsync(href);
        Assert.Equal("simulator-api-client", (string)user["name"]!);
        var self = user["link"]![0]!;
        Assert.Equal(("self", href, "api_client"), ((string)self["rel"]!, (string)self["href"]!, (string)self["type"]!));
    }

    [Fact]
    public async Task System_links_to_the_product_version_and_time()
    {
        using var client = await fixture.LoginAsync();
        var links = (await client.GetJsonAsync("/7.1/system"))["link"]!.AsArray();
        var version = await client.GetJsonAsync((string)links.Single(l => (string)l!["rel"]! == "smc_version")!["href"]!);
        Assert.Equal("7.1.2 [10824]", (string)version["value"]!);
        var time = await client.GetJsonAsync((string)links.Single(l => (string)l!["rel"]! == "smc_time")!["href"]!);
        Assert.True(long.TryParse((string)time["value"]!, out var epochMs) && epochMs > 1_600_000_000_000);
    }

    [Fact]
    public async Task Log_schemas_and_element_collections_answer_json()
    {
        using var client = await fixture.LoginAsync();
        Assert.True((await client.GetJsonAsync("/7.1/monitoring/log/schemas")).Count > 0);
        Assert.Empty((await client.GetJsonAsync("/7.1/elements/host"))["result"]!.AsArray());
    }

    [Fact]
    public async Task Logout_answers_204_and_then_the_session_is_gone()
    {
        using var client = await fixture.LoginAsync();
        using (var logout = await client.Http.PutAsync("/7.1/logout", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var after = await client.Http.GetAsync("/7.1/system");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Calls_without_a_session_answer_401()
    {
        using var http = new HttpClient();
        foreach (var path in new[] { "/7.1/api", "/7.1/current_user", "/7.1/system", "/7.1/monitoring/log/schemas" })
        {
            using var response = await http.GetAsync($"{BaseUrl}{path}");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Session_cookie_is_found_among_several_cookies()
    {
        using var client = await fixture.LoginAsync();
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, $"{BaseUrl}/7.1/system");
        request.Headers.Add("Cookie", $"a=b; JSESSIONID=stale; JSESSIONID={client.SessionCookie}; c=d");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
