using System;
using System.Linq;
using SmcMonitoring.Queries;
using Xunit;
using static SmcMonitoring.Tests.Engine.RunnerHarness;

namespace SmcMonitoring.Tests.Engine;

/// <summary>When a session monitor's snapshot is complete: each sign a real SMC may give, and silence without one.</summary>
public class SnapshotQueryTests
{
    private static int[] Range(int from, int count) => Enumerable.Range(from, count).ToArray();

    [Fact]
    public void The_first_row_without_first_fetch_after_snapshot_rows_ends_it_and_is_not_written()
    {
        var source = new ScriptedSource().Deliver(Started(1))
            .Deliver(Rows(1, "added", true, Range(0, 200))).Deliver(Rows(1, "added", true, Range(200, 50)))
            .Deliver(Rows(1, "updated", false, 3));
        using var h = new RunnerHarness(ConnectionPlan(QueryKind.Snapshot), source);
        var end = h.End();
        Assert.Equal(QueryEndReason.SnapshotComplete, end.Reason);
        Assert.Equal(250, h.Records.Count);
        Assert.Contains(h.Notices(NoticeLevel.Verbose), n => n.Contains("first change"));
    }

    [Fact]
    public void The_all_sessions_sent_row_ends_it_and_is_not_a_row()
    {
        var source = new ScriptedSource().Deliver(Started(1))
            .Deliver("{\"fetch\":1,\"records\":{\"added\":[{\"delta_key\":\"a\",\"7\":\"10.0.0.1\",\"first_fetch\":true},{\"302\":\"4\"},{\"delta_key\":\"b\",\"7\":\"10.0.0.2\"}]}}");
        using var h = new RunnerHarness(ConnectionPlan(QueryKind.Snapshot), source);
        Assert.Equal(QueryEndReason.SnapshotComplete, h.End().Reason);
        Assert.Equal(new[] { "10.0.0.1" }, h.Records.Select(Src));
        Assert.Contains(h.Notices(NoticeLevel.Verbose), n => n.Contains("SessionEvent 4"));
    }

    [Fact]
    public void Batches_seconds_apart_do_not_end_it_and_silence_after_a_short_batch_does_with_a_verbose_line()
    {
        var source = new ScriptedSource().Deliver(Started(1)).Deliver(Rows(1, "added", true, Range(0, 200)));
        using var h = new RunnerHarness(ConnectionPlan(QueryKind.Snapshot), source);
        h.NextOf(QueryEventKind.Message);
        Assert.Equal(200, h.NextOf(QueryEventKind.Message).RecordCount);
        h.Advance(TimeSpan.FromSeconds(5));
        source.Deliver(Rows(1, "added", true, Range(200, 200)));
        h.NextOf(QueryEventKind.Message);
        h.Advance(TimeSpan.FromSeconds(9));
        source.Deliver(Rows(1, "added", true, Range(400, 17)));
        h.NextOf(QueryEventKind.Message);
        h.Advance(TimeSpan.FromSeconds(2));
        var end = h.End();
        Assert.Equal(QueryEndReason.SnapshotSilence, end.Reason);
        Assert.Null(end.Failure);
        Assert.Equal(417, h.Records.Count);
        Assert.Contains(h.Notices(NoticeLevel.Verbose), n => n.Contains("ended after 2 s of silence"));
    }

    [Fact]
    public void Rows_without_any_first_fetch_key_are_the_table_and_its_changes_are_left_out()
    {
        var source = new ScriptedSource().Deliver(Started(1)).Deliver(Rows(1, "added", null, Range(0, 200)))
            .Deliver(Rows(1, "updated", null, 5)).Deliver(Rows(1, "added", null, Range(200, 200)));
        using var h = new RunnerHarness(ConnectionPlan(QueryKind.Snapshot), source);
        for (var i = 0; i < 4; i++) { h.NextOf(QueryEventKind.Message); }
        h.Advance(TimeSpan.FromSeconds(10));
        var end = h.End();
        Assert.Equal(QueryEndReason.SnapshotSilence, end.Reason);
        Assert.Equal(400, h.Records.Count);
        Assert.Contains(h.Notices(NoticeLevel.Verbose), n => n.Contains("marks neither") && n.Contains("1 change rows"));
    }

    [Fact]
    public void An_engine_that_sends_nothing_gives_an_empty_table_without_an_error_within_ten_seconds()
    {
        var source = new ScriptedSource().Deliver(Started(1));
        using var h = new RunnerHarness(ConnectionPlan(QueryKind.Snapshot), source);
        h.NextOf(QueryEventKind.Message);
        h.Advance(TimeSpan.FromSeconds(10));
        var end = h.End();
        Assert.Equal(QueryEndReason.SnapshotSilence, end.Reason);
        Assert.Null(end.Failure);
        Assert.Empty(h.Records);
        Assert.Contains(h.Notices(NoticeLevel.Verbose), n => n.Contains("no row"));
    }

    [Fact]
    public void An_empty_records_message_is_a_short_batch()
    {
        var source = new ScriptedSource().Deliver(Started(1)).Deliver("{\"fetch\":1,\"records\":{\"added\":[],\"updated\":[],\"deleted\":[]}}");
        using var h = new RunnerHarness(ConnectionPlan(QueryKind.Snapshot), source);
        h.NextOf(QueryEventKind.Message);
        h.NextOf(QueryEventKind.Message);
        h.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(QueryEndReason.SnapshotSilence, h.End().Reason);
    }

    [Fact]
    public void A_first_fetch_false_row_with_no_snapshot_row_before_it_means_an_empty_table()
    {
        var source = new ScriptedSource().Deliver(Started(1)).Deliver(Rows(1, "added", false, 9));
        using var h = new RunnerHarness(ConnectionPlan(QueryKind.Snapshot), source);
        Assert.Equal(QueryEndReason.SnapshotComplete, h.End().Reason);
        Assert.Empty(h.Records);
    }

    [Fact]
    public void A_snapshot_that_never_falls_silent_is_cut_after_two_minutes_with_a_warning()
    {
        var source = new ScriptedSource().Deliver(Started(1));
        using var h = new RunnerHarness(ConnectionPlan(QueryKind.Snapshot), source);
        h.NextOf(QueryEventKind.Message);
        for (var second = 0; second < 120; second += 5)
        {
            source.Deliver(Rows(1, "added", null, Range(second * 200, 200)));
            h.NextOf(QueryEventKind.Message);
            h.Advance(TimeSpan.FromSeconds(5));
        }
        var end = h.End();
        Assert.Equal(QueryEndReason.SnapshotCap, end.Reason);
        Assert.Null(end.Failure);
        var warning = Assert.Single(h.Notices(NoticeLevel.Warning), n => n.Contains("did not end by itself"));
        // No -TimeoutSec was given: the text names the default cap and how to change it, never "-TimeoutSec (...) passed".
        Assert.Contains("within 120 s", warning);
        Assert.Contains("-TimeoutSec to allow a longer snapshot", warning);
        Assert.DoesNotContain("passed", warning);
    }

    [Fact]
    public void InactivityTimeoutSec_replaces_the_snapshot_silence()
    {
        var plan = ConnectionPlan(QueryKind.Snapshot);
        plan.Limits.Inactivity = TimeSpan.FromSeconds(30);
        var source = new ScriptedSource().Deliver(Started(1)).Deliver(Rows(1, "added", true, 1));
        using var h = new RunnerHarness(plan, source);
        h.NextOf(QueryEventKind.Message);
        h.NextOf(QueryEventKind.Message);
        h.Advance(TimeSpan.FromSeconds(29));
        source.Deliver(Rows(1, "added", true, 2));
        h.NextOf(QueryEventKind.Message);
        h.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(QueryEndReason.SnapshotSilence, h.End().Reason);
        Assert.Equal(2, h.Records.Count);
    }
}
