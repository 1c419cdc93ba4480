using System.Linq;
using System.Text;
using SmcMonitoring.Errors;
using SmcMonitoring.Fields;
using SmcMonitoring.Protocol;
using SmcMonitoring.Records;
using Xunit;

namespace SmcMonitoring.Tests.Unit;

public class ServerMessageParserTests
{
    private static (ServerMessage Message, TypedRecordSink Sink) Parse(string json)
    {
        var sink = new TypedRecordSink(LogShapes.Default, (s, v) => new SmcLogRecord(s, v));
        return (ServerMessageParser.Parse(Encoding.UTF8.GetBytes(json), sink), sink);
    }

    [Fact]
    public void Success_answer_gives_the_fetch_id_even_when_negative()
    {
        var (message, _) = Parse("{\"success\":\"Fetch started\",\"fetch\":-1616514795}");
        Assert.Equal("Fetch started", message.Success);
        Assert.Equal(-1616514795L, message.FetchId);
    }

    [Fact]
    public void Log_records_are_keyed_by_id_name_or_label_and_unknown_keys_are_skipped()
    {
        var (message, sink) = Parse("{\"fetch\":5,\"status\":\"Querying...\",\"records\":[" +
            "{\"1\":\"2024-05-02 10:11:12\",\"7\":\"10.1.2.3\",\"10\":\"443\",\"99999\":\"x\",\"nested\":{\"a\":[1,2]}}," +
            "{\"Src\":\"10.9.9.9\",\"Dst Addr\":\"192.0.2.1\",\"SrcPort\":\"5\"}]}");
        Assert.Equal(2, message.RecordCount);
        Assert.Equal("Querying...", message.Status);
        var first = (SmcLogRecord)sink.Records[0]!;
        Assert.Equal("10.1.2.3", first["Src"]!.ToString());
        Assert.Equal(443, first["DstPort"]);
        var second = (SmcLogRecord)sink.Records[1]!;
        Assert.Equal("10.9.9.9", second["Src"]!.ToString());
        Assert.Equal("192.0.2.1", second["Dst"]!.ToString());
        Assert.Equal(5, second["SrcPort"]);
    }

    [Fact]
    public void Session_records_object_reads_added_updated_and_deleted()
    {
        var (message, sink) = Parse("{\"fetch\":1,\"records\":{\"added\":[{\"7\":\"1.1.1.1\"}],\"updated\":[{\"7\":\"2.2.2.2\"}],\"removed\":[{\"7\":\"3.3.3.3\"}],\"deleted\":[]}}");
        Assert.Equal(2, message.RecordCount);
        Assert.Equal(2, sink.Records.Count);
    }

    [Fact]
    public void Session_rows_carry_their_change_and_first_fetch_and_the_sink_flags_them_until_cleared()
    {
        var monitor = SmcMonitoring.Queries.SessionMonitor.Connections;
        var sink = new TypedRecordSink(monitor.DefaultShape, monitor.Create, "fw-east");
        ServerMessageParser.Parse(Encoding.UTF8.GetBytes("{\"fetch\":1,\"records\":{\"added\":[" +
            "{\"7\":\"10.0.0.1\",\"delta_key\":\"A\",\"first_fetch\":true},{\"7\":\"10.0.0.2\",\"delta_key\":\"B\",\"first_fetch\":true}]," +
            "\"updated\":[{\"7\":\"10.0.0.1\",\"delta_key\":\"A\",\"first_fetch\":false}],\"deleted\":[{\"delta_key\":\"B\"}]}}"), sink);
        var rows = sink.Records.Cast<SmcRecord>().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(new[] { RowFlags.FirstFetch | RowFlags.FirstFetchKey, RowFlags.FirstFetch | RowFlags.FirstFetchKey, RowFlags.FirstFetchKey | RowFlags.Updated, RowFlags.Deleted },
            Enumerable.Range(0, 4).Select(sink.FlagsAt).ToArray());
        Assert.Equal(new object?[] { true, true, false, false }, rows.Select(r => r["FirstFetch"]).ToArray());
        Assert.Equal(new object?[] { SmcChange.Added, SmcChange.Added, SmcChange.Updated, SmcChange.Deleted }, rows.Select(r => r["Change"]).ToArray());
        Assert.Equal("fw-east", rows[0]["Engine"]);
        Assert.Equal(new[] { "A", "B", "A", "B" }, Enumerable.Range(0, 4).Select(sink.DeltaKeyAt).ToArray());

        sink.Clear();
        Assert.Empty(sink.Records);
        ServerMessageParser.Parse(Encoding.UTF8.GetBytes("{\"fetch\":1,\"records\":{\"added\":[{\"7\":\"10.0.0.3\",\"delta_key\":\"C\",\"first_fetch\":true}]}}"), sink);
        Assert.Equal(RowFlags.FirstFetch | RowFlags.FirstFetchKey, sink.FlagsAt(0));

        // An SMC that sends no first_fetch (6.2): an added row is not known to be in the snapshot, a delete never is.
        sink.Clear();
        ServerMessageParser.Parse(Encoding.UTF8.GetBytes("{\"fetch\":1,\"records\":{\"added\":[{\"7\":\"10.0.0.4\",\"delta_key\":\"D\"}],\"deleted\":[{\"delta_key\":\"C\"}]}}"), sink);
        Assert.Equal(new object?[] { null, false }, sink.Records.Cast<SmcRecord>().Select(r => r["FirstFetch"]).ToArray());
    }

    [Fact]
    public void End_failure_fields_and_statistics_are_read()
    {
        var (end, _) = Parse("{\"fetch\":1,\"end\":\"end of data\"}");
        Assert.Equal("end of data", end.End);
        var (failure, _) = Parse("{\"failure\":\"Invalid definition\"}");
        Assert.Equal("Invalid definition", failure.Failure);
        var (fields, _) = Parse("{\"fetch\":1,\"fields\":[{\"id\":8,\"name\":\"Dst\",\"pretty\":\"Dst Addr\",\"filterable\":true,\"raw_type\":\"ip\"},{\"bad\":1}]}");
        Assert.Equal(8, Assert.Single(fields.Fields!).Id);
        var (stats, _) = Parse("{\"fetch\":1,\"statistics\":{\"count\":3}}");
        Assert.Equal("{\"count\":3}", stats.Statistics);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"records\":[{\"7\":\"1.1.1.1\"}")]
    [InlineData("{'abort': 1}")]
    [InlineData("null")]
    public void Broken_messages_are_well_formed_errors(string json)
    {
        var error = Assert.Throws<SmcException>(() => Parse(json));
        Assert.Equal("SmcMessageInvalid", error.ErrorId);
    }
}
