using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;

namespace SmcMonitoring.Bench.Cmdlets;

/// <summary>What <see cref="WaitSmcBenchJitIdleCommand"/> saw.</summary>
public sealed class BenchJitIdleResult
{
    internal BenchJitIdleResult(bool idle, double waitedSeconds, double jitMilliseconds)
    {
        Idle = idle;
        WaitedSeconds = waitedSeconds;
        JitMilliseconds = jitMilliseconds;
    }

    /// <summary>True when the JIT compiler went quiet before the timeout (always true when the runtime does not report it).</summary>
    public bool Idle { get; }

    /// <summary>How long the command waited.</summary>
    public double WaitedSeconds { get; }

    /// <summary>Milliseconds the JIT compiler worked while the command waited.</summary>
    public double JitMilliseconds { get; }
}

/// <summary>
/// Waits until the process's JIT compiler has compiled nothing for -QuietMilliseconds (or -TimeoutSeconds passed), so
/// that a timed run does not share the two cores with the background recompilation of code that ran before it, such
/// as the measuring script's own (ConvertTo-Json, PowerShell's compiler), which reaches its call-count thresholds
/// between runs.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "SmcBenchJitIdle")]
[OutputType(typeof(BenchJitIdleResult))]
public sealed class WaitSmcBenchJitIdleCommand : PSCmdlet
{
    private const int PollMilliseconds = 20;

    /// <summary>How long the compiler must stay quiet.</summary>
    [Parameter]
    [ValidateRange(1, 60_000)]
    public int QuietMilliseconds { get; set; } = 300;

    /// <summary>The longest wait.</summary>
    [Parameter]
    [ValidateRange(1, 600)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var clock = Stopwatch.StartNew();
        var first = JitClock.Compiled();
        var last = first;
        var quietSince = clock.Elapsed;
        var idle = !JitClock.IsAvailable;
        while (!idle && clock.Elapsed.TotalSeconds < TimeoutSeconds)
        {
            Thread.Sleep(PollMilliseconds);
            var now = JitClock.Compiled();
            if (now != last)
            {
                last = now;
                quietSince = clock.Elapsed;
            }
            else if ((clock.Elapsed - quietSince).TotalMilliseconds >= QuietMilliseconds)
            {
                idle = true;
            }
        }
        WriteObject(new BenchJitIdleResult(idle, clock.Elapsed.TotalSeconds, (last - first).TotalMilliseconds));
    }
}
