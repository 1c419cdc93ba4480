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
