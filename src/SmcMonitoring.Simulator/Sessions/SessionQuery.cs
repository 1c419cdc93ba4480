using System.Text.Json;
using SmcMonitoring.Simulator.Fields;
using SmcMonitoring.Simulator.Filters;

namespace SmcMonitoring.Simulator.Sessions;

/// <summary>The <c>query</c> object of a session socket request (docs/protocol.md 4.1): definition, target, filter.</summary>
internal sealed class SessionQuery
{
    public SessionDefinition Definition { get; private init; }

    /// <summary>The engine or domain name; null only for NEIGHBORS without a target.</summary>
    public string? Target { get; private init; }

    public RecordFilter? Filter { get; private init; }

    public static SessionQuery Parse(JsonElement query, FieldCatalog catalog)
    {
        if (query.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException("query must be an object");
        }

        var name = query.StringMember("definition")
            ?? throw new RequestRejectedException($"query.definition is missing (valid: {SessionDefinition.ValidNames})");
        if (!SessionDefinition.TryParse(name, out var definition))
        {
            throw new RequestRejectedException($"unknown definition '{name}' (valid: {SessionDefinition.ValidNames})");
        }

        var target = query.StringMember("target");
        if (string.IsNullOrWhiteSpace(target))
        {
            target = definition.NeedsTarget
                ? throw new RequestRejectedException($"definition {definition.Name} needs a target: {definition.TargetMeaning}")
                : null;
        }

        var shape = SessionTables.MonitorOf(definition.Kind).Shape;
        return new SessionQuery
        {
            Definition = definition,
            Target = target,
            Filter = query.TryGetProperty("filter", out var filter) && filter.ValueKind != JsonValueKind.Null
                ? new FilterParser(shape, catalog).Parse(filter)
                : null,
        };
    }
}
