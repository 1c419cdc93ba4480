using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading;
using SmcMonitoring.Cmdlets;
using SmcMonitoring.Records;
using SmcMonitoring.Session;
using SmcMonitoring.Tests.Unit;
using Xunit;

using SmcMonitoring.Fields;

namespace SmcMonitoring.Tests.Integration;

[Collection(SimulatorCollection.Name)]
public sealed class GetSmcLogTests : IDisposable
{
    private readonly SimulatorFixture _fixture;
    private readonly SmcSession _session;

    public GetSmcLogTests(SimulatorFixture fixture)
    {
        _fixture = fixture;
        _session = _fixture.Connect();
        _fixture.Simulator.ClearRequests();
    }

    public void Dispose() => _fixture.Disconnect(_session);

    private List<SmcLogRecord> Logs(string parameters) =>
        _fixture.Host.RunClean("Get-SmcLog -Session $s " + parameters, new Dictionary<string, object?> { ["s"] = _session })
            .Select(o => (SmcLogRecord)o.BaseObject).ToList();

    private void AssertSentGolden(string golden) => LogQueryJsonTests.AssertGolden(golden, _fixture.QueryMessages().Last());

    [Fact]
    public void Default_query_returns_the_200_newest_typed_records()
    {
        var logs = Logs(string.Empty);
        AssertSentGolden("log-default.json");
        Assert.Equal(200, logs.Count);
        var times = logs.Select(l => l.GetValue<DateTime>("Timestamp")!.Value).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Equal(SimulatorFixture.LogEnd.UtcDateTime, times[0].ToUniversalTime());
        Assert.All(times, t => Assert.Equal(DateTimeKind.Local, t.Kind));
        Assert.All(logs, l => Assert.IsType<SmcMonitoring.Records.SmcIPAddress>(l["Src"]));
        Assert.All(logs, l => Assert.IsType<SmcAction>(l["Action"]));
        Assert.Contains(logs, l => l["DstPort"] is int);
        Assert.Equal(new[] { "Timestamp", "Severity", "Action", "Sender", "Src", "SrcPort", "Dst", "DstPort", "Protocol", "Event", "Message" }, logs[0].GetPropertyNames());
    }

    [Fact]
    public void A_result_cut_by_the_default_warns_naming_MaxRecords_and_All()
    {
        var output = _fixture.Host.RunClean("$r = Get-SmcLog -Session $s -WarningVariable w -WarningAction SilentlyContinue; $r.Count; $w.Count; \"$w\"", new Dictionary<string, object?> { ["s"] = _session });
        Assert.Equal(200, (int)output[0].BaseObject);
        Assert.Equal(1, (int)output[1].BaseObject);
        var warning = (string)output[2].BaseObject;
        Assert.Contains("-MaxRecords", warning);
        Assert.Contains("-All", warning);
    }

    [Fact]
    public void All_returns_every_record_without_a_quantity_and_without_a_warning()
    {
        var output = _fixture.Host.RunClean("$n = (Get-SmcLog -Session $s -All -WarningVariable w | Measure-Object).Count; $n; $w.Count", new Dictionary<string, object?> { ["s"] = _session });
        AssertSentGolden("log-all.json");
        Assert.Equal(5000, (int)output[0].BaseObject);
        Assert.Equal(0, (int)output[1].BaseObject);
    }

    [Fact]
    public void An_explicit_MaxRecords_cuts_without_a_warning()
    {
        var output = _fixture.Host.RunClean("$n = (Get-SmcLog -Session $s -MaxRecords 10 -WarningVariable w | Measure-Object).Count; $n; $w.Count", new Dictionary<string, object?> { ["s"] = _session });
        Assert.Equal(10, (int)output[0].BaseObject);
        Assert.Equal(0, (int)output[1].BaseObject);
    }

    [Fact]
    public void MaxRecords_zero_or_with_All_is_an_error_that_points_at_All()
    {
        foreach (var parameters in new[] { "-MaxRecords 0", "-MaxRecords -5", "-MaxRecords 10 -All" })
        {
            var (_, errors) = _fixture.Host.Run("Get-SmcLog -Session $s " + parameters, new Dictionary<string, object?> { ["s"] = _session });
            var error = Assert.Single(errors);
            Assert.StartsWith("SmcMaxRecordsInvalid", error.FullyQualifiedErrorId);
            Assert.Contains("-MaxRecords", error.Exception.Message);
            Assert.Contains("-All", error.Exception.Message);
        }
        Assert.Empty(_fixture.QueryMessages());
    }

    [Fact]
    public void MaxRecords_sets_the_quantity()
    {
        Assert.Equal(50, Logs("-MaxRecords 50").Count);
        AssertSentGolden("log-maxrecords-50.json");
    }

    [Fact]
    public void Oldest_returns_the_oldest_first()
    {
        var logs = Logs("-Oldest");
        AssertSentGolden("log-oldest.json");
        var times = logs.Select(l => l.GetValue<DateTime>("Timestamp")!.Value).ToList();
        Assert.Equal(times.OrderBy(t => t), times);
        Assert.Equal(SimulatorFixture.LogEnd.UtcDateTime.AddSeconds(-4999), times[0].ToUniversalTime());
    }

    [Fact]
    public void Since_and_until_are_sent_as_epoch_milliseconds()
    {
        Logs("-Since ([datetime]::new(2025,11,1,11,0,0,[DateTimeKind]::Utc)) -Until ([datetime]::new(2025,11,1,12,0,0,[DateTimeKind]::Utc))");
        AssertSentGolden("log-since-until.json");
    }

    [Fact]
    public void Since_and_until_bound_a_half_open_window()
    {
        var logs = Logs("-Since ([datetime]::new(2025,11,1,11,0,0,[DateTimeKind]::Utc)) -Until ([datetime]::new(2025,11,1,12,0,0,[DateTimeKind]::Utc)) -Oldest");
        Assert.Equal(3600, logs.Count);
        Assert.Equal(new DateTime(2025, 11, 1, 11, 0, 0, DateTimeKind.Utc), logs[0].GetValue<DateTime>("Timestamp")!.Value.ToUniversalTime());
        Assert.Equal(new DateTime(2025, 11, 1, 11, 59, 59, DateTimeKind.Utc), logs[^1].GetValue<DateTime>("Timestamp")!.Value.ToUniversalTime());
    }

    [Fact]
    public void Chained_windows_neither_repeat_nor_skip_the_record_on_their_boundary()
    {
        // The simulator has a record on every whole second, so 11:30:00 sits exactly on the boundary.
        var output = _fixture.Host.RunClean(@"
            $a = [datetime]::new(2025,11,1,11,0,0,[DateTimeKind]::Utc); $b = $a.AddMinutes(30)
            $first = @(Get-SmcLog -Session $s -Since $a -Until $b -Oldest)
            $second = @(Get-SmcLog -Session $s -Since $b -Oldest)
            $first.Count; $second.Count; $first[-1].Timestamp; $second[0].Timestamp
            @($first + $second | ForEach-Object { $_.Timestamp.ToUniversalTime().Ticks } | Sort-Object -Unique).Count", new Dictionary<string, object?> { ["s"] = _session });
        Assert.Equal(1800, (int)output[0].BaseObject);
        Assert.Equal(1801, (int)output[1].BaseObject);
        Assert.Equal(new DateTime(2025, 11, 1, 11, 29, 59, DateTimeKind.Utc), ((DateTime)output[2].BaseObject).ToUniversalTime());
        Assert.Equal(new DateTime(2025, 11, 1, 11, 30, 0, DateTimeKind.Utc), ((DateTime)output[3].BaseObject).ToUniversalTime());
        Assert.Equal(3601, (int)output[4].BaseObject);
    }

    [Fact]
    public void Since_later_than_until_is_a_parameter_error()
    {
        var (_, errors) = _fixture.Host.Run("Get-SmcLog -Session $s -Since '2025-11-02' -Until '2025-11-01'", new Dictionary<string, object?> { ["s"] = _session });
        Assert.StartsWith("SmcTimeRangeInvalid", Assert.Single(errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Field_selects_exactly_those_properties_in_order()
    {
        var logs = Logs("-Field Timestamp, Src, 'Dst Addr'");
        AssertSentGolden("log-field.json");
        Assert.Equal(new[] { "Timestamp", "Src", "Dst" }, logs[0].GetPropertyNames());
        var names = _fixture.Host.RunClean("(Get-SmcLog -Session $s -MaxRecords 1 -Field Timestamp,Src,Dst | Select-Object -First 1).psobject.Properties.Name", new Dictionary<string, object?> { ["s"] = _session });
        Assert.Equal(new[] { "Timestamp", "Src", "Dst" }, names.Select(n => n.ToString()));
    }

    [Fact]
    public void Unknown_field_names_the_closest_ones()
    {
        var (_, errors) = _fixture.Host.Run("Get-SmcLog -Session $s -Field Timestamp, Srcc", new Dictionary<string, object?> { ["s"] = _session });
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcFieldNotFound", error.FullyQualifiedErrorId);
        Assert.Contains("'Srcc'", error.Exception.Message);
        Assert.Contains("Src", error.Exception.Message);
    }

    [Fact]
    public void TimeZone_asks_the_smc_to_render_raw_times_in_that_zone()
    {
        var output = _fixture.Host.RunClean("Get-SmcLog -Session $s -TimeZone Europe/Paris -MaxRecords 200 -Raw", new Dictionary<string, object?> { ["s"] = _session });
        AssertSentGolden("log-timezone.json");
        // Paris is UTC+1 in November: the newest record (12:00 UTC) is rendered 13:00 with its offset.
        Assert.Equal("2025-11-01 13:00:00 +01:00", ((OrderedDictionary)output[0].BaseObject)["Timestamp"]);
    }

    [Theory]
    [InlineData("'Central Standard Time'", "America/Chicago")]
    [InlineData("America/Chicago", "America/Chicago")]
    [InlineData("cst", "CST")]
    public void TimeZone_takes_windows_and_iana_names_and_sends_the_smc_an_iana_name(string given, string sent)
    {
        var output = _fixture.Host.RunClean($"Get-SmcLog -Session $s -TimeZone {given} -MaxRecords 1 -Raw", new Dictionary<string, object?> { ["s"] = _session });
        Assert.Equal(sent, (string?)Newtonsoft.Json.Linq.JObject.Parse(_fixture.QueryMessages().Last())["format"]!["resolving"]!["timezone"]);
        // 12:00 UTC on 1 November 2025 is 07:00 in Chicago (daylight saving time until 2 November).
        if (sent == "America/Chicago") { Assert.Equal("2025-11-01 07:00:00 -05:00", ((OrderedDictionary)output[0].BaseObject)["Timestamp"]); }
    }

    [Fact]
    public void An_unknown_time_zone_is_an_error_naming_the_parameter_the_value_and_close_names()
    {
        var (_, errors) = _fixture.Host.Run("Get-SmcLog -Session $s -TimeZone Amerca/Chicgo", new Dictionary<string, object?> { ["s"] = _session });
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcTimeZoneNotFound", error.FullyQualifiedErrorId);
        Assert.Contains("'Amerca/Chicgo'", error.Exception.Message);
        Assert.Contains("-TimeZone", error.Exception.Message);
        Assert.Contains("America/Chicago", error.Exception.Message);
        Assert.Empty(_fixture.QueryMessages());
    }

    [Theory]
    [InlineData("Get-SmcLog -TimeZone America/Chi", "America/Chicago")]
    [InlineData("Get-SmcLog -TimeZone 'Central Stan", "'Central Standard Time'")]
    [InlineData("Get-SmcConnection -TimeZone Tokyo", "Asia/Tokyo")]
    public void TimeZone_completes_with_tab(string line, string expected)
    {
        var output = _fixture.Host.RunClean("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText", new Dictionary<string, object?> { ["line"] = line });
        Assert.Contains(expected, output.Select(o => o.ToString()));
    }

    [Fact]
    public void Typed_times_are_the_instants_in_local_time_whatever_TimeZone_says()
    {
        var logs = Logs("-TimeZone Europe/Paris -MaxRecords 2");
        var sent = Newtonsoft.Json.Linq.JObject.Parse(_fixture.QueryMessages().Last())["format"]!["resolving"]!;
        Assert.Equal("UTC", (string?)sent["timezone"]);
        Assert.True((bool)sent["time_show_zone"]!);
        Assert.True((bool)sent["time_show_millis"]!);
        var time = Assert.IsType<DateTime>(logs[0]["Timestamp"]);
        Assert.Equal(DateTimeKind.Local, time.Kind);
        Assert.Equal(new DateTime(2025, 11, 1, 12, 0, 0, DateTimeKind.Utc), time.ToUniversalTime());
    }

    [Fact]
    public void Server_restricts_the_search_to_log_servers()
    {
        Logs("-Server 'http://127.0.0.1/7.1/elements/log_server/1441'");
        AssertSentGolden("log-server.json");
    }

    [Fact]
    public void Live_streams_for_its_duration_and_ends_without_error()
    {
        var logs = Logs("-Live -Duration 0.5");
        AssertSentGolden("log-live.json");
        Assert.NotEmpty(logs);
        Assert.All(logs, l => Assert.True(l.GetValue<DateTime>("Timestamp") > SimulatorFixture.LogEnd.UtcDateTime));
    }

    [Fact]
    public void Select_first_stops_a_live_query_and_sends_the_abort()
    {
        var started = DateTime.UtcNow;
        var logs = _fixture.Host.RunClean("Get-SmcLog -Session $s -Live | Select-Object -First 3", new Dictionary<string, object?> { ["s"] = _session });
        Assert.Equal(3, logs.Count);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
        AssertAbortReceivedAndSocketsClosed();
    }

    [Fact]
    public void Stopping_the_pipeline_aborts_the_query_and_closes_the_socket()
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _fixture.Host.Runspace;
        shell.AddCommand("Get-SmcLog").AddParameter("Session", _session).AddParameter("Live");
        var output = new PSDataCollection<PSObject>();
        var running = shell.BeginInvoke<PSObject, PSObject>(null, output);
        SpinWait.SpinUntil(() => output.Count > 0, TimeSpan.FromSeconds(20));
        shell.Stop();
        Assert.ThrowsAny<PipelineStoppedException>(() => shell.EndInvoke(running));
        Assert.NotEmpty(output);
        AssertAbortReceivedAndSocketsClosed();
    }

    private List<ProgressRecord> Progress(string script, TimeSpan step)
    {
        var previous = GetSmcLogCommand.ProgressClock;
        GetSmcLogCommand.ProgressClock = new SmcMonitoring.Tests.Engine.SteppingClock(step);
        try
        {
            using var shell = PowerShell.Create();
            shell.Runspace = _fixture.Host.Runspace;
            shell.AddScript(script).AddParameter("s", _session);
            shell.Invoke();
            Assert.False(shell.HadErrors);
            return shell.Streams.Progress.ToList();
        }
        finally
        {
            GetSmcLogCommand.ProgressClock = previous;
        }
    }

    [Fact]
    public void A_long_stored_search_shows_records_rate_and_the_smc_status_then_completes()
    {
        // Each look at the clock is 100 ms later: the 5,000-record search seems to take seconds, yet takes no time.
        var progress = Progress("param($s) $null = Get-SmcLog -Session $s -All", TimeSpan.FromMilliseconds(100));
        var updates = progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, p => Assert.Matches(@"^[\d,. ]+ entries in \d+ s \([\d,. ]+ a second\)$", p.StatusDescription));
        Assert.All(updates, p => Assert.Equal("SMC: Querying...", p.CurrentOperation));
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
        Assert.Single(progress, p => p.RecordType == ProgressRecordType.Completed);
        Assert.Single(progress.Select(p => p.ActivityId).Distinct());
    }

    [Fact]
    public void Progress_is_silent_for_a_short_search_and_under_SilentlyContinue()
    {
        Assert.Empty(Progress("param($s) $null = Get-SmcLog -Session $s -All", TimeSpan.Zero));
        Assert.Empty(Progress("param($s) $ProgressPreference = 'SilentlyContinue'; $null = Get-SmcLog -Session $s -All", TimeSpan.FromMilliseconds(100)));
        Assert.Empty(Progress("param($s) $null = Get-SmcLog -Session $s -Live -Duration 0.3", TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void Raw_returns_ordered_dictionaries_keyed_by_smc_names()
    {
        var output = _fixture.Host.RunClean("Get-SmcLog -Session $s -MaxRecords 5 -Raw", new Dictionary<string, object?> { ["s"] = _session });
        Assert.Equal(5, output.Count);
        var record = Assert.IsType<OrderedDictionary>(output[0].BaseObject);
        Assert.True(record.Contains("Timestamp"));
        Assert.True(record.Contains("Src"));
        var sent = Newtonsoft.Json.Linq.JObject.Parse(_fixture.QueryMessages().Last());
        Assert.Equal("name", (string?)sent["format"]!["field_format"]);
        Assert.Null(sent["format"]!["field_ids"]);
    }

    [Fact]
    public void Statistics_returns_the_smc_statistics_instead_of_records()
    {
        var output = _fixture.Host.RunClean("Get-SmcLog -Session $s -MaxRecords 300 -Statistics", new Dictionary<string, object?> { ["s"] = _session });
        var statistics = Assert.IsType<OrderedDictionary>(Assert.Single(output).BaseObject);
        Assert.True(statistics.Contains("matched"));
        Assert.DoesNotContain(output, o => o.BaseObject is SmcLogRecord);
    }

    [Fact]
    public void Resolving_options_are_sent_and_unknown_keys_named()
    {
        var logs = Logs("-MaxRecords 3 -Resolving @{ TimeShowMillis = $true; IpElements = $true; Senders = $false }");
        var sent = Newtonsoft.Json.Linq.JObject.Parse(_fixture.QueryMessages().Last())["format"]!["resolving"]!;
        Assert.False((bool)sent["senders"]!);
        Assert.True((bool)sent["time_show_millis"]!);
        Assert.True((bool)sent["ip_elements"]!);
        Assert.All(logs, l => Assert.IsType<DateTime>(l["Timestamp"]));
        var (_, errors) = _fixture.Host.Run("Get-SmcLog -Session $s -Resolving @{ TimeShowSeconds = $true }", new Dictionary<string, object?> { ["s"] = _session });
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcResolvingKeyInvalid", error.FullyQualifiedErrorId);
        Assert.Contains("TimeShowMillis", error.Exception.Message);
    }

    [Fact]
    public void Records_work_with_where_object_and_sort_object()
    {
        var output = _fixture.Host.RunClean("Get-SmcLog -Session $s -MaxRecords 500 | Where-Object DstPort -lt 1024 | Sort-Object Timestamp | Select-Object -First 1 -ExpandProperty DstPort", new Dictionary<string, object?> { ["s"] = _session });
        Assert.True((int)Assert.Single(output).BaseObject < 1024);
    }

    private void AssertAbortReceivedAndSocketsClosed()
    {
        Assert.True(SpinWait.SpinUntil(() => _session.OpenSocketCount == 0, TimeSpan.FromSeconds(5)), "the query's socket is still open");
        Assert.True(SpinWait.SpinUntil(() => _fixture.Simulator.Requests.Any(r => r.Kind == "ws" && r.Body != null && r.Body.Contains("\"abort\"")), TimeSpan.FromSeconds(5)), "no abort reached the simulator");
    }
}
