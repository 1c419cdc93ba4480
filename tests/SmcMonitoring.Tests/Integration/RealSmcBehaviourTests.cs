using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading.Tasks;
using SmcMonitoring.Records;
using SmcMonitoring.Simulator;
using Xunit;

namespace SmcMonitoring.Tests.Integration;

/// <summary>
/// What real SMCs were seen to do (docs/real-smc.md), each played by a simulator mode, against the cmdlets over a real
/// loopback socket. The defaults of the simulator are the other way, so both sides of each assumption are tested.
/// </summary>
[Collection(SimulatorCollection.Name)]
public sealed class RealSmcBehaviourTests
{
    private const string Key = "real-smc-key-0123456789";
    private static readonly DateTimeOffset LogEnd = new(2025, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly SimulatorFixture _fixture;

    public RealSmcBehaviourTests(SimulatorFixture fixture) => _fixture = fixture;

    /// <summary>Starts a simulator with <paramref name="configure"/>, connects to <paramref name="url"/> (its base URL by default), runs <paramref name="command"/> and disconnects.</summary>
    private async Task<(List<object> Output, IReadOnlyList<ErrorRecord> Errors, List<string> Warnings, SmcSimulator Simulator)> RunAsync(
        Action<SimulatorOptions> configure, string command, Func<Uri, string>? url = null)
    {
        var options = new SimulatorOptions { ApiKey = Key, LogRecords = 1000, LogEnd = LogEnd, SessionChangesPerSecond = 0, NotificationsPerSecond = 0 };
        configure(options);
        var simulator = await SmcSimulator.StartAsync(options);
        var (output, errors, warnings) = _fixture.Host.RunWithWarnings(
            "$s = Connect-SmcSession -Url $url -ApiKey $key; try { " + command + " } finally { Disconnect-SmcSession $s }",
            new Dictionary<string, object?> { ["url"] = url?.Invoke(simulator.BaseUrl) ?? simulator.BaseUrl.ToString(), ["key"] = Key });
        return (output, errors, warnings, simulator);
    }

    [Theory]
    [InlineData(TokenAlphabet.Base64)]
    [InlineData(TokenAlphabet.Hex)]
    public async Task Token_mode_works_whatever_characters_the_token_holds(TokenAlphabet alphabet)
    {
        var (output, errors, _, simulator) = await RunAsync(o => { o.TokenMode = true; o.TokenAlphabet = alphabet; o.LogoutWithoutToken = TokenlessLogoutAnswer.Accept; } /* the logout has its own tests */,
            "Get-SmcLog -Session $s -MaxRecords 25; Get-SmcConnection -Session $s -Engine fw-east -Field Src, Dst | Select-Object -First 5");
        await using var _ = simulator;

        Assert.Empty(errors);
        Assert.Equal(25, output.OfType<SmcLogRecord>().Count());
        Assert.Equal(5, output.OfType<SmcConnection>().Count());
        // The token went as a websocket subprotocol, never as a cookie.
        Assert.DoesNotContain(simulator.Requests, r => r.Kind == "http" && r.Path.EndsWith("/socket") && r.Query?.Contains("JSESSIONID") == true);
    }

    [Theory]
    [InlineData(SessionCookiePathScope.Root)]
    [InlineData(SessionCookiePathScope.Version)]
    public async Task The_session_cookie_is_found_whatever_its_path(SessionCookiePathScope scope)
    {
        var (output, errors, _, simulator) = await RunAsync(o => o.SessionCookiePath = scope,
            "Get-SmcLog -Session $s -MaxRecords 10; Get-SmcEngine -Session $s -Name fw-east");
        await using var _ = simulator;

        Assert.Empty(errors);
        Assert.Equal(10, output.OfType<SmcLogRecord>().Count());
        Assert.Single(output.OfType<SmcMonitoring.Session.SmcEngine>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_base_url_with_a_path_works_with_or_without_a_trailing_slash(bool trailingSlash)
    {
        var (output, errors, _, simulator) = await RunAsync(o => o.PathBase = "/smc",
            "Get-SmcLog -Session $s -MaxRecords 10; Get-SmcConnection -Session $s -Engine fw-east | Select-Object -First 3",
            baseUrl => trailingSlash ? baseUrl.ToString().TrimEnd('/') + "/" : baseUrl.ToString().TrimEnd('/'));
        await using var _ = simulator;

        Assert.Empty(errors);
        Assert.Equal(10, output.OfType<SmcLogRecord>().Count());
        Assert.Equal(3, output.OfType<SmcConnection>().Count());
        Assert.All(simulator.Requests.Where(r => r.Kind == "http"), r => Assert.StartsWith("/smc/", r.Path));
    }

    [Fact]
    public async Task A_negative_fetch_id_is_read_and_echoed_in_the_abort()
    {
        var (output, errors, _, simulator) = await RunAsync(o => o.ForceNegativeFetchIds = true, "Get-SmcLog -Session $s -MaxRecords 10");
        await using var _ = simulator;

        Assert.Empty(errors);
        Assert.Equal(10, output.OfType<SmcLogRecord>().Count());
        // The query took fewer records than the SMC had, so the client aborted the fetch by the id the SMC gave.
        var abort = await EventuallyAsync(() => simulator.Requests.FirstOrDefault(r => r.Kind == "simulator" && r.Method == "abort"));
        using var note = JsonDocument.Parse(abort.Body!);
        Assert.True(note.RootElement.GetProperty("fetch").GetInt32() < 0, abort.Body);
        Assert.True(note.RootElement.GetProperty("known").GetBoolean(), abort.Body);
    }

    [Theory]
    [InlineData(TimeZoneStyle.Offset, "")]
    [InlineData(TimeZoneStyle.Abbreviation, "")]
    [InlineData(TimeZoneStyle.None, "")]
    [InlineData(TimeZoneStyle.Offset, "-TimeZone Asia/Tokyo")]
    public async Task Times_with_a_zone_become_the_instant_the_smc_meant(TimeZoneStyle style, string timeZone)
    {
        var (output, errors, _, simulator) = await RunAsync(o => o.TimeZoneStyle = style, $"Get-SmcLog -Session $s -MaxRecords 3 {timeZone}");
        await using var _ = simulator;

        Assert.Empty(errors);
        var newest = output.OfType<SmcLogRecord>().Select(r => r.GetValue<DateTime>("Timestamp")!.Value).Max();
        Assert.NotEqual(DateTimeKind.Unspecified, newest.Kind);
        Assert.Equal(LogEnd.UtcDateTime, newest.ToUniversalTime());
    }

    [Fact]
    public async Task Snapshot_rows_without_first_fetch_are_normal_and_the_marker_still_ends_the_snapshot()
    {
        var clock = Stopwatch.StartNew();
        var (output, errors, _, simulator) = await RunAsync(o => { o.NoFirstFetch = true; o.SnapshotCompleteMarker = true; o.ConnectionsPerEngine = 450; },
            "Get-SmcConnection -Session $s -Engine fw-east");
        await using var _ = simulator;

        Assert.Empty(errors);
        var rows = output.OfType<SmcConnection>().ToList();
        Assert.Equal(450, rows.Count);
        Assert.All(rows, r => Assert.Null(r["FirstFetch"]));
        // The marker ended it: no wait for a silence (the shortest is two seconds).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Snapshot_batches_spaced_apart_are_all_collected_when_the_marker_ends_them()
    {
        // Three full batches and a short one, 600 ms apart: longer than any gap between messages of a busy socket.
        var (output, errors, _, simulator) = await RunAsync(o => { o.SnapshotBatchGapMs = 600; o.SnapshotCompleteMarker = true; o.ConnectionsPerEngine = 650; },
            "Get-SmcConnection -Session $s -Engine fw-east");
        await using var _ = simulator;

        Assert.Empty(errors);
        Assert.Equal(650, output.OfType<SmcConnection>().Count());
    }

    [Fact]
    public async Task An_engine_with_an_empty_table_that_sends_nothing_gives_an_empty_result_without_error()
    {
        var (output, errors, warnings, simulator) = await RunAsync(o => { o.EmptySnapshot = EmptySnapshotAnswer.Nothing; o.ConnectionsPerEngine = 0; },
            "Get-SmcConnection -Session $s -Engine fw-east -InactivityTimeoutSec 1");
        await using var _ = simulator;

        Assert.Empty(errors);
        Assert.Empty(warnings);
        Assert.Empty(output.OfType<SmcConnection>());
    }

    [Fact]
    public async Task A_slow_archive_search_that_sends_only_status_frames_returns_every_record()
    {
        var (output, errors, _, simulator) = await RunAsync(o => { o.ArchiveSearchMs = 1200; o.ArchiveStatusEveryMs = 200; },
            "Get-SmcLog -Session $s -MaxRecords 300");
        await using var _ = simulator;

        Assert.Empty(errors);
        Assert.Equal(300, output.OfType<SmcLogRecord>().Count());
    }

    [Fact]
    public async Task A_silent_archive_search_is_waited_for_within_the_inactivity_limit()
    {
        var (output, errors, _, simulator) = await RunAsync(o => { o.ArchiveSearchMs = 1200; o.ArchiveStatusEveryMs = 0; },
            "Get-SmcLog -Session $s -MaxRecords 50");
        await using var _ = simulator;

        Assert.Empty(errors);
        Assert.Equal(50, output.OfType<SmcLogRecord>().Count());
    }

    [Theory]
    [InlineData(NotificationAcknowledgementTiming.Never)]
    [InlineData(NotificationAcknowledgementTiming.AfterEvents)]
    public async Task Notifications_are_delivered_without_or_before_the_acknowledgement(NotificationAcknowledgementTiming timing)
    {
        var (output, errors, _, simulator) = await RunAsync(o => { o.NotificationAcknowledgement = timing; o.NotificationsPerSecond = 20; },
            "$job = Register-SmcNotification -Session $s -Context host -SourceIdentifier realsmc-ack; " +
            "try { $e = Wait-Event -SourceIdentifier realsmc-ack -Timeout 10; $e.SourceEventArgs } " +
            "finally { Unregister-Event -SourceIdentifier realsmc-ack; Get-Event | Remove-Event }");
        await using var _ = simulator;

        Assert.Empty(errors);
        var change = Assert.IsType<SmcMonitoring.Notifications.SmcElementChangedEventArgs>(Assert.Single(output));
        Assert.Equal("host", change.Context);
    }

    [Fact]
    public async Task A_live_monitor_that_reconnects_resumes_its_table_without_handing_the_snapshot_again()
    {
        const int Table = 120;
        var options = new SimulatorOptions { ApiKey = Key, ConnectionsPerEngine = Table, SessionChangesPerSecond = 40, SnapshotCompleteMarker = true, NotificationsPerSecond = 0 };
        var simulator = await SmcSimulator.StartAsync(options);
        await using var _ = simulator;
        // Every session-monitor socket drops after a few messages: the snapshot, some changes, then a reconnect.
        simulator.Faults.DropAfterMessages = 8;

        var (output, errors) = _fixture.Host.Run(
            "$s = Connect-SmcSession -Url $url -ApiKey $key; try { & { Get-SmcConnection -Session $s -Engine fw-east -Live -Duration 2.5 } 3>&1 } finally { Disconnect-SmcSession $s }",
            new Dictionary<string, object?> { ["url"] = simulator.BaseUrl.ToString(), ["key"] = Key });

        Assert.Empty(errors);
        var warnings = output.Select(o => o.BaseObject).OfType<WarningRecord>().ToList();
        Assert.NotEmpty(warnings);
        Assert.True(simulator.Requests.Count(r => r.Kind == "http" && r.Path.EndsWith("/socket")) >= 2, "the socket was not reopened");

        var rows = output.Select(o => o.BaseObject).OfType<SmcConnection>().ToList();
        Assert.True(rows.Count >= Table, $"only {rows.Count} rows");
        // Replaying the table after a reconnect would add rows that are already there: never an 'added' twice for one
        // key unless it was deleted in between.
        var present = new HashSet<string>();
        foreach (var row in rows)
        {
            var key = Assert.IsType<string>(row["DeltaKey"]);
            switch (row["Change"])
            {
                case SmcMonitoring.Fields.SmcChange.Added:
                    Assert.True(present.Add(key), $"{key} added twice without a delete");
                    break;
                case SmcMonitoring.Fields.SmcChange.Deleted:
                    present.Remove(key);
                    break;
            }
        }
    }

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (probe() is { } value) { return value; }
            if (clock.Elapsed > TimeSpan.FromSeconds(5)) { throw new TimeoutException("the simulator never noted it"); }
            await Task.Delay(20);
        }
    }
}
