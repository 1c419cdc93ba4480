using System.Text.Json;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Filters;
using SmcMonitoring.Simulator.Formats;
using SmcMonitoring.Simulator.Hosting;
using SmcMonitoring.Simulator.Sockets;

namespace SmcMonitoring.Simulator.Logs;

/// <summary>
/// The log socket: <c>query</c> + <c>fetch</c> (+ <c>format</c>) starts a stored or live fetch; a query alone is
/// remembered (<c>"No fetch"</c>) and a later fetch alone runs it (docs/protocol.md 3.5).
/// </summary>
internal sealed class LogSocketProtocol : FetchingSocketProtocol
{
    private LogQuery? lastQuery;
    private RecordFormat lastFormat = RecordFormat.Default;

    public LogSocketProtocol(MonitoringSocket socket, SimulatorContext context)
        : base(socket, context)
    {
    }

    /// <summary>
    /// An engine element href (<c>.../elements/{type}/{number}</c>, as the engine list gives it) as the senders it
    /// stands for: the engine's nodes. Null for any other href.
    /// </summary>
    private FilterValue? EngineSenders(string href)
    {
        var match = EngineHref.Match(href);
        if (!match.Success || !int.TryParse(match.Groups[2].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var engine = Context.SessionTables.Engines.FindListed(match.Groups[1].Value, number);
        if (engine is null)
        {
            return null;
        }

        return new EngineElementFilterValue(
            System.Array.ConvertAll(engine.Nodes, node => node.Name.Text),
            System.Array.ConvertAll(engine.Nodes, node => node.Address),
            Context.Options.SenderElementMatch == SenderElementMatch.Nothing);
    }

    private static readonly System.Text.RegularExpressions.Regex EngineHref =
        new(@"/elements/([a-z0-9_]+)/([0-9]+)/?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    protected override async Task HandleRequestAsync(JsonElement request)
    {
        var hasQuery = request.TryGetProperty("query", out var queryElement);
        var hasFetch = request.TryGetProperty("fetch", out var fetchElement);
        if (!hasQuery && !hasFetch)
        {
            throw new RequestRejectedException("unknown request: expected 'query' and 'fetch', or 'abort'");
        }

        var format = request.TryGetProperty("format", out var formatElement) ? FormatParser.Parse(formatElement, Context.Catalog, Context.Options.TimeZoneStyle) : null;
        if (hasQuery)
        {
            lastQuery = LogQuery.Parse(queryElement, Context.Catalog, EngineSenders);
            lastFormat = format ?? RecordFormat.Default;
            if (!hasFetch)
            {
                await Socket.SendAsync(SocketMessages.NoFetch());
                return;
            }
        }
        else
        {
            lastFormat = format ?? lastFormat;
        }

        var query = lastQuery ?? throw new RequestRejectedException("a fetch without a query: send the query first");
        var options = FetchOptions.Parse(fetchElement);
        var chosenFormat = lastFormat;
        StartFetch((fetchId, abort) => query.IsLive
            ? new LiveLogFetch(Context, Socket, query, chosenFormat).RunAsync(fetchId, abort)
            : new StoredLogFetch(Context, Socket, query, chosenFormat, options).RunAsync(fetchId, abort));
    }
}
