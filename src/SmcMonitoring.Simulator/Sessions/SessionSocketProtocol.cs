using System.Text.Json;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Formats;
using SmcMonitoring.Simulator.Hosting;
using SmcMonitoring.Simulator.Sockets;

namespace SmcMonitoring.Simulator.Sessions;

/// <summary>
/// The session-monitor socket: each <c>query</c> + <c>fetch</c> + <c>format</c> starts a fetch of one monitor on one
/// engine (several may run on one socket); <c>abort</c> stops one.
/// </summary>
internal sealed class SessionSocketProtocol : FetchingSocketProtocol
{
    private readonly string versionBase;

    /// <param name="socket">The accepted socket.</param>
    /// <param name="context">The simulator.</param>
    /// <param name="versionBase">The <c>{base}/{ver}</c> the client connected to, for the hrefs in records.</param>
    public SessionSocketProtocol(MonitoringSocket socket, SimulatorContext context, string versionBase)
        : base(socket, context)
    {
        this.versionBase = versionBase;
    }

    protected override Task HandleRequestAsync(JsonElement request)
    {
        if (!request.TryGetProperty("query", out var queryElement))
        {
            throw new RequestRejectedException("unknown request: expected 'query', 'fetch' and 'format', or 'abort'");
        }

        if (request.TryGetProperty("fetch", out var fetch) && fetch.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException("fetch must be an object");
        }

        var query = SessionQuery.Parse(queryElement, Context.Catalog);
        var format = request.TryGetProperty("format", out var formatElement) ? FormatParser.Parse(formatElement, Context.Catalog, Context.Options.TimeZoneStyle) : RecordFormat.Default;
        var table = Context.SessionTables.Get(query.Definition.Kind, query.Target);
        StartFetch((fetchId, abort) => new SessionFetch(Context, Socket, query, format, table, versionBase).RunAsync(fetchId, abort));
        return Task.CompletedTask;
    }
}
