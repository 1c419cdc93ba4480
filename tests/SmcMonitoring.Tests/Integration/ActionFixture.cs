using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using SmcMonitoring.Session;
using SmcMonitoring.Simulator;
using Xunit;

namespace SmcMonitoring.Tests.Integration;

/// <summary>
/// A quiet simulator of its own (tests here change block lists, which the shared fixture's tables must not see), with
/// engines of two types, the snapshot marker (an empty block list ends at once) and API versions on both sides of 7.0.
/// </summary>
public sealed class ActionFixture : IAsyncLifetime
{
    public const string ApiKey = "action-key-0123456789";

    public SmcSimulator Simulator { get; private set; } = null!;

    public PowerShellHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Simulator = await SmcSimulator.StartAsync(new SimulatorOptions
        {
            ApiKey = ApiKey,
            LogRecords = 500,
            Seed = 11,
            SessionChangesPerSecond = 0,
            SnapshotCompleteMarker = true,
            BlockListEntriesPerEngine = 6,
            VpnSasPerEngine = 8,
            ConnectionsPerEngine = 20,
            ApiVersions = new[] { "6.10", "7.1" },
            Engines = new[] { "edge-1", "edge-2", "edge-3", "core-1:fw_cluster", "flush-me", "vpn-1" },
        });
        Host = new PowerShellHost();
    }

    public async Task DisposeAsync()
    {
        Host.Dispose();
        await Simulator.DisposeAsync();
    }

    /// <summary>Connects the fixture's runspace (the session becomes its default) and returns the session.</summary>
    public SmcSession Connect(string? apiVersion = null) =>
        (SmcSession)Host.RunClean("Connect-SmcSession -Url $url -ApiKey $key" + (apiVersion is null ? string.Empty : " -ApiVersion $version"), new Dictionary<string, object?>
        {
            ["url"] = Simulator.BaseUrl.ToString(),
            ["key"] = Simulator.ApiKey,
            ["version"] = apiVersion,
        })[0].BaseObject;

    /// <summary>Runs a script with $s set to <paramref name="session"/>; returns output and errors.</summary>
    public (List<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) Run(string script, SmcSession session)
    {
        var (output, errors) = Host.Run(script, new Dictionary<string, object?> { ["s"] = session });
        return (output.ToList(), errors);
    }

    /// <summary>The REST calls that changed something (POST, PUT, DELETE), except logging in and out.</summary>
    public RecordedRequest[] Writes() => Simulator.Requests
        .Where(r => r.Kind == "http" && (r.Method is "POST" or "PUT" or "DELETE") && !r.Path.EndsWith("login", StringComparison.Ordinal) && !r.Path.EndsWith("/logout", StringComparison.Ordinal))
        .ToArray();

    /// <summary>How many times the engines were listed.</summary>
    public int EngineListings() => Simulator.Requests.Count(r => r.Query != null && r.Query.Contains("filter_context=engine_clusters", StringComparison.Ordinal));
}
