using System;
using Xunit;
using System.Collections.Generic;
using System.Linq;
using SmcMonitoring.Records;

namespace SmcMonitoring.Tests.Architecture;

/// <summary>
/// The module's layers, read from the compiled assembly: each namespace may use only the layers below it, and
/// PowerShell's types are used only by the cmdlets (and the record adapter, which is how records meet PowerShell).
/// A failure names the type, the member and the dependency that runs the wrong way.
/// </summary>
public class LayeringTests
{
    private const string Root = "SmcMonitoring";

    /// <summary>The layers each layer may use (besides itself). Cmdlets, on top, may use all of them.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Errors"] = Array.Empty<string>(),
        ["Fields"] = new[] { "Errors" },
        ["Session"] = new[] { "Errors" },
        ["Protocol"] = new[] { "Session", "Errors" },
        ["Records"] = new[] { "Fields", "Protocol", "Errors" },
        ["Filters"] = new[] { "Fields", "Errors" },
        ["Blocklist"] = new[] { "Session", "Errors" },
        ["Queries"] = new[] { "Records", "Filters", "Fields", "Protocol", "Session", "Errors" },
        ["Notifications"] = new[] { "Protocol", "Session", "Errors" },
        ["Cmdlets"] = new[] { "Queries", "Records", "Filters", "Fields", "Protocol", "Session", "Errors", "Notifications", "Blocklist" },
    };

    /// <summary>Where PowerShell's types may appear: prefixes of their full names allowed per layer, or per type of a layer.</summary>
    private static readonly Dictionary<string, string[]> PowerShellAllowed = new()
    {
        // Scriptblock filters are translated from PowerShell's syntax tree: the parser's types, nothing of a runspace.
        ["Filters"] = new[] { "System.Management.Automation.Language.", "System.Management.Automation.VariablePath" },
        ["Records.SmcRecordAdapter"] = new[] { "System.Management.Automation." },
        ["Cmdlets"] = new[] { "System.Management.Automation." },
    };

    private static readonly Type[] ModuleTypes = typeof(SmcRecord).Assembly.GetTypes()
        .Where(t => t.Namespace?.StartsWith(Root + ".", StringComparison.Ordinal) == true)
        .ToArray();

    private static string Layer(Type t) => t.Namespace!.Substring(Root.Length + 1).Split('.')[0];

    private static Type Outermost(Type t)
    {
        while (t.DeclaringType is { } outer) { t = outer; }
        return t;
    }

    [Fact]
    public void Every_namespace_of_the_module_is_a_known_layer()
    {
        var unknown = ModuleTypes.Select(Layer).Distinct().Where(l => !Allowed.ContainsKey(l)).ToList();
        Assert.True(unknown.Count == 0, "namespaces without a place in the layering: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Each_layer_uses_only_the_layers_below_it()
    {
        var wrong = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in ModuleTypes)
        {
            var layer = Layer(type);
            if (!Allowed.TryGetValue(layer, out var allowed)) { continue; }
            foreach (var (used, where) in AssemblyDependencies.Of(type))
            {
                if (used.Assembly != type.Assembly || used.Namespace is null || !used.Namespace.StartsWith(Root + ".", StringComparison.Ordinal)) { continue; }
                var usedLayer = Layer(used);
                if (usedLayer != layer && !allowed.Contains(usedLayer))
                {
                    wrong.Add($"{Outermost(type).FullName} ({where}) uses {Outermost(used).FullName}: {layer} may use only {Describe(allowed)}");
                }
            }
        }
        Assert.True(wrong.Count == 0, "dependencies that run the wrong way:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void PowerShell_types_are_used_only_by_the_cmdlets_and_the_record_adapter()
    {
        var wrong = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in ModuleTypes)
        {
            var outer = Outermost(type);
            var layer = Layer(type);
            var allowed = PowerShellAllowed.TryGetValue(layer + "." + outer.Name, out var forType) ? forType
                : PowerShellAllowed.TryGetValue(layer, out var forLayer) ? forLayer
                : Array.Empty<string>();
            foreach (var (used, where) in AssemblyDependencies.Of(type))
            {
                if (used.Namespace?.StartsWith("System.Management.Automation", StringComparison.Ordinal) != true) { continue; }
                if (!allowed.Any(prefix => used.FullName!.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    wrong.Add($"{outer.FullName} ({where}) uses {used.FullName}");
                }
            }
        }
        Assert.True(wrong.Count == 0, "PowerShell types outside Cmdlets/:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void The_dependency_reader_sees_uses_in_signatures_and_in_method_bodies()
    {
        // Guards the test above against passing because it reads nothing: a cmdlet's use of the session layer
        // (in a body) and of PowerShell (its base type) must both be found.
        var uses = AssemblyDependencies.Of(typeof(SmcMonitoring.Cmdlets.GetSmcLogCommand)).Select(u => u.Used).ToList();
        Assert.Contains(typeof(System.Management.Automation.CmdletAttribute), uses);
        Assert.Contains(uses, t => t.Namespace == "SmcMonitoring.Queries");
        var runner = typeof(SmcMonitoring.Queries.QueryRunner);
        var bodyUses = runner.GetNestedTypes(System.Reflection.BindingFlags.NonPublic).Append(runner)
            .SelectMany(AssemblyDependencies.Of)
            .Where(u => u.Where.StartsWith("body of", StringComparison.Ordinal)).Select(u => u.Used).ToList();
        Assert.Contains(typeof(SmcMonitoring.Protocol.ServerMessageParser), bodyUses);
    }

    private static string Describe(string[] allowed) => allowed.Length == 0 ? "nothing of the module" : string.Join(", ", allowed);
}
