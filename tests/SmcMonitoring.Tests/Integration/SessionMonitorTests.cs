using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SmcMonitoring.Records;
using SmcMonitoring.Session;
using SmcMonitoring.Tests.Unit;
using Xunit;

using SmcMonitoring.Fields;

namespace SmcMonitoring.Tests.Integration;

/// <summary>Every session monitor against the simulator's busy engines: requests, snapshots, live changes, pipeline input.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class SessionMonitorTests : IDisposable
{
    private readonly SimulatorFixture _fixture;
    private readonly SmcSession _session;

    public SessionMonitorTests(SimulatorFixture fixture)
    {
        _fixture = fixture;
        _session = fixture.Connect();
        fixture.Simulator.ClearRequests();
    }

    public void Dispose() => _fixture.Disconnect(_session);

    private List<PSObject> Run(string script) =>
        _fixture.Host.RunClean(script, new Dictionary<string, object?> { ["s"] = _session }).ToList();

    private void AssertSentGolden(string golden) => LogQueryJsonTests.AssertGolden(golden, _fixture.QueryMessages().Last());

    [Theory]
    [InlineData("Get-SmcConnection -Engine fw-east", "monitor-connections.json", typeof(SmcConnection))]
    [InlineData("Get-SmcRoute -Engine fw-east", "monitor-routing.json", typeof(SmcRoute))]
    [InlineData("Get-SmcUser -Engine fw-east", "monitor-users.json", typeof(SmcUser))]
    [InlineData("Get-SmcSslVpnUser -Engine fw-east", "monitor-sslvpnusers.json", typeof(SmcSslVpnUser))]
    [InlineData("Get-SmcVpnSa -Engine fw-east", "monitor-vpnsa.json", typeof(SmcVpnSa))]
    [InlineData("Get-SmcAlert", "monitor-alerts.json", typeof(SmcAlert))]
    [InlineData("Get-SmcNeighbor -Engine fw-east", "monitor-neighbors.json", typeof(SmcNeighbor))]
    [InlineData("Get-SmcNeighbor", "monitor-neighbors-notarget.json", typeof(SmcNeighbor))]
    [InlineData("Get-SmcBlocklist -Engine fw-east", "monitor-blocklist.json", typeof(SmcBlocklistEntry))]
    [InlineData("Get-SmcBlocklist -Engine fw-east -TimeZone CST", "monitor-blocklist-timezone.json", typeof(SmcBlocklistEntry))]
    public void Snapshot_sends_the_golden_request_and_returns_the_initial_table(string command, string golden, Type recordType)
    {
        var records = Run(command + " -Session $s");
        AssertSentGolden(golden);
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.IsType(recordType, r.BaseObject));
        var rows = records.Select(r => (SmcSessionRecord)r.BaseObject).ToList();
        Assert.All(rows, r => Assert.Equal(true, r["FirstFetch"]));
        Assert.All(rows, r => Assert.Equal(SmcChange.Added, r["Change"]));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r["DeltaKey"] as string)));
        Assert.Equal(rows.Count, rows.Select(r => r["DeltaKey"]).Distinct().Count());
        // Every time of every monitor is an instant in this machine's local time, never a bare wall-clock text.
        var times = rows.SelectMany(r => r.GetPropertyNames().Select(n => r[n])).OfType<DateTime>().ToList();
        Assert.NotEmpty(times);
        Assert.All(times, t => Assert.Equal(DateTimeKind.Local, t.Kind));
    }

    [Theory]
    [InlineData("Get-SmcConnection -Engine fw-east", "monitor-connections-field.json")]
    [InlineData("Get-SmcRoute -Engine fw-east", "monitor-routing-field.json")]
    [InlineData("Get-SmcUser -Engine fw-east", "monitor-users-field.json")]
    [InlineData("Get-SmcSslVpnUser -Engine fw-east", "monitor-sslvpnusers-field.json")]
    [InlineData("Get-SmcVpnSa -Engine fw-east", "monitor-vpnsa-field.json")]
    [InlineData("Get-SmcAlert", "monitor-alerts-field.json")]
    [InlineData("Get-SmcNeighbor -Engine fw-east", "monitor-neighbors-field.json")]
    public void Field_selection_is_sent_and_shapes_the_records(string command, string golden)
    {
        var records = Run(command + " -Session $s -Field Src, Timestamp");
        AssertSentGolden(golden);
        var names = ((SmcRecord)records.First().BaseObject).GetPropertyNames();
        Assert.Equal(new[] { "Src", "Timestamp" }, names.Take(2));
        Assert.Contains("DeltaKey", names);
    }

    [Fact]
    public void Block_list_entries_carry_the_visible_id_and_the_delete_href()
    {
        var entries = Run("Get-SmcBlocklist -Session $s -Engine fw-east").Select(r => (SmcBlocklistEntry)r.BaseObject).ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Matches("^[0-9]+$", (string)e["EntryId"]!));
        Assert.All(entries, e => Assert.Contains("/block_list/", (string)e["Href"]!));
        Assert.All(entries, e => Assert.IsType<SmcMonitoring.Records.SmcIPAddress>(e["BlocklistSourceIp"]));
        Run("Get-SmcBlocklist -Session $s -Engine fw-east -Field BlocklistSourceIp, Timestamp");
        AssertSentGolden("monitor-blocklist-field.json");
    }

    [Fact]
    public void Engine_names_bind_from_the_pipeline_as_strings_and_by_property_name()
    {
        var rows = Run("'fw-east', 'fw-west' | Get-SmcRoute -Session $s").Select(r => (SmcRoute)r.BaseObject).ToList();
        Assert.Equal(new[] { "fw-east", "fw-west" }, rows.Select(r => (string)r["Engine"]!).Distinct().OrderBy(e => e));
        var byName = Run("[pscustomobject]@{ Name = 'dmz-fw' } | Get-SmcUser -Session $s").Select(r => (SmcUser)r.BaseObject).ToList();
        Assert.NotEmpty(byName);
        Assert.All(byName, r => Assert.Equal("dmz-fw", r["Engine"]));
        var targets = _fixture.QueryMessages().Select(m => Newtonsoft.Json.Linq.JObject.Parse(m)["query"]!["target"]!.ToString()).ToList();
        Assert.Contains("fw-east", targets);
        Assert.Contains("fw-west", targets);
        Assert.Contains("dmz-fw", targets);
    }

    [Fact]
    public void Live_streams_added_updated_and_deleted_rows_with_their_identity()
    {
        var rows = Run("Get-SmcConnection -Session $s -Engine fw-east -Live -Duration 1.5").Select(r => (SmcConnection)r.BaseObject).ToList();
        Assert.Contains(rows, r => Equals(r["FirstFetch"], true));
        var changes = rows.Where(r => Equals(r["FirstFetch"], false)).ToList();
        Assert.NotEmpty(changes);
        Assert.Contains(changes, r => Equals(r["Change"], SmcChange.Updated) || Equals(r["Change"], SmcChange.Deleted));
        var snapshotKeys = rows.Where(r => Equals(r["FirstFetch"], true)).Select(r => r["DeltaKey"]).ToHashSet();
        Assert.Contains(changes.Where(r => !Equals(r["Change"], SmcChange.Added)), r => snapshotKeys.Contains(r["DeltaKey"]));
    }

    [Fact]
    public void Live_queries_of_several_engines_stream_together()
    {
        var rows = Run("'fw-east', 'fw-west' | Get-SmcUser -Session $s -Live -Duration 0.5").Select(r => (SmcUser)r.BaseObject).ToList();
        Assert.Equal(new[] { "fw-east", "fw-west" }, rows.Select(r => (string)r["Engine"]!).Distinct().OrderBy(e => e));
    }

    [Fact]
    public void Raw_session_records_keep_every_key_and_say_their_change()
    {
        var rows = Run("Get-SmcRoute -Session $s -Engine fw-east -Raw").Select(r => (System.Collections.Specialized.OrderedDictionary)r.BaseObject).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.True(r.Contains("delta_key")));
        Assert.All(rows, r => Assert.Equal("added", r["change"]));
    }

    [Fact]
    public void Filters_run_on_the_smc_for_session_monitors()
    {
        var https = Run("Get-SmcConnection -Session $s -Engine fw-east -Filter @{ DstPort = 443 }").Select(r => (SmcConnection)r.BaseObject).ToList();
        Assert.NotEmpty(https);
        Assert.All(https, r => Assert.Equal(443, r["DstPort"]));
        var statics = Run("Get-SmcRoute -Session $s -Engine fw-east -Filter { $_.RouteType -eq 'Static' }").Select(r => (SmcRoute)r.BaseObject).ToList();
        Assert.NotEmpty(statics);
        Assert.All(statics, r => Assert.Equal("Static", r["RouteType"]));
        var critical = Run("Get-SmcAlert -Session $s -Filter @{ Severity = 'Critical' }").Select(r => (SmcAlert)r.BaseObject).ToList();
        Assert.NotEmpty(critical);
        Assert.All(critical, r => Assert.Equal(SmcSeverity.Critical, r["Severity"]));
        var ipv6 = Run("Get-SmcNeighbor -Session $s -Engine fw-east -Filter @{ NeighborProtocol = 'IPv6' }").Select(r => (SmcNeighbor)r.BaseObject).ToList();
        Assert.NotEmpty(ipv6);
        Assert.All(ipv6, r => Assert.Equal("IPv6", r["NeighborProtocol"]));
        var all = Run("Get-SmcNeighbor -Session $s -Engine fw-east").Count;
        Assert.True(ipv6.Count < all);
    }

    [Fact]
    public void A_bad_filter_on_a_monitor_stops_before_the_query()
    {
        var (_, errors) = _fixture.Host.Run("Get-SmcConnection -Session $s -Engine fw-east -Filter @{ Srcc = 1 }", new Dictionary<string, object?> { ["s"] = _session });
        Assert.StartsWith("SmcFilterFieldNotFound", Assert.Single(errors).FullyQualifiedErrorId);
    }
}
