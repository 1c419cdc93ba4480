using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Errors;
using SmcMonitoring.Queries;
using Xunit;
using static SmcMonitoring.Tests.Engine.RunnerHarness;

namespace SmcMonitoring.Tests.Engine;

/// <summary>The runner's rules for stored logs, over a scripted source and a clock the test moves.</summary>
public class StoredQueryTests
{
    [Fact]
    public void Records_arrive_in_message_order_and_the_end_ends_the_query_then_the_abort_echoes_a_negative_fetch_id()
    {
        var source = new ScriptedSource().Deliver(Started(-1616514795));
        for (var m = 0; m < 20; m++) { source.Deliver(Logs(-1616514795, m * 200, 200)); }
        source.Deliver("{\"fetch\":-1616514795,\"end\":\"end of data\"}");
        using (var h = new RunnerHarness(LogPlan(), source))
        {
            var end = h.End();
            Assert.Equal(QueryEndReason.Completed, end.Reason);
            Assert.Null(end.Failure);
            Assert.Equal(Enumerable.Range(0, 4000).Select(Address), h.Records.Select(Src));
            Assert.Equal(new[] { "{\"query\":{}}" }, source.Sent);
        }
        Assert.Equal(new[] { "{\"query\":{}}", "{\"abort\":-1616514795}" }, source.Sent);
        Assert.True(source.CloseSent);
        Assert.True(source.Aborted);
    }

    [Fact]
    public void MaxRecords_is_exact_whatever_the_smc_sends_and_the_rest_is_not_read()
    {
        var plan = LogPlan();
        plan.Limits.MaxRecords = 250;
        var source = new ScriptedSource().Deliver(Started(7)).Deliver(Logs(7, 0, 200)).Deliver(Logs(7, 200, 200)).Deliver(Logs(7, 400, 200));
        using var h = new RunnerHarness(plan, source);
        var end = h.End();
        Assert.Equal(QueryEndReason.RecordLimit, end.Reason);
        Assert.Equal(250, end.Records);
        Assert.Equal(Enumerable.Range(0, 250).Select(Address), h.Records.Select(Src));
    }

    [Fact]
    public void A_limit_that_warns_when_cut_warns_after_its_records_when_one_more_record_came()
    {
        var plan = LogPlan();
        plan.Limits.MaxRecords = 200;
        plan.Limits.WarnWhenCut = "cut by the default";
        // The 201st record comes alone in a second message, as the SMC sends a quantity of 201.
        var source = new ScriptedSource().Deliver(Started(7)).Deliver(Logs(7, 0, 200)).Deliver(Logs(7, 200, 1)).Deliver("{\"fetch\":7,\"end\":\"end of data\"}");
        using var h = new RunnerHarness(plan, source);
        var end = h.End();
        Assert.Equal(QueryEndReason.RecordLimit, end.Reason);
        Assert.Equal(Enumerable.Range(0, 200).Select(Address), h.Records.Select(Src));
        Assert.Equal(new[] { "cut by the default" }, h.Notices(NoticeLevel.Warning));
        var lastRecords = h.Events.FindLastIndex(e => e.Kind == QueryEventKind.Message && e.RecordCount > 0);
        Assert.True(h.Events.FindIndex(e => e.Kind == QueryEventKind.Notice && e.Level == NoticeLevel.Warning) > lastRecords, "the warning came before the records");
    }

    [Fact]
    public void A_limit_that_warns_when_cut_is_silent_when_exactly_that_many_records_matched()
    {
        var plan = LogPlan();
        plan.Limits.MaxRecords = 200;
        plan.Limits.WarnWhenCut = "cut by the default";
        var source = new ScriptedSource().Deliver(Started(7)).Deliver(Logs(7, 0, 200)).Deliver("{\"fetch\":7,\"end\":\"end of data\"}");
        using var h = new RunnerHarness(plan, source);
        Assert.Equal(QueryEndReason.Completed, h.End().Reason);
        Assert.Equal(200, h.Records.Count);
        Assert.Empty(h.Notices(NoticeLevel.Warning));
    }

    [Fact]
    public void A_limit_that_warns_when_cut_warns_when_the_extra_record_shares_a_message()
    {
        var plan = LogPlan();
        plan.Limits.MaxRecords = 150;
        plan.Limits.WarnWhenCut = "cut";
        var source = new ScriptedSource().Deliver(Started(7)).Deliver(Logs(7, 0, 200)).Deliver("{\"fetch\":7,\"end\":\"end of data\"}");
        using var h = new RunnerHarness(plan, source);
        Assert.Equal(QueryEndReason.RecordLimit, h.End().Reason);
        Assert.Equal(150, h.Records.Count);
        Assert.Equal(new[] { "cut" }, h.Notices(NoticeLevel.Warning));
    }

    [Fact]
    public void One_huge_message_is_parsed_only_as_far_as_the_records_still_wanted()
    {
        var plan = LogPlan();
        plan.Limits.MaxRecords = 200;
        var empty = new StringBuilder("{\"fetch\":3,\"records\":[");
        for (var i = 0; i < 1_000_000; i++) { empty.Append(i == 0 ? "{}" : ",{}"); }
        var source = new ScriptedSource().Deliver(Started(3)).Deliver(empty.Append("]}").ToString());
        using var h = new RunnerHarness(plan, source);
        var end = h.End();
        Assert.Equal(QueryEndReason.RecordLimit, end.Reason);
        Assert.Equal(200, h.Records.Count);
        Assert.Equal(999_800, h.Events.Single(e => e.Message?.HasRecords == true).Message!.RecordsOverLimit);
    }

    [Fact]
    public void An_end_that_is_not_text_or_belongs_to_another_fetch_ends_nothing_and_says_so()
    {
        var source = new ScriptedSource().Deliver(Started(5)).Deliver("{\"end\":[]}").Deliver(Logs(5, 0, 10))
            .Deliver("{\"fetch\":6,\"end\":\"end of data\"}").Deliver(Logs(5, 10, 10)).Deliver("{\"fetch\":5,\"end\":\"end of data\"}");
        using var h = new RunnerHarness(LogPlan(), source);
        Assert.Equal(QueryEndReason.Completed, h.End().Reason);
        Assert.Equal(20, h.Records.Count);
        var warnings = h.Notices(NoticeLevel.Warning);
        Assert.Contains(warnings, w => w.Contains("not text") && w.Contains("[]"));
        Assert.Contains(warnings, w => w.Contains("fetch 6") && w.Contains("ignored"));
    }

    [Fact]
    public void Records_of_the_wrong_type_are_a_warning_with_their_positions()
    {
        var source = new ScriptedSource().Deliver(Started(5))
            .Deliver("{\"fetch\":5,\"records\":[1,\"x\",null,{\"7\":\"10.9.9.9\"},[2]]}").Deliver("{\"fetch\":5,\"end\":\"end of data\"}");
        using var h = new RunnerHarness(LogPlan(), source);
        h.End();
        Assert.Equal(new[] { "10.9.9.9" }, h.Records.Select(Src));
        Assert.Contains(h.Notices(NoticeLevel.Warning), w => w.Contains("4 records that are not JSON objects") && w.Contains("positions 0, 1, 2, 4"));
    }

    [Fact]
    public void A_message_that_is_not_utf8_costs_that_message_and_the_fetch_goes_on()
    {
        var invalid = Encoding.UTF8.GetBytes("{\"fetch\":5,\"records\":[{\"7\":\"10.0.0.1\",\"19\":\"\u00e9\"}]}");
        invalid[Array.IndexOf(invalid, (byte)0xC3)] = 0xFF;
        var source = new ScriptedSource().Deliver(Started(5)).Deliver(Logs(5, 0, 2)).DeliverBytes(invalid).Deliver(Logs(5, 2, 2)).Deliver("{\"fetch\":5,\"end\":\"end of data\"}");
        using var h = new RunnerHarness(LogPlan(), source);
        Assert.Equal(QueryEndReason.Completed, h.End().Reason);
        var error = Assert.Single(h.Events, e => e.Kind == QueryEventKind.Error).Error!;
        Assert.Same(SmcErrors.MessageInvalid, error.Error);
        Assert.Contains("UTF-8", error.Message);
        Assert.Contains(Address(3), h.Records.Select(Src));
    }

    [Fact]
    public void Two_minutes_of_silence_or_of_status_frames_do_not_end_a_slow_archive_search_but_five_do()
    {
        var source = new ScriptedSource().Deliver(Started(9));
        using var h = new RunnerHarness(LogPlan(), source);
        h.NextOf(QueryEventKind.Message);
        h.Advance(TimeSpan.FromMinutes(2));
        source.Deliver("{\"fetch\":9,\"status\":\"Querying, scanned 2 days\"}");
        h.NextOf(QueryEventKind.Message);
        h.Advance(TimeSpan.FromMinutes(4));
        source.Deliver(Logs(9, 0, 5));
        Assert.Equal(5, h.NextOf(QueryEventKind.Message).RecordCount);
        h.Advance(TimeSpan.FromMinutes(5));
        var end = h.End();
        Assert.Equal(QueryEndReason.Inactivity, end.Reason);
        Assert.Same(SmcErrors.QueryTimeout, end.Failure!.Error);
        Assert.Contains("300 s", end.Failure.Message);
        Assert.Contains("5 records", end.Failure.Message);
    }

    [Fact]
    public void TimeoutSec_caps_the_whole_query_and_its_message_names_it()
    {
        var plan = LogPlan();
        plan.Limits.Timeout = TimeSpan.FromSeconds(30);
        var source = new ScriptedSource().Deliver(Started(2)).Deliver(Logs(2, 0, 3));
        using var h = new RunnerHarness(plan, source);
        h.NextOf(QueryEventKind.Message);
        h.Advance(TimeSpan.FromSeconds(29));
        source.Deliver("{\"fetch\":2,\"status\":\"Querying...\"}");
        h.NextOf(QueryEventKind.Message);
        h.Advance(TimeSpan.FromSeconds(1));
        var end = h.End();
        Assert.Equal(QueryEndReason.Timeout, end.Reason);
        Assert.Contains("-TimeoutSec (30 s)", end.Failure!.Message);
    }

    [Fact]
    public void TimeoutSec_also_bounds_opening_the_socket()
    {
        var plan = LogPlan();
        plan.Limits.Timeout = TimeSpan.FromSeconds(5);
        using var h = new RunnerHarness(plan);
        h.Connector.Hang = new TaskCompletionSource<bool>().Task;
        h.Advance(TimeSpan.FromSeconds(5));
        var end = h.End();
        Assert.Equal(QueryEndReason.Failed, end.Reason);
        Assert.Same(SmcErrors.QueryTimeout, end.Failure!.Error);
        Assert.Contains("while its socket was being opened", end.Failure.Message);
    }

    [Fact]
    public void A_failure_message_ends_the_query_with_the_smcs_text()
    {
        var source = new ScriptedSource().Deliver("{\"failure\":\"Unknown definition 123BLACKLIST\"}");
        using var h = new RunnerHarness(LogPlan(), source);
        var end = h.End();
        Assert.Same(SmcErrors.FetchFailed, end.Failure!.Error);
        Assert.Equal("Unknown definition 123BLACKLIST", end.Failure.ServerMessage);
    }

    [Fact]
    public void A_server_that_closes_before_the_end_is_a_failure_that_counts_what_came()
    {
        var source = new ScriptedSource().Deliver(Started(4)).Deliver(Logs(4, 0, 7)).CloseWith("going away");
        using var h = new RunnerHarness(LogPlan(), source);
        var end = h.End();
        Assert.Equal(QueryEndReason.ServerClosed, end.Reason);
        Assert.Contains("7 records", end.Failure!.Message);
        Assert.Equal(7, h.Records.Count);
    }

    [Fact]
    public void The_smcs_too_big_close_is_a_query_too_large_error()
    {
        var source = new ScriptedSource().CloseWith("The decoded text message was too big for the output buffer and the endpoint does not support partial messages");
        using var h = new RunnerHarness(LogPlan(), source);
        Assert.Same(SmcErrors.QueryTooLarge, h.End().Failure!.Error);
    }

    [Fact]
    public void A_disconnected_session_ends_the_query_with_session_disconnected()
    {
        var source = new ScriptedSource().Deliver(Started(4)).Deliver(Logs(4, 0, 2));
        using var h = new RunnerHarness(LogPlan(QueryKind.Live), source);
        h.NextOf(QueryEventKind.Message);
        h.NextOf(QueryEventKind.Message);
        h.Connector.SessionConnected = false;
        source.Break("the session logged out");
        var end = h.End();
        Assert.Same(SmcErrors.SessionDisconnected, end.Failure!.Error);
        Assert.Single(h.Connector.Opened);
    }
}
