using System;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.CommandLine;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

/// <summary>How the engine list and the refused-writes fault are set: options, command line, <c>/_simulator/faults</c>.</summary>
public sealed class EngineOptionTests
{
    [Fact]
    public void The_default_engines_are_the_names_the_tests_examples_and_benchmark_use()
    {
        Assert.Equal(new[] { "fw-east", "fw-west", "dmz-fw", "sg_vm", "fw", "fw1", "fw2", "fw-bench" }, new SimulatorOptions().Engines);
        Assert.False(new SimulatorOptions().Faults.RefuseWrites);
    }

    [Fact]
    public void The_command_line_sets_the_engines_and_refuses_writes()
    {
        var options = SimulatorCommandLine.Parse(new[] { "--engines", "edge-1, core:fw_cluster", "--refuse-writes" }).Options!;
        Assert.Equal(new[] { "edge-1", "core:fw_cluster" }, options.Engines);
        Assert.True(options.Faults.RefuseWrites);
    }

    [Theory]
    [InlineData("core:printer", "unknown engine type 'printer'")]
    [InlineData(":fw_cluster", "has no name")]
    [InlineData("a/b", "contains '/'")]
    public void A_bad_engine_is_named_on_the_command_line(string engines, string problem)
    {
        var request = SimulatorCommandLine.Parse(new[] { "--engines", engines });
        Assert.Null(request.Options);
        Assert.Contains(problem, request.Error, StringComparison.Ordinal);
        Assert.Contains("--engines", request.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_listed_twice_is_refused_at_start()
    {
        var problem = await Assert.ThrowsAsync<ArgumentException>(() => SmcSimulator.StartAsync(new SimulatorOptions { Engines = new[] { "fw-a", "FW-A:fw_cluster" } }));
        Assert.Contains("Engines", problem.Message, StringComparison.Ordinal);
        Assert.Contains("each engine name once", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_faults_endpoint_switches_refused_writes()
    {
        await using var simulator = await SmcSimulator.StartAsync(new SimulatorOptions());
        using var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        using var set = await http.PostAsync("/_simulator/faults", SmcTestClient.Json("""{"RefuseWrites": true}"""));
        Assert.True(simulator.Faults.RefuseWrites);
        Assert.True((bool)JsonNode.Parse(await set.Content.ReadAsStringAsync())!["RefuseWrites"]!);
        using var reset = await http.DeleteAsync("/_simulator/faults");
        Assert.False(simulator.Faults.RefuseWrites);
    }

    [Fact]
    public async Task Refused_writes_still_let_clients_log_in_and_out()
    {
        await using var simulator = await SmcSimulator.StartAsync(new SimulatorOptions { Faults = new SimulatorFaults { RefuseWrites = true } });
        using var client = await SmcTestClient.LoginAsync(simulator);
        using var logout = await client.Http.PutAsync("/7.1/logout", null);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, logout.StatusCode);
    }
}
