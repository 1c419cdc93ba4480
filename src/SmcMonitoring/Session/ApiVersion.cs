using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Session;

/// <summary>An SMC API version such as <c>7.1</c> or <c>6.10</c>, compared numerically per component (6.10 &gt; 6.9).</summary>
internal readonly struct ApiVersion : IComparable<ApiVersion>, IEquatable<ApiVersion>
{
    private ApiVersion(int major, int minor, string text)
    {
        Major = major;
        Minor = minor;
        Text = text;
    }

    /// <summary>The major component.</summary>
    public int Major { get; }

    /// <summary>The minor component.</summary>
    public int Minor { get; }

    /// <summary>The version exactly as the SMC advertised it; used verbatim in URLs.</summary>
    public string Text { get; }

    /// <summary>Parses <c>major.minor</c>.</summary>
    public static bool TryParse(string? text, out ApiVersion version)
    {
        version = default;
        if (text is null) { return false; }
        var parts = text.Trim().Split('.');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }
        version = new ApiVersion(major, minor, text.Trim());
        return true;
    }

    /// <summary>
    /// Picks the version to use: the requested one when the SMC advertises it (compared numerically, so <c>7.10</c>
    /// and <c>7.1</c> differ), else the highest advertised. Throws when a requested version is not advertised.
    /// </summary>
    public static ApiVersion Choose(IEnumerable<string> advertised, string? requested, Uri url)
    {
        var offered = advertised.Select(text => TryParse(text, out var v) ? v : (ApiVersion?)null)
            .Where(v => v.HasValue).Select(v => v!.Value).OrderBy(v => v).ToList();
        if (offered.Count == 0)
        {
            throw SmcErrors.ApiVersionNotFound.Create($"The SMC at {url} advertised no API version in its answer to GET /api.");
        }
        if (string.IsNullOrWhiteSpace(requested)) { return offered[offered.Count - 1]; }
        if (TryParse(requested, out var wanted))
        {
            foreach (var version in offered)
            {
                if (version.Equals(wanted)) { return version; }
            }
        }
        throw SmcErrors.ApiVersionNotSupported.Create($"Cannot use API version '{requested}': the SMC at {url} offers {string.Join(", ", offered.Select(v => v.Text))}. Pass one of these to -ApiVersion, or omit it to use the newest.");
    }

    /// <inheritdoc/>
    public int CompareTo(ApiVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    /// <inheritdoc/>
    public bool Equals(ApiVersion other) => Major == other.Major && Minor == other.Minor;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ApiVersion other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (Major * 397) ^ Minor;

    /// <inheritdoc/>
    public override string ToString() => Text ?? string.Empty;
}
