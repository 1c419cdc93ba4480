using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmcMonitoring.Simulator;
using Xunit;

namespace SmcMonitoring.Tests.Integration;

/// <summary>A simulator with 100,000 stored records (one a second up to <see cref="LogEnd"/>), for exact counts of whole fetches.</summary>
public sealed class LargeLogFixture : IAsyncLifetime
{
    public const int Records = 100_000;

    public static readonly DateTimeOffset LogEnd = new(2025, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public SmcSimulator Simulator { get; private set; } = null!;

    public PowerShellHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Simulator = await SmcSimulator.StartAsync(new SimulatorOptions { ApiKey = SimulatorFixture.ApiKey, LogRecords = Records, Seed = 11, LogEnd = LogEnd });
        Host = new PowerShellHost();
    }

    public async Task DisposeAsync()
    {
        Host.Dispose();
        await Simulator.DisposeAsync();
    }
}

/// <summary>Whole fetches of a big log: -All and time windows return the simulator's exact counts.</summary>
public sealed class LargeLogTests : IClassFixture<LargeLogFixture>
{
    private const string LogEnd = "[datetime]::new(2025, 11, 1, 12, 0, 0, [DateTimeKind]::Utc)";

    private readonly LargeLogFixture _fixture;

    public LargeLogTests(LargeLogFixture fixture) => _fixture = fixture;

    private long Count(string parameters)
    {
        var output = _fixture.Host.RunClean(
            "$s = Connect-SmcSession -Url $url -ApiKey $key; try { (Get-SmcLog -Session $s " + parameters + " | Measure-Object).Count } finally { Disconnect-SmcSession -Session $s }",
            new Dictionary<string, object?> { ["url"] = _fixture.Simulator.BaseUrl.ToString(), ["key"] = _fixture.Simulator.ApiKey });
        return Convert.ToInt64(output.Single().BaseObject);
    }

    [Fact]
    public void All_returns_every_one_of_100000_records()
    {
        Assert.Equal(LargeLogFixture.Records, Count("-All"));
    }

    [Fact]
    public void A_window_returns_every_record_in_it_without_MaxRecords()
    {
        // The oldest record is at LogEnd - 99,999 s: a window from it to past the newest holds all 100,000.
        Assert.Equal(LargeLogFixture.Records, Count($"-Since ({LogEnd}.AddSeconds(-99999)) -Until ({LogEnd}.AddSeconds(1))"));
    }
}
