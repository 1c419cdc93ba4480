using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmcMonitoring.Simulator.Recording;

/// <summary>Removes credentials from what the simulator records: login keys and passwords never reach a log.</summary>
internal static class SecretRedaction
{
    public const string Mask = "***";

    private static readonly string[] SecretKeys = { "authenticationkey", "pwd", "password" };

    /// <summary>The query string without its leading '?', with the value of every secret parameter masked.</summary>
    public static string? RedactQuery(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return null;
        }

        var pairs = query.TrimStart('?').Split('&');
        for (var i = 0; i < pairs.Length; i++)
        {
            var equals = pairs[i].IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((equals < 0 ? pairs[i] : pairs[i][..equals]).Replace('+', ' '));
            if (IsSecret(name))
            {
                pairs[i] = (equals < 0 ? pairs[i] : pairs[i][..equals]) + "=" + Mask;
            }
        }

        return string.Join('&', pairs);
    }

    /// <summary>
    /// A body as recorded: JSON with secret members masked (unchanged text when there is none), other text as is.
    /// <paramref name="json"/> is the parsed, redacted body, or null when the body is not JSON.
    /// </summary>
    public static string? RedactBody(string? body, out JsonNode? json)
    {
        json = null;
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return body;
        }

        return MaskSecrets(json) ? json?.ToJsonString() : body;
    }

    private static bool MaskSecrets(JsonNode? node)
    {
        var masked = false;
        if (node is JsonObject members)
        {
            foreach (var name in new List<string>(SecretNames(members)))
            {
                members[name] = Mask;
                masked = true;
            }

            foreach (var member in members)
            {
                masked |= MaskSecrets(member.Value);
            }
        }
        else if (node is JsonArray items)
        {
            foreach (var item in items)
            {
                masked |= MaskSecrets(item);
            }
        }

        return masked;
    }

    private static IEnumerable<string> SecretNames(JsonObject members)
    {
        foreach (var member in members)
        {
            if (IsSecret(member.Key))
            {
                yield return member.Key;
            }
        }
    }

    private static bool IsSecret(string name) => Array.Exists(SecretKeys, key => key.Equals(name, StringComparison.OrdinalIgnoreCase));
}
