using System;

namespace SmcMonitoring.Simulator.Notifications;

/// <summary>A change of an SMC element: its type (a notification context), what happened, and its id.</summary>
/// <param name="Context">The element type, an entry-point rel such as <c>host</c>.</param>
/// <param name="Action">create, update, delete, trashed, untrashed, validating or validated.</param>
/// <param name="Id">The element's id, the last segment of its href.</param>
internal sealed record ElementChange(string Context, string Action, string Id)
{
    /// <summary>The actions the reference client knows (docs/protocol.md 9.3).</summary>
    public static readonly string[] Actions = { "create", "update", "delete", "trashed", "untrashed", "validating", "validated" };

    /// <summary>What is wrong with a requested change, or null when it is valid (the id may be left out).</summary>
    public static string? Problem(string? context, string? action, string? id)
    {
        if (context is null || !ElementChangeHub.IsContext(context))
        {
            return $"unknown context '{context}' (valid: {string.Join(", ", Rest.ElementDocuments.Collections)})";
        }

        if (action is null || Array.IndexOf(Actions, action) < 0)
        {
            return $"unknown action '{action}' (valid: {string.Join(", ", Actions)})";
        }

        return id is not null && (id.Length == 0 || id.Contains('/', StringComparison.Ordinal))
            ? $"invalid element id '{id}' (a non-empty path segment such as 1087)"
            : null;
    }

    /// <summary>The element's href under an API version's base, e.g. <c>https://smc:8082/7.1/elements/host/1087</c>.</summary>
    public string HrefUnder(string versionBase) => $"{versionBase}/elements/{Context}/{Id}";
}
