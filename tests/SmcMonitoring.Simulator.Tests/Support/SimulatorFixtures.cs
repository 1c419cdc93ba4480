using System;
using System.Threading.Tasks;
using Xunit;

namespace SmcMonitoring.Simulator.Tests.Support;

/// <summary>A simulator on a free loopback port with fixed data, shared by the tests of one class.</summary>
public abstract class SimulatorFixture : IAsyncLifetime
{
    public const string ApiKey = "test-key-0123";
    public const string UserName = "sim admin";
    public const string Password = "p+ss word&1";

    /// <summary>The newest stored record: fixed (with milliseconds) so windows and renderings are predictable.</summary>
    public static readonly DateTimeOffset LogEnd = new(2024, 1, 15, 12, 0, 0, 250, TimeSpan.Zero);

    public SmcSimulator Simulator { get; private set; } = null!;

    public async Task InitializeAsync() => Simulator = await SmcSimulator.StartAsync(Options());

    public async Task DisposeAsync() => await Simulator.DisposeAsync();

    public Task<SmcTestClient> LoginAsync(string version = "7.1") => SmcTestClient.LoginAsync(Simulator, version);

    protected virtual SimulatorOptions Options() => new()
    {
        ApiKey = ApiKey,
        UserName = UserName,
        Password = Password,
        LogRecords = 1000,
        Seed = 42,
        LogEnd = LogEnd,
        LiveRecordsPerSecond = 100,
    };
}

public sealed class CookieSimulatorFixture : SimulatorFixture;

public sealed class TokenSimulatorFixture : SimulatorFixture
{
    protected override SimulatorOptions Options()
    {
        var options = base.Options();
        options.TokenMode = true;
        return options;
    }
}

/// <summary>Two million stored records: enough that a fetch is still streaming when the test aborts it.</summary>
public sealed class LargeSimulatorFixture : SimulatorFixture
{
    protected override SimulatorOptions Options()
    {
        var options = base.Options();
        options.LogRecords = 2_000_000;
        return options;
    }
}

/// <summary>Quiet engines (no changes after the snapshot) that end every snapshot with a SessionEvent 4 record.</summary>
public sealed class SessionSimulatorFixture : SimulatorFixture
{
    public const int Connections = 450;

    protected override SimulatorOptions Options()
    {
        var options = base.Options();
        options.SessionChangesPerSecond = 0;
        options.SnapshotCompleteMarker = true;
        options.ConnectionsPerEngine = Connections;
        return options;
    }
}

/// <summary>Busy engines: small tables changing fast, with the snapshot marker.</summary>
public sealed class BusySessionSimulatorFixture : SimulatorFixture
{
    protected override SimulatorOptions Options()
    {
        var options = base.Options();
        options.SessionChangesPerSecond = 200;
        options.SnapshotCompleteMarker = true;
        options.ConnectionsPerEngine = 100;
        return options;
    }
}

/// <summary>No background element changes, and an old API version (6.5) beside a new one for the two event shapes.</summary>
public sealed class NotificationSimulatorFixture : SimulatorFixture
{
    protected override SimulatorOptions Options()
    {
        var options = base.Options();
        options.NotificationsPerSecond = 0;
        options.ApiVersions = new[] { "6.5", "7.1" };
        return options;
    }
}
