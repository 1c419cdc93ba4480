using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmcMonitoring.Simulator.Notifications;

namespace SmcMonitoring.Simulator.Rest;

/// <summary>
/// <c>{base}/{ver}/elements/{type}</c> (GET lists, POST creates: 201) and <c>.../{type}/{id}</c> (GET, PUT: 200,
/// DELETE: 204) for the element types of the entry points. Writes notify subscribers of that type.
/// </summary>
internal sealed class ElementEndpoint
{
    private readonly ElementStore store;

    public ElementEndpoint(ElementStore store)
    {
        this.store = store;
    }

    /// <summary>Whether a path below the version names an element type or an element of one.</summary>
    public static bool IsElementPath(string path, out string context, out string? id)
    {
        var parts = path.Split('/');
        context = parts.Length > 1 ? parts[1] : string.Empty;
        id = parts.Length == 3 && parts[2].Length > 0 ? parts[2] : null;
        return parts[0] == "elements" && (parts.Length == 2 || id is not null) && ElementChangeHub.IsContext(context);
    }

    /// <summary>The method this path allows besides GET, for 405 answers.</summary>
    public static string AllowedMethods(string? id) => id is null ? "GET, POST" : "GET, PUT, DELETE";

    public Task HandleAsync(HttpContext http, string context, string? id, string? body, string versionBase)
    {
        var method = http.Request.Method;
        return (method, id) switch
        {
            ("GET", null) => JsonAnswers.WriteAsync(http, StatusCodes.Status200OK, new JsonObject { ["result"] = store.List(context, versionBase) }),
            ("POST", null) => CreateAsync(http, context, body, versionBase),
            ("GET", { } element) => GetAsync(http, context, element, versionBase),
            ("PUT", { } element) => UpdateAsync(http, context, element, body, versionBase),
            ("DELETE", { } element) => DeleteAsync(http, context, element),
            _ => NotAllowedAsync(http, id),
        };
    }

    private async Task CreateAsync(HttpContext http, string context, string? body, string versionBase)
    {
        if (ParseBody(body) is not { } element)
        {
            await BadBodyAsync(http);
            return;
        }

        var id = store.Create(context, element);
        http.Response.Headers.Location = new ElementChange(context, "create", id).HrefUnder(versionBase);
        await JsonAnswers.WriteAsync(http, StatusCodes.Status201Created, store.Get(context, id, versionBase)!);
    }

    private Task GetAsync(HttpContext http, string context, string id, string versionBase) =>
        store.Get(context, id, versionBase) is { } element
            ? JsonAnswers.WriteAsync(http, StatusCodes.Status200OK, element)
            : NotFoundAsync(http);

    private Task UpdateAsync(HttpContext http, string context, string id, string? body, string versionBase)
    {
        if (ParseBody(body) is not { } element)
        {
            return BadBodyAsync(http);
        }

        return store.Update(context, id, element)
            ? JsonAnswers.WriteAsync(http, StatusCodes.Status200OK, store.Get(context, id, versionBase)!)
            : NotFoundAsync(http);
    }

    private Task DeleteAsync(HttpContext http, string context, string id)
    {
        if (!store.Delete(context, id))
        {
            return NotFoundAsync(http);
        }

        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary>An empty body counts as an empty element; anything but a JSON object is refused.</summary>
    private static JsonObject? ParseBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new JsonObject();
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task BadBodyAsync(HttpContext http) =>
        JsonAnswers.ErrorAsync(http, StatusCodes.Status400BadRequest, "The element must be a JSON object.", "For example {\"name\": \"web-1\", \"address\": \"192.0.2.10\"}.");

    private static Task NotFoundAsync(HttpContext http) =>
        JsonAnswers.ErrorAsync(http, StatusCodes.Status404NotFound, $"No element at {http.Request.Path}.", "It was deleted.");

    private static Task NotAllowedAsync(HttpContext http, string? id)
    {
        http.Response.Headers.Allow = AllowedMethods(id);
        return JsonAnswers.ErrorAsync(http, StatusCodes.Status405MethodNotAllowed, $"Method {http.Request.Method} is not allowed here.", $"Use {AllowedMethods(id)}.");
    }
}
