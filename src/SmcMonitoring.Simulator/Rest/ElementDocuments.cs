using System;
using System.Globalization;
using System.Text.Json.Nodes;

namespace SmcMonitoring.Simulator.Rest;

/// <summary>The JSON documents of the REST side (docs/protocol.md 2.2 to 2.9), with absolute hrefs under the base the client used.</summary>
internal static class ElementDocuments
{
    /// <summary>Element collections whose names are also notification contexts (docs/protocol.md 2.4, 9.1).</summary>
    public static readonly string[] Collections = { "host", "network", "router", "single_fw", "layer2_policy", "fw_cluster", "iprange" };

    public static JsonObject Versions(string baseUrl, string[] versions)
    {
        var items = new JsonArray();
        foreach (var version in versions)
        {
            items.Add(new JsonObject { ["rel"] = version, ["href"] = $"{baseUrl}/{version}/api" });
        }

        return new JsonObject { ["version"] = items };
    }

    /// <summary>Items carry only rel, href and method: the reference throws on any other key.</summary>
    public static JsonObject EntryPoints(string versionBase)
    {
        var items = new JsonArray
        {
            EntryPoint("logout", $"{versionBase}/logout", "PUT"),
            EntryPoint("current_user", $"{versionBase}/current_user", "GET"),
            EntryPoint("system", $"{versionBase}/system", "GET"),
            EntryPoint("elements", $"{versionBase}/elements", "GET"),
        };
        foreach (var collection in Collections)
        {
            items.Add(EntryPoint(collection, $"{versionBase}/elements/{collection}", "GET"));
        }

        return new JsonObject { ["entry_point"] = items };
    }

    public const string ApiClientName = "simulator-api-client";

    public static JsonObject CurrentUser(string versionBase, SimulatorSession session) =>
        new() { ["value"] = UserHref(versionBase, session.Kind) };

    /// <summary>The element of the API client (login by key) or of the administrator (lms_login).</summary>
    public static JsonObject User(string versionBase, SessionKind kind, string administratorName) => new()
    {
        ["name"] = kind == SessionKind.ApiClient ? ApiClientName : administratorName,
        ["link"] = new JsonArray { new JsonObject { ["rel"] = "self", ["href"] = UserHref(versionBase, kind), ["type"] = UserType(kind) } },
    };

    private static string UserHref(string versionBase, SessionKind kind) => $"{versionBase}/elements/{UserType(kind)}/1";

    private static string UserType(SessionKind kind) => kind == SessionKind.ApiClient ? "api_client" : "admin_user";

    /// <summary>The system element; its block-list link (global entries) is <c>blacklist</c> below API 7.0, <c>block_list</c> from 7.0.</summary>
    public static JsonObject System(string versionBase)
    {
        var blockList = BlockListRels(versionBase).Add;
        return new JsonObject
        {
            ["name"] = "SMC System",
            ["link"] = new JsonArray
            {
                new JsonObject { ["rel"] = "self", ["href"] = $"{versionBase}/system", ["type"] = "system" },
                EntryPoint("smc_version", $"{versionBase}/system/smc_version", "GET"),
                EntryPoint("smc_time", $"{versionBase}/system/smc_time", "GET"),
                EntryPoint(blockList, $"{versionBase}/system/{blockList}", "POST"),
            },
        };
    }

    /// <summary>
    /// The rels (and path segments) of block-list changes under the API version that ends <paramref name="versionBase"/>:
    /// <c>blacklist</c> and <c>flush_blacklist</c> below 7.0, <c>block_list</c> and <c>flush_block_list</c> from 7.0,
    /// as the reference client picks them by API version. Only one pair exists per version, so a client that picks
    /// the wrong one gets 404.
    /// </summary>
    public static (string Add, string Flush) BlockListRels(string versionBase)
    {
        var version = versionBase[(versionBase.LastIndexOf('/') + 1)..];
        return ApiVersionOrder.Parse(version).Major < 7 ? ("blacklist", "flush_blacklist") : ("block_list", "flush_block_list");
    }

    /// <summary>An engine element: its name, key and links, among them the block-list links of the API version.</summary>
    public static JsonObject Engine(string versionBase, string name, string type, int number)
    {
        var href = $"{versionBase}/elements/{type}/{number.ToString(CultureInfo.InvariantCulture)}";
        var (add, flush) = BlockListRels(versionBase);
        return new JsonObject
        {
            ["name"] = name,
            ["key"] = number,
            ["read_only"] = false,
            ["system"] = false,
            ["link"] = new JsonArray
            {
                new JsonObject { ["href"] = href, ["rel"] = "self", ["type"] = type },
                new JsonObject { ["href"] = $"{href}/{add}", ["rel"] = add },
                new JsonObject { ["href"] = $"{href}/{flush}", ["rel"] = flush },
            },
        };
    }

    public static JsonObject Value(string value) => new() { ["value"] = value };

    public static JsonObject SmcTime() =>
        Value(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    public static JsonObject ElementRoot(string versionBase)
    {
        var items = new JsonArray();
        foreach (var collection in Collections)
        {
            items.Add(new JsonObject { ["rel"] = collection, ["href"] = $"{versionBase}/elements/{collection}" });
        }

        return new JsonObject { ["result"] = items };
    }

    /// <summary>A static summary of the log query syntax; the SMC's own document is not known (docs/protocol.md 2.8).</summary>
    public static JsonObject LogSchemas() => new()
    {
        ["query"] = new JsonObject
        {
            ["type"] = new JsonArray("stored", "current"),
            ["start_ms"] = "long",
            ["end_ms"] = "long",
            ["filter"] = new JsonArray("in", "and", "or", "not", "defined", "translated", "cs_like", "ci_like"),
            ["servers"] = "array of element hrefs",
        },
        ["fetch"] = new JsonObject { ["quantity"] = "long", ["backwards"] = "boolean" },
        ["format"] = new JsonObject
        {
            ["type"] = new JsonArray("texts", "detailed", "raw", "combined"),
            ["field_format"] = new JsonArray("pretty", "name", "id"),
            ["field_ids"] = "array of int",
            ["field_names"] = "array of string",
            ["resolving"] = new JsonArray("senders", "timezone", "time_show_zone", "time_show_millis"),
        },
    };

    private static JsonObject EntryPoint(string rel, string href, string method) =>
        new() { ["rel"] = rel, ["href"] = href, ["method"] = method };
}
