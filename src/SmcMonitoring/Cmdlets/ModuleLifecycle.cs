using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SmcMonitoring.Session;

namespace SmcMonitoring.Cmdlets;

/// <summary>Ends the module's notification subscriptions, logs out of this runspace's sessions and closes their sockets when the module is removed.</summary>
public sealed class ModuleLifecycle : IModuleAssemblyCleanup
{
    /// <inheritdoc/>
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (Runspace.DefaultRunspace is not { } runspace) { return; }
        // PowerShell keeps event subscribers after Remove-Module; end the module's own.
        NotificationSubscriptions.Unsubscribe(runspace.Events, null);
        SessionRegistry.DisconnectAll(runspace);
    }
}
