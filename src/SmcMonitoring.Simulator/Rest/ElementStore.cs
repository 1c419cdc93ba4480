using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using SmcMonitoring.Simulator.Notifications;

namespace SmcMonitoring.Simulator.Rest;

/// <summary>
/// The configuration elements REST clients create, change and delete. Every element id is readable (the background
/// notification stream names ids nobody created), except those deleted. Each write publishes its change.
/// </summary>
internal sealed class ElementStore
{
    /// <summary>Created elements get ids from here up, clear of the background stream's 1000-1999.</summary>
    private const int FirstCreatedId = 2001;

    private readonly object gate = new();
    private readonly Dictionary<(string Context, string Id), JsonObject> elements = new();
    private readonly HashSet<(string Context, string Id)> deleted = new();
    private readonly ElementChangeHub changes;
    private int nextId = FirstCreatedId;

    public ElementStore(ElementChangeHub changes)
    {
        this.changes = changes;
    }

    /// <summary>The created elements of a type as <c>{"name","href","type"}</c> items.</summary>
    public JsonArray List(string context, string versionBase)
    {
        var items = new JsonArray();
        lock (gate)
        {
            foreach (var ((type, id), body) in elements)
            {
                if (type == context)
                {
                    items.Add(new JsonObject { ["name"] = NameOf(body, type, id), ["href"] = Href(versionBase, type, id), ["type"] = type });
                }
            }
        }

        return items;
    }

    /// <summary>The element, or null when it was deleted.</summary>
    public JsonObject? Get(string context, string id, string versionBase)
    {
        lock (gate)
        {
            if (deleted.Contains((context, id)))
            {
                return null;
            }

            var body = elements.TryGetValue((context, id), out var stored) ? (JsonObject)stored.DeepClone() : new JsonObject();
            body["name"] = NameOf(body, context, id);
            body["link"] = new JsonArray { new JsonObject { ["rel"] = "self", ["href"] = Href(versionBase, context, id), ["type"] = context } };
            return body;
        }
    }

    /// <summary>Creates an element from <paramref name="body"/>; returns its id.</summary>
    public string Create(string context, JsonObject body)
    {
        string id;
        lock (gate)
        {
            id = (nextId++).ToString(CultureInfo.InvariantCulture);
            elements[(context, id)] = Strip(body);
        }

        changes.Publish(new ElementChange(context, "create", id));
        return id;
    }

    /// <summary>Replaces an element's content; false when it was deleted.</summary>
    public bool Update(string context, string id, JsonObject body)
    {
        lock (gate)
        {
            if (deleted.Contains((context, id)))
            {
                return false;
            }

            elements[(context, id)] = Strip(body);
        }

        changes.Publish(new ElementChange(context, "update", id));
        return true;
    }

    /// <summary>Deletes an element; false when it was deleted already.</summary>
    public bool Delete(string context, string id)
    {
        lock (gate)
        {
            if (!deleted.Add((context, id)))
            {
                return false;
            }

            elements.Remove((context, id));
        }

        changes.Publish(new ElementChange(context, "delete", id));
        return true;
    }

    private static string Href(string versionBase, string context, string id) => new ElementChange(context, "update", id).HrefUnder(versionBase);

    private static string NameOf(JsonObject body, string context, string id) =>
        body["name"] is JsonValue name && name.TryGetValue(out string? text) ? text : $"{context}-{id}";

    /// <summary>The link list is the server's to write.</summary>
    private static JsonObject Strip(JsonObject body)
    {
        var copy = (JsonObject)body.DeepClone();
        copy.Remove("link");
        return copy;
    }
}
