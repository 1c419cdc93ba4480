using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// Lets Windows PowerShell 5.1 load the module's dependencies (System.Text.Json and what it needs). They ship in the
/// <c>dependencies</c> folder beside SmcMonitoring.dll. The versions they ask of each other differ from the versions
/// shipped (System.Memory asks for System.Runtime.CompilerServices.Unsafe 4.0.4.1, 6.0.0.0 ships), and .NET Framework
/// applies no binding redirects to a module, so on .NET Framework this installs an
/// <see cref="AppDomain.AssemblyResolve"/> handler that serves those requests from that folder, and from nowhere else.
/// PowerShell 7 has newer copies of all of them, loads its own and never looks in the folder; nothing is installed there,
/// and a PowerShell 7 too old to have them (before 7.4) is refused at import with the reason.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    private static int s_installed;

    /// <summary>
    /// True when the process runs on .NET Framework (Windows PowerShell 5.1), where <see cref="object"/> lives in mscorlib
    /// (System.Private.CoreLib on .NET); asked of the core library itself, so that nothing else has to load first.
    /// </summary>
    internal static bool RunsOnNetFramework => typeof(object).Assembly.GetName().Name == "mscorlib";

    /// <inheritdoc/>
    public void OnImport()
    {
        if (RunsOnNetFramework)
        {
            InstallResolver();
            return;
        }
        // Fail the import with the reason, rather than the first command with a missing System.Text.Json 8.0.
        if (RuntimeProblem(Environment.Version) is { } problem) { throw SmcErrors.PowerShellUnsupported.Create(problem); }
    }

    /// <summary>
    /// Why the module cannot run on .NET <paramref name="runtime"/>, or null when it can. PowerShell 7.4 and later run on
    /// .NET 8 or later, whose System.Text.Json is at least the 8.0 the module is built for; older PowerShell 7 releases
    /// bring an older one, which the module's own copy (there for Windows PowerShell) cannot replace.
    /// </summary>
    internal static string? RuntimeProblem(Version runtime) => runtime.Major >= 8
        ? null
        : $"SmcMonitoring needs PowerShell 7.4 or later, or Windows PowerShell 5.1. This PowerShell runs on .NET {runtime.ToString(2)}, "
          + "whose System.Text.Json is older than the 8.0 the module is built for: install PowerShell 7.4 or later.";

    /// <summary>
    /// Installs the handler once per process. It stays when the module is removed: another runspace of the process may
    /// still use the module, and objects it made may still load code of a dependency.
    /// </summary>
    private static void InstallResolver()
    {
        if (Interlocked.Exchange(ref s_installed, 1) == 1) { return; }
        var moduleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? "";
        var dependencies = new DependencyFolder(Path.Combine(moduleFolder, DependencyFolder.Name));
        AppDomain.CurrentDomain.AssemblyResolve += dependencies.Resolve;
    }
}
