using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Protocol;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;
using SmcMonitoring.Session;

namespace SmcMonitoring.Bench.Cmdlets;

/// <summary>
/// A prototype, not module code: Get-SmcLog's stored fetch with the default fields, read message by message and
/// written to the pipeline. -PrototypeValues reads values with <see cref="PrototypeLogSink"/> instead of the module's
/// TypedRecordSink; -ReadAhead reads and parses the next message on a pool thread while the records of the previous
/// one are written (two sinks, one message ahead, so memory stays bounded). Without switches it is Get-SmcLog's loop.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SmcBenchLog")]
[OutputType(typeof(SmcLogRecord))]
public sealed class GetSmcBenchLogCommand : PSCmdlet
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>The session of Connect-SmcSession.</summary>
    [Parameter(Mandatory = true)]
    public SmcSession? Session { get; set; }

    /// <summary>The fetch quantity.</summary>
    [Parameter(Mandatory = true)]
    [ValidateRange(1, int.MaxValue)]
    public int MaxRecords { get; set; }

    /// <summary>Read values with the prototype parsers (IPv4 and labels from the UTF-8 bytes).</summary>
    [Parameter]
    public SwitchParameter PrototypeValues { get; set; }

    /// <summary>Read and parse the next message while writing the previous one.</summary>
    [Parameter]
    public SwitchParameter ReadAhead { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var query = new LogQuery { Quantity = MaxRecords };
        foreach (var id in LogShapes.DefaultFieldIds) { query.Format.FieldIds.Add(id); }
        var limits = new QueryLimits { MaxRecords = MaxRecords, InactivityTimeout = TimeSpan.FromSeconds(120) };
        var token = _cancellation.Token;
        var execution = QueryExecution.StartAsync(Session!, LogQuery.SocketPath, query.ToRequestJson(), limits, token).GetAwaiter().GetResult();
        var sinks = new[] { NewSink(), NewSink() };
        Task<ServerMessage?>? pending = null;
        try
        {
            var current = 0;
            pending = Read(execution, sinks[0].Sink, token);
            while (pending.GetAwaiter().GetResult() is not null)
            {
                var filled = sinks[current].Records;
                if (ReadAhead)
                {
                    current ^= 1;
                    pending = Read(execution, sinks[current].Sink, token);
                }
                foreach (var record in filled) { WriteObject(record); }
                filled.Clear();
                if (!ReadAhead) { pending = Read(execution, sinks[current].Sink, token); }
            }
        }
        finally
        {
            _cancellation.Cancel();
            try
            {
                pending?.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // A read cancelled by the stop; the execution is disposed either way.
            }
            execution.Dispose();
        }
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _cancellation.Cancel();

    private Task<ServerMessage?> Read(QueryExecution execution, IRecordSink sink, CancellationToken token) =>
        ReadAhead ? Task.Run(() => execution.ReadAsync(sink, token)) : execution.ReadAsync(sink, token);

    private (IRecordSink Sink, List<SmcRecord> Records) NewSink()
    {
        if (PrototypeValues)
        {
            var prototype = new PrototypeLogSink(LogShapes.Default);
            return (prototype, prototype.Records);
        }
        var typed = new TypedRecordSink(LogShapes.Default, (s, values) => new SmcLogRecord(s, values));
        return (typed, typed.Records);
    }
}
