using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmcMonitoring.Simulator.Hosting;

namespace SmcMonitoring.Simulator.Rest;

/// <summary>
/// The answers of <c>GET /api</c>, <c>GET /{ver}/api</c> and the body of a login, as they are, or endless or padded
/// when <see cref="SimulatorFaults.EndlessRestBody"/> or <see cref="SimulatorFaults.OversizedRestBodyBytes"/> say so.
/// </summary>
internal sealed class RestAnswers
{
    private readonly SimulatorContext context;

    public RestAnswers(SimulatorContext context)
    {
        this.context = context;
    }

    public Task VersionsAsync(HttpContext http, string baseUrl)
    {
        if (context.Faults.EndlessRestBody != EndlessRestAnswer.Versions)
        {
            return JsonAnswers.WriteAsync(http, StatusCodes.Status200OK, ElementDocuments.Versions(baseUrl, context.Options.ApiVersions));
        }

        var version = ApiVersionOrder.Newest(context.Options.ApiVersions);
        return EndlessAsync(http, "{\"version\":[", $"{{\"rel\":\"{version}\",\"href\":\"{baseUrl}/{version}/api\"}},");
    }

    public Task EntryPointsAsync(HttpContext http, string versionBase)
    {
        var faults = context.Faults;
        if (faults.EntryPointsBase is { } elsewhere)
        {
            NoteFault(http, "EntryPointsBase", elsewhere);
            versionBase = elsewhere + versionBase[versionBase.LastIndexOf('/')..];
        }

        if (faults.EndlessRestBody == EndlessRestAnswer.Api)
        {
            return EndlessAsync(http, "{\"entry_point\":[", $"{{\"rel\":\"host\",\"href\":\"{versionBase}/elements/host\",\"method\":\"GET\"}},");
        }

        if (faults.OversizedRestBodyBytes is > 0 and var size)
        {
            NoteFault(http, "OversizedRestBodyBytes", size);
            return StreamedAnswers.WritePaddedAsync(http, ElementDocuments.EntryPoints(versionBase), size, context.Stopping);
        }

        return JsonAnswers.WriteAsync(http, StatusCodes.Status200OK, ElementDocuments.EntryPoints(versionBase));
    }

    /// <summary>The body of a successful login (its status and session header are set): none, or an endless one.</summary>
    public Task AfterLoginAsync(HttpContext http) =>
        context.Faults.EndlessRestBody == EndlessRestAnswer.Login ? EndlessAsync(http, "{\"padding\":\"", "xxxxxxxx") : Task.CompletedTask;

    private Task EndlessAsync(HttpContext http, string start, string repeated)
    {
        NoteFault(http, "EndlessRestBody", ModeNames.Of(context.Faults.EndlessRestBody));
        return StreamedAnswers.WriteEndlessAsync(http, start, repeated, context.Stopping);
    }

    private void NoteFault(HttpContext http, string fault, JsonNode value) =>
        context.Recorder.Note("fault", $"{http.Request.PathBase}{http.Request.Path}", new JsonObject { ["fault"] = fault, ["value"] = value });
}
