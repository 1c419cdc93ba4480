using System;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SmcMonitoring.Simulator.Hosting;

namespace SmcMonitoring.Simulator.Sockets;

/// <summary>
/// Websocket upgrades a hostile server mishandles: one read and never answered
/// (<see cref="SimulatorFaults.UpgradeNeverAnswered"/>), or one redirected elsewhere
/// (<see cref="SimulatorFaults.RedirectUpgradeTo"/>). Both leave a note of the credentials the upgrade carried.
/// </summary>
internal sealed class UpgradeFaults
{
    private readonly SimulatorContext context;

    public UpgradeFaults(SimulatorContext context)
    {
        this.context = context;
    }

    /// <summary>Whether a fault answered the upgrade (or held it until the client or the simulator gave up).</summary>
    public async Task<bool> AnsweredAsync(HttpContext http)
    {
        var faults = context.Faults;
        if (faults.UpgradeNeverAnswered)
        {
            Note(http, "upgrade-held", new JsonObject());
            await HoldAsync(http);
            return true;
        }

        if (faults.RedirectUpgradeTo is not { } location)
        {
            return false;
        }

        var status = faults.RedirectUpgradeStatus;
        Note(http, "upgrade-redirected", new JsonObject { ["status"] = status, ["location"] = location });
        http.Response.StatusCode = status;
        http.Response.Headers.Location = location;
        http.Response.ContentLength = 0;
        return true;
    }

    /// <summary>Waits without answering until the client closes the connection or the simulator stops, then drops it.</summary>
    private async Task HoldAsync(HttpContext http)
    {
        var clock = Stopwatch.StartNew();
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, context.Stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, ended.Token);
        }
        catch (OperationCanceledException)
        {
            // Released: nothing is ever answered.
        }

        context.Recorder.Note("upgrade-released", Path(http), new JsonObject
        {
            ["held_ms"] = clock.ElapsedMilliseconds,
            ["by"] = context.Stopping.IsCancellationRequested ? "simulator stop" : "client",
        });
        http.Abort();
    }

    private void Note(HttpContext http, string what, JsonObject details)
    {
        var headers = http.Request.Headers;
        details["cookie"] = headers.Cookie.Count > 0;
        details["authorization"] = headers.Authorization.Count > 0;
        details["subprotocol"] = headers.ContainsKey(HeaderNames.SecWebSocketProtocol);
        context.Recorder.Note(what, Path(http), details);
    }

    private static string Path(HttpContext http) => $"{http.Request.PathBase}{http.Request.Path}";
}
