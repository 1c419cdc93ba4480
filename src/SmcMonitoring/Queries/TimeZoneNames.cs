using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using SmcMonitoring.Fields;

namespace SmcMonitoring.Queries;

/// <summary>
/// The zone names -TimeZone accepts, and the name the SMC is sent. The SMC (a Java server) knows IANA ids such as
/// America/Chicago and Java's three-letter ids such as CST, not Windows names such as "Central Standard Time"; users
/// know whichever their system shows them. A Windows name is sent as its IANA id.
/// </summary>
internal static class TimeZoneNames
{
    /// <summary>Java's three-letter zone ids (and UTC, GMT) the SMC accepts as they are; the reference sends CST.</summary>
    private static readonly string[] ShortIds =
    {
        "UTC", "GMT", "ACT", "AET", "AGT", "ART", "AST", "BET", "BST", "CAT", "CNT", "CST", "CTT", "EAT", "ECT", "EST",
        "HST", "IET", "IST", "JST", "MIT", "MST", "NET", "NST", "PLT", "PNT", "PRT", "PST", "SST", "VST",
    };

    // An IANA id: Area/Location[/Sub], letters, digits, '_', '-', '+'.
    private static readonly Regex IanaShape = new(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){1,2}$", RegexOptions.CultureInvariant);

    // .NET 6 and later convert between Windows and IANA ids; the module compiles against netstandard2.0, where these
    // methods do not exist, and Windows PowerShell 5.1 runs on .NET Framework, which lacks them: found at run time.
    private static readonly MethodInfo? WindowsToIana = typeof(TimeZoneInfo).GetMethod("TryConvertWindowsIdToIanaId", new[] { typeof(string), typeof(string).MakeByRefType() });
    private static readonly MethodInfo? IanaToWindows = typeof(TimeZoneInfo).GetMethod("TryConvertIanaIdToWindowsId", new[] { typeof(string), typeof(string).MakeByRefType() });

    /// <summary>The name to send for <paramref name="name"/>, or null when it names no zone this machine or the SMC knows.</summary>
    public static string? ToSmcName(string name)
    {
        var wanted = name.Trim();
        if (wanted.Length == 0) { return null; }
        var shortId = ShortIds.FirstOrDefault(id => string.Equals(id, wanted, StringComparison.OrdinalIgnoreCase));
        if (shortId != null) { return shortId; }
        var zone = Find(wanted);
        if (zone != null)
        {
            if (IanaShape.IsMatch(zone.Id)) { return zone.Id; }
            if (IanaShape.IsMatch(wanted)) { return wanted; }
            if (Convert(WindowsToIana, zone.Id) is { } iana) { return iana; }
            if (string.Equals(zone.Id, "UTC", StringComparison.OrdinalIgnoreCase)) { return "UTC"; }
            return null;
        }
        // Windows PowerShell 5.1 knows only Windows ids: an IANA-shaped name goes to the SMC, which judges it.
        return WindowsToIana is null && IanaShape.IsMatch(wanted) ? wanted : null;
    }

    /// <summary>Whether Windows names can be turned into IANA ids here (.NET 6 and later, so PowerShell 7).</summary>
    public static bool ConvertsWindowsNames => WindowsToIana != null;

    /// <summary>Every name to offer: this system's zone ids, their other spelling where .NET knows it, and Java's short ids.</summary>
    public static IReadOnlyList<string> All()
    {
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones())
        {
            names.Add(zone.Id);
            if (Convert(IanaShape.IsMatch(zone.Id) ? IanaToWindows : WindowsToIana, zone.Id) is { } other) { names.Add(other); }
        }
        foreach (var id in ShortIds) { names.Add(id); }
        return names.ToList();
    }

    /// <summary>The names closest to <paramref name="spelling"/>, closest first.</summary>
    public static IReadOnlyList<string> Closest(string spelling, int count = 3)
    {
        var wanted = spelling.Trim().ToUpperInvariant();
        return All()
            .Select(name => (Name: name, Distance: Math.Min(FieldCatalog.EditDistance(wanted, name.ToUpperInvariant()), LastPartDistance(wanted, name))))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Take(count)
            .Select(c => c.Name)
            .ToList();
    }

    // "Chicgo" is closer to America/Chicago by its city than by the whole id.
    private static int LastPartDistance(string wanted, string name)
    {
        var slash = name.LastIndexOf('/');
        return slash < 0 ? int.MaxValue : FieldCatalog.EditDistance(wanted, name.Substring(slash + 1).ToUpperInvariant()) + 1;
    }

    private static TimeZoneInfo? Find(string name)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return null;
        }
    }

    private static string? Convert(MethodInfo? method, string id)
    {
        if (method is null) { return null; }
        var arguments = new object?[] { id, null };
        return method.Invoke(null, arguments) is true ? arguments[1] as string : null;
    }
}
