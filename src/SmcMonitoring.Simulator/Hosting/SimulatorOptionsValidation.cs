using System;
using System.Net;

namespace SmcMonitoring.Simulator.Hosting;

/// <summary>Checks <see cref="SimulatorOptions"/> before anything starts, naming the option and the bad value.</summary>
internal static class SimulatorOptionsValidation
{
    /// <summary>A table keeps one bit per initial row and a stamp per changed row: ten million stays small.</summary>
    public const int MaxTableSize = 10_000_000;

    private static readonly TimeSpan MaxLogSpan = TimeSpan.FromDays(100 * 365);

    /// <summary>Validates the options and returns the address to listen on.</summary>
    public static IPAddress Validate(SimulatorOptions options)
    {
        var address = string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            ? IPAddress.Loopback
            : IPAddress.TryParse(options.Host ?? string.Empty, out var parsed)
                ? parsed
                : throw Invalid(nameof(options.Host), options.Host, "an IP address or localhost");
        Require(options.Port is >= 0 and <= 65535, nameof(options.Port), options.Port, "0 (any free port) to 65535");
        Require(!string.IsNullOrEmpty(options.ApiKey), nameof(options.ApiKey), options.ApiKey, "a non-empty key");
        Require(!string.IsNullOrEmpty(options.UserName), nameof(options.UserName), options.UserName, "a non-empty name");
        Require(options.Password is not null, nameof(options.Password), null, "a password");
        Require(options.LogRecords >= 0, nameof(options.LogRecords), options.LogRecords, "0 or more");
        Require(
            options.LogInterval.Ticks % TimeSpan.TicksPerMillisecond == 0 && options.LogInterval >= TimeSpan.FromMilliseconds(1),
            nameof(options.LogInterval),
            options.LogInterval,
            "whole milliseconds, at least 1 ms");
        Require(
            options.LogRecords < MaxLogSpan.Ticks / options.LogInterval.Ticks,
            nameof(options.LogRecords),
            options.LogRecords,
            $"fewer records than fit in 100 years at {options.LogInterval.TotalMilliseconds} ms apart");
        Require(double.IsFinite(options.LiveRecordsPerSecond) && options.LiveRecordsPerSecond >= 0, nameof(options.LiveRecordsPerSecond), options.LiveRecordsPerSecond, "0 or more");
        Require(double.IsFinite(options.SessionChangesPerSecond) && options.SessionChangesPerSecond >= 0, nameof(options.SessionChangesPerSecond), options.SessionChangesPerSecond, "0 or more");
        Require(double.IsFinite(options.NotificationsPerSecond) && options.NotificationsPerSecond >= 0, nameof(options.NotificationsPerSecond), options.NotificationsPerSecond, "0 or more");
        RequireTableSize(options.ConnectionsPerEngine, nameof(options.ConnectionsPerEngine));
        RequireTableSize(options.BlockListEntriesPerEngine, nameof(options.BlockListEntriesPerEngine));
        RequireTableSize(options.RoutesPerEngine, nameof(options.RoutesPerEngine));
        RequireTableSize(options.UsersPerEngine, nameof(options.UsersPerEngine));
        RequireTableSize(options.SslVpnUsersPerEngine, nameof(options.SslVpnUsersPerEngine));
        RequireTableSize(options.VpnSasPerEngine, nameof(options.VpnSasPerEngine));
        RequireTableSize(options.AlertsPerDomain, nameof(options.AlertsPerDomain));
        RequireTableSize(options.NeighborsPerEngine, nameof(options.NeighborsPerEngine));
        Require(options.ApiVersions is { Length: > 0 }, nameof(options.ApiVersions), null, "at least one version");
        foreach (var version in options.ApiVersions)
        {
            Require(!string.IsNullOrWhiteSpace(version) && version != "api" && !version.Contains('/', StringComparison.Ordinal), nameof(options.ApiVersions), version, "version strings such as 7.1");
        }

        Require(options.Faults is not null, nameof(options.Faults), null, "a SimulatorFaults (new SimulatorFaults() for none)");
        Require(!string.IsNullOrEmpty(options.ProductVersion), nameof(options.ProductVersion), options.ProductVersion, "a version such as 7.1.2 [10824]");
        ValidateModes(options);
        RequireEngines(options.Engines);
        return address;
    }

    /// <summary>Whether <paramref name="pathBase"/> is empty or segments such as <c>/smc</c> or <c>/proxy/smc</c> (no trailing slash).</summary>
    public static bool IsPathBase(string? pathBase) =>
        pathBase is not null && (pathBase.Length == 0 || System.Text.RegularExpressions.Regex.IsMatch(pathBase, "^(/[A-Za-z0-9._~-]+)+$"));

    private static void ValidateModes(SimulatorOptions options)
    {
        Require(options.SnapshotBatchGapMs >= 0, nameof(options.SnapshotBatchGapMs), options.SnapshotBatchGapMs, "0 (none) or more milliseconds");
        Require(options.ArchiveSearchMs >= 0, nameof(options.ArchiveSearchMs), options.ArchiveSearchMs, "0 (none) or more milliseconds");
        Require(options.ArchiveStatusEveryMs >= 0, nameof(options.ArchiveStatusEveryMs), options.ArchiveStatusEveryMs, "0 (silence) or more milliseconds");
        Require(IsPathBase(options.PathBase), nameof(options.PathBase), options.PathBase, "empty, or a path such as /smc (no trailing slash)");
        Require(Enum.IsDefined(options.EmptySnapshot), nameof(options.EmptySnapshot), options.EmptySnapshot, "EmptyMessage or Nothing");
        Require(Enum.IsDefined(options.NotificationAcknowledgement), nameof(options.NotificationAcknowledgement), options.NotificationAcknowledgement, "Immediate, Never or AfterEvents");
        Require(Enum.IsDefined(options.TokenAlphabet), nameof(options.TokenAlphabet), options.TokenAlphabet, "Base64 or Hex");
        Require(Enum.IsDefined(options.SessionCookiePath), nameof(options.SessionCookiePath), options.SessionCookiePath, "Root or Version");
        Require(Enum.IsDefined(options.TimeZoneStyle), nameof(options.TimeZoneStyle), options.TimeZoneStyle, "Offset, Abbreviation or None");
        Require(Enum.IsDefined(options.LogoutWithoutToken), nameof(options.LogoutWithoutToken), options.LogoutWithoutToken, "Refuse or Accept");
    }

    private static void RequireTableSize(int size, string option) =>
        Require(size is >= 0 and <= MaxTableSize, option, size, $"0 to {MaxTableSize:N0} rows");

    private static void Require(bool condition, string option, object? value, string expected)
    {
        if (!condition)
        {
            throw Invalid(option, value, expected);
        }
    }

    private static ArgumentException Invalid(string option, object? value, string expected) =>
        new($"SimulatorOptions.{option} is '{value}': expected {expected}.", option);

    // Engines.

    private static void RequireEngines(string[]? engines)
    {
        Require(engines is not null, nameof(SimulatorOptions.Engines), null, "a list of engine names (empty for none)");
        var names = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var engine in engines!)
        {
            var problem = Sessions.ConfiguredEngine.Problem(engine);
            Require(problem is null, nameof(SimulatorOptions.Engines), engine, $"NAME or NAME:TYPE ({problem})");
            Require(names.Add(Sessions.ConfiguredEngine.Parse(engine).Name), nameof(SimulatorOptions.Engines), engine, "each engine name once");
        }
    }
}
