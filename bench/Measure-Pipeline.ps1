<#
.SYNOPSIS
    The PowerShell side of the benchmark, run by Invoke-Benchmark.ps1 in a fresh pwsh process per mode.
.DESCRIPTION
    Imports the staged module (and, for the ceilings, SmcMonitoring.Bench.Cmdlets.dll), connects to the simulator
    and prints one JSON line per measured run; other lines are progress. The same script drives the module of another
    commit (Invoke-Benchmark -Baseline): it only uses the module's public cmdlets and the bench cmdlets that commit has.
    Throughput     Get-SmcLog -MaxRecords N | Measure-Object, interleaved with Write-SmcBenchRecord -Count N | Measure-Object,
                   then the time to the first record of Get-SmcLog -MaxRecords 1 after Connect-SmcSession.
    Memory         one Get-SmcLog -MaxRecords N | Measure-Object, then the process's peak working set.
    Connections    after -WarmupSnapshots snapshots (each reported), Get-SmcConnection -Engine E | Measure-SmcBenchLast
                   interleaved with Write-SmcBenchRecord -Kind Connection | Measure-SmcBenchLast: the process's CPU time
                   for each (the target), and the rate to the last record; then the informational -Distinct ceiling.
    Notifications  Register-SmcNotification -Context host, then N changes through the simulator's admin endpoint.
    Every timed pipeline reports the process's CPU time (user + system, from its own counters before and after) beside
    its wall-clock time: unlike the rate, it does not depend on what else shares the machine's cores.
    Before each timed pipeline the script waits until the JIT compiler has been quiet for 300 ms (Wait-SmcBenchJitIdle):
    otherwise the background recompilation of the script's own code (ConvertTo-Json, PowerShell's compiler), which
    reaches its call-count thresholds between runs, shares the two cores with the timed run.
    It does not force a garbage collection before a timed pipeline, as a user's shell does not: after [GC]::Collect()
    the collector starts over, and Get-SmcConnection, whose records read ahead outlive the first collections, ran
    faster without it in 5 of 6 alternating pairs of processes (by 5% to 67%; 14% slower in the sixth).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [ValidateSet('Throughput', 'Memory', 'Connections', 'Notifications')] [string] $Mode,
    [Parameter(Mandatory)] [string] $StagingDir,
    [Parameter(Mandatory)] [string] $Url,
    [Parameter(Mandatory)] [string] $ApiKey,
    [string] $BenchCmdlets,
    [int] $Records = 1000000,
    [int] $Runs = 5,
    [int] $WarmupRecords = 20000,
    [int] $WarmupSnapshots = 10,
    [string] $Engine = 'fw-bench',
    # Appended to every measure's name: a run under other runtime settings (Invoke-Benchmark's diagnosis) keeps its figures apart.
    [string] $MeasureSuffix = ''
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Write-Measurement {
    param([string] $Measure, [int] $Run, [long] $Count, [double] $Seconds, [hashtable] $Extra = @{})
    $line = [ordered]@{
        measure          = $Measure + $MeasureSuffix
        run              = $Run
        records          = $Count
        seconds          = [math]::Round($Seconds, 6)
        recordsPerSecond = if ($Seconds -gt 0) { [math]::Round($Count / $Seconds) } else { 0 }
    }
    foreach ($key in $Extra.Keys) { $line[$key] = $Extra[$key] }
    [Console]::Out.WriteLine(($line | ConvertTo-Json -Compress))
    [Console]::Out.Flush()
}

function Write-BenchProgress {
    param([string] $Text)
    [Console]::Out.WriteLine($Text)
    [Console]::Out.Flush()
}

function Get-RuntimeState {
    # What the process's garbage collector and JIT compiler have done so far: collections (every one collects
    # generation 0), pause time, bytes allocated and compilation time.
    return [pscustomobject]@{
        Collections = [GC]::CollectionCount(0)
        OlderCollections = [GC]::CollectionCount(1)
        Pause = [GC]::GetTotalPauseDuration()
        Allocated = [GC]::GetTotalAllocatedBytes($false)
        JitTime = [System.Runtime.JitInfo]::GetCompilationTime($false)
        # User + system time of every thread of this process so far (the operating system's counters).
        Cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
    }
}

function Get-RuntimeExtra {
    # The collector's and the compiler's work since $Before, for a measurement's JSON line: the whole process, so PowerShell's pipeline is in it too.
    param($Before, [long] $Count)
    $after = Get-RuntimeState
    return @{
        gcCollections            = $after.Collections - $Before.Collections
        gcOlderCollections       = $after.OlderCollections - $Before.OlderCollections
        gcPauseMilliseconds      = [math]::Round(($after.Pause - $Before.Pause).TotalMilliseconds, 2)
        allocatedBytesPerRecord  = [math]::Round(($after.Allocated - $Before.Allocated) / [math]::Max($Count, 1), 1)
        jitMilliseconds          = [math]::Round(($after.JitTime - $Before.JitTime).TotalMilliseconds, 1)
        cpuMilliseconds          = [math]::Round(($after.Cpu - $Before.Cpu).TotalMilliseconds, 1)
        cpuSecondsPerMillion     = [math]::Round(($after.Cpu - $Before.Cpu).TotalSeconds * 1e6 / [math]::Max($Count, 1), 4)
    }
}

function Measure-Pipeline {
    # Runs $Pipeline once, handing it the start timestamp (for Measure-SmcBenchLast); returns the whole command's
    # seconds, the pipeline's output and the collector's and compiler's work meanwhile (Get-RuntimeExtra).
    param([scriptblock] $Pipeline, [long] $Expected, [string] $What)
    $quiet = if ($BenchCmdlets) { Wait-SmcBenchJitIdle }
    $before = Get-RuntimeState
    $start = [Diagnostics.Stopwatch]::GetTimestamp()
    $measured = & $Pipeline $start
    $seconds = ([Diagnostics.Stopwatch]::GetTimestamp() - $start) / [Diagnostics.Stopwatch]::Frequency
    if ($measured.Count -ne $Expected) { throw "$What returned $($measured.Count) records, not $Expected." }
    $extra = Get-RuntimeExtra $before $Expected
    if ($quiet) { $extra.jitQuietBefore = $quiet.Idle }
    return [pscustomobject]@{ Seconds = $seconds; Output = $measured; Extra = $extra }
}

function Measure-Interleaved {
    # $Runs rounds of the cases in turn, each timed to its last record (Measure-SmcBenchLast), the whole command beside it.
    param([hashtable[]] $Cases)
    for ($run = 1; $run -le $Runs; $run++) {
        foreach ($case in $Cases) {
            $measured = Measure-Pipeline $case.Pipeline $Records $case.Name
            $extra = $measured.Extra
            $extra.commandSeconds = [math]::Round($measured.Seconds, 6)
            $extra.jitMillisecondsToLastRecord = [math]::Round($measured.Output.JitMilliseconds, 1)
            # The stream's share (first record to about the last), where the counting cmdlet reports it.
            if ($measured.Output.PSObject.Properties['CpuRecords'] -and $measured.Output.CpuRecords -gt 0) {
                $extra.streamCpuSecondsPerMillion = [math]::Round($measured.Output.CpuMilliseconds / 1000 * 1e6 / $measured.Output.CpuRecords, 4)
            }
            Write-Measurement $case.Name $run $Records $measured.Output.LastRecordSeconds $extra
        }
    }
}

Import-Module (Join-Path $StagingDir 'SmcMonitoring.psd1')
if ($BenchCmdlets) { Import-Module $BenchCmdlets }
$session = Connect-SmcSession -Url $Url -ApiKey $ApiKey

switch ($Mode) {
    'Throughput' {
        # A user's first query in a fresh shell: module code not yet compiled.
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $first = $null
        Get-SmcLog -MaxRecords 1 | ForEach-Object { if ($null -eq $first) { $first = $clock.Elapsed.TotalMilliseconds } }
        Write-Measurement 'ps-first-record-cold' 1 1 ($first / 1000) @{ firstRecordMilliseconds = [math]::Round($first, 3); totalMilliseconds = [math]::Round($clock.Elapsed.TotalMilliseconds, 3) }

        Write-BenchProgress "pwsh: warm-up, $WarmupRecords records through each pipeline"
        $null = Get-SmcLog -MaxRecords $WarmupRecords | Measure-Object
        $null = Write-SmcBenchRecord -Count $WarmupRecords | Measure-Object
        for ($run = 1; $run -le $Runs; $run++) {
            $measured = Measure-Pipeline { Get-SmcLog -MaxRecords $Records | Measure-Object } $Records 'Get-SmcLog'
            Write-Measurement 'ps-get-smclog' $run $Records $measured.Seconds $measured.Extra
            $measured = Measure-Pipeline { Write-SmcBenchRecord -Count $Records | Measure-Object } $Records 'Write-SmcBenchRecord'
            Write-Measurement 'ps-ceiling-log' $run $Records $measured.Seconds $measured.Extra
        }

        Write-BenchProgress 'pwsh: time to the first record after Connect-SmcSession'
        for ($run = 1; $run -le $Runs; $run++) {
            Disconnect-SmcSession
            $null = Connect-SmcSession -Url $Url -ApiKey $ApiKey
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $first = $null
            Get-SmcLog -MaxRecords 1 | ForEach-Object { if ($null -eq $first) { $first = $clock.Elapsed.TotalMilliseconds } }
            $total = $clock.Elapsed.TotalMilliseconds
            Write-Measurement 'ps-first-record' $run 1 ($first / 1000) @{ firstRecordMilliseconds = [math]::Round($first, 3); totalMilliseconds = [math]::Round($total, 3) }
        }
    }
    'Memory' {
        $null = Measure-Pipeline { Get-SmcLog -MaxRecords $Records | Measure-Object } $Records 'Get-SmcLog'
        $process = [Diagnostics.Process]::GetCurrentProcess()
        $process.Refresh()
        Write-Measurement "ps-peak-working-set-$Records" 1 $Records 0 @{
            peakWorkingSetBytes = $process.PeakWorkingSet64
            workingSetBytes     = $process.WorkingSet64
            gcHeapBytes         = [GC]::GetTotalMemory($false)
            gen2Collections     = [GC]::CollectionCount(2)
        }
    }
    'Connections' {
        # The collector's settings of this process, for the report (its generation-0 budget bounds how often it runs).
        $gcSettings = [GC]::GetConfigurationVariables()
        Write-Measurement 'ps-gc-settings' 1 0 0 @{ gen0MaxBudgetBytes = $gcSettings['GCGen0MaxBudget']; concurrent = $gcSettings['ConcurrentGC']; server = $gcSettings['ServerGC'] }
        # A snapshot ends when the SMC goes quiet (or at a SessionEvent 4 marker), so the rate is timed to the last
        # record; the whole command, with the wait for silence, is reported beside it.
        Write-BenchProgress "pwsh: warm-up, $WarmupSnapshots snapshots of engine $Engine and five runs of the ceiling"
        # The first snapshots of a process run code not yet compiled in its final tier (in pwsh and in the simulator):
        # each warm-up snapshot is reported, so that the curve shows.
        # One second of silence ends a warm-up snapshot sooner than the default three; the timed runs use the default.
        for ($warmup = 1; $warmup -le $WarmupSnapshots; $warmup++) {
            $start = [Diagnostics.Stopwatch]::GetTimestamp()
            $result = Get-SmcConnection -Engine $Engine -InactivityTimeoutSec 1 | Measure-SmcBenchLast -StartTimestamp $start
            Write-Measurement 'ps-get-smcconnection-warmup' $warmup $result.Count $result.LastRecordSeconds
        }
        for ($warmup = 1; $warmup -le 5; $warmup++) {
            $null = Write-SmcBenchRecord -Count $Records -Kind Connection | Measure-SmcBenchLast -StartTimestamp ([Diagnostics.Stopwatch]::GetTimestamp())
        }
        # What the process costs doing nothing, after the warm-ups (the runtime's background work): Get-SmcConnection's
        # CPU time includes it for as long as it waits for the SMC's silence.
        $null = Wait-SmcBenchJitIdle
        $idleBefore = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
        Start-Sleep -Seconds 3
        $idleCpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - $idleBefore
        Write-Measurement 'ps-idle-cpu' 1 0 3 @{ cpuMillisecondsPerSecond = [math]::Round($idleCpu.TotalMilliseconds / 3, 2) }
        # The target and its ceiling, interleaved run by run so that they share the machine's minutes. The CPU time of
        # Get-SmcConnection is the whole command's: its wait for the SMC's silence included.
        $target = @(
            @{ Name = 'ps-get-smcconnection'; Pipeline = { param($start) Get-SmcConnection -Engine $Engine | Measure-SmcBenchLast -StartTimestamp $start } }
            @{ Name = 'ps-ceiling-connection'; Pipeline = { param($start) Write-SmcBenchRecord -Count $Records -Kind Connection | Measure-SmcBenchLast -StartTimestamp $start } })
        # Not the ceiling of the target: every record a different object, cold in the caches as a snapshot's rows are.
        # Measured after the target's runs: its records (tens of megabytes, kept for the runs) would otherwise share
        # the heap with measure 4 and its ceiling, which a user's shell does not.
        $informational = @(
            @{ Name = 'ps-ceiling-connection-distinct'; Pipeline = { param($start) Write-SmcBenchRecord -Count $Records -Kind Connection -Distinct $Records | Measure-SmcBenchLast -StartTimestamp $start } })
        Measure-Interleaved $target
        # Builds the distinct records outside the timed runs.
        $null = Write-SmcBenchRecord -Count $WarmupRecords -Kind Connection -Distinct $Records | Measure-SmcBenchLast -StartTimestamp ([Diagnostics.Stopwatch]::GetTimestamp())
        Measure-Interleaved $informational
    }
    'Notifications' {
        $source = 'SmcBenchNotify'
        $null = Register-SmcNotification -Context host -SourceIdentifier $source
        $client = [System.Net.Http.HttpClient]::new()
        $trigger = [Uri]::new([Uri] $Url, '/_simulator/element-change')
        $body = '{"context":"host","action":"update","id":"1087"}'
        $timeouts = 0
        try {
            # Warm-up: 20 changes, not counted; then $Records measured ones.
            for ($i = -19; $i -le $Records; $i++) {
                # After a timeout a late event may still arrive: never pair it with the next change.
                if ($timeouts -gt 0) { Remove-Event -SourceIdentifier $source -ErrorAction SilentlyContinue }
                $before = [DateTime]::Now
                $content = [System.Net.Http.StringContent]::new($body, [Text.Encoding]::UTF8, 'application/json')
                $response = $client.PostAsync($trigger, $content).GetAwaiter().GetResult()
                $answer = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
                if (-not $response.IsSuccessStatusCode) { throw "POST $($trigger.AbsolutePath) answered $([int] $response.StatusCode): $answer" }
                $received = Wait-Event -SourceIdentifier $source -Timeout 5
                if (-not $received) { $timeouts++; continue }
                Remove-Event -EventIdentifier $received.EventIdentifier
                if ($i -le 0) { continue }
                $extra = @{ latencyMilliseconds = [math]::Round(($received.TimeGenerated - $before).TotalMilliseconds, 3) }
                # When the endpoint says when the simulator sent the notification, the latency from there excludes the trigger request.
                $sent = $null
                try { $sent = ($answer | ConvertFrom-Json -ErrorAction Stop) } catch { $sent = $null }
                if ($sent -is [psobject]) {
                    foreach ($name in 'sentAt', 'sent_at', 'sent', 'timestamp', 'time') {
                        $property = $sent.PSObject.Properties[$name]
                        if (-not $property) { continue }
                        $value = $property.Value
                        $at = $null
                        if ($value -is [datetime]) { $at = [DateTimeOffset] $value.ToUniversalTime() }
                        elseif ($value -is [long] -or $value -is [int]) { $at = [DateTimeOffset]::FromUnixTimeMilliseconds([long] $value) }
                        elseif ($value -is [string]) { $parsed = [DateTimeOffset]::MinValue; if ([DateTimeOffset]::TryParse($value, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::AssumeUniversal, [ref] $parsed)) { $at = $parsed } }
                        if ($null -ne $at) {
                            $extra.serverLatencyMilliseconds = [math]::Round(([DateTimeOffset] $received.TimeGenerated - $at).TotalMilliseconds, 3)
                            $extra.serverTimestampProperty = $name
                            break
                        }
                    }
                }
                Write-Measurement 'ps-notification' $i 1 ($extra.latencyMilliseconds / 1000) $extra
            }
        }
        finally {
            $client.Dispose()
            Unregister-Event -SourceIdentifier $source -ErrorAction SilentlyContinue
        }
        if ($timeouts -gt 0) { Write-Measurement 'ps-notification-timeouts' 1 $timeouts 0 }
    }
}
Disconnect-SmcSession -ErrorAction SilentlyContinue
