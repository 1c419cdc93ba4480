using System;
using System.Linq;
using System.Management.Automation;
using SmcMonitoring.Session;
using Xunit;

namespace SmcMonitoring.Tests.Integration;

/// <summary>Get-SmcEngine, the -Engine check before any socket opens, and Tab completion of -Engine.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class EngineCmdletTests : IClassFixture<ActionFixture>, IDisposable
{
    private readonly ActionFixture _fixture;
    private readonly SmcSession _session;

    public EngineCmdletTests(ActionFixture fixture)
    {
        _fixture = fixture;
        _session = fixture.Connect();
        fixture.Simulator.ClearRequests();
    }

    public void Dispose() => _fixture.Host.Run("Get-SmcSession | Disconnect-SmcSession");

    [Fact]
    public void Get_SmcEngine_lists_every_engine_by_name_with_type_and_href()
    {
        var (output, errors) = _fixture.Run("Get-SmcEngine -Session $s", _session);
        Assert.Empty(errors);
        var engines = output.Select(o => (SmcEngine)o.BaseObject).ToList();
        Assert.Equal(new[] { "core-1", "edge-1", "edge-2", "edge-3", "flush-me", "vpn-1" }, engines.Select(e => e.Name));
        Assert.Equal("fw_cluster", engines[0].Type);
        Assert.StartsWith(_fixture.Simulator.BaseUrl.GetLeftPart(UriPartial.Authority) + "/7.1/elements/fw_cluster/", engines[0].Href, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_SmcEngine_takes_wildcards_and_names_the_closest_engines_for_an_unknown_name()
    {
        var (output, errors) = _fixture.Run("Get-SmcEngine -Session $s -Name 'EDGE-*', edge-9, 'none*'", _session);
        Assert.Equal(new[] { "edge-1", "edge-2", "edge-3" }, output.Select(o => ((SmcEngine)o.BaseObject).Name));
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcEngineNotFound", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("'edge-9' (-Name)", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("closest engine names: edge-1, edge-2, edge-3", error.Exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Get-SmcConnection -Engine edge-l")]
    [InlineData("Get-SmcBlocklist -Engine edge-l")]
    [InlineData("Get-SmcRoute -Engine edge-l")]
    [InlineData("Get-SmcUser -Engine edge-l")]
    [InlineData("Get-SmcSslVpnUser -Engine edge-l")]
    [InlineData("Get-SmcVpnSa -Engine edge-l")]
    [InlineData("Get-SmcNeighbor -Engine edge-l")]
    [InlineData("'edge-1', 'edge-l' | Get-SmcRoute -Live")]
    [InlineData("Add-SmcBlocklistEntry -Engine edge-l -Source 192.0.2.1 -Duration '01:00:00'")]
    [InlineData("Clear-SmcBlocklist -Engine edge-l -Confirm:$false")]
    public void An_unknown_engine_stops_the_cmdlet_before_any_socket_or_change_naming_the_closest_engines(string command)
    {
        var (output, errors) = _fixture.Run(command + " -Session $s", _session);
        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcEngineNotFound", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("Cannot find an engine named 'edge-l' (-Engine)", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("Closest to 'edge-l': edge-1, edge-2, edge-3.", error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_fixture.Simulator.Requests, r => r.Kind == "ws" || r.Path.EndsWith("/socket", StringComparison.Ordinal));
        Assert.Empty(_fixture.Writes());
    }

    [Fact]
    public void Engine_names_are_listed_once_per_session_and_again_once_for_a_name_missing_from_the_list()
    {
        _fixture.Run("Get-SmcRoute -Session $s -Engine edge-1 | Out-Null", _session);
        _fixture.Run("Get-SmcUser -Session $s -Engine edge-2, core-1 | Out-Null", _session);
        Assert.Equal(1, _fixture.EngineListings());
        var (_, errors) = _fixture.Run("Get-SmcRoute -Session $s -Engine edge-4", _session);
        Assert.Single(errors);
        Assert.Equal(2, _fixture.EngineListings());
    }

    [Fact]
    public void An_engine_name_takes_the_smcs_spelling()
    {
        var (output, errors) = _fixture.Run("Get-SmcRoute -Session $s -Engine EDGE-1", _session);
        Assert.Empty(errors);
        Assert.All(output, r => Assert.Equal("edge-1", ((SmcMonitoring.Records.SmcRecord)r.BaseObject)["Engine"]));
        Assert.Contains("\"target\":\"edge-1\"", _fixture.Simulator.Requests.Last(r => r.Kind == "ws" && r.Body!.Contains("\"query\"", StringComparison.Ordinal)).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Get-SmcConnection -Engine ed", new[] { "edge-1", "edge-2", "edge-3" })]
    [InlineData("Get-SmcNeighbor -Engine c", new[] { "core-1" })]
    [InlineData("Get-SmcVpnSa -Session $s -Engine v", new[] { "vpn-1" })]
    [InlineData("Add-SmcBlocklistEntry -Duration 01:00:00 -Engine fl", new[] { "flush-me" })]
    [InlineData("Clear-SmcBlocklist -Engine EDGE-3", new[] { "edge-3" })]
    [InlineData("Get-SmcBlocklist -Engine nothing", new string[0])]
    public void Tab_completes_engine_names_from_the_sessions_list(string line, string[] expected)
    {
        Assert.Equal(expected, Complete(line));
    }

    [Fact]
    public void Tab_offers_no_engine_without_a_session()
    {
        _fixture.Host.Run("Get-SmcSession | Disconnect-SmcSession");
        Assert.Empty(Complete("Get-SmcRoute -Engine edge"));
    }

    private string[] Complete(string line) =>
        _fixture.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText".Replace("$line", "'" + line.Replace("'", "''") + "'", StringComparison.Ordinal), _session)
            .Output.Where(o => o != null).Select(o => (string)o.BaseObject).ToArray();
}
