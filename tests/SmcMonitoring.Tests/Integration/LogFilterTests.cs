using System.Collections.Generic;
using System.Linq;
using System.Net;
using SmcMonitoring.Records;
using SmcMonitoring.Session;
using SmcMonitoring.Tests.Unit;
using Xunit;

using SmcMonitoring.Fields;

namespace SmcMonitoring.Tests.Integration;

/// <summary>-Filter round trips through the simulator: the SMC side evaluates it and only matching records return.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class LogFilterTests : System.IDisposable
{
    private readonly SimulatorFixture _fixture;
    private readonly SmcSession _session;

    public LogFilterTests(SimulatorFixture fixture)
    {
        _fixture = fixture;
        _session = fixture.Connect();
    }

    public void Dispose() => _fixture.Disconnect(_session);

    private List<SmcLogRecord> Logs(string parameters) =>
        _fixture.Host.RunClean("Get-SmcLog -Session $s -MaxRecords 300 " + parameters, new Dictionary<string, object?> { ["s"] = _session })
            .Select(o => (SmcLogRecord)o.BaseObject).ToList();

    [Fact]
    public void Port_filter_returns_only_that_port_in_both_forms()
    {
        var table = Logs("-Filter @{ DstPort = 443 }");
        var script = Logs("-Filter { $_.DstPort -eq 443 }");
        Assert.NotEmpty(table);
        Assert.All(table, r => Assert.Equal(443, r["DstPort"]));
        Assert.Equal(table.Select(r => r["Timestamp"]), script.Select(r => r["Timestamp"]));
    }

    [Fact]
    public void Action_names_and_negation_filter_on_the_smc()
    {
        var discards = Logs("-Filter @{ Action = 'Discard','Block' }");
        Assert.NotEmpty(discards);
        Assert.All(discards, r => Assert.Contains(r["Action"], new object[] { SmcAction.Discard, SmcAction.Block }));
        var notAllowed = Logs("-Filter { $_.Action -ne 'Allow' }");
        Assert.NotEmpty(notAllowed);
        Assert.DoesNotContain(notAllowed, r => Equals(r["Action"], SmcAction.Allow));
    }

    [Fact]
    public void Networks_ranges_and_defined_fields_filter_on_the_smc()
    {
        var inNetwork = Logs("-Filter @{ Src = '192.168.0.0/16' }");
        Assert.NotEmpty(inNetwork);
        Assert.All(inNetwork, r => Assert.StartsWith("192.168.", r["Src"]!.ToString()));
        var inRange = Logs("-Filter @{ Src = '192.168.0.0-192.168.3.255' }");
        Assert.NotEmpty(inRange);
        Assert.All(inRange, r => Assert.True(((IPAddress)r["Src"]!).GetAddressBytes()[2] <= 3));
        var alerts = Logs("-Filter @{ Defined = 'Severity' }");
        Assert.NotEmpty(alerts);
        Assert.All(alerts, r => Assert.IsType<SmcSeverity>(r["Severity"]));
    }

    [Fact]
    public void Scriptblock_reads_variables_from_the_callers_scope()
    {
        var output = _fixture.Host.RunClean("$wanted = 22, 3389; Get-SmcLog -Session $s -MaxRecords 100 -Filter { $_.DstPort -in $wanted -and $_.Protocol -eq 'TCP' }",
            new Dictionary<string, object?> { ["s"] = _session });
        Assert.NotEmpty(output);
        Assert.All(output, o => Assert.Contains(((SmcLogRecord)o.BaseObject)["DstPort"], new object[] { 22, 3389 }));
    }

    [Fact]
    public void Verbose_shows_the_filter_json_sent()
    {
        var output = _fixture.Host.RunClean("Get-SmcLog -Session $s -MaxRecords 1 -Filter @{ Service = 'TCP/80' } -Verbose 4>&1", new Dictionary<string, object?> { ["s"] = _session });
        Assert.Contains(output, o => o.ToString().Contains("\"filter\":{\"type\":\"in\",\"left\":{\"type\":\"field\",\"id\":27},\"right\":[{\"type\":\"service\",\"value\":\"TCP/80\"}]}"));
        LogQueryJsonTests.AssertGolden("log-filter-service.json", _fixture.QueryMessages().Last());
    }

    [Fact]
    public void Bad_filters_stop_before_any_socket_opens()
    {
        _fixture.Simulator.ClearRequests();
        var (_, errors) = _fixture.Host.Run("Get-SmcLog -Session $s -Filter @{ Src = 'abc' }", new Dictionary<string, object?> { ["s"] = _session });
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcFilterValueInvalid", error.FullyQualifiedErrorId);
        Assert.DoesNotContain(_fixture.Simulator.Requests, r => r.Kind == "ws");
    }
}
