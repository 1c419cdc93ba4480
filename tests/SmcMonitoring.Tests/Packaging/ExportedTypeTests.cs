using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace SmcMonitoring.Tests.Packaging;

public class ExportedTypeTests
{
    // Windows PowerShell 5.1 calls GetExportedTypes on the module assembly before it runs ModuleInitializer.OnImport,
    // which installs the dependency resolver: until then only the platform can load anything.
    private static readonly string[] AvailableBeforeTheInitializer = { "mscorlib", "netstandard", "System.Management.Automation" };

    [Fact]
    public void Public_types_load_before_the_module_initializer_can_serve_a_dependency()
    {
        var module = StagedModule.Load();
        using var stream = File.OpenRead(Path.Combine(module.Folder, "SmcMonitoring.dll"));
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var requirements = new TypeLoadRequirements(metadata);
        var problems = new List<string>();
        var exported = requirements.ExportedTypes().ToList();
        foreach (var type in exported)
        {
            var early = requirements.AssembliesFor(type).Except(AvailableBeforeTheInitializer, StringComparer.OrdinalIgnoreCase).ToList();
            if (early.Count > 0)
            {
                var definition = metadata.GetTypeDefinition(type);
                problems.Add($"{metadata.GetString(definition.Namespace)}.{metadata.GetString(definition.Name)} needs {string.Join(", ", early)} to load");
            }
        }
        Assert.Contains(exported, type => metadata.GetString(metadata.GetTypeDefinition(type).Name) == "ModuleInitializer");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
