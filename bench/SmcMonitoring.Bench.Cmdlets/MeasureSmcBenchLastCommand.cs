using System;
using System.Diagnostics;
using System.Management.Automation;

namespace SmcMonitoring.Bench.Cmdlets;

/// <summary>What <see cref="MeasureSmcBenchLastCommand"/> counted.</summary>
public sealed class BenchPipelineResult
{
    internal BenchPipelineResult(long count, double firstRecordSeconds, double lastRecordSeconds, double jitMilliseconds, double cpuMilliseconds, long cpuRecords)
    {
        Count = count;
        FirstRecordSeconds = firstRecordSeconds;
        LastRecordSeconds = lastRecordSeconds;
        JitMilliseconds = jitMilliseconds;
        CpuMilliseconds = cpuMilliseconds;
        CpuRecords = cpuRecords;
    }

    /// <summary>How many objects arrived.</summary>
    public long Count { get; }

    /// <summary>Seconds from the start timestamp to the arrival of the first object (0 when none arrived).</summary>
    public double FirstRecordSeconds { get; }

    /// <summary>Seconds from the start timestamp to the arrival of the last object (0 when none arrived).</summary>
    public double LastRecordSeconds { get; }

    /// <summary>
    /// Milliseconds the process's JIT compiler worked (on any thread) from the first object to about the last one (read
    /// every <see cref="MeasureSmcBenchLastCommand.JitSampleInterval"/> objects); 0 when the runtime does not report it.
    /// </summary>
    public double JitMilliseconds { get; }

    /// <summary>
    /// Milliseconds of CPU time (user + system, every thread) the process spent from the first object to about the last
    /// one (read every <see cref="MeasureSmcBenchLastCommand.JitSampleInterval"/> objects): the cost of the stream,
    /// without what a command does before its first record and after its last one.
    /// </summary>
    public double CpuMilliseconds { get; }

    /// <summary>How many objects arrived between the two readings of <see cref="CpuMilliseconds"/>.</summary>
    public long CpuRecords { get; }
}

/// <summary>
/// Counts its input like Measure-Object and notes when the last object arrived, so a snapshot that ends by silence
/// (Get-SmcConnection waits for the SMC to go quiet) can be timed to its last record.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "SmcBenchLast")]
[OutputType(typeof(BenchPipelineResult))]
public sealed class MeasureSmcBenchLastCommand : PSCmdlet
{
    /// <summary>How many objects pass between two readings of the JIT compiler's time.</summary>
    public const int JitSampleInterval = 1024;

    private TimeSpan _jitFirst;
    private TimeSpan _jitLast;
    private TimeSpan _cpuFirst;
    private TimeSpan _cpuLast;
    private long _cpuRecords;
    private long _count;
    private long _first;
    private long _last;

    /// <summary>An object of the pipeline.</summary>
    [Parameter(ValueFromPipeline = true)]
    public object? InputObject { get; set; }

    /// <summary>The start, as <see cref="Stopwatch.GetTimestamp"/> returned it.</summary>
    [Parameter(Mandatory = true)]
    public long StartTimestamp { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        _last = Stopwatch.GetTimestamp();
        if (_count % JitSampleInterval == 0)
        {
            _jitLast = JitClock.Compiled();
            using (var process = Process.GetCurrentProcess()) { _cpuLast = process.TotalProcessorTime; }
            _cpuRecords = _count;
            if (_count == 0) { _jitFirst = _jitLast; _cpuFirst = _cpuLast; }
        }
        if (_count++ == 0) { _first = _last; }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        double Seconds(long timestamp) => _count == 0 ? 0 : (double)(timestamp - StartTimestamp) / Stopwatch.Frequency;
        WriteObject(new BenchPipelineResult(_count, Seconds(_first), Seconds(_last), (_jitLast - _jitFirst).TotalMilliseconds, (_cpuLast - _cpuFirst).TotalMilliseconds, _cpuRecords));
    }
}
