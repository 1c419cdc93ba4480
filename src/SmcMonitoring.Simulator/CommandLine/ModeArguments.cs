using System;
using System.Globalization;
using SmcMonitoring.Simulator.Hosting;

namespace SmcMonitoring.Simulator.CommandLine;

/// <summary>The command-line options of the real-SMC behaviours and the hostile-server faults.</summary>
internal static class ModeArguments
{
    public static bool IsSwitch(string name) => name is "--no-first-fetch" or "--negative-fetch-ids" or "--upgrade-never-answered"
        or "--batches-past-quantity" or "--wrong-type-records";

    public static bool TakesValue(string name) => name is "--snapshot-batch-gap-ms" or "--empty-snapshot" or "--archive-search-ms"
        or "--archive-status-every-ms" or "--notification-ack" or "--token-alphabet" or "--cookie-path" or "--path-base" or "--time-zone-style" or "--sender-element"
        or "--logout-without-token" or "--huge-message-records" or "--endless-rest-body" or "--oversized-rest-body-bytes" or "--redirect-upgrade-to"
        or "--redirect-upgrade-status" or "--freeze-after-messages" or "--bogus-end" or "--invalid-utf8-frames"
        or "--redirect-rest-to" or "--entry-points-base";

    public static void ApplySwitch(SimulatorOptions options, string name)
    {
        switch (name)
        {
            case "--no-first-fetch":
                options.NoFirstFetch = true;
                break;
            case "--negative-fetch-ids":
                options.ForceNegativeFetchIds = true;
                break;
            case "--upgrade-never-answered":
                options.Faults.UpgradeNeverAnswered = true;
                break;
            case "--batches-past-quantity":
                options.Faults.BatchesPastQuantity = true;
                break;
            default:
                options.Faults.WrongTypeRecords = true;
                break;
        }
    }

    /// <summary>Applies an option that takes a value; returns what was wrong, or null.</summary>
    public static string? Apply(SimulatorOptions options, string name, string value)
    {
        var faults = options.Faults;
        switch (name)
        {
            case "--snapshot-batch-gap-ms":
                return Milliseconds(name, value, ms => options.SnapshotBatchGapMs = ms);
            case "--archive-search-ms":
                return Milliseconds(name, value, ms => options.ArchiveSearchMs = ms);
            case "--archive-status-every-ms":
                return Milliseconds(name, value, ms => options.ArchiveStatusEveryMs = ms);
            case "--empty-snapshot":
                return Mode<EmptySnapshotAnswer>(name, value, mode => options.EmptySnapshot = mode);
            case "--notification-ack":
                return Mode<NotificationAcknowledgementTiming>(name, value, mode => options.NotificationAcknowledgement = mode);
            case "--token-alphabet":
                return Mode<TokenAlphabet>(name, value, mode => options.TokenAlphabet = mode);
            case "--cookie-path":
                return Mode<SessionCookiePathScope>(name, value, mode => options.SessionCookiePath = mode);
            case "--time-zone-style":
                return Mode<TimeZoneStyle>(name, value, mode => options.TimeZoneStyle = mode);
            case "--sender-element":
                return Mode<SenderElementMatch>(name, value, mode => options.SenderElementMatch = mode);
            case "--logout-without-token":
                return Mode<TokenlessLogoutAnswer>(name, value, mode => options.LogoutWithoutToken = mode);
            case "--path-base":
                return SimulatorOptionsValidation.IsPathBase(value)
                    ? Set(() => options.PathBase = value)
                    : Invalid(name, value, "a path such as /smc (no trailing slash)");
            case "--huge-message-records":
                return Count(name, value, count => faults.HugeMessageRecords = count);
            case "--oversized-rest-body-bytes":
                return Count(name, value, count => faults.OversizedRestBodyBytes = count);
            case "--freeze-after-messages":
                return Count(name, value, count => faults.FreezeAfterMessages = count);
            case "--invalid-utf8-frames":
                return Count(name, value, count => faults.InvalidUtf8Frames = count);
            case "--endless-rest-body":
                return Mode<EndlessRestAnswer>(name, value, mode => faults.EndlessRestBody = mode);
            case "--bogus-end":
                return Mode<BogusEndFrame>(name, value, mode => faults.EndFrame = mode);
            case "--redirect-upgrade-to":
                return SimulatorFaults.IsRedirectTarget(value)
                    ? Set(() => faults.RedirectUpgradeTo = value)
                    : Invalid(name, value, "an absolute http, https, ws or wss URL");
            case "--redirect-rest-to":
                return IsHttpUrl(value)
                    ? Set(() => faults.RedirectRestTo = value)
                    : Invalid(name, value, "an absolute http or https URL");
            case "--entry-points-base":
                return IsHttpUrl(value)
                    ? Set(() => faults.EntryPointsBase = value)
                    : Invalid(name, value, "an absolute http or https URL");
            default:
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is 301 or 302 or 303 or 307 or 308
                    ? Set(() => faults.RedirectUpgradeStatus = status)
                    : Invalid(name, value, "301, 302, 303, 307 or 308");
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static string? Milliseconds(string name, string value, Action<int> assign) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? Set(() => assign(ms))
            : Invalid(name, value, "a whole number of milliseconds, 0 = off");

    private static string? Count(string name, string value, Action<int> assign) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? Set(() => assign(count))
            : Invalid(name, value, "a whole number, 0 = off");

    private static string? Mode<T>(string name, string value, Action<T> assign)
        where T : struct, Enum =>
        ModeNames.TryParse<T>(value, out var mode) ? Set(() => assign(mode)) : Invalid(name, value, ModeNames.List<T>().Replace(", ", " or ", StringComparison.Ordinal));

    private static string? Set(Action assign)
    {
        assign();
        return null;
    }

    private static string Invalid(string name, string value, string expected) => $"Invalid value '{value}' for {name}: expected {expected}.";
}
