using System;
using SmcMonitoring.Simulator.CommandLine;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Every_option_reaches_the_simulator_options()
    {
        var request = SimulatorCommandLine.Parse(new[]
        {
            "--host", "::1", "--port", "8082", "--api-key", "k", "--log-records", "5000000", "--seed=-4", "--live-rate", "2.5",
            "--log-interval-ms", "250", "--log-end", "2024-05-02T10:00:00Z", "--token-mode", "--request-log", "r.jsonl", "--cache-rendered-records",
            "--api-versions", "6.5, 7.1", "--product-version", "6.10.1 [1]", "--user", "alice", "--password", "pw",
        });
        var options = request.Options!;
        Assert.Null(request.Error);
        Assert.Equal(("::1", 8082, "k", 5_000_000L, -4, 2.5), (options.Host, options.Port, options.ApiKey, options.LogRecords, options.Seed, options.LiveRecordsPerSecond));
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.LogInterval);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 10, 0, 0, TimeSpan.Zero), options.LogEnd);
        Assert.True(options.TokenMode);
        Assert.True(options.CacheRenderedRecords);
        Assert.Equal("r.jsonl", options.RequestLogPath);
        Assert.Equal(new[] { "6.5", "7.1" }, options.ApiVersions);
        Assert.Equal(("6.10.1 [1]", "alice", "pw"), (options.ProductVersion, options.UserName, options.Password));
    }

    [Fact]
    public void Session_monitor_options_reach_the_simulator_options()
    {
        var options = SimulatorCommandLine.Parse(new[]
        {
            "--session-change-rate", "0", "--snapshot-marker", "--notification-rate", "7.5", "--connections", "100000", "--block-list-entries", "3", "--routes", "4",
            "--users", "5", "--ssl-vpn-users", "6", "--vpn-sas", "8", "--alerts", "9", "--neighbors", "10",
        }).Options!;
        Assert.Equal(0, options.SessionChangesPerSecond);
        Assert.Equal(7.5, options.NotificationsPerSecond);
        Assert.True(options.SnapshotCompleteMarker);
        Assert.Equal(
            (100_000, 3, 4, 5, 6, 8, 9, 10),
            (options.ConnectionsPerEngine, options.BlockListEntriesPerEngine, options.RoutesPerEngine, options.UsersPerEngine, options.SslVpnUsersPerEngine, options.VpnSasPerEngine, options.AlertsPerDomain, options.NeighborsPerEngine));
    }

    [Fact]
    public void Session_monitor_defaults_are_a_busy_engine_without_marker()
    {
        var options = SimulatorCommandLine.Parse(Array.Empty<string>()).Options!;
        Assert.Equal(20, options.SessionChangesPerSecond);
        Assert.Equal(2, options.NotificationsPerSecond);
        Assert.False(options.SnapshotCompleteMarker);
        Assert.Equal((2_000, 25, 30, 50, 20, 40, 60, 40), (options.ConnectionsPerEngine, options.BlockListEntriesPerEngine, options.RoutesPerEngine, options.UsersPerEngine, options.SslVpnUsersPerEngine, options.VpnSasPerEngine, options.AlertsPerDomain, options.NeighborsPerEngine));
    }

    [Fact]
    public void Defaults_apply_when_nothing_is_given()
    {
        var options = SimulatorCommandLine.Parse(Array.Empty<string>()).Options!;
        Assert.Equal(("127.0.0.1", 0, "sim-api-key", 10_000L, 1), (options.Host, options.Port, options.ApiKey, options.LogRecords, options.Seed));
        Assert.False(options.TokenMode);
        Assert.False(options.CacheRenderedRecords);
    }

    [Theory]
    [InlineData("--port", "70000", "Invalid value '70000' for --port")]
    [InlineData("--log-interval-ms", "0", "Invalid value '0' for --log-interval-ms")]
    [InlineData("--api-key", "", "Option --api-key needs a non-empty key")]
    [InlineData("--connections", "-1", "Invalid value '-1' for --connections")]
    [InlineData("--notification-rate", "-1", "Invalid value '-1' for --notification-rate")]
    [InlineData("--session-change-rate", "busy", "Invalid value 'busy' for --session-change-rate")]
    [InlineData("--certificate", "/no/such/file.pfx", "Cannot load --certificate '/no/such/file.pfx'")]
    public void Bad_values_name_the_option_and_the_value(string option, string value, string message)
    {
        var request = SimulatorCommandLine.Parse(new[] { option, value });
        Assert.Null(request.Options);
        Assert.StartsWith(message, request.Error);
    }

    [Fact]
    public void Help_wins_over_everything_else()
    {
        Assert.True(SimulatorCommandLine.Parse(new[] { "--port", "1", "--help" }).ShowHelp);
    }
}

public sealed class ModeCommandLineTests
{
    [Fact]
    public void Real_smc_behaviours_reach_the_simulator_options()
    {
        var request = SimulatorCommandLine.Parse(new[]
        {
            "--no-first-fetch", "--snapshot-batch-gap-ms", "250", "--empty-snapshot", "nothing", "--archive-search-ms", "1500",
            "--archive-status-every-ms=300", "--notification-ack", "after-events", "--token-alphabet", "hex", "--cookie-path", "version",
            "--path-base", "/proxy/smc", "--negative-fetch-ids", "--time-zone-style", "abbreviation", "--logout-without-token", "accept",
            "--sender-element", "nothing",
        });
        Assert.Null(request.Error);
        var options = request.Options!;
        Assert.True(options.NoFirstFetch);
        Assert.Equal((250, 1500, 300), (options.SnapshotBatchGapMs, options.ArchiveSearchMs, options.ArchiveStatusEveryMs));
        Assert.Equal(EmptySnapshotAnswer.Nothing, options.EmptySnapshot);
        Assert.Equal(SenderElementMatch.Nothing, options.SenderElementMatch);
        Assert.Equal(NotificationAcknowledgementTiming.AfterEvents, options.NotificationAcknowledgement);
        Assert.Equal(TokenAlphabet.Hex, options.TokenAlphabet);
        Assert.Equal(SessionCookiePathScope.Version, options.SessionCookiePath);
        Assert.Equal("/proxy/smc", options.PathBase);
        Assert.True(options.ForceNegativeFetchIds);
        Assert.Equal(TimeZoneStyle.Abbreviation, options.TimeZoneStyle);
        Assert.Equal(TokenlessLogoutAnswer.Accept, options.LogoutWithoutToken);
    }

    [Fact]
    public void Real_smc_behaviours_default_to_the_usual_simulator()
    {
        var options = SimulatorCommandLine.Parse(Array.Empty<string>()).Options!;
        Assert.False(options.NoFirstFetch);
        Assert.Equal((0, 0, 0), (options.SnapshotBatchGapMs, options.ArchiveSearchMs, options.ArchiveStatusEveryMs));
        Assert.Equal(EmptySnapshotAnswer.EmptyMessage, options.EmptySnapshot);
        Assert.Equal(NotificationAcknowledgementTiming.Immediate, options.NotificationAcknowledgement);
        Assert.Equal(TokenAlphabet.Base64, options.TokenAlphabet);
        Assert.Equal(SessionCookiePathScope.Root, options.SessionCookiePath);
        Assert.Equal(string.Empty, options.PathBase);
        Assert.False(options.ForceNegativeFetchIds);
        Assert.Equal(TimeZoneStyle.Offset, options.TimeZoneStyle);
        Assert.Equal(TokenlessLogoutAnswer.Refuse, options.LogoutWithoutToken);
    }

    [Theory]
    [InlineData("--empty-snapshot", "none", "Invalid value 'none' for --empty-snapshot: expected empty-message or nothing.")]
    [InlineData("--notification-ack", "later", "Invalid value 'later' for --notification-ack: expected immediate or never or after-events.")]
    [InlineData("--path-base", "/smc/", "Invalid value '/smc/' for --path-base: expected a path such as /smc (no trailing slash).")]
    [InlineData("--path-base", "smc", "Invalid value 'smc' for --path-base")]
    [InlineData("--snapshot-batch-gap-ms", "-5", "Invalid value '-5' for --snapshot-batch-gap-ms")]
    [InlineData("--sender-element", "engine", "Invalid value 'engine' for --sender-element: expected nodes or nothing.")]
    [InlineData("--time-zone-style", "long", "Invalid value 'long' for --time-zone-style: expected offset or abbreviation or none.")]
    [InlineData("--redirect-upgrade-to", "/relative", "Invalid value '/relative' for --redirect-upgrade-to: expected an absolute http, https, ws or wss URL.")]
    [InlineData("--redirect-upgrade-status", "200", "Invalid value '200' for --redirect-upgrade-status")]
    [InlineData("--bogus-end", "string", "Invalid value 'string' for --bogus-end: expected none or array or other-fetch.")]
    [InlineData("--endless-rest-body", "logout", "Invalid value 'logout' for --endless-rest-body: expected none or login or api or versions.")]
    public void Bad_mode_values_name_the_option_the_value_and_what_is_valid(string option, string value, string message)
    {
        var request = SimulatorCommandLine.Parse(new[] { option, value });
        Assert.Null(request.Options);
        Assert.StartsWith(message, request.Error);
    }

    [Fact]
    public void Help_lists_every_mode_option()
    {
        var options = new[]
        {
            "--no-first-fetch", "--snapshot-batch-gap-ms", "--empty-snapshot", "--archive-search-ms", "--archive-status-every-ms", "--notification-ack",
            "--token-alphabet", "--cookie-path", "--path-base", "--negative-fetch-ids", "--time-zone-style", "--logout-without-token",
            "--upgrade-never-answered", "--batches-past-quantity", "--huge-message-records", "--endless-rest-body", "--oversized-rest-body-bytes",
            "--redirect-upgrade-to", "--redirect-upgrade-status", "--freeze-after-messages", "--bogus-end", "--invalid-utf8-frames", "--wrong-type-records",
        };
        Assert.All(options, o => Assert.Matches($@"\n  {o}[ =]", SimulatorCommandLine.Usage));
        Assert.All(options, o => Assert.Null(SimulatorCommandLine.Parse(Value(o) is { } value ? new[] { o, value } : new[] { o }).Error));
    }

    private static string? Value(string option) => option switch
    {
        "--no-first-fetch" or "--negative-fetch-ids" or "--upgrade-never-answered" or "--batches-past-quantity" or "--wrong-type-records" => null,
        "--empty-snapshot" => "nothing",
        "--notification-ack" => "never",
        "--token-alphabet" => "hex",
        "--cookie-path" => "version",
        "--path-base" => "/smc",
        "--time-zone-style" => "abbreviation",
        "--logout-without-token" => "accept",
        "--endless-rest-body" => "api",
        "--redirect-upgrade-to" => "ws://127.0.0.2:9/",
        "--redirect-upgrade-status" => "302",
        "--bogus-end" => "array",
        _ => "7",
    };
}
