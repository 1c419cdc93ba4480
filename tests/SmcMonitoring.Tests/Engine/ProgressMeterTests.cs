using System;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Protocol;
using SmcMonitoring.Queries;
using Xunit;

namespace SmcMonitoring.Tests.Engine;

/// <summary>When a stored search shows progress, on a clock the test moves.</summary>
public class ProgressMeterTests
{
    [Fact]
    public void Nothing_is_shown_in_the_first_second_then_a_few_updates_a_second()
    {
        var clock = new ManualClock();
        var meter = new ProgressMeter(clock);
        clock.Advance(TimeSpan.FromMilliseconds(900));
        Assert.False(meter.Observe(1000, "Querying...", out _));
        Assert.False(meter.Shown);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(meter.Observe(2000, null, out var first));
        Assert.True(meter.Shown);
        Assert.Equal(2000, first.Records);
        Assert.Equal(2000, first.RatePerSecond, 3);
        Assert.Equal("Querying...", first.Status);
        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.False(meter.Observe(2400, "Querying, filtering at 2025-11-01 11:00:00, scanned 1 hour", out _));
        clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.True(meter.Observe(2500, null, out var second));
        Assert.Equal(2000, second.RatePerSecond, 3);
        Assert.Equal("Querying, filtering at 2025-11-01 11:00:00, scanned 1 hour", second.Status);
    }

    [Fact]
    public void A_search_with_nothing_to_show_shows_nothing()
    {
        var clock = new ManualClock();
        var meter = new ProgressMeter(clock);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(meter.Observe(0, null, out _));
        Assert.False(meter.Observe(0, "  ", out _));
        Assert.False(meter.Shown);
        Assert.True(meter.Observe(0, "Querying...", out _));
    }
}

/// <summary>A clock that moves by a fixed step each time it is read, so that a search seems to take as long as a test needs.</summary>
internal sealed class SteppingClock : IClock
{
    private readonly long _stepTicks;
    private long _ticks;

    public SteppingClock(TimeSpan step) => _stepTicks = step.Ticks;

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Add(ref _ticks, _stepTicks));

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken) => Task.CompletedTask;
}
