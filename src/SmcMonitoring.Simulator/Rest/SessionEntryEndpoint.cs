using System;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmcMonitoring.Simulator.Hosting;
using SmcMonitoring.Simulator.Sessions;

namespace SmcMonitoring.Simulator.Rest;

/// <summary>
/// <c>DELETE {base}/{ver}/elements/single_fw/{n}/block_list/{key}</c> (<c>blacklist</c> too, and any engine type such as
/// <c>fw_cluster</c>) and <c>.../vpn_sa/{key}</c> (docs/protocol.md 2.10): removes the block-list entry or VPN SA from its
/// engine's table, so watching fetches send it as deleted.
/// </summary>
internal sealed class SessionEntryEndpoint
{
    private readonly SimulatorContext context;

    public SessionEntryEndpoint(SimulatorContext context)
    {
        this.context = context;
    }

    /// <summary>Whether a path below the version is an entry href: <c>elements/{engine type}/n/(block_list|blacklist|vpn_sa)/key</c>.</summary>
    public static bool IsEntryPath(string path) => TryParse(path, out _, out _, out _, out _);

    /// <summary>Deletes the entry; 204, or 404 when the engine, the table or the row is unknown.</summary>
    public Task DeleteAsync(HttpContext http, string path)
    {
        TryParse(path, out var type, out var number, out var kind, out var key);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var engine = context.SessionTables.Engines.Find(number) is { } found && found.Type == type ? found : null;
        var table = engine is null ? null : context.SessionTables.Find(kind, engine.Name);
        var row = table?.Monitor.RowIdOf(key);
        if (table is null || row is null || !table.Delete(row.Value, now))
        {
            return JsonAnswers.ErrorAsync(http, StatusCodes.Status404NotFound, $"No {(kind == MonitorKind.VpnSa ? "VPN SA" : "block-list entry")} at {http.Request.Path}.", "It was deleted already, or it never existed.");
        }

        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static bool TryParse(string path, out string type, out int number, out MonitorKind kind, out string key)
    {
        number = 0;
        kind = MonitorKind.BlockList;
        key = string.Empty;
        var parts = path.Split('/');
        type = parts.Length > 1 ? parts[1] : string.Empty;
        if (parts.Length != 5 || parts[0] != "elements" || Array.IndexOf(ConfiguredEngine.Types, type) < 0 || parts[4].Length == 0
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return false;
        }

        key = parts[4];
        switch (parts[3])
        {
            case "block_list" or "blacklist":
                kind = MonitorKind.BlockList;
                return true;
            case "vpn_sa":
                kind = MonitorKind.VpnSa;
                return true;
            default:
                return false;
        }
    }
}
