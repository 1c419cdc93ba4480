using System;

namespace SmcMonitoring.Simulator.Sessions;

/// <summary>One entry of <see cref="SimulatorOptions.Engines"/>: <c>NAME</c> or <c>NAME:TYPE</c>.</summary>
/// <param name="Name">The engine name.</param>
/// <param name="Type">Its element type (the segment of its href), <c>single_fw</c> unless given.</param>
internal sealed record ConfiguredEngine(string Name, string Type)
{
    public const string DefaultType = "single_fw";

    /// <summary>The element types of engines, as <c>engine_clusters</c> lists them.</summary>
    public static readonly string[] Types =
    {
        "single_fw", "fw_cluster", "virtual_fw", "single_layer2", "layer2_cluster", "virtual_fw_layer2",
        "single_ips", "ips_cluster", "virtual_ips", "master_engine", "master_engine_cluster",
    };

    public static ConfiguredEngine Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon < 0
            ? new ConfiguredEngine(text.Trim(), DefaultType)
            : new ConfiguredEngine(text[..colon].Trim(), text[(colon + 1)..].Trim());
    }

    /// <summary>What is wrong with an entry, or null.</summary>
    public static string? Problem(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "an empty name";
        }

        var engine = Parse(text);
        return engine.Name.Length == 0 ? $"'{text}' has no name"
            : engine.Name.Contains('/', StringComparison.Ordinal) ? $"'{engine.Name}' contains '/'"
            : Array.IndexOf(Types, engine.Type) < 0 ? $"unknown engine type '{engine.Type}' (valid: {string.Join(", ", Types)})"
            : null;
    }
}
