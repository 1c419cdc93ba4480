using System;
using System.Management.Automation;
using SmcMonitoring.Protocol;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;

namespace SmcMonitoring.Bench.Cmdlets;

/// <summary>
/// A prototype, not module code: Get-SmcConnection's snapshot with the default fields, read through the module's
/// <see cref="ReadAheadQueue"/> (eight reads ahead, as the cmdlet reads) until <see cref="Count"/> rows, and written
/// to the pipeline. With -SkipRecords the parser skips every row (the tokenizer still walks it) and a prebuilt
/// connection is written per row, so the figure is what the socket, the simulator and PowerShell's pipeline leave
/// when building records costs nothing: the most any record parser could reach on this machine.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SmcBenchConnection")]
[OutputType(typeof(SmcConnection))]
public sealed class GetSmcBenchConnectionCommand : BenchReadAheadCommand
{
    /// <summary>The engine whose connections to read.</summary>
    [Parameter(Mandatory = true)]
    public string? Engine { get; set; }

    /// <summary>How many rows of the snapshot to write; the query stops there.</summary>
    [Parameter(Mandatory = true)]
    [ValidateRange(1, int.MaxValue)]
    public int Count { get; set; }

    /// <summary>Skip every row in the parser and write a prebuilt connection per row instead of the parsed one.</summary>
    [Parameter]
    public SwitchParameter SkipRecords { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var monitor = SessionMonitor.Connections;
        var query = new SessionQuery(monitor.Definition, Engine);
        foreach (var id in monitor.DefaultShape.FieldIds) { query.Format.FieldIds.Add(id); }
        var limits = new QueryLimits { MaxRecords = Count, InactivityTimeout = TimeSpan.FromSeconds(120) };
        var prebuilt = PrebuiltRecords.Connections();
        var written = 0;
        ReadAhead(SessionQuery.SocketPath, query.ToRequestJson(), limits, NewSink, ReadAheadQueue.RecordDepth, sink =>
        {
            if (sink is CountingSink counting)
            {
                for (var i = 0; i < counting.Rows && written < Count; i++, written++) { WriteObject(prebuilt[written % prebuilt.Length]); }
                counting.Rows = 0;
            }
            else if (sink is TypedRecordSink typed)
            {
                foreach (var record in typed.Records)
                {
                    if (written++ == Count) { break; }
                    WriteObject(record);
                }
                typed.Clear();
            }
            return written < Count;
        });
    }

    private IRecordSink NewSink() => SkipRecords
        ? new CountingSink()
        : new TypedRecordSink(SessionMonitor.Connections.DefaultShape, SessionMonitor.Connections.Create, Engine);

    /// <summary>Counts the rows of a message and skips them.</summary>
    private sealed class CountingSink : IRecordSink
    {
        public int Rows { get; set; }

        public void Read(ref System.Text.Json.Utf8JsonReader reader, RecordChange change)
        {
            reader.Skip();
            Rows++;
        }
    }
}
