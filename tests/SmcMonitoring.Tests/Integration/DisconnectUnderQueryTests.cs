using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using SmcMonitoring.Session;
using Xunit;

namespace SmcMonitoring.Tests.Integration;

/// <summary>A session logged out, or the module removed, in one runspace while a query of that session runs in another.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class DisconnectUnderQueryTests
{
    private readonly SimulatorFixture _fixture;

    public DisconnectUnderQueryTests(SimulatorFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("Disconnect-SmcSession -Session $s")]
    [InlineData("Remove-Module SmcMonitoring")]
    public void A_live_query_in_another_runspace_ends_with_SmcSessionDisconnected(string stop)
    {
        using var owner = new PowerShellHost();
        using var other = new PowerShellHost();
        var session = owner.Connect(_fixture.Simulator);

        using var query = PowerShell.Create();
        query.Runspace = other.Runspace;
        query.AddCommand("Get-SmcLog").AddParameter("Session", session).AddParameter("Live").AddParameter("TimeoutSec", 60);
        var output = new PSDataCollection<PSObject>();
        var running = query.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.True(SpinWait.SpinUntil(() => output.Count > 0, TimeSpan.FromSeconds(20)), "the live query returned nothing");

        owner.RunClean(stop, new Dictionary<string, object?> { ["s"] = session });

        Assert.True(running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(20)), "the live query still runs after its session was logged out");
        query.EndInvoke(running);
        var error = Assert.Single(query.Streams.Error);
        Assert.StartsWith("SmcSessionDisconnected", error.FullyQualifiedErrorId);
        Assert.Contains("disconnected", error.Exception.Message);
        Assert.IsNotType<ObjectDisposedException>(error.Exception.InnerException);
        Assert.False(session.IsConnected);
        Assert.Equal(0, session.OpenSocketCount);
    }
}
