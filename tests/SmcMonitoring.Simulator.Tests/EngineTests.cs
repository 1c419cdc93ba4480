using System;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

/// <summary>Quiet engines with the snapshot marker, a cluster among them, and API versions on both sides of 6.4 and 7.0.</summary>
public sealed class EngineSimulatorFixture : SimulatorFixture
{
    public static readonly string[] Engines = { "fw-east", "add-1", "add-2", "flush-1", "global-1", "global-2", "old-api", "cluster-1:fw_cluster" };

    protected override SimulatorOptions Options()
    {
        var options = base.Options();
        options.SessionChangesPerSecond = 0;
        options.SnapshotCompleteMarker = true;
        options.BlockListEntriesPerEngine = 5;
        options.ApiVersions = new[] { "6.3", "6.10", "7.1" };
        options.Engines = Engines;
        return options;
    }
}

/// <summary>The engine list and its search, engine elements and their links (docs/protocol.md 2.10a).</summary>
public sealed class EngineTests : IClassFixture<EngineSimulatorFixture>
{
    private readonly EngineSimulatorFixture fixture;

    public EngineTests(EngineSimulatorFixture fixture)
    {
        this.fixture = fixture;
    }

    [Fact]
    public async Task The_engine_search_lists_the_configured_engines_in_order()
    {
        using var client = await fixture.LoginAsync();
        var result = (await client.GetJsonAsync("/7.1/elements?filter_context=engine_clusters"))["result"]!.AsArray();
        Assert.Equal(new[] { "fw-east", "add-1", "add-2", "flush-1", "global-1", "global-2", "old-api", "cluster-1" }, result.Select(e => (string)e!["name"]!));
        Assert.Equal("fw_cluster", (string)result.Last()!["type"]!);
        Assert.All(result.SkipLast(1), e => Assert.Equal("single_fw", (string)e!["type"]!));
        Assert.All(result, e => Assert.Matches($"^{fixture.Simulator.BaseUrl.GetLeftPart(UriPartial.Authority)}/7.1/elements/{e!["type"]}/\\d+$", (string)e!["href"]!));
    }

    [Theory]
    [InlineData("filter=add&exact_match=False", new[] { "add-1", "add-2" })]
    [InlineData("filter=ADD-1&exact_match=True", new[] { "add-1" })]
    [InlineData("filter=add&exact_match=True", new string[0])]
    [InlineData("filter=nothing-like-it", new string[0])]
    public async Task The_search_filters_by_name(string query, string[] expected)
    {
        using var client = await fixture.LoginAsync();
        var result = (await client.GetJsonAsync("/7.1/elements?filter_context=engine_clusters&" + query))["result"]!.AsArray();
        Assert.Equal(expected, result.Select(e => (string)e!["name"]!));
    }

    [Fact]
    public async Task Other_search_contexts_are_refused_with_the_smc_error_body()
    {
        using var client = await fixture.LoginAsync();
        using var response = await client.Http.GetAsync("/7.1/elements?filter_context=host");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("0", (string?)body["status"]);
        Assert.Contains("engine_clusters", (string?)body["details"]![0]);
    }

    [Theory]
    [InlineData("7.1", "block_list", "flush_block_list")]
    [InlineData("6.10", "blacklist", "flush_blacklist")]
    public async Task An_engine_element_has_the_block_list_links_of_its_api_version(string version, string add, string flush)
    {
        using var client = await fixture.LoginAsync(version);
        var href = await EngineHrefAsync(client, "cluster-1");
        var engine = await client.GetJsonAsync(href);
        Assert.Equal("cluster-1", (string?)engine["name"]);
        var links = engine["link"]!.AsArray().ToDictionary(l => (string)l!["rel"]!, l => (string)l!["href"]!);
        Assert.Equal(new[] { "self", add, flush }, links.Keys);
        Assert.Equal(href, links["self"]);
        Assert.Equal($"{href}/{add}", links[add]);
        Assert.Equal($"{href}/{flush}", links[flush]);
    }

    [Fact]
    public async Task The_system_element_links_the_global_block_list()
    {
        using var client = await fixture.LoginAsync("6.10");
        var system = await client.GetJsonAsync("/6.10/system");
        Assert.Contains(system["link"]!.AsArray(), l => (string?)l!["rel"] == "blacklist" && ((string?)l["href"])!.EndsWith("/6.10/system/blacklist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Engines_outside_the_list_have_no_element()
    {
        using var client = await fixture.LoginAsync();
        var href = await EngineHrefAsync(client, "fw-east");
        using var response = await client.Http.GetAsync(href.Replace("/single_fw/", "/virtual_fw/", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>The href of a listed engine, from the exact search.</summary>
    public static async Task<string> EngineHrefAsync(SmcTestClient client, string name)
    {
        var result = (await client.GetJsonAsync($"/{client.Version}/elements?filter_context=engine_clusters&filter={name}&exact_match=True"))["result"]!.AsArray();
        return (string)Assert.Single(result)!["href"]!;
    }
}
