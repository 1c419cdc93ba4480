using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmcMonitoring.Simulator.Hosting;
using SmcMonitoring.Simulator.Rest;

namespace SmcMonitoring.Simulator;

/// <summary>
/// A fake Security Management Center that speaks the SMC REST and websocket monitoring protocol on a real socket,
/// serving deterministic log data. Start one with <see cref="StartAsync"/>; dispose it to stop it.
/// </summary>
public sealed class SmcSimulator : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication app;
    private readonly SimulatorContext context;
    private int stopped;

    private SmcSimulator(WebApplication app, SimulatorContext context, Uri baseUrl)
    {
        this.app = app;
        this.context = context;
        BaseUrl = baseUrl;
    }

    /// <summary>
    /// Where the simulator listens, e.g. <c>http://127.0.0.1:41234</c>: the <c>{base}</c> of every SMC URL. With
    /// <see cref="SimulatorOptions.PathBase"/> it ends with that path, e.g. <c>http://127.0.0.1:41234/smc</c>.
    /// </summary>
    public Uri BaseUrl { get; }

    /// <summary>The API client key that logs in.</summary>
    public string ApiKey => context.Options.ApiKey;

    /// <summary>The running state, for the simulator's own tests (session tables, engines).</summary>
    internal SimulatorContext Context => context;

    /// <summary>The faults in force: starts as <see cref="SimulatorOptions.Faults"/>; change it at any time.</summary>
    public SimulatorFaults Faults => context.Faults;

    /// <summary>Everything received so far, in arrival order, with secrets masked (a snapshot, safe to read from any thread).</summary>
    public IReadOnlyList<RecordedRequest> Requests => context.Recorder.Snapshot();

    /// <summary>Starts a simulator and returns once it accepts connections.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static async Task<SmcSimulator> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = SimulatorOptionsValidation.Validate(options);
        var context = new SimulatorContext(options, DateTimeOffset.UtcNow);
        try
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(SmcSimulator).Assembly.GetName().Name });
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(address, options.Port, listen =>
            {
                // The SMC's API service speaks HTTP/1.1; websocket upgrades happen there too.
                listen.Protocols = HttpProtocols.Http1;
                if (options.Certificate is not null)
                {
                    listen.UseHttps(options.Certificate, https => https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13);
                }
            }));
            builder.Services.AddSingleton<IHostLifetime, InProcessLifetime>();
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);

            // Warnings and errors only, on stderr: stdout belongs to the command line's announcement.
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

            var app = builder.Build();
            app.Use((http, next) =>
            {
                Sockets.ConnectionFreeze.Prepare(http, context);
                return next(http);
            });
            app.UseWebSockets();
            var dispatcher = new RestDispatcher(context);
            app.Run(dispatcher.HandleAsync);
            await app.StartAsync(cancellationToken);

            var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var scheme = options.Certificate is null ? "http" : "https";
            var host = IPAddress.TryParse(options.Host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? $"[{ip}]"
                : options.Host;
            return new SmcSimulator(app, context, new Uri($"{scheme}://{host}:{bound.Port}{options.PathBase}"));
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Announces an element change to every notification subscription of its type, as if an administrator made it.
    /// </summary>
    /// <param name="context">The element type, an entry-point rel: host, network, router, single_fw, layer2_policy, fw_cluster or iprange.</param>
    /// <param name="action">create, update, delete, trashed, untrashed, validating or validated.</param>
    /// <param name="elementId">The element id (the href's last segment); null picks one.</param>
    /// <returns>
    /// The element's href under the newest advertised API version, e.g. <c>http://127.0.0.1:41234/7.1/elements/host/1087</c>;
    /// a socket opened under another version sees the same path under its own version.
    /// </returns>
    /// <exception cref="ArgumentException">The context or the action is unknown, or the id is empty or contains '/'.</exception>
    public string RaiseElementChange(string context, string action, string? elementId = null)
    {
        var problem = Notifications.ElementChange.Problem(context, action, elementId);
        if (problem is not null)
        {
            var parameter = context is null || !Notifications.ElementChangeHub.IsContext(context) ? nameof(context)
                : action is null || Array.IndexOf(Notifications.ElementChange.Actions, action) < 0 ? nameof(action)
                : nameof(elementId);
            throw new ArgumentException(problem, parameter);
        }

        var change = this.context.ElementChanges.Raise(context, action, elementId);
        return change.HrefUnder($"{BaseUrl.GetLeftPart(UriPartial.Authority)}{this.context.Options.PathBase}/{ApiVersionOrder.Newest(this.context.Options.ApiVersions)}");
    }

    /// <summary>Forgets the requests received so far.</summary>
    public void ClearRequests() => context.Recorder.Clear();

    /// <summary>Closes every websocket (code 1001), stops listening and releases the port. Safe to call more than once.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        context.Stop();
        await app.StopAsync();
        await app.DisposeAsync();
        context.Dispose();
    }

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await StopAsync();
}
