namespace SmcMonitoring.Session;

/// <summary>
/// An engine (a firewall, a cluster, a virtual engine ...) as the SMC's <c>engine_clusters</c> search lists it: the
/// name every <c>-Engine</c> parameter takes, its element type and its href.
/// </summary>
public sealed class SmcEngine
{
    internal SmcEngine(string name, string type, string href)
    {
        Name = name;
        Type = type;
        Href = href;
    }

    /// <summary>The engine's name, as the session monitors' <c>-Engine</c> takes it.</summary>
    public string Name { get; }

    /// <summary>The element type, for example <c>single_fw</c>, <c>fw_cluster</c> or <c>virtual_fw</c>.</summary>
    public string Type { get; }

    /// <summary>The engine element's href on the SMC.</summary>
    public string Href { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
