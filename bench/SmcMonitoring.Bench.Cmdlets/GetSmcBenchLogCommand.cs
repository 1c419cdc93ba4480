using System;
using System.Collections.Generic;
using System.Management.Automation;
using SmcMonitoring.Protocol;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;

namespace SmcMonitoring.Bench.Cmdlets;

/// <summary>
/// A prototype, not module code: Get-SmcLog's stored fetch with the default fields, read through the module's
/// <see cref="ReadAheadQueue"/> and written to the pipeline. -Depth sets how many reads are in flight while records are
/// written (1: the next message is parsed meanwhile, never two at once; Get-SmcLog uses <see cref="ReadAheadQueue.RecordDepth"/>);
/// -PrototypeValues reads values with <see cref="PrototypeLogSink"/> instead of the module's TypedRecordSink.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SmcBenchLog")]
[OutputType(typeof(SmcLogRecord))]
public sealed class GetSmcBenchLogCommand : BenchReadAheadCommand
{
    /// <summary>The fetch quantity.</summary>
    [Parameter(Mandatory = true)]
    [ValidateRange(1, int.MaxValue)]
    public int MaxRecords { get; set; }

    /// <summary>Read values with the prototype parsers (IPv4 and labels from the UTF-8 bytes).</summary>
    [Parameter]
    public SwitchParameter PrototypeValues { get; set; }

    /// <summary>Reads in flight while records are written: 1 parses the next message meanwhile; 2 or more parse up to one per core at once.</summary>
    [Parameter]
    [ValidateRange(1, 32)]
    public int Depth { get; set; } = ReadAheadQueue.RecordDepth;

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var query = new LogQuery { Quantity = MaxRecords };
        foreach (var id in LogShapes.DefaultFieldIds) { query.Format.FieldIds.Add(id); }
        var limits = new QueryLimits { MaxRecords = MaxRecords, InactivityTimeout = TimeSpan.FromSeconds(120) };
        ReadAhead(LogQuery.SocketPath, query.ToRequestJson(), limits, NewSink, Depth, sink =>
        {
            var records = RecordsOf(sink);
            foreach (var record in records) { WriteObject(record); }
            records.Clear();
            return true;
        });
    }

    private IRecordSink NewSink() => PrototypeValues
        ? new PrototypeLogSink(LogShapes.Default)
        : new TypedRecordSink(LogShapes.Default, (s, values) => new SmcLogRecord(s, values));

    private static List<SmcRecord> RecordsOf(IRecordSink sink) => sink switch
    {
        PrototypeLogSink prototype => prototype.Records,
        TypedRecordSink typed => typed.Records,
        _ => throw new InvalidOperationException($"Unexpected sink {sink.GetType().Name}."),
    };
}
