using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using SmcMonitoring.Cmdlets;
using Xunit;

namespace SmcMonitoring.Tests.Packaging;

/// <summary>
/// Windows PowerShell 5.1 runs on .NET Framework, which applies no binding redirects to a module: a reference binds
/// only to what the platform provides, to the exact identity found beside the assembly that asks, or to what an
/// <see cref="AppDomain.AssemblyResolve"/> handler returns (the module's is <see cref="ModuleInitializer"/> with
/// <see cref="DependencyFolder"/>). These tests hold every shipped assembly to those rules; nothing here can run
/// Windows PowerShell itself.
/// </summary>
public class AssemblyReferenceTests
{
    // What Windows PowerShell 5.1 on .NET Framework 4.7.2 or later provides itself: the framework (netstandard.dll
    // ships with .NET Framework from 4.7.1) and PowerShell's engine. .NET Framework unifies its own assemblies, so a
    // request for an older version is met.
    private static readonly Dictionary<string, Version> ProvidedByWindowsPowerShell = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mscorlib"] = new Version(4, 0, 0, 0),
        ["netstandard"] = new Version(2, 0, 0, 0),
        ["System.Management.Automation"] = new Version(3, 0, 0, 0),
    };

    [Fact]
    public void Every_reference_of_a_shipped_assembly_binds_on_the_NET_Framework()
    {
        var module = StagedModule.Load();
        var resolver = new DependencyFolder(Path.Combine(module.Folder, DependencyFolder.Name));
        var problems = new List<string>();
        foreach (var assembly in module.Assemblies)
        {
            foreach (var reference in assembly.References)
            {
                if (BindingProblem(reference, assembly, module, resolver) is { } problem)
                {
                    problems.Add($"{assembly.Identity.Name} {assembly.Identity.Version} asks for {reference.Name} {reference.Version}: {problem}");
                }
            }
        }
        Assert.True(module.Assemblies.Count > 1, "the staged module ships no dependency");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_module_folder_holds_only_the_module_assembly()
    {
        // In dependencies/ nothing but the module's resolver (on .NET Framework) loads them; beside SmcMonitoring.dll a
        // runtime's own probing could find them outside its rule, and PowerShell 7 could use one instead of its own.
        var module = StagedModule.Load();
        var beside = module.Assemblies.Where(a => a.Folder == module.Folder).Select(a => a.Identity.Name).ToList();
        Assert.Equal(new[] { "SmcMonitoring" }, beside);
    }

    public static TheoryData<string, bool> Requests => new()
    {
        { "System.Buffers, Version=4.0.2.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", true },
        { "System.Buffers, Version=4.0.3.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", true },
        { "system.buffers, Version=4.0.3.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", true },
        { "System.Buffers", true },
        { "System.Buffers, Version=4.0.4.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", false },
        { "System.Buffers, Version=4.0.2.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a", false },
        { "System.Buffers, Version=4.0.2.0, Culture=de, PublicKeyToken=cc7b13ffcd2ddd51", false },
        { "System.Buffers.resources, Version=4.0.3.0, Culture=de, PublicKeyToken=cc7b13ffcd2ddd51", false },
        { "Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed", false },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void The_dependency_folder_stands_in_only_for_what_it_ships_at_that_version_or_older(string requested, bool served)
    {
        const string path = "/module/dependencies/System.Buffers.dll";
        var folder = new DependencyFolder(new[]
        {
            new KeyValuePair<string, AssemblyName>(path, new AssemblyName("System.Buffers, Version=4.0.3.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")),
        });
        Assert.Equal(served ? path : null, folder.FileFor(new AssemblyName(requested)));
    }

    [Fact]
    public void The_dependency_folder_serves_nothing_from_a_folder_that_is_not_there()
    {
        var folder = new DependencyFolder(Path.Combine(Path.GetTempPath(), "smcmon-no-such-folder-" + Guid.NewGuid().ToString("N")));
        Assert.Null(folder.FileFor(new AssemblyName("System.Buffers, Version=4.0.2.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")));
    }

    private static string? BindingProblem(AssemblyName reference, ShippedAssembly requester, StagedModule module, DependencyFolder resolver)
    {
        var name = reference.Name!;
        if (ProvidedByWindowsPowerShell.TryGetValue(name, out var provided))
        {
            return reference.Version <= provided ? null : $"Windows PowerShell 5.1 provides only {provided}";
        }
        var beside = module.Assemblies.FirstOrDefault(a => a.Folder == requester.Folder && string.Equals(a.Identity.Name, name, StringComparison.OrdinalIgnoreCase));
        if (beside is not null && SameIdentity(beside.Identity, reference)) { return null; }
        if (resolver.FileFor(reference) is not null) { return null; }
        return beside is not null
            ? $"{beside.Identity.Version} sits beside it, which .NET Framework does not bind without a redirect, and the module's resolver does not serve it"
            : "nothing ships it beside the assembly, the platform does not provide it, and the module's resolver does not serve it";
    }

    private static bool SameIdentity(AssemblyName shipped, AssemblyName reference) =>
        shipped.Version == reference.Version
        && string.Equals(shipped.CultureName ?? "", reference.CultureName ?? "", StringComparison.OrdinalIgnoreCase)
        && (shipped.GetPublicKeyToken() ?? Array.Empty<byte>()).SequenceEqual(reference.GetPublicKeyToken() ?? Array.Empty<byte>());
}
