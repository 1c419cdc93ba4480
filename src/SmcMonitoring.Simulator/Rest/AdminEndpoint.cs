using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmcMonitoring.Simulator.Fields;
using SmcMonitoring.Simulator.Hosting;
using SmcMonitoring.Simulator.Notifications;

namespace SmcMonitoring.Simulator.Rest;

/// <summary>
/// The simulator's own controls under <c>/_simulator/</c>, for tests that drive it from outside the process. They
/// need no SMC session, and nothing of the SMC's API lives under that prefix.
/// </summary>
internal sealed class AdminEndpoint
{
    public const string Prefix = "_simulator/";

    private readonly SimulatorContext context;

    public AdminEndpoint(SimulatorContext context)
    {
        this.context = context;
    }

    /// <summary>Handles <paramref name="path"/> (below the prefix): element-change, faults.</summary>
    public Task HandleAsync(HttpContext http, string path, string? body, string baseUrl) => (path, http.Request.Method) switch
    {
        ("element-change", "POST") => ElementChangeAsync(http, body, baseUrl),
        ("element-change", _) => NotAllowedAsync(http, "POST"),
        ("faults", "GET") => JsonAnswers.WriteAsync(http, StatusCodes.Status200OK, FaultSettings.ToJson(context.Faults)),
        ("faults", "POST") => SetFaultsAsync(http, body),
        ("faults", "DELETE") => ResetFaultsAsync(http),
        ("faults", _) => NotAllowedAsync(http, "GET, POST, DELETE"),
        _ => JsonAnswers.ErrorAsync(
            http,
            StatusCodes.Status404NotFound,
            $"No simulator control at {http.Request.Path}.",
            "Controls: POST /_simulator/element-change; GET, POST, DELETE /_simulator/faults."),
    };

    /// <summary>Changes the faults a JSON object names; answers the faults now in force.</summary>
    private Task SetFaultsAsync(HttpContext http, string? body)
    {
        var problem = FaultSettings.Apply(context.Faults, body);
        return problem is null
            ? JsonAnswers.WriteAsync(http, StatusCodes.Status200OK, FaultSettings.ToJson(context.Faults))
            : BadRequestAsync(http, problem);
    }

    private Task ResetFaultsAsync(HttpContext http)
    {
        context.Faults.Reset();
        return JsonAnswers.WriteAsync(http, StatusCodes.Status200OK, FaultSettings.ToJson(context.Faults));
    }

    /// <summary>
    /// Publishes one element change, <c>{"context":"host","action":"update","id":"1087"}</c> (id optional), and
    /// answers it with the element's href under the newest API version.
    /// </summary>
    private Task ElementChangeAsync(HttpContext http, string? body, string baseUrl)
    {
        JsonElement request;
        try
        {
            using var document = JsonDocument.Parse(body ?? string.Empty);
            request = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return BadRequestAsync(http, "The body must be JSON: {\"context\":\"host\",\"action\":\"update\",\"id\":\"1087\"}.");
        }

        var change = request.ValueKind == JsonValueKind.Object ? request : default;
        var problem = ElementChange.Problem(change.StringMember("context"), change.StringMember("action"), change.StringMember("id"));
        if (problem is not null)
        {
            return BadRequestAsync(http, problem);
        }

        var raised = context.ElementChanges.Raise(change.StringMember("context")!, change.StringMember("action")!, change.StringMember("id"));
        return JsonAnswers.WriteAsync(http, StatusCodes.Status200OK, new JsonObject
        {
            ["context"] = raised.Context,
            ["action"] = raised.Action,
            ["id"] = raised.Id,
            ["element"] = raised.HrefUnder($"{baseUrl}/{ApiVersionOrder.Newest(context.Options.ApiVersions)}"),
        });
    }

    private static Task BadRequestAsync(HttpContext http, string problem) =>
        JsonAnswers.ErrorAsync(http, StatusCodes.Status400BadRequest, "Invalid simulator control request.", problem);

    private static Task NotAllowedAsync(HttpContext http, string allowed)
    {
        http.Response.Headers.Allow = allowed;
        return JsonAnswers.ErrorAsync(http, StatusCodes.Status405MethodNotAllowed, $"Method {http.Request.Method} is not allowed here.", $"Use {allowed}.");
    }
}
