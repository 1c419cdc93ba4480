using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SmcMonitoring.Session;

namespace SmcMonitoring.Cmdlets;

/// <summary>Logs out of this runspace's sessions and closes their sockets when the module is removed.</summary>
public sealed class ModuleLifecycle : IModuleAssemblyCleanup
{
    /// <inheritdoc/>
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (Runspace.DefaultRunspace is { } runspace) { SessionRegistry.DisconnectAll(runspace); }
    }
}
