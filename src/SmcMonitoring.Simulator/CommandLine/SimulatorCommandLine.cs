using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmcMonitoring.Simulator.CommandLine;

/// <summary>What the command line asked for: options to run with, the usage text, or an error naming the bad option.</summary>
internal sealed record CommandLineRequest(SimulatorOptions? Options, bool ShowHelp, string? Error);

/// <summary>Parses the simulator's command line (<c>--name value</c> or <c>--name=value</c>).</summary>
internal static class SimulatorCommandLine
{
    /// <summary>The --help text.</summary>
    public const string Usage = SimulatorUsage.Text;

    public static CommandLineRequest Parse(string[] args)
    {
        var options = new SimulatorOptions();
        string? certificateFile = null;
        string? certificatePassword = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string? inlineValue = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (name.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inlineValue = name[(equals + 1)..];
                name = name[..equals];
            }

            if (name is "--help" or "-h" or "-?")
            {
                return new CommandLineRequest(null, true, null);
            }

            if (name == "--token-mode")
            {
                options.TokenMode = true;
                continue;
            }

            if (name == "--cache-rendered-records")
            {
                options.CacheRenderedRecords = true;
                continue;
            }

            if (name == "--snapshot-marker")
            {
                options.SnapshotCompleteMarker = true;
                continue;
            }

            if (name is "--buffer-error-close" or "--silent")
            {
                options.Faults.BufferErrorClose |= name == "--buffer-error-close";
                options.Faults.Silent |= name == "--silent";
                continue;
            }

            if (name == "--refuse-writes")
            {
                options.Faults.RefuseWrites = true;
                continue;
            }

            if (ModeArguments.IsSwitch(name))
            {
                ModeArguments.ApplySwitch(options, name);
                continue;
            }

            if (!IsKnown(name) && !ModeArguments.TakesValue(name))
            {
                return Fail($"Unknown option '{name}'.");
            }

            var value = inlineValue ?? (i + 1 < args.Length ? args[++i] : null);
            if (value is null)
            {
                return Fail($"Option {name} needs a value.");
            }

            var error = ModeArguments.TakesValue(name)
                ? ModeArguments.Apply(options, name, value)
                : Apply(options, name, value, ref certificateFile, ref certificatePassword);
            if (error is not null)
            {
                return Fail(error);
            }
        }

        if (certificateFile is not null)
        {
            try
            {
                options.Certificate = X509CertificateLoader.LoadPkcs12FromFile(certificateFile, certificatePassword);
            }
            catch (Exception e) when (e is CryptographicException or System.IO.IOException or UnauthorizedAccessException)
            {
                return Fail($"Cannot load --certificate '{certificateFile}': {e.Message}");
            }
        }

        return new CommandLineRequest(options, false, null);
    }

    private static bool IsKnown(string name) => name is "--host" or "--port" or "--api-key" or "--user" or "--password"
        or "--log-records" or "--seed" or "--log-end" or "--log-interval-ms" or "--live-rate" or "--api-versions"
        or "--product-version" or "--request-log" or "--certificate" or "--certificate-password" or "--session-change-rate" or "--notification-rate"
        or "--delay-ms" or "--drop-after-messages" or "--close-after-messages" or "--fail-queries" or "--malformed-messages" or "--oversized-message-bytes"
        or "--session-lifetime"
        or "--connections" or "--block-list-entries" or "--routes" or "--users" or "--ssl-vpn-users" or "--vpn-sas" or "--alerts" or "--neighbors"
        or "--engines";

    private static string? Apply(SimulatorOptions options, string name, string value, ref string? certificateFile, ref string? certificatePassword)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (name)
        {
            case "--host":
                return value.Equals("localhost", StringComparison.OrdinalIgnoreCase) || System.Net.IPAddress.TryParse(value, out _)
                    ? Set(() => options.Host = value)
                    : Invalid(name, value, "an IP address or localhost");
            case "--port":
                return int.TryParse(value, NumberStyles.None, invariant, out var port) && port <= 65535
                    ? Set(() => options.Port = port)
                    : Invalid(name, value, "an integer from 0 to 65535");
            case "--api-key":
                return value.Length > 0 ? Set(() => options.ApiKey = value) : "Option --api-key needs a non-empty key.";
            case "--user":
                return value.Length > 0 ? Set(() => options.UserName = value) : Invalid(name, value, "a non-empty name");
            case "--password":
                options.Password = value;
                return null;
            case "--log-records":
                return long.TryParse(value, NumberStyles.None, invariant, out var records)
                    ? Set(() => options.LogRecords = records)
                    : Invalid(name, value, "a whole number of 0 or more");
            case "--seed":
                return int.TryParse(value, NumberStyles.AllowLeadingSign, invariant, out var seed)
                    ? Set(() => options.Seed = seed)
                    : Invalid(name, value, "a 32-bit integer");
            case "--log-end":
                return DateTimeOffset.TryParse(value, invariant, DateTimeStyles.AssumeUniversal, out var end)
                    ? Set(() => options.LogEnd = end)
                    : Invalid(name, value, "an ISO 8601 time such as 2024-05-02T10:00:00Z");
            case "--log-interval-ms":
                return long.TryParse(value, NumberStyles.None, invariant, out var interval) && interval >= 1
                    ? Set(() => options.LogInterval = TimeSpan.FromMilliseconds(interval))
                    : Invalid(name, value, "a whole number of milliseconds, at least 1");
            case "--live-rate":
                return double.TryParse(value, NumberStyles.Float, invariant, out var rate) && double.IsFinite(rate) && rate >= 0
                    ? Set(() => options.LiveRecordsPerSecond = rate)
                    : Invalid(name, value, "records per second, 0 or more");
            case "--session-change-rate":
                return double.TryParse(value, NumberStyles.Float, invariant, out var changeRate) && double.IsFinite(changeRate) && changeRate >= 0
                    ? Set(() => options.SessionChangesPerSecond = changeRate)
                    : Invalid(name, value, "changes per second, 0 or more");
            case "--delay-ms" or "--drop-after-messages" or "--close-after-messages" or "--malformed-messages" or "--oversized-message-bytes":
                return int.TryParse(value, NumberStyles.None, invariant, out var count)
                    ? Set(() => SetFaultCount(options.Faults, name, count))
                    : Invalid(name, value, "a whole number, 0 = off");
            case "--fail-queries":
                return value.Length > 0 ? Set(() => options.Faults.FailQueries = value) : Invalid(name, value, "the failure text to answer");
            case "--session-lifetime":
                return double.TryParse(value, NumberStyles.Float, invariant, out var lifetime) && lifetime > 0 && lifetime < TimeSpan.MaxValue.TotalSeconds
                    ? Set(() => options.SessionLifetime = TimeSpan.FromSeconds(lifetime))
                    : Invalid(name, value, "seconds, more than 0");
            case "--notification-rate":
                return double.TryParse(value, NumberStyles.Float, invariant, out var notificationRate) && double.IsFinite(notificationRate) && notificationRate >= 0
                    ? Set(() => options.NotificationsPerSecond = notificationRate)
                    : Invalid(name, value, "element changes per second, 0 or more");
            case "--connections" or "--block-list-entries" or "--routes" or "--users" or "--ssl-vpn-users" or "--vpn-sas" or "--alerts" or "--neighbors":
                return int.TryParse(value, NumberStyles.None, invariant, out var rows) && rows <= Hosting.SimulatorOptionsValidation.MaxTableSize
                    ? Set(() => SetTableSize(options, name, rows))
                    : Invalid(name, value, $"a whole number of rows from 0 to {Hosting.SimulatorOptionsValidation.MaxTableSize}");
            case "--api-versions":
                var versions = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                return versions.Length > 0 ? Set(() => options.ApiVersions = versions) : Invalid(name, value, "a list such as 6.10,7.0,7.1");
            case "--product-version":
                return value.Length > 0 ? Set(() => options.ProductVersion = value) : Invalid(name, value, "a version such as \"7.1.2 [10824]\"");
            case "--request-log":
                options.RequestLogPath = value;
                return null;
            case "--certificate":
                certificateFile = value;
                return null;
            case "--engines":
                return ApplyEngines(options, name, value);
            default:
                certificatePassword = value;
                return null;
        }
    }

    private static void SetFaultCount(SimulatorFaults faults, string name, int count)
    {
        switch (name)
        {
            case "--delay-ms":
                faults.DelayMs = count;
                break;
            case "--drop-after-messages":
                faults.DropAfterMessages = count;
                break;
            case "--close-after-messages":
                faults.CloseAfterMessages = count;
                break;
            case "--malformed-messages":
                faults.MalformedMessages = count;
                break;
            default:
                faults.OversizedMessageBytes = count;
                break;
        }
    }

    private static void SetTableSize(SimulatorOptions options, string name, int rows)
    {
        switch (name)
        {
            case "--connections":
                options.ConnectionsPerEngine = rows;
                break;
            case "--block-list-entries":
                options.BlockListEntriesPerEngine = rows;
                break;
            case "--routes":
                options.RoutesPerEngine = rows;
                break;
            case "--users":
                options.UsersPerEngine = rows;
                break;
            case "--ssl-vpn-users":
                options.SslVpnUsersPerEngine = rows;
                break;
            case "--vpn-sas":
                options.VpnSasPerEngine = rows;
                break;
            case "--alerts":
                options.AlertsPerDomain = rows;
                break;
            default:
                options.NeighborsPerEngine = rows;
                break;
        }
    }

    private static string? Set(Action assign)
    {
        assign();
        return null;
    }

    private static string Invalid(string name, string value, string expected) => $"Invalid value '{value}' for {name}: expected {expected}.";

    private static CommandLineRequest Fail(string error) => new(null, false, error);

    private static string? ApplyEngines(SimulatorOptions options, string name, string value)
    {
        var engines = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var engine in engines)
        {
            if (Sessions.ConfiguredEngine.Problem(engine) is { } problem)
            {
                return Invalid(name, value, $"engine names, each optionally with :type ({problem})");
            }
        }

        return engines.Length > 0 ? Set(() => options.Engines = engines) : Invalid(name, value, "a list such as fw-east,fw-west,cluster-1:fw_cluster");
    }
}
