using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Records;
using SmcMonitoring.Session;
using SmcMonitoring.Simulator;
using Xunit;

namespace SmcMonitoring.Tests.Integration;

/// <summary>
/// The websocket side against a broken or hostile SMC, over real sockets: an upgrade never answered, a redirected
/// upgrade, batches past the quantity, a message of a million records, bogus ends, invalid UTF-8, wrong-type records.
/// </summary>
[Collection(SimulatorCollection.Name)]
public sealed class HostileSocketTests : IAsyncLifetime
{
    private SmcSimulator _simulator = null!;
    private PowerShellHost _host = null!;
    private SmcSession _session = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SmcSimulator.StartAsync(new SimulatorOptions { ApiKey = "hostile-socket-key", LogRecords = 3000, SessionChangesPerSecond = 0, NotificationsPerSecond = 0 });
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
    public void An_upgrade_never_answered_ends_at_the_query_TimeoutSec()
    {
        _simulator.Faults.UpgradeNeverAnswered = true;
        var (output, errors, _) = Run("Get-SmcLog -Session $s -MaxRecords 10 -TimeoutSec 1");
        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcQueryTimeout", error.FullyQualifiedErrorId);
        Assert.Contains("-TimeoutSec (1 s) passed while its socket was being opened", error.Exception.Message);
        Assert.Contains(_simulator.Requests, r => r.Method == "upgrade-held");
    }

    [Fact]
    public void Register_SmcNotification_stops_on_ctrl_c_while_its_upgrade_is_never_answered()
    {
        _simulator.Faults.UpgradeNeverAnswered = true;
        using var shell = PowerShell.Create();
        shell.Runspace = _host.Runspace;
        shell.AddCommand("Register-SmcNotification").AddParameter("Session", _session).AddParameter("Context", "host");
        var running = shell.BeginInvoke();
        Assert.True(SpinWait.SpinUntil(() => _simulator.Requests.Any(r => r.Method == "upgrade-held"), TimeSpan.FromSeconds(10)), "the upgrade never reached the simulator");
        shell.Stop();
        Assert.True(running.IsCompleted, "Register-SmcNotification did not stop");
        Assert.True(SpinWait.SpinUntil(() => _simulator.Requests.Any(r => r.Method == "upgrade-released"), TimeSpan.FromSeconds(5)), "the held upgrade was not released");
        Assert.Equal(0, _session.OpenSocketCount);
    }

    [Fact]
    public async Task A_redirected_upgrade_is_refused_and_no_credential_arrives_elsewhere()
    {
        await using var elsewhere = HeaderRecordingListener.Start(IPAddress.Parse("127.0.0.2"));
        _simulator.Faults.RedirectUpgradeTo = new UriBuilder(elsewhere.Url) { Scheme = "ws" }.Uri.ToString();
        var (_, errors, _) = Run("Get-SmcLog -Session $s -MaxRecords 10");
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcSocketRedirected", error.FullyQualifiedErrorId);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public void MaxRecords_is_exact_when_the_smc_sends_whole_batches_past_the_quantity()
    {
        _simulator.Faults.BatchesPastQuantity = true;
        var (output, errors, _) = Run("Get-SmcLog -Session $s -MaxRecords 250");
        Assert.Empty(errors);
        Assert.Equal(250, output.OfType<SmcLogRecord>().Count());
    }

    [Fact]
    public void A_message_of_a_million_records_gives_exactly_MaxRecords()
    {
        _simulator.Faults.HugeMessageRecords = 1_000_000;
        var (output, errors, _) = Run("Get-SmcLog -Session $s -MaxRecords 200");
        Assert.Empty(errors);
        Assert.Equal(200, output.Count);
    }

    [Theory]
    [InlineData(BogusEndFrame.Array)]
    [InlineData(BogusEndFrame.OtherFetch)]
    public void An_end_that_is_not_this_fetchs_end_loses_no_record(BogusEndFrame which)
    {
        _simulator.Faults.EndFrame = which;
        var (output, errors, _) = Run("Get-SmcLog -Session $s -MaxRecords 1000");
        Assert.Empty(errors);
        Assert.Equal(1000, output.OfType<SmcLogRecord>().Count());
    }

    [Fact]
    public void A_frame_of_invalid_utf8_is_one_error_naming_utf8_and_the_fetch_goes_on()
    {
        _simulator.Faults.InvalidUtf8Frames = 2;
        var (output, errors, _) = Run("Get-SmcLog -Session $s -MaxRecords 1000");
        Assert.Equal(1000, output.OfType<SmcLogRecord>().Count());
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.StartsWith("SmcMessageInvalid", e.FullyQualifiedErrorId);
            Assert.Contains("UTF-8", e.Exception.Message);
        });
    }

    [Fact]
    public void Records_of_the_wrong_type_are_a_warning_with_their_positions()
    {
        _simulator.Faults.WrongTypeRecords = true;
        var (output, errors, warnings) = Run("Get-SmcLog -Session $s -MaxRecords 300");
        Assert.Empty(errors);
        Assert.Equal(300, output.OfType<SmcLogRecord>().Count());
        var warning = Assert.Single(warnings, w => w.Contains("not JSON objects"));
        Assert.Contains("positions 0, 1, 2", warning);
    }

    [Fact]
    public void Malformed_frames_before_the_subscription_answer_do_not_end_a_notification_subscription()
    {
        _simulator.Faults.MalformedMessages = 3;
        var (_, errors, _) = Run("$null = Register-SmcNotification -Session $s -Context host -SourceIdentifier malformed");
        _simulator.Faults.Reset();
        Assert.Empty(errors);
        _simulator.RaiseElementChange("host", "update", "4242");
        var (output, waitErrors, _) = Run("(Wait-Event -SourceIdentifier malformed -Timeout 15).SourceEventArgs.ElementId; Unregister-Event -SourceIdentifier malformed");
        Assert.Empty(waitErrors);
        Assert.Equal("4242", Assert.Single(output));
    }
}
