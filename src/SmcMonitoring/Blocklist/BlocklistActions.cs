using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Session;

namespace SmcMonitoring.Blocklist;

/// <summary>
/// The block-list changes of docs/protocol.md 2.10a: entries POSTed to an engine's (or the system's) link, and an engine's
/// block list flushed. Links are found by rel on the element, never built as paths.
/// </summary>
internal static class BlocklistActions
{
    /// <summary>Adds entries to one engine, or to every engine when <paramref name="engine"/> is null (a global entry).</summary>
    public static async Task AddAsync(SmcSession session, SmcEngine? engine, IReadOnlyList<SmcBlocklistEntryRequest> entries, CancellationToken cancellationToken)
    {
        var rel = BlocklistRequests.AddRel(session.Version);
        var link = engine is null
            ? await session.SystemLinkAsync(rel, cancellationToken).ConfigureAwait(false)
            : await session.Engines.LinkAsync(engine, rel, cancellationToken).ConfigureAwait(false);
        var where = engine is null ? "every engine (a global entry)" : $"the engine '{engine.Name}'";
        var bodies = BlocklistRequests.Bodies(session.Version, entries);
        for (var i = 0; i < bodies.Count; i++)
        {
            var what = bodies.Count == 1
                ? (entries.Count == 1 ? $"add the block-list entry {entries[0].Describe()}" : $"add {entries.Count} block-list entries")
                : $"add the block-list entry {entries[i].Describe()} (one request per entry with API {session.ApiVersion}; {i} of {entries.Count} were added before it)";
            await session.Rest.PostJsonAsync(link, bodies[i], $"{what} to {where}", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes every block-list entry of an engine.</summary>
    public static async Task FlushAsync(SmcSession session, SmcEngine engine, CancellationToken cancellationToken)
    {
        var link = await session.Engines.LinkAsync(engine, BlocklistRequests.FlushRel(session.Version), cancellationToken).ConfigureAwait(false);
        await session.Rest.DeleteAsync(link, $"flush the block list of the engine '{engine.Name}'", cancellationToken).ConfigureAwait(false);
    }
}
