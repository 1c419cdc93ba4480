using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using SmcMonitoring.Errors;
using SmcMonitoring.Records;
using SmcMonitoring.Session;
using SmcMonitoring.Simulator;
using Xunit;

namespace SmcMonitoring.Tests.Integration;

/// <summary>Every fault the simulator can inject, and what the cmdlets make of it.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class FaultTests : IAsyncLifetime
{
    private SmcSimulator _simulator = null!;
    private PowerShellHost _host = null!;
    private SmcSession _session = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SmcSimulator.StartAsync(new SimulatorOptions { ApiKey = "fault-key-123456", LogRecords = 5000, LiveRecordsPerSecond = 200, SessionChangesPerSecond = 0 });
        _host = new PowerShellHost();
        _session = _host.Connect(_simulator);
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _simulator.DisposeAsync();
    }

    private (List<object> Output, IReadOnlyList<ErrorRecord> Errors, List<string> Warnings) Run(string script) =>
        _host.RunWithWarnings(script, new Dictionary<string, object?> { ["s"] = _session });

    [Fact]
    public void An_expired_session_logs_in_again_once_for_a_websocket()
    {
        var logins = _simulator.Requests.Count(r => r.Path.EndsWith("/login"));
        _simulator.Faults.ExpireSessions();
        var (output, errors, _) = Run("Get-SmcLog -Session $s -MaxRecords 10");
        Assert.Empty(errors);
        Assert.Equal(10, output.Count);
        Assert.Equal(logins + 1, _simulator.Requests.Count(r => r.Path.EndsWith("/login")));
    }

    [Fact]
    public void An_expired_session_logs_in_again_once_for_rest()
    {
        _simulator.Faults.ExpireSessions();
        var (output, errors, _) = Run("Get-SmcBlocklist -Session $s -Engine fw-east");
        Assert.Empty(errors);
        Assert.NotEmpty(output);
    }

    [Fact]
    public void A_session_that_cannot_be_renewed_is_a_clear_error()
    {
        // The SMC forgets the session and the API client's key changed since: logging in again cannot help.
        _session.Settings.ApiKey = SmcConfigurationReader.ToSecureString("a-key-the-smc-no-longer-accepts");
        _simulator.Faults.ExpireSessions();
        var (_, errors, _) = Run("Get-SmcLog -Session $s -MaxRecords 10");
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcSessionExpired", error.FullyQualifiedErrorId);
        Assert.Contains("Connect-SmcSession", error.Exception.Message);
    }

    [Fact]
    public void A_stored_query_that_loses_its_socket_keeps_what_it_read_and_then_errs()
    {
        try
        {
            _simulator.Faults.DropAfterMessages = 4;
            var (output, errors, _) = Run("Get-SmcLog -Session $s -MaxRecords 2000 -Oldest");
            var records = output.Cast<SmcLogRecord>().ToList();
            Assert.NotEmpty(records);
            Assert.True(records.Count < 2000);
            Assert.Equal(0, records.Count % 200);
            var times = records.Select(r => (DateTime)r["Timestamp"]!).ToList();
            Assert.Equal(times.OrderBy(t => t), times);
            Assert.Equal(times.Count, times.Distinct().Count());
            var error = Assert.Single(errors);
            Assert.Matches("^SmcConnection(Lost|Closed)", error.FullyQualifiedErrorId);
        }
        finally
        {
            _simulator.Faults.Reset();
        }
    }

    [Fact]
    public void A_stored_query_that_loses_its_socket_is_a_terminating_error_after_its_records()
    {
        try
        {
            // The socket drops after four messages: the whole messages of records before it, then the error.
            _simulator.Faults.DropAfterMessages = 4;
            var (output, errors, _) = Run(@"
                $written = [System.Collections.Generic.List[object]]::new()
                try {
                    Get-SmcLog -Session $s -All -Oldest | ForEach-Object { $written.Add($_) }
                    'the statement after the fetch ran'
                }
                catch { 'caught ' + $_.FullyQualifiedErrorId }
                $written.Count
                @($written | Select-Object -Skip 1 | ForEach-Object -Begin { $previous = $written[0].Timestamp } -Process { ($_.Timestamp - $previous).TotalSeconds; $previous = $_.Timestamp } | Sort-Object -Unique)
                Get-SmcLog -Session $s -All -Oldest | Out-Null
                'succeeded: ' + $?");
            Assert.DoesNotContain(errors, e => !e.FullyQualifiedErrorId.StartsWith("SmcConnection", StringComparison.Ordinal));
            Assert.DoesNotContain("the statement after the fetch ran", output);
            Assert.Matches("^caught SmcConnection(Lost|Closed)", (string)output[0]);
            var count = (int)output[1];
            Assert.InRange(count, 200, 4800);
            Assert.Equal(0, count % 200);
            // Every record before the drop arrived, oldest first, one second apart: no gap inside what was written.
            Assert.Equal(1.0, (double)output[2]);
            Assert.Equal("succeeded: False", output[3]);
        }
        finally
        {
            _simulator.Faults.Reset();
        }
    }

    [Fact]
    public void A_live_query_reconnects_and_warns_about_the_gap()
    {
        // Every socket drops after three messages; the first reconnection waits one second, within the query's 1.5.
        _simulator.Faults.DropAfterMessages = 3;
        var (output, errors, warnings) = Run("Get-SmcLog -Session $s -Live -Duration 1.5 -MaxReconnectAttempts 5");
        _simulator.Faults.Reset();
        Assert.Contains(warnings, w => w.Contains("reconnecting"));
        Assert.Contains(warnings, w => w.Contains("may be missing"));
        Assert.NotEmpty(output);
        Assert.DoesNotContain(errors, e => !e.FullyQualifiedErrorId.StartsWith("SmcReconnectFailed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_live_query_notices_a_frozen_smc_by_its_unanswered_ping_and_reconnects()
    {
        using var host = new PowerShellHost();
        try
        {
            // Every socket freezes after three messages: the socket stays open, nothing comes, pings go unanswered.
            _simulator.Faults.FreezeAfterMessages = 3;
            var (output, errors) = host.Run(
                "& { $s = Connect-SmcSession -Url $url -ApiKey $key -KeepAliveSec 0.2; Get-SmcLog -Session $s -Live -Duration 2.5 -MaxReconnectAttempts 5 } 3>&1",
                new Dictionary<string, object?> { ["url"] = _simulator.BaseUrl.ToString(), ["key"] = _simulator.ApiKey });
            var warnings = output.Select(o => o.BaseObject).OfType<WarningRecord>().Select(w => w.Message).ToList();
            var frozen = warnings.FirstOrDefault(w => w.Contains("lost its connection") && w.Contains("did not answer a websocket ping within 0.2 s"));
            Assert.True(frozen != null, "no warning named the unanswered ping: " + string.Join(" | ", warnings));
            Assert.Contains("-KeepAliveSec", frozen);
            Assert.Contains("reconnecting", frozen);
            Assert.Contains(warnings, w => w.Contains("may be missing"));
            Assert.NotEmpty(output.Select(o => o.BaseObject).OfType<SmcLogRecord>());
            Assert.Empty(errors);
        }
        finally
        {
            _simulator.Faults.Reset();
        }
    }

    [Fact]
    public void A_live_query_without_reconnection_ends_with_an_error()
    {
        try
        {
            _simulator.Faults.DropAfterMessages = 3;
            var (output, errors, _) = Run("Get-SmcLog -Session $s -Live -NoReconnect -TimeoutSec 20");
            Assert.NotEmpty(output);
            Assert.Matches("^SmcConnection(Lost|Closed)", Assert.Single(errors).FullyQualifiedErrorId);
        }
        finally
        {
            _simulator.Faults.Reset();
        }
    }

    [Fact]
    public void A_failure_message_carries_the_smc_text()
    {
        try
        {
            _simulator.Faults.FailQueries = "Invalid query: the log server is busy";
            var (_, errors, _) = Run("Get-SmcLog -Session $s");
            var error = Assert.Single(errors);
            Assert.StartsWith("SmcFetchFailed", error.FullyQualifiedErrorId);
            Assert.Contains("the log server is busy", error.Exception.Message);
            Assert.Equal("Invalid query: the log server is busy", ((SmcException)error.Exception).ServerMessage);
        }
        finally
        {
            _simulator.Faults.Reset();
        }
    }

    [Fact]
    public void The_buffer_error_close_suggests_a_smaller_query()
    {
        _simulator.Faults.BufferErrorClose = true;
        var (_, errors, _) = Run("Get-SmcLog -Session $s");
        _simulator.Faults.Reset();
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcQueryTooLarge", error.FullyQualifiedErrorId);
        Assert.Contains("fewer", error.Exception.Message);
    }

    [Fact]
    public void A_query_over_the_smc_input_limit_is_refused_as_too_large()
    {
        var (_, errors, _) = Run("$ips = 1..700 | ForEach-Object { '10.1.{0}.{1}' -f ($_ % 250), ($_ % 200) }; Get-SmcLog -Session $s -Filter @{ Src = $ips }");
        Assert.StartsWith("SmcQueryTooLarge", Assert.Single(errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Malformed_messages_are_reported_and_the_records_still_arrive()
    {
        try
        {
            _simulator.Faults.MalformedMessages = 3;
            var (output, errors, _) = Run("Get-SmcLog -Session $s -MaxRecords 300");
            Assert.Equal(300, output.Count);
            Assert.Equal(3, errors.Count);
            Assert.All(errors, e => Assert.StartsWith("SmcMessageInvalid", e.FullyQualifiedErrorId));
        }
        finally
        {
            _simulator.Faults.Reset();
        }
    }

    [Fact]
    public void An_oversized_message_fails_the_query_with_the_limit_named()
    {
        using var host = new PowerShellHost();
        try
        {
            _simulator.Faults.OversizedMessageBytes = 3 * 1024 * 1024;
            var (_, errors) = host.Run("$s = Connect-SmcSession -Url $url -ApiKey $key -MaxMessageSizeMB 1; Get-SmcLog -Session $s -MaxRecords 10",
                new Dictionary<string, object?> { ["url"] = _simulator.BaseUrl.ToString(), ["key"] = _simulator.ApiKey });
            var error = Assert.Single(errors);
            Assert.StartsWith("SmcMessageTooLarge", error.FullyQualifiedErrorId);
            Assert.Contains("-MaxMessageSizeMB", error.Exception.Message);
        }
        finally
        {
            _simulator.Faults.Reset();
        }
    }

    [Fact]
    public void A_silent_smc_ends_in_an_inactivity_timeout_error()
    {
        try
        {
            _simulator.Faults.Silent = true;
            var (output, errors, _) = Run("Get-SmcLog -Session $s -InactivityTimeoutSec 1");
            Assert.Empty(output);
            var error = Assert.Single(errors);
            Assert.StartsWith("SmcQueryTimeout", error.FullyQualifiedErrorId);
            Assert.Contains("-InactivityTimeoutSec", error.Exception.Message);
            var (_, snapshotErrors, _) = Run("Get-SmcRoute -Session $s -Engine fw-east -TimeoutSec 1");
            Assert.Contains("-TimeoutSec", Assert.Single(snapshotErrors).Exception.Message);
        }
        finally
        {
            _simulator.Faults.Reset();
        }
    }

    [Fact]
    public void A_slow_smc_still_returns_everything()
    {
        try
        {
            _simulator.Faults.DelayMs = 30;
            var (output, errors, _) = Run("Get-SmcLog -Session $s -MaxRecords 1000");
            Assert.Empty(errors);
            Assert.Equal(1000, output.Count);
        }
        finally
        {
            _simulator.Faults.Reset();
        }
    }
}
