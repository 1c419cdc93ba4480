using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SmcMonitoring.Tests.Packaging;

/// <summary>One assembly of the staged module: where it sits, what it is, and what it asks for.</summary>
public sealed record ShippedAssembly(string Path, AssemblyName Identity, IReadOnlyList<AssemblyName> References)
{
    /// <summary>The folder it sits in, which .NET Framework probes for its references.</summary>
    public string Folder => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>Reads an assembly's identity and references without loading it.</summary>
    public static ShippedAssembly Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences.Select(handle => metadata.GetAssemblyReference(handle).GetAssemblyName()).ToList();
        return new ShippedAssembly(path, metadata.GetAssemblyDefinition().GetAssemblyName(), references);
    }
}

/// <summary>
/// The module as build.ps1 stages it (and as the package and the zip ship it): the folder of SMCMON_MODULE, which
/// build.ps1 Test sets, else out/SmcMonitoring of this repository.
/// </summary>
public sealed class StagedModule
{
    private StagedModule(string folder)
    {
        Folder = folder;
        Assemblies = Directory.GetFiles(folder, "*.dll", SearchOption.AllDirectories).OrderBy(path => path, StringComparer.Ordinal)
            .Select(ShippedAssembly.Read).ToList();
    }

    /// <summary>The module folder (the one holding SmcMonitoring.psd1).</summary>
    public string Folder { get; }

    /// <summary>Every assembly shipped, in the module folder and below it.</summary>
    public IReadOnlyList<ShippedAssembly> Assemblies { get; }

    /// <summary>The staged module; fails with what to run when there is none.</summary>
    public static StagedModule Load()
    {
        var folder = Locate();
        if (!File.Exists(Path.Combine(folder, "SmcMonitoring.dll")))
        {
            throw new InvalidOperationException($"There is no staged module in {folder}: run dotnet pwsh ./build.ps1 Build first (build.ps1 Test does).");
        }
        return new StagedModule(folder);
    }

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("SMCMON_MODULE") is { Length: > 0 } manifest)
        {
            return Path.GetDirectoryName(Path.GetFullPath(manifest))!;
        }
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SmcMonitoring.sln"))) { directory = directory.Parent; }
        if (directory is null) { throw new InvalidOperationException("Cannot find the repository (SmcMonitoring.sln) above " + AppContext.BaseDirectory); }
        return Path.Combine(directory.FullName, "out", "SmcMonitoring");
    }
}
