using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Protocol;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;
using SmcMonitoring.Session;

namespace SmcMonitoring.Bench.Cmdlets;

/// <summary>
/// A prototype, not module code: Get-SmcLog's stored fetch with the default fields, but the next message is read and
/// parsed on a pool thread while the records of the previous one are written to the pipeline (two sinks, one message
/// ahead, so memory stays bounded). It measures what overlapping reading with writing would gain.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SmcBenchLogPrefetch")]
[OutputType(typeof(SmcLogRecord))]
public sealed class GetSmcBenchLogPrefetchCommand : PSCmdlet
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>The session of Connect-SmcSession.</summary>
    [Parameter(Mandatory = true)]
    public SmcSession? Session { get; set; }

    /// <summary>The fetch quantity.</summary>
    [Parameter(Mandatory = true)]
    [ValidateRange(1, int.MaxValue)]
    public int MaxRecords { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var query = new LogQuery { Quantity = MaxRecords };
        foreach (var id in LogShapes.DefaultFieldIds) { query.Format.FieldIds.Add(id); }
        var limits = new QueryLimits { MaxRecords = MaxRecords, InactivityTimeout = TimeSpan.FromSeconds(120) };
        var token = _cancellation.Token;
        var execution = QueryExecution.StartAsync(Session!, LogQuery.SocketPath, query.ToRequestJson(), limits, token).GetAwaiter().GetResult();
        var sinks = new[]
        {
            new TypedRecordSink(LogShapes.Default, (s, values) => new SmcLogRecord(s, values)),
            new TypedRecordSink(LogShapes.Default, (s, values) => new SmcLogRecord(s, values)),
        };
        Task<ServerMessage?>? pending = null;
        try
        {
            var current = 0;
            pending = Task.Run(() => execution.ReadAsync(sinks[0], token));
            while (pending.GetAwaiter().GetResult() is not null)
            {
                var filled = sinks[current];
                current ^= 1;
                var next = sinks[current];
                pending = Task.Run(() => execution.ReadAsync(next, token));
                foreach (var record in filled.Records) { WriteObject(record); }
                filled.Records.Clear();
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
}
