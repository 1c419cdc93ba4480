using System;
using System.Collections.Generic;

namespace SmcMonitoring.Simulator.Formats;

/// <summary>
/// Resolves the time zone names a client may put in <c>resolving.timezone</c>: IANA ids, the legacy
/// <c>US/...</c> links and the short names the SMC (a Java server) understands.
/// </summary>
internal static class TimeZoneNames
{
    /// <summary>The failure text for a zone <see cref="Find"/> refused: it names the zone and what is accepted.</summary>
    public static string Unknown(string name) =>
        $"unknown time zone '{name}' in format.resolving.timezone: use an IANA id such as Europe/Helsinki or America/Chicago, "
        + "or CST, PST, EST, MST, HST, UTC, GMT (Windows names such as Central Standard Time are not accepted)";

    /// <summary>
    /// Short ids as Java resolves them: CST and PST follow the US cities' daylight saving time,
    /// EST, MST and HST are fixed offsets.
    /// </summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CST"] = "America/Chicago",
        ["PST"] = "America/Los_Angeles",
        ["US/Eastern"] = "America/New_York",
        ["US/Central"] = "America/Chicago",
        ["US/Mountain"] = "America/Denver",
        ["US/Pacific"] = "America/Los_Angeles",
        ["US/Alaska"] = "America/Anchorage",
        ["US/Hawaii"] = "Pacific/Honolulu",
        ["US/Arizona"] = "America/Phoenix",
    };

    private static readonly Dictionary<string, TimeSpan> FixedOffsets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = TimeSpan.Zero,
        ["GMT"] = TimeSpan.Zero,
        ["Z"] = TimeSpan.Zero,
        ["EST"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7),
        ["HST"] = TimeSpan.FromHours(-10),
    };

    /// <summary>
    /// The zone for <paramref name="name"/>, or null when the name is unknown. Windows zone ids ("Central Standard
    /// Time") are refused on every host: a runtime with ICU would find them, one without would not, and the SMC (a
    /// Java server) is not known to take them.
    /// </summary>
    public static TimeZoneInfo? Find(string name)
    {
        if (FixedOffsets.TryGetValue(name, out var offset))
        {
            return offset == TimeSpan.Zero
                ? TimeZoneInfo.Utc
                : TimeZoneInfo.CreateCustomTimeZone(name.ToUpperInvariant(), offset, name.ToUpperInvariant(), name.ToUpperInvariant());
        }

        var id = Aliases.TryGetValue(name, out var alias) ? alias : name;
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return zone.HasIanaId ? zone : null;
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
