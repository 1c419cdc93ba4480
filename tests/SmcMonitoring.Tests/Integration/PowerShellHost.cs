using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace SmcMonitoring.Tests.Integration;

/// <summary>A runspace with the module imported from its manifest, as a user would import it.</summary>
public sealed class PowerShellHost : IDisposable
{
    public PowerShellHost()
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(ManifestPath);
        Runspace = RunspaceFactory.CreateRunspace(state);
        Runspace.Open();
    }

    public static string ManifestPath => Path.Combine(AppContext.BaseDirectory, "SmcMonitoring.psd1");

    public Runspace Runspace { get; }

    /// <summary>Runs a script with variables set; returns its output and the errors it wrote.</summary>
    public (Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) Run(string script, IDictionary<string, object?>? variables = null)
    {
        // Event actions (Register-SmcNotification -Action) run as pipelines of this runspace between the tests'
        // calls; a call that meets one is refused before it starts, so it waits its turn.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return RunOnce(script, variables);
            }
            catch (PSInvalidOperationException ex) when (DateTime.UtcNow < deadline && IsBusy(ex))
            {
                System.Threading.Thread.Sleep(10);
            }
        }
    }

    private static bool IsBusy(PSInvalidOperationException ex) =>
        ex.Message.Contains("already running", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("Concurrent", StringComparison.Ordinal);

    private (Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) RunOnce(string script, IDictionary<string, object?>? variables)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = Runspace;
        foreach (var variable in variables ?? new Dictionary<string, object?>())
        {
            Runspace.SessionStateProxy.SetVariable(variable.Key, variable.Value);
        }
        shell.AddScript(script);
        Collection<PSObject> output;
        try
        {
            output = shell.Invoke();
        }
        catch (RuntimeException ex)
        {
            return (new Collection<PSObject>(), new[] { ex.ErrorRecord });
        }
        return (output, shell.Streams.Error.ToList());
    }

    /// <summary>Runs a script with its warnings merged into the output stream, and hands the three apart.</summary>
    public (List<object> Output, IReadOnlyList<ErrorRecord> Errors, List<string> Warnings) RunWithWarnings(string script, IDictionary<string, object?>? variables = null)
    {
        var (output, errors) = Run("& { " + script + " } 3>&1", variables);
        var objects = output.Select(o => o.BaseObject).ToList();
        var warnings = objects.OfType<WarningRecord>().Select(w => w.Message).ToList();
        return (objects.Where(o => o is not WarningRecord).ToList(), errors, warnings);
    }

    /// <summary>Connects this runspace to <paramref name="simulator"/> with its API key and returns the session.</summary>
    public SmcMonitoring.Session.SmcSession Connect(SmcMonitoring.Simulator.SmcSimulator simulator) =>
        (SmcMonitoring.Session.SmcSession)RunClean("Connect-SmcSession -Url $url -ApiKey $key", new Dictionary<string, object?>
        {
            ["url"] = simulator.BaseUrl.ToString(),
            ["key"] = simulator.ApiKey,
        })[0].BaseObject;

    /// <summary>Runs a script that must not write errors.</summary>
    public Collection<PSObject> RunClean(string script, IDictionary<string, object?>? variables = null)
    {
        var (output, errors) = Run(script, variables);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The script wrote errors: " + string.Join(" | ", errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)));
        }
        return output;
    }

    public void Dispose()
    {
        Runspace.Dispose();
    }
}
