using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Protocol;
using SmcMonitoring.Session;

namespace SmcMonitoring.Queries;

/// <summary>
/// Asks the SMC to describe fields (docs/protocol.md 6.5.4): a detailed-format query with quantity 0 on the log
/// socket, read until the first <c>fields</c> array. Answers are cached per session.
/// </summary>
internal static class FieldProbe
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SmcSession, Dictionary<int, FieldDescriptor>> Cache = new();

    public static byte[] Request(IEnumerable<int> ids)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("query");
            writer.WriteEndObject();
            writer.WriteStartObject("fetch");
            writer.WriteNumber("quantity", 0);
            writer.WriteEndObject();
            writer.WriteStartObject("format");
            writer.WriteString("type", "detailed");
            writer.WriteStartArray("field_ids");
            foreach (var id in ids) { writer.WriteNumberValue(id); }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The SMC's descriptions of <paramref name="ids"/>, from the cache or one probe for the missing ones.</summary>
    public static async Task<IReadOnlyDictionary<int, FieldDescriptor>> DescribeAsync(SmcSession session, IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        var cache = Cache.GetOrCreateValue(session);
        int[] missing;
        lock (cache) { missing = ids.Where(id => !cache.ContainsKey(id)).Distinct().ToArray(); }
        if (missing.Length > 0)
        {
            var plan = new QueryPlan("field descriptions", Request(missing), QueryKind.Stored, null);
            plan.Limits.Timeout = System.TimeSpan.FromSeconds(30);
            using var runner = new QueryRunner(plan, new SessionConnector(session, LogQuery.SocketPath));
            while (await runner.NextAsync(cancellationToken).ConfigureAwait(false) is { } next)
            {
                if (next.Kind == QueryEventKind.End && next.End!.Failure is { } failure) { throw failure; }
                if (next.Message?.Fields is not { } fields) { continue; }
                lock (cache)
                {
                    foreach (var field in fields) { cache[field.Id] = field; }
                }
                break;
            }
        }
        lock (cache) { return ids.Where(cache.ContainsKey).Distinct().ToDictionary(id => id, id => cache[id]); }
    }
}
