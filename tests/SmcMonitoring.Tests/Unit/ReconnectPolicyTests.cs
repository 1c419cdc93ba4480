using System;
using System.Linq;
using SmcMonitoring.Protocol;
using Xunit;

namespace SmcMonitoring.Tests.Unit;

public class ReconnectPolicyTests
{
    [Fact]
    public void Waits_double_from_the_first_and_stop_at_the_cap()
    {
        var policy = new ReconnectPolicy { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) };
        Assert.Equal(new[] { 1.0, 2, 4, 8, 16, 30, 30 }, new[] { 1, 2, 3, 4, 5, 6, 50 }.Select(a => policy.DelayBefore(a).TotalSeconds));
        Assert.Equal(0, ReconnectPolicy.None.MaxAttempts);
    }
}
