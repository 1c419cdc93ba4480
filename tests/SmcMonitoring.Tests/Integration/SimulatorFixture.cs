using System;
using System.Linq;
using System.Threading.Tasks;
using SmcMonitoring.Simulator;
using Xunit;

namespace SmcMonitoring.Tests.Integration;

/// <summary>An in-process simulator on a free loopback port with fixed data, and a runspace with the module.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public const string ApiKey = "fixture-key-0123456789";

    /// <summary>The newest stored record's timestamp: fixed, so time windows are deterministic.</summary>
    public static readonly DateTimeOffset LogEnd = new(2025, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public SmcSimulator Simulator { get; private set; } = null!;

    public PowerShellHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Simulator = await SmcSimulator.StartAsync(new SimulatorOptions
        {
            ApiKey = ApiKey,
            LogRecords = 5000,
            Seed = 7,
            LogEnd = LogEnd,
            LiveRecordsPerSecond = 50,
        });
        Host = new PowerShellHost();
    }

    public async Task DisposeAsync()
    {
        Host.Dispose();
        await Simulator.DisposeAsync();
    }

    /// <summary>Connects the fixture's runspace to the simulator and returns the session.</summary>
    public SmcMonitoring.Session.SmcSession Connect() => Host.Connect(Simulator);

    /// <summary>Logs the session out through the cmdlet.</summary>
    public void Disconnect(SmcMonitoring.Session.SmcSession session) =>
        Host.RunClean("Disconnect-SmcSession -Session $s", new System.Collections.Generic.Dictionary<string, object?> { ["s"] = session });

    /// <summary>The websocket query messages the simulator received, oldest first.</summary>
    public string[] QueryMessages() => Simulator.Requests
        .Where(r => r.Kind == "ws" && r.Body != null && r.Body.Contains("\"query\""))
        .Select(r => r.Body!)
        .ToArray();
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SimulatorCollection : ICollectionFixture<SimulatorFixture>
{
    public const string Name = "simulator";
}
