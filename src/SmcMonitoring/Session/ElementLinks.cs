using System;
using System.Collections.Generic;
using System.Text.Json;

namespace SmcMonitoring.Session;

/// <summary>The <c>link</c> list of an SMC element: <c>{"rel","href"[,"type"]}</c> items, found by rel (first one wins).</summary>
internal static class ElementLinks
{
    /// <summary>The element's links by rel; items without a rel or an absolute href are skipped.</summary>
    public static Dictionary<string, Uri> Of(JsonElement element)
    {
        var links = new Dictionary<string, Uri>(StringComparer.Ordinal);
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("link", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return links;
        }
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object
                && item.TryGetProperty("rel", out var rel) && rel.ValueKind == JsonValueKind.String
                && item.TryGetProperty("href", out var href) && href.ValueKind == JsonValueKind.String
                && Uri.TryCreate(href.GetString(), UriKind.Absolute, out var uri)
                && !links.ContainsKey(rel.GetString()!))
            {
                links[rel.GetString()!] = uri;
            }
        }
        return links;
    }
}
