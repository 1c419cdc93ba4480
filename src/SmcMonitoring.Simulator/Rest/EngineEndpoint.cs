using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmcMonitoring.Simulator.Hosting;
using SmcMonitoring.Simulator.Sessions;
using SmcMonitoring.Simulator.Sessions.Monitors;

namespace SmcMonitoring.Simulator.Rest;

/// <summary>
/// The engines of docs/protocol.md 2.10a: the <c>engine_clusters</c> search, each listed engine's element with its links,
/// block-list entries POSTed to an engine's (or the system's) block-list link, and flushes. Entries land in the
/// engine's BLOCK_LIST table, so watching fetches send them as added (and a flush as deleted).
/// </summary>
internal sealed class EngineEndpoint
{
    private const string SearchContext = "engine_clusters";

    private readonly SimulatorContext context;

    public EngineEndpoint(SimulatorContext context)
    {
        this.context = context;
    }

    /// <summary>
    /// <c>GET elements</c>: the element collections, or with <c>filter_context=engine_clusters</c> the listed engines
    /// (<c>filter</c> matches part of the name, or all of it with <c>exact_match=True</c>; case is ignored [A]).
    /// </summary>
    public Task ElementsAsync(HttpContext http, string versionBase)
    {
        var query = http.Request.Query;
        if (!query.TryGetValue("filter_context", out var filterContext))
        {
            return JsonAnswers.WriteAsync(http, StatusCodes.Status200OK, ElementDocuments.ElementRoot(versionBase));
        }

        if (filterContext.ToString() != SearchContext)
        {
            return JsonAnswers.SmcErrorAsync(http, StatusCodes.Status400BadRequest, $"Unsupported filter_context '{filterContext}'.", $"The simulator searches filter_context={SearchContext} only.");
        }

        var filter = query["filter"].ToString();
        var exact = string.Equals(query["exact_match"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var result = new JsonArray();
        foreach (var engine in context.SessionTables.Engines.Listed)
        {
            var matches = filter.Length == 0
                || (exact ? string.Equals(engine.Name, filter, StringComparison.OrdinalIgnoreCase) : engine.Name.Contains(filter, StringComparison.OrdinalIgnoreCase));
            if (matches)
            {
                result.Add(new JsonObject { ["name"] = engine.Name, ["href"] = Href(versionBase, engine), ["type"] = engine.Type });
            }
        }

        return JsonAnswers.WriteAsync(http, StatusCodes.Status200OK, new JsonObject { ["result"] = result });
    }

    /// <summary>
    /// The route of an engine path below the version, or null: <c>elements/{type}/{n}</c> (GET) of a listed engine,
    /// its <c>block_list</c>/<c>blacklist</c> (POST) and <c>flush_block_list</c>/<c>flush_blacklist</c> (DELETE), and
    /// <c>system/block_list</c>/<c>system/blacklist</c> (POST, a global entry on every listed engine).
    /// </summary>
    public (string Method, Func<HttpContext, string?, string, Task> Handle)? Route(string resource)
    {
        var parts = resource.Split('/');
        if (parts.Length == 2 && parts[0] == "system" && parts[1] is "block_list" or "blacklist")
        {
            return ("POST", (http, body, versionBase) => AddAsync(http, parts[1], context.SessionTables.Engines.Listed, body, versionBase));
        }

        if (parts.Length is not (3 or 4) || parts[0] != "elements"
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || context.SessionTables.Engines.FindListed(parts[1], number) is not { } engine)
        {
            return null;
        }

        return parts.Length == 3
            ? ("GET", (http, _, versionBase) => JsonAnswers.WriteAsync(http, StatusCodes.Status200OK, ElementDocuments.Engine(versionBase, engine.Name, engine.Type, engine.Number)))
            : parts[3] switch
            {
                "block_list" or "blacklist" => ("POST", (http, body, versionBase) => AddAsync(http, parts[3], new[] { engine }, body, versionBase)),
                "flush_block_list" or "flush_blacklist" => ("DELETE", (http, _, versionBase) => FlushAsync(http, parts[3], engine, versionBase)),
                _ => null,
            };
    }

    private static string Href(string versionBase, EngineIdentity engine) =>
        $"{versionBase}/elements/{engine.Type}/{engine.Number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Adds the body's entries to each engine's block list: <c>{"entries":[...]}</c>, or one bare entry up to API 6.3.</summary>
    private Task AddAsync(HttpContext http, string rel, IReadOnlyList<EngineIdentity> engines, string? body, string versionBase)
    {
        if (rel != ElementDocuments.BlockListRels(versionBase).Add)
        {
            return NotUnderThisVersionAsync(http);
        }

        var entries = new List<GivenBlockListEntry>();
        var problem = ReadEntries(body, TakesSeveral(versionBase), entries);
        if (problem is not null)
        {
            return JsonAnswers.SmcErrorAsync(http, StatusCodes.Status400BadRequest, "Impossible to add the block list entries.", problem);
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var engine in engines)
        {
            var table = context.SessionTables.Get(MonitorKind.BlockList, engine.Name);
            foreach (var entry in entries)
            {
                table.AddGiven(entry, now);
            }
        }

        // The SMC's answer to a block-list POST is not recorded beyond "a 2xx" [A]: 204, like the deletes.
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private Task FlushAsync(HttpContext http, string rel, EngineIdentity engine, string versionBase)
    {
        if (rel != ElementDocuments.BlockListRels(versionBase).Flush)
        {
            return NotUnderThisVersionAsync(http);
        }

        context.SessionTables.Get(MonitorKind.BlockList, engine.Name).DeleteAll(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary>From API 6.4 a body carries <c>{"entries":[...]}</c>; up to 6.3 it is one entry (docs/protocol.md 2.10a).</summary>
    private static bool TakesSeveral(string versionBase)
    {
        var (major, minor) = ApiVersionOrder.Parse(versionBase[(versionBase.LastIndexOf('/') + 1)..]);
        return major > 6 || (major == 6 && minor > 3);
    }

    private static string? ReadEntries(string? body, bool several, List<GivenBlockListEntry> entries)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body ?? string.Empty);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return "The body must be JSON.";
        }

        if (!several)
        {
            var single = GivenBlockListEntry.TryParse(root, out var entry);
            entries.Add(entry!);
            return single is null ? null : single + " (up to API 6.3 the body is one entry, without \"entries\")";
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("entries", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            return "The body must be {\"entries\": [ENTRY, ...]} with at least one entry.";
        }

        foreach (var item in list.EnumerateArray())
        {
            if (GivenBlockListEntry.TryParse(item, out var entry) is { } problem)
            {
                return $"entries[{entries.Count}]: {problem}";
            }

            entries.Add(entry!);
        }

        return null;
    }

    private static Task NotUnderThisVersionAsync(HttpContext http) =>
        JsonAnswers.ErrorAsync(http, StatusCodes.Status404NotFound, $"No resource at {http.Request.Path}.", "Block-list links are blacklist and flush_blacklist below API 7.0, block_list and flush_block_list from 7.0.");
}
