using System;
using System.Collections.Generic;
using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Sessions;

/// <summary>
/// Every engine name is a valid target: the first time a name is used it gets an identity derived from the name,
/// so the same name has the same nodes, networks and (barring a rare collision) element number in every run.
/// The engines of the stored logs keep the nodes the logs show. The configured engines (<see cref="SimulatorOptions.Engines"/>)
/// are the ones REST lists, searches and changes; a session monitor still serves any target name, because what an
/// SMC answers for a target it does not know is not recorded [A].
/// </summary>
internal sealed class EngineDirectory
{
    private const int FirstNumber = 1000;
    private const int NumberRange = 9000;

    private readonly object gate = new();
    private readonly Dictionary<string, EngineIdentity> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<int, EngineIdentity> byNumber = new();

    public EngineDirectory(IEnumerable<string> configured)
    {
        var known = new List<EngineIdentity>();
        foreach (var node in LogVocabulary.Nodes)
        {
            var text = node.Name.Text;
            var engine = text[..text.LastIndexOf(" node ", StringComparison.Ordinal)];
            if (!byName.ContainsKey(engine))
            {
                var identity = Register(engine, NodesOf(engine));
                known.Add(identity);
            }
        }

        LogEngines = known.ToArray();
        var listed = new List<EngineIdentity>();
        foreach (var text in configured)
        {
            var engine = ConfiguredEngine.Parse(text);
            var identity = byName.TryGetValue(engine.Name, out var existing) ? existing : Register(engine.Name, null);
            if (identity.Type != engine.Type)
            {
                identity = identity with { Type = engine.Type };
                byName[identity.Name] = identity;
                byNumber[identity.Number] = identity;
            }

            if (!listed.Contains(identity))
            {
                listed.Add(identity);
            }
        }

        Listed = listed.ToArray();
    }

    /// <summary>The engines that send the stored logs: fw-east, fw-west, dmz-fw. Alerts and untargeted neighbors come from them.</summary>
    public EngineIdentity[] LogEngines { get; }

    /// <summary>The configured engines, in their configured order: what the <c>engine_clusters</c> search lists.</summary>
    public EngineIdentity[] Listed { get; }

    /// <summary>The configured engine an href's type and element number name, or null.</summary>
    public EngineIdentity? FindListed(string type, int number) =>
        Array.Find(Listed, engine => engine.Number == number && engine.Type == type);

    public EngineIdentity Get(string name)
    {
        lock (gate)
        {
            return byName.TryGetValue(name, out var engine) ? engine : Register(name, null);
        }
    }

    /// <summary>The engine behind an href's element number, if that engine was ever used.</summary>
    public EngineIdentity? Find(int number)
    {
        lock (gate)
        {
            return byNumber.TryGetValue(number, out var engine) ? engine : null;
        }
    }

    private EngineIdentity Register(string name, EngineNode[]? nodes)
    {
        var hash = HashStream.Of(name);
        var site = nodes is null ? (byte)(30 + (int)(hash % 200)) : (byte)((nodes[0].Address.Low >> 16) & 0xff);
        nodes ??= new[]
        {
            new EngineNode(new Term($"{name} node 1"), IpValue.V4(10, site, 0, 1)),
            new EngineNode(new Term($"{name} node 2"), IpValue.V4(10, site, 0, 2)),
        };
        var number = FirstNumber + (int)((hash >> 16) % NumberRange);
        while (byNumber.ContainsKey(number))
        {
            number = FirstNumber + ((number - FirstNumber + 1) % NumberRange);
        }

        var identity = new EngineIdentity(name, number, nodes, site, IpValue.V4(198, 51, 100, (byte)(1 + ((hash >> 40) % 250))));
        byName[name] = identity;
        byNumber[number] = identity;
        return identity;
    }

    private static EngineNode[] NodesOf(string engine)
    {
        var nodes = new List<EngineNode>();
        foreach (var node in LogVocabulary.Nodes)
        {
            if (node.Name.Text.StartsWith(engine + " node ", StringComparison.Ordinal))
            {
                nodes.Add(node);
            }
        }

        return nodes.ToArray();
    }
}
