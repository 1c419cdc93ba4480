using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SmcMonitoring.Notifications;
using Xunit;

namespace SmcMonitoring.Tests.Unit;

public class ActionBacklogTests
{
    private static SmcElementChangedEventArgs Change(int id) =>
        new(0, "host", "update", $"http://smc/7.1/elements/host/{id}", DateTime.Now, "{}");

    [Fact]
    public void Events_before_start_wait_capped_and_then_go_in_groups_each_released_by_its_marker()
    {
        var raised = new ConcurrentQueue<string>();
        var passed = new SemaphoreSlim(0);
        var drops = new List<long>();
        using var backlog = new ActionBacklog(40, c => raised.Enqueue(c.ElementId!), d => drops.Add(d));
        backlog.Passed += (_, _) => passed.Release();

        for (var i = 0; i < 100; i++) { backlog.Offer(Change(i)); }
        Thread.Sleep(50);
        Assert.Empty(raised);
        Assert.Equal(40, backlog.Waiting);
        Assert.Equal(60, backlog.Dropped);
        Assert.Equal(new long[] { 1 }, drops);

        backlog.Start();
        Assert.True(passed.Wait(TimeSpan.FromSeconds(5)), "the first group never passed");
        Assert.Equal(Enumerable.Range(60, ActionBacklog.InFlight).Select(i => i.ToString()), raised);
        Assert.False(passed.Wait(TimeSpan.FromMilliseconds(100)), "a second group went before the first one's actions ran");

        backlog.Done();
        Assert.True(passed.Wait(TimeSpan.FromSeconds(5)), "Done did not let the next group through");
        Assert.Equal(Enumerable.Range(60, 2 * ActionBacklog.InFlight).Select(i => i.ToString()), raised);
    }
}
