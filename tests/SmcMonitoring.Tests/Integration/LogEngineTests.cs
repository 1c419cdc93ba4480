using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmcMonitoring.Records;
using SmcMonitoring.Session;
using SmcMonitoring.Simulator;
using SmcMonitoring.Tests.Unit;
using Xunit;

namespace SmcMonitoring.Tests.Integration;

/// <summary>Get-SmcLog -Engine: the sender filtered by the engine's element, which covers all of its nodes.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class LogEngineTests : System.IDisposable
{
    private readonly SimulatorFixture _fixture;
    private readonly SmcSession _session;

    public LogEngineTests(SimulatorFixture fixture)
    {
        _fixture = fixture;
        _session = _fixture.Connect();
        _fixture.Simulator.ClearRequests();
    }

    public void Dispose() => _fixture.Disconnect(_session);

    private List<SmcLogRecord> Logs(string parameters) =>
        _fixture.Host.RunClean("Get-SmcLog -Session $s " + parameters, new Dictionary<string, object?> { ["s"] = _session })
            .Select(o => (SmcLogRecord)o.BaseObject).ToList();

    /// <summary>The last query sent, with the simulator's address written as {base}/ (its port changes every run).</summary>
    private string LastQuery() => _fixture.QueryMessages().Last().Replace(_fixture.Simulator.BaseUrl.ToString(), "{base}/");

    [Fact]
    public void Engine_sends_the_sender_in_the_engine_element_and_matches_every_node()
    {
        var logs = Logs("-Engine fw-east -MaxRecords 300");
        LogQueryJsonTests.AssertGolden("log-engine.json", LastQuery());
        Assert.NotEmpty(logs);
        var senders = logs.Select(l => (string)l["Sender"]!).Distinct().OrderBy(s => s).ToList();
        Assert.Equal(new[] { "fw-east node 1", "fw-east node 2" }, senders);
    }

    [Fact]
    public void Engine_and_filter_must_both_match()
    {
        var logs = Logs("-Engine fw-east, dmz-fw -Filter @{ Action = 'Discard' } -MaxRecords 300");
        LogQueryJsonTests.AssertGolden("log-engine-filter.json", LastQuery());
        Assert.NotEmpty(logs);
        Assert.All(logs, l => Assert.Equal(SmcMonitoring.Fields.SmcAction.Discard, l["Action"]));
        Assert.All(logs, l => Assert.Matches("^(fw-east|dmz-fw) node [12]$", (string)l["Sender"]!));
    }

    [Fact]
    public void A_sender_string_with_the_engine_name_matches_nothing_which_is_why_engine_exists()
    {
        Assert.Empty(Logs("-Filter @{ Sender = 'fw-east' } -MaxRecords 50"));
        Assert.NotEmpty(Logs("-Filter @{ Sender = 'fw-east node 1' } -MaxRecords 50"));
    }

    [Fact]
    public void An_unknown_engine_is_the_engine_name_error_before_any_socket_opens()
    {
        var (_, errors) = _fixture.Host.Run("Get-SmcLog -Session $s -Engine fw-eats", new Dictionary<string, object?> { ["s"] = _session });
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcEngineNotFound", error.FullyQualifiedErrorId);
        Assert.Contains("'fw-eats' (-Engine)", error.Exception.Message);
        Assert.Contains("Closest to 'fw-eats': fw-east", error.Exception.Message);
        Assert.Empty(_fixture.QueryMessages());
    }

    [Fact]
    public async Task An_smc_that_matches_no_sender_by_element_gets_a_warning_naming_the_node_filter()
    {
        await using var simulator = await SmcSimulator.StartAsync(new SimulatorOptions
        {
            ApiKey = "engine-key-0123456789",
            LogRecords = 500,
            SenderElementMatch = SenderElementMatch.Nothing,
        });
        using var host = new PowerShellHost();
        var output = host.RunClean(
            "$s = Connect-SmcSession -Url $url -ApiKey $key; $r = Get-SmcLog -Session $s -Engine fw-east 3>&1; Disconnect-SmcSession $s; $r",
            new Dictionary<string, object?> { ["url"] = simulator.BaseUrl.ToString(), ["key"] = simulator.ApiKey });
        var warning = Assert.Single(output.Select(o => o.BaseObject).OfType<System.Management.Automation.WarningRecord>());
        Assert.Contains("-Engine fw-east found no log entries", warning.Message);
        Assert.Contains("Sender = 'fw-east node 1', 'fw-east node 2'", warning.Message);
        Assert.DoesNotContain(output, o => o.BaseObject is SmcLogRecord);
    }
}
