using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// The assemblies in the module's <c>dependencies</c> folder, and which requested assembly each one stands in for:
/// the same name, culture and public key token, at a version no higher than the one shipped. That is the rule a
/// binding redirect states; Windows PowerShell 5.1 reads no redirects for a module, so <see cref="Resolve"/> applies it
/// when .NET Framework cannot bind a reference on its own.
/// </summary>
/// <remarks>
/// Nothing here may use a type of a dependency: this code runs before any dependency can load.
/// </remarks>
internal sealed class DependencyFolder
{
    /// <summary>The name of the folder, beside SmcMonitoring.dll, that holds the dependencies.</summary>
    public const string Name = "dependencies";

    private readonly Lazy<Dictionary<string, ShippedAssembly>> _shipped;
    private readonly ConcurrentDictionary<string, Assembly> _loaded = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The dependencies in <paramref name="directory"/>, read when first asked for.</summary>
    public DependencyFolder(string directory)
        : this(() => ReadDirectory(directory))
    {
    }

    /// <summary>Dependencies given as files and the identities they carry.</summary>
    internal DependencyFolder(IEnumerable<KeyValuePair<string, AssemblyName>> files)
        : this(() => files.Select(file => new ShippedAssembly(file.Key, file.Value)).ToList())
    {
    }

    private DependencyFolder(Func<IReadOnlyList<ShippedAssembly>> read)
    {
        _shipped = new Lazy<Dictionary<string, ShippedAssembly>>(
            () => read().ToDictionary(assembly => assembly.Identity.Name!, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The path of the shipped file that satisfies <paramref name="requested"/>, or null when none does.</summary>
    public string? FileFor(AssemblyName requested)
    {
        if (requested.Name is null || !_shipped.Value.TryGetValue(requested.Name, out var shipped)) { return null; }
        var identity = shipped.Identity;
        if (!string.Equals(requested.CultureName ?? "", identity.CultureName ?? "", StringComparison.OrdinalIgnoreCase)) { return null; }
        if (requested.GetPublicKeyToken() is { Length: > 0 } token && !token.SequenceEqual(identity.GetPublicKeyToken() ?? Array.Empty<byte>()))
        {
            return null;
        }
        if (requested.Version is { } version && identity.Version is { } available && version > available) { return null; }
        return shipped.Path;
    }

    /// <summary>An <see cref="AppDomain.AssemblyResolve"/> handler that serves only this folder's files.</summary>
    public Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        AssemblyName requested;
        try
        {
            requested = new AssemblyName(args.Name);
        }
        catch (Exception ex) when (ex is ArgumentException or FileLoadException)
        {
            return null;
        }
        var path = FileFor(requested);
        // LoadFrom, as powershell.exe loads the module itself; the cache keeps one copy per file.
        return path is null ? null : _loaded.GetOrAdd(path, Assembly.LoadFrom);
    }

    private static IReadOnlyList<ShippedAssembly> ReadDirectory(string directory)
    {
        var shipped = new List<ShippedAssembly>();
        try
        {
            if (!Directory.Exists(directory)) { return shipped; }
            foreach (var path in Directory.GetFiles(directory, "*.dll"))
            {
                try
                {
                    shipped.Add(new ShippedAssembly(path, AssemblyName.GetAssemblyName(path)));
                }
                catch (BadImageFormatException)
                {
                    // Not an assembly: nothing it could stand in for.
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            // An unreadable folder serves nothing; .NET Framework then reports the reference it could not load.
        }
        return shipped;
    }

    private sealed class ShippedAssembly
    {
        public ShippedAssembly(string path, AssemblyName identity)
        {
            Path = path;
            Identity = identity;
        }

        public string Path { get; }

        public AssemblyName Identity { get; }
    }
}
