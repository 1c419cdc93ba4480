using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using SmcMonitoring.Session;

namespace SmcMonitoring.Blocklist;

/// <summary>
/// What block-list changes look like for an API version, as the reference client decides it from the session's
/// <b>API</b> version (not the product version, which picks the monitor definition): the links <c>block_list</c>
/// and <c>flush_block_list</c> from API 7.0, <c>blacklist</c> and <c>flush_blacklist</c> below; the entries
/// wrapped as <c>{"entries":[...]}</c>, except up to API 6.3, which takes one bare entry per request.
/// </summary>
internal static class BlocklistRequests
{
    /// <summary>The engine's (or the system's) link that entries are POSTed to.</summary>
    public static string AddRel(ApiVersion version) => version.Major < 7 ? "blacklist" : "block_list";

    /// <summary>The engine's link that a DELETE flushes.</summary>
    public static string FlushRel(ApiVersion version) => version.Major < 7 ? "flush_blacklist" : "flush_block_list";

    /// <summary>Whether the API takes several entries in one request (from 6.4 on).</summary>
    public static bool TakesSeveral(ApiVersion version) => version.Major > 6 || (version.Major == 6 && version.Minor > 3);

    /// <summary>The request bodies that add <paramref name="entries"/>: one, or one per entry up to API 6.3.</summary>
    public static IReadOnlyList<byte[]> Bodies(ApiVersion version, IReadOnlyList<SmcBlocklistEntryRequest> entries)
    {
        var bodies = new List<byte[]>();
        if (!TakesSeveral(version))
        {
            foreach (var entry in entries) { bodies.Add(Json(writer => entry.WriteTo(writer))); }
            return bodies;
        }
        bodies.Add(Json(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("entries");
            writer.WriteStartArray();
            foreach (var entry in entries) { entry.WriteTo(writer); }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }));
        return bodies;
    }

    private static byte[] Json(System.Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) { write(writer); }
        return buffer.ToArray();
    }
}
