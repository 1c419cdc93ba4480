using System.IO;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SmcMonitoring.Simulator.Hosting;

namespace SmcMonitoring.Simulator.Sockets;

/// <summary>
/// <see cref="SimulatorFaults.FreezeAfterMessages"/> for one websocket: its upgraded connection runs through a
/// <see cref="FreezableStream"/>, and after so many messages the socket stops sending and reading, as a stopped
/// process would. Only upgrades made while the fault is set get one, so other sockets pay nothing.
/// </summary>
internal sealed class ConnectionFreeze
{
    private static readonly object ItemKey = new();

    private readonly SimulatorContext context;
    private readonly string path;
    private FreezableStream? stream;

    private ConnectionFreeze(int afterMessages, SimulatorContext context, string path)
    {
        AfterMessages = afterMessages;
        this.context = context;
        this.path = path;
    }

    /// <summary>How many messages the socket sends before it freezes.</summary>
    public int AfterMessages { get; }

    /// <summary>
    /// Runs before the websocket middleware: when the fault is set and the request asks for an upgrade, the upgrade
    /// will hand out a freezable stream.
    /// </summary>
    public static void Prepare(HttpContext http, SimulatorContext context)
    {
        var afterMessages = context.Faults.FreezeAfterMessages;
        if (afterMessages == 0 || http.Features.Get<IHttpUpgradeFeature>() is not { IsUpgradableRequest: true } upgrade)
        {
            return;
        }

        var released = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, context.Stopping);
        http.Response.RegisterForDispose(released);
        var freeze = new ConnectionFreeze(afterMessages, context, $"{http.Request.PathBase}{http.Request.Path}");
        http.Features.Set<IHttpUpgradeFeature>(new FreezingUpgrade(upgrade, freeze, released));
        http.Items[ItemKey] = freeze;
    }

    /// <summary>The freeze prepared for this request's upgrade, or null.</summary>
    public static ConnectionFreeze? Of(HttpContext http) => http.Items.TryGetValue(ItemKey, out var freeze) ? (ConnectionFreeze)freeze! : null;

    /// <summary>Freezes the connection now: nothing more is written or read until the client goes away or the simulator stops.</summary>
    public void Freeze()
    {
        if (stream is { } frozen && frozen.Freeze())
        {
            context.Recorder.Note("fault", path, new JsonObject { ["fault"] = "FreezeAfterMessages", ["value"] = AfterMessages });
        }
    }

    private sealed class FreezingUpgrade : IHttpUpgradeFeature
    {
        private readonly IHttpUpgradeFeature inner;
        private readonly ConnectionFreeze freeze;
        private readonly CancellationTokenSource released;

        public FreezingUpgrade(IHttpUpgradeFeature inner, ConnectionFreeze freeze, CancellationTokenSource released)
        {
            this.inner = inner;
            this.freeze = freeze;
            this.released = released;
        }

        public bool IsUpgradableRequest => inner.IsUpgradableRequest;

        public async Task<Stream> UpgradeAsync()
        {
            var stream = new FreezableStream(await inner.UpgradeAsync(), released);
            freeze.stream = stream;
            return stream;
        }
    }
}
