using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmcMonitoring.Simulator.Fields;

namespace SmcMonitoring.Simulator.Rest;

/// <summary>Writes JSON answers with the content type set by hand: the reference only parses bodies typed exactly <c>application/json</c>.</summary>
internal static class JsonAnswers
{
    public const string ContentType = "application/json";

    private static readonly JsonSerializerOptions Options = new() { Encoder = JsonText.Encoder };

    public static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Options);
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary>An error in the SMC's shape: <c>{"message":"...","details":["..."]}</c>.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string message, params string[] details)
    {
        var detailItems = new JsonArray();
        foreach (var detail in details)
        {
            detailItems.Add(detail);
        }

        return WriteAsync(context, status, new JsonObject { ["message"] = message, ["details"] = detailItems });
    }

    /// <summary>
    /// An error in the exact shape of a real SMC's REST error body (docs/real-smc.md 7):
    /// <c>{"details":["..."],"message":"...","status":"0"}</c>.
    /// </summary>
    public static Task SmcErrorAsync(HttpContext context, int status, string message, params string[] details)
    {
        var detailItems = new JsonArray();
        foreach (var detail in details)
        {
            detailItems.Add(detail);
        }

        return WriteAsync(context, status, new JsonObject { ["details"] = detailItems, ["message"] = message, ["status"] = "0" });
    }
}
