using System;
using System.Management.Automation;
using System.Threading;
using SmcMonitoring.Protocol;
using SmcMonitoring.Queries;
using SmcMonitoring.Session;

namespace SmcMonitoring.Bench.Cmdlets;

/// <summary>
/// The read loop of the module's query cmdlets, rebuilt for the bench's prototypes: one query read through a
/// <see cref="ReadAheadQueue"/>, each finished read's sink handed over in message order while the next reads go on.
/// </summary>
public abstract class BenchReadAheadCommand : PSCmdlet
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>The session of Connect-SmcSession.</summary>
    [Parameter(Mandatory = true)]
    public SmcSession? Session { get; set; }

    /// <inheritdoc/>
    protected override void StopProcessing() => _cancellation.Cancel();

    /// <summary>
    /// Runs the query with <paramref name="depth"/> reads in flight and passes each finished read's sink to
    /// <paramref name="write"/> until the query ends or <paramref name="write"/> returns false; then aborts and closes it.
    /// </summary>
    private protected void ReadAhead(string socketPath, byte[] request, QueryLimits limits, Func<IRecordSink> newSink, int depth, Func<IRecordSink, bool> write)
    {
        var token = _cancellation.Token;
        var execution = QueryExecution.StartAsync(Session!, socketPath, request, limits, token).GetAwaiter().GetResult();
        try
        {
            var reads = new ReadAheadQueue(newSink, depth);
            reads.Start(execution, token);
            while (reads.Next.GetAwaiter().GetResult() is not null)
            {
                var sink = reads.TakeFinished() ?? throw new InvalidOperationException("Every read has a sink.");
                reads.ReadMore(token);
                if (!write(sink)) { break; }
            }
        }
        finally
        {
            _cancellation.Cancel();
            execution.Dispose();
        }
    }
}
