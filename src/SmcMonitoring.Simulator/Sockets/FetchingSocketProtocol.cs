using System;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Hosting;

namespace SmcMonitoring.Simulator.Sockets;

/// <summary>
/// What every query socket shares: lenient message parsing, aborts, failures, and fetches that run in the
/// background under their own ids.
/// </summary>
internal abstract partial class FetchingSocketProtocol : ISocketProtocol
{
    private readonly FetchRegistry fetches = new();

    protected FetchingSocketProtocol(MonitoringSocket socket, SimulatorContext context)
    {
        Socket = socket;
        Context = context;
    }

    protected MonitoringSocket Socket { get; }

    protected SimulatorContext Context { get; }

    public async Task HandleAsync(string message)
    {
        // The reference's callback client sends {'abort': 123}, which is not JSON (docs/protocol.md 6.6).
        var abort = LenientAbort().Match(message);
        if (abort.Success)
        {
            if (int.TryParse(abort.Groups[1].ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
            {
                Abort(id);
            }

            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException e)
        {
            await Socket.SendAsync(SocketMessages.Failure($"invalid JSON: {e.Message}"));
            return;
        }

        using (document)
        {
            try
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new RequestRejectedException("a request must be a JSON object");
                }

                if (document.RootElement.TryGetProperty("abort", out var abortId))
                {
                    if (abortId.ValueKind == JsonValueKind.Number && abortId.TryGetInt32(out var id))
                    {
                        Abort(id);
                    }

                    return;
                }

                if (Context.Faults.TakeBufferErrorClose())
                {
                    Socket.RequestClose(WebSocketCloseStatus.MessageTooBig, MonitoringSocket.TooBigReason);
                    return;
                }

                await FaultFrames.SendBeforeAnswerAsync(Socket, Context.Faults);
                if (Context.Faults.FailQueries is { } failure)
                {
                    await Socket.SendAsync(SocketMessages.Failure(failure));
                    return;
                }

                await HandleRequestAsync(document.RootElement);
            }
            catch (RequestRejectedException e)
            {
                await Socket.SendAsync(SocketMessages.Failure(e.Message));
            }
        }
    }

    public Task StopAsync() => fetches.StopAllAsync();

    /// <summary>Stops a fetch and notes whether the id was one of this socket's, so a test can see a negative id was echoed intact.</summary>
    private void Abort(int id)
    {
        var (known, running) = fetches.Abort(id);
        Context.Recorder.Note("abort", Socket.Path, new JsonObject { ["fetch"] = id, ["known"] = known, ["running"] = running });
    }

    /// <summary>Handles a request that is not an abort; throw <see cref="RequestRejectedException"/> to answer a failure.</summary>
    protected abstract Task HandleRequestAsync(JsonElement request);

    /// <summary>
    /// Runs a fetch in the background under a new id; failures inside it are reported with that id. With the
    /// <see cref="SimulatorFaults.Silent"/> fault the fetch only says it started, then waits for its abort.
    /// </summary>
    protected void StartFetch(Func<int, CancellationToken, Task> run) =>
        fetches.Start(Context.NextFetchId, (id, abort) => RunGuardedAsync(id, abort, Context.Faults.Silent ? SilentAsync : run));

    private async Task SilentAsync(int fetchId, CancellationToken abort)
    {
        await Socket.SendAsync(SocketMessages.FetchStarted(fetchId));
        await Task.Delay(Timeout.Infinite, abort);
    }

    private async Task RunGuardedAsync(int fetchId, CancellationToken abort, Func<int, CancellationToken, Task> run)
    {
        try
        {
            await run(fetchId, abort);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Aborted by the client, or the socket is gone: either way nothing more is sent for this fetch.
        }
        catch (Exception e)
        {
            var reason = e is RequestRejectedException ? e.Message : $"simulator error: {e.Message}";
            try
            {
                await Socket.SendAsync(SocketMessages.Failure(reason, fetchId));
            }
            catch (Exception sendError) when (sendError is OperationCanceledException or WebSocketException)
            {
                // The socket closed meanwhile.
            }
        }
    }

    [GeneratedRegex(@"^\s*\{\s*['""]abort['""]\s*:\s*['""]?(-?\d+)['""]?\s*\}\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex LenientAbort();
}
