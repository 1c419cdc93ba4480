using System;
using System.Linq;
using SmcMonitoring.Errors;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;
using Xunit;
using static SmcMonitoring.Tests.Engine.RunnerHarness;

using SmcMonitoring.Fields;

namespace SmcMonitoring.Tests.Engine;

/// <summary>Live queries: -Duration, reconnection with backoff, and a live table that survives a reconnection.</summary>
public class LiveQueryTests
{
    [Fact]
    public void Duration_ends_a_live_query_normally()
    {
        var plan = LogPlan(QueryKind.Live);
        plan.Limits.Duration = TimeSpan.FromSeconds(60);
        var source = new ScriptedSource().Deliver(Started(3)).Deliver(Logs(3, 0, 4));
        using var h = new RunnerHarness(plan, source);
        h.NextOf(QueryEventKind.Message);
        h.NextOf(QueryEventKind.Message);
        h.Advance(TimeSpan.FromSeconds(60));
        var end = h.End();
        Assert.Equal(QueryEndReason.Duration, end.Reason);
        Assert.Null(end.Failure);
    }

    [Fact]
    public void Silence_is_normal_for_a_live_query_without_a_limit()
    {
        var plan = LogPlan(QueryKind.Live);
        plan.Limits.Duration = TimeSpan.FromHours(2);
        var source = new ScriptedSource().Deliver(Started(3));
        using var h = new RunnerHarness(plan, source);
        h.NextOf(QueryEventKind.Message);
        h.Advance(TimeSpan.FromMinutes(90));
        source.Deliver(Logs(3, 0, 1));
        Assert.Equal(1, h.NextOf(QueryEventKind.Message).RecordCount);
    }

    [Fact]
    public void A_dropped_live_query_waits_with_backoff_reconnects_sends_its_request_again_and_warns_about_the_gap()
    {
        var first = new ScriptedSource().Deliver(Started(3)).Deliver(Logs(3, 0, 2)).Break("reset by peer");
        var second = new ScriptedSource().Deliver(Started(4)).Deliver(Logs(4, 2, 2));
        var plan = LogPlan(QueryKind.Live);
        using var h = new RunnerHarness(plan, first);
        h.NextOf(QueryEventKind.Message);
        h.NextOf(QueryEventKind.Message);
        Assert.Contains("reconnecting in 1 s (attempt 1 of 10)", h.NextOf(QueryEventKind.Notice).Text);
        // The SMC refuses the first attempt: the next one waits twice as long.
        h.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains("reconnecting in 2 s (attempt 2 of 10)", h.NextOf(QueryEventKind.Notice).Text);
        h.Connector.Add(second);
        h.Advance(TimeSpan.FromSeconds(2));
        Assert.Contains("may be missing", h.NextOf(QueryEventKind.Notice).Text);
        h.NextOf(QueryEventKind.Message);
        Assert.Equal(new[] { Address(2), Address(3) }, h.RecordsOf(h.NextOf(QueryEventKind.Message)).Select(Src));
        Assert.Equal(new[] { "{\"query\":{}}" }, second.Sent);
    }

    [Fact]
    public void Reconnection_gives_up_before_the_timeout_and_says_why()
    {
        var plan = LogPlan(QueryKind.Live);
        plan.Limits.Timeout = TimeSpan.FromSeconds(3);
        var source = new ScriptedSource().Deliver(Started(3)).Break("reset by peer");
        using var h = new RunnerHarness(plan, source);
        h.NextOf(QueryEventKind.Message);
        h.NextOf(QueryEventKind.Notice);
        h.Advance(TimeSpan.FromSeconds(1));
        var end = h.End();
        Assert.Same(SmcErrors.ReconnectFailed, end.Failure!.Error);
        Assert.Contains("-TimeoutSec", end.Failure.Message);
    }

    [Fact]
    public void Without_reconnection_a_dropped_live_query_ends_with_the_connection_error()
    {
        var plan = LogPlan(QueryKind.Live);
        plan.Reconnect = Protocol.ReconnectPolicy.None;
        var source = new ScriptedSource().Deliver(Started(3)).Deliver(Logs(3, 0, 2)).Break("reset by peer");
        using var h = new RunnerHarness(plan, source);
        var end = h.End();
        Assert.Same(SmcErrors.ConnectionLost, end.Failure!.Error);
        Assert.Contains("2 records", end.Failure.Message);
    }

    [Fact]
    public void After_a_reconnection_the_snapshot_sent_again_becomes_only_what_changed_meanwhile()
    {
        var first = new ScriptedSource().Deliver(Started(1))
            .Deliver(Rows(1, "added", true, 1, 2, 3)).Deliver(Rows(1, "updated", false, 2)).Break("reset by peer");
        using var h = new RunnerHarness(ConnectionPlan(QueryKind.Live), first);
        h.NextOf(QueryEventKind.Message);
        Assert.Equal(3, h.NextOf(QueryEventKind.Message).RecordCount);
        Assert.Equal(1, h.NextOf(QueryEventKind.Message).RecordCount);
        h.NextOf(QueryEventKind.Notice);
        // While the socket was down: row 1 changed (other address), row 3 went away, row 4 came.
        var second = new ScriptedSource().Deliver(Started(2))
            .Deliver("{\"fetch\":2,\"records\":{\"added\":[" +
                "{\"delta_key\":\"k1\",\"7\":\"10.9.9.9\",\"first_fetch\":true}," +
                "{\"delta_key\":\"k2\",\"7\":\"" + Address(2) + "\",\"first_fetch\":true}," +
                "{\"delta_key\":\"k4\",\"7\":\"" + Address(4) + "\",\"first_fetch\":true}]}}")
            .Deliver(Rows(2, "added", false, 5));
        h.Connector.Add(second);
        h.Advance(TimeSpan.FromSeconds(1));
        h.NextOf(QueryEventKind.Notice);
        var resumed = h.Records.Skip(4).ToList();
        Assert.Empty(resumed);
        h.NextOf(QueryEventKind.Message);
        var changed = h.NextOf(QueryEventKind.Message);
        Assert.Equal(new[] { ("k1", SmcChange.Updated), ("k4", SmcChange.Added) },
            h.RecordsOf(changed).Select(r => ((string)r["DeltaKey"]!, (SmcChange)r["Change"]!)));
        var after = h.NextOf(QueryEventKind.Message);
        Assert.Equal(new[] { ("k3", SmcChange.Deleted), ("k5", SmcChange.Added) },
            h.RecordsOf(after).Select(r => ((string)r["DeltaKey"]!, (SmcChange)r["Change"]!)));
        Assert.Equal(false, h.RecordsOf(after)[0]["FirstFetch"]);
    }

    [Fact]
    public void A_resumed_snapshot_without_an_end_sign_hands_on_the_rows_gone_after_its_silence()
    {
        var first = new ScriptedSource().Deliver(Started(1)).Deliver(Rows(1, "added", true, 1, 2)).Break("reset by peer");
        using var h = new RunnerHarness(ConnectionPlan(QueryKind.Live), first);
        h.NextOf(QueryEventKind.Message);
        h.NextOf(QueryEventKind.Message);
        h.NextOf(QueryEventKind.Notice);
        h.Connector.Add(new ScriptedSource().Deliver(Started(2)).Deliver(Rows(2, "added", true, 1)));
        h.Advance(TimeSpan.FromSeconds(1));
        h.NextOf(QueryEventKind.Notice);
        h.NextOf(QueryEventKind.Message);
        Assert.Equal(0, h.NextOf(QueryEventKind.Message).RecordCount);
        h.Advance(TimeSpan.FromSeconds(10));
        var gone = h.NextOf(QueryEventKind.Message);
        var row = Assert.Single(h.RecordsOf(gone));
        Assert.Equal("k2", row["DeltaKey"]);
        Assert.Equal(SmcChange.Deleted, row["Change"]);
    }
}
