using System.Collections.Generic;
using System.Globalization;

namespace SmcMonitoring.Simulator.Rest;

/// <summary>API version strings compared numerically per component, so 6.10 is newer than 6.9.</summary>
internal static class ApiVersionOrder
{
    /// <summary>Major and minor of a version such as <c>7.1</c>; parts that are not numbers count as 0.</summary>
    public static (int Major, int Minor) Parse(string version)
    {
        var parts = version.Split('.');
        var major = int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0;
        var minor = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return (major, minor);
    }

    public static string Newest(IEnumerable<string> versions)
    {
        string? newest = null;
        foreach (var version in versions)
        {
            if (newest is null || Parse(version).CompareTo(Parse(newest)) > 0)
            {
                newest = version;
            }
        }

        return newest ?? throw new System.ArgumentException("no versions", nameof(versions));
    }
}
