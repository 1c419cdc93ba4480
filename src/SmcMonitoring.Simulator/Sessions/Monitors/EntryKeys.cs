using System;
using System.Globalization;
using System.Text;

namespace SmcMonitoring.Simulator.Sessions.Monitors;

/// <summary>
/// The element keys of rows that have an href (block-list entries, VPN SAs): base64 of a prefix and a visible
/// number, the first row's number being <c>first</c>, so that a key maps back to its row.
/// </summary>
internal static class EntryKeys
{
    public static string Of(string prefix, long first, long rowId) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(prefix + (first + rowId).ToString(CultureInfo.InvariantCulture)));

    /// <summary>The row a key names, or null when it is not one of these keys.</summary>
    public static long? RowIdOf(string prefix, long first, string entryKey)
    {
        Span<byte> bytes = stackalloc byte[64];
        if (!Convert.TryFromBase64String(entryKey, bytes, out var length))
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(bytes[..length]);
        return text.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= first
            ? number - first
            : null;
    }
}
