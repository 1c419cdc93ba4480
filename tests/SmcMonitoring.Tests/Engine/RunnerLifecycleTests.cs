using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Queries;
using Xunit;
using static SmcMonitoring.Tests.Engine.RunnerHarness;

namespace SmcMonitoring.Tests.Engine;

/// <summary>How a runner reads ahead, stops at a given message, is cancelled and is disposed.</summary>
public class RunnerLifecycleTests
{
    [Fact]
    public void A_slow_reader_slows_the_source_instead_of_buffering_every_message()
    {
        var source = new ScriptedSource().Deliver(Started(1));
        for (var m = 0; m < 50; m++) { source.Deliver(Logs(1, m * 10, 10)); }
        using var h = new RunnerHarness(LogPlan(), source);
        h.NextOf(QueryEventKind.Message);
        SpinWait.SpinUntil(() => source.Receives >= 8, TimeSpan.FromSeconds(5));
        Thread.Sleep(50);
        Assert.InRange(source.Receives, 8, 9);
        for (var m = 0; m < 10; m++) { h.NextOf(QueryEventKind.Message); }
        SpinWait.SpinUntil(() => source.Receives >= 18, TimeSpan.FromSeconds(5));
        Thread.Sleep(50);
        Assert.InRange(source.Receives, 18, 19);
    }

    [Fact]
    public void A_reader_that_stops_at_message_k_gets_exactly_the_first_k_and_the_query_is_aborted()
    {
        var source = new ScriptedSource().Deliver(Started(11));
        for (var m = 0; m < 20; m++) { source.Deliver(Logs(11, m * 10, 10)); }
        using (var h = new RunnerHarness(LogPlan(), source))
        {
            h.NextOf(QueryEventKind.Message);
            for (var m = 0; m < 5; m++) { h.NextOf(QueryEventKind.Message); }
            Assert.Equal(Enumerable.Range(0, 50).Select(Address), h.Records.Select(Src));
        }
        Assert.Contains("{\"abort\":11}", source.Sent);
        Assert.True(source.Aborted);
    }

    [Fact]
    public async Task Cancelling_the_wait_throws_and_disposing_still_aborts_and_closes()
    {
        var source = new ScriptedSource().Deliver(Started(12));
        var runner = new QueryRunner(LogPlan(), new ScriptedConnector(source), new ManualClock());
        Assert.Equal(QueryEventKind.Message, (await runner.NextAsync(CancellationToken.None))!.Kind);
        using var cancel = new CancellationTokenSource();
        var waiting = runner.NextAsync(cancel.Token);
        await Task.Delay(20);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        runner.Dispose();
        Assert.Equal(new[] { "{\"query\":{}}", "{\"abort\":12}" }, source.Sent);
        Assert.True(source.CloseSent);
        Assert.True(source.Aborted);
    }

    [Fact]
    public async Task Disposing_in_the_middle_of_parsing_big_messages_ends_cleanly()
    {
        var big = new StringBuilder("{\"fetch\":2,\"records\":[");
        for (var i = 0; i < 200_000; i++) { big.Append(i == 0 ? string.Empty : ",").Append("{\"7\":\"10.1.2.3\",\"19\":\"a message\"}"); }
        var message = big.Append("]}").ToString();
        var source = new ScriptedSource().Deliver(Started(2));
        for (var m = 0; m < 6; m++) { source.Deliver(message); }
        var runner = new QueryRunner(LogPlan(), new ScriptedConnector(source), new ManualClock());
        await runner.NextAsync(CancellationToken.None);
        _ = runner.NextAsync(CancellationToken.None);
        runner.Dispose();
        Assert.True(source.Aborted);
        Assert.Contains("{\"abort\":2}", source.Sent);
    }

    [Fact]
    public void A_runner_disposed_before_it_started_sends_nothing()
    {
        var source = new ScriptedSource();
        new QueryRunner(LogPlan(), new ScriptedConnector(source), new ManualClock()).Dispose();
        Assert.Empty(source.Sent);
    }

    [Fact]
    public void Several_runners_stream_together_through_the_driver_on_the_calling_thread()
    {
        var east = new ScriptedSource().Deliver(Started(1)).Deliver(Logs(1, 0, 3)).Deliver("{\"fetch\":1,\"end\":\"end of data\"}");
        var west = new ScriptedSource().Deliver(Started(2)).Deliver(Logs(2, 100, 2)).Deliver("{\"fetch\":2,\"end\":\"end of data\"}");
        var runners = new[] { new QueryRunner(LogPlan(), new ScriptedConnector(east)), new QueryRunner(LogPlan(), new ScriptedConnector(west)) };
        var listener = new RecordingListener();
        QueryDriver.Run(runners, listener, CancellationToken.None);
        foreach (var runner in runners) { runner.Dispose(); }
        Assert.Equal(5, listener.Records);
        Assert.Equal(2, listener.Ends);
        Assert.All(listener.Threads, id => Assert.Equal(Environment.CurrentManagedThreadId, id));
    }

    private sealed class RecordingListener : IQueryListener
    {
        public int Records { get; private set; }

        public int Ends { get; private set; }

        public System.Collections.Generic.List<int> Threads { get; } = new();

        public void OnMessage(QueryRunner runner, QueryEvent message)
        {
            Threads.Add(Environment.CurrentManagedThreadId);
            Records += message.RecordCount;
        }

        public void OnNotice(QueryRunner runner, NoticeLevel level, string text) => Threads.Add(Environment.CurrentManagedThreadId);

        public void OnError(QueryRunner runner, Errors.SmcException error) => Threads.Add(Environment.CurrentManagedThreadId);

        public void OnEnd(QueryRunner runner, QueryEnd end)
        {
            Threads.Add(Environment.CurrentManagedThreadId);
            Ends++;
        }
    }
}
