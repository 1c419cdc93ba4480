<#
.SYNOPSIS
    Turns the JSON lines Invoke-Benchmark.ps1 collected into the results table and bench/results.md.
.DESCRIPTION
    Dot-sourced by Invoke-Benchmark.ps1; reads its $Lines, $Notes, $machine, $loadAtEnd, $Runs, $Records, $SmallRecords,
    $Connections, $NotificationEvents, $notificationReason and $connectionReason.
#>

$PythonFastRecordsPerSecond = 300000

function New-Row {
    param([string] $Id, [string] $Measure, $Stats, [string] $Unit, [string] $Format = 'N0', $Ratio = $null, [string] $Target = '', $Pass = $null, [string] $Missing = '')
    $text = { param($value) if ($null -eq $value) { '' } else { Format-Number $value $Format } }
    return [pscustomobject]@{
        Id      = $Id
        Measure = $Measure
        Median  = if ($Stats) { & $text $Stats.Median } else { if ($Missing) { $Missing } else { 'no figure' } }
        Min     = if ($Stats) { & $text $Stats.Min } else { '' }
        Max     = if ($Stats) { & $text $Stats.Max } else { '' }
        Unit    = $Unit
        Ratio   = if ($null -ne $Ratio) { Format-Number $Ratio 'N2' } else { '' }
        Target  = $Target
        Result  = if ($null -eq $Pass) { '' } elseif ($Pass) { 'PASS' } else { 'MISS' }
    }
}

function Get-Ratio {
    param($Numerator, $Denominator)
    if (-not $Numerator -or -not $Denominator -or $Denominator.Median -eq 0) { return $null }
    return $Numerator.Median / $Denominator.Median
}

function ConvertTo-MarkdownTable {
    param([object[]] $Rows, [string[]] $Columns, [string[]] $RightAligned = @())
    $lines = [Collections.Generic.List[string]]::new()
    $lines.Add('| ' + ($Columns -join ' | ') + ' |')
    $lines.Add('|' + (($Columns | ForEach-Object { if ($RightAligned -contains $_) { '---:' } else { '---' } }) -join '|') + '|')
    foreach ($row in $Rows) { $lines.Add('| ' + (($Columns | ForEach-Object { ([string] $row.$_).Replace('|', '\|') }) -join ' | ') + ' |') }
    return $lines -join "`n"
}

function Get-WarmupCurve {
    # Medians of the warm-up snapshots in groups (1, 2-5, 6-10, then tens), as "2-5: 612,000/s".
    param([double[]] $Rates)
    if ($Rates.Count -eq 0) { return '' }
    $groups = [Collections.Generic.List[string]]::new()
    $bounds = @(1, 5, 10) + @(for ($end = 20; $end -lt $Rates.Count + 10; $end += 10) { $end })
    $first = 1
    foreach ($last in $bounds) {
        if ($first -gt $Rates.Count) { break }
        $last = [math]::Min($last, $Rates.Count)
        $median = (Get-Stats $Rates[($first - 1)..($last - 1)]).Median
        $label = if ($first -eq $last) { "$first" } else { "$first-$last" }
        $groups.Add("$label`: $(Format-Number $median)/s")
        $first = $last + 1
    }
    return $groups -join '; '
}

function Format-JitMilliseconds {
    # Median and maximum JIT compilation time during a measure's timed runs: to its last record where the run says
    # (Measure-SmcBenchLast), else over the whole run; empty when the runs did not report it.
    param([string] $Measure)
    $jit = Get-Stats (Get-Runs $Measure 'jitMillisecondsToLastRecord')
    if (-not $jit) { $jit = Get-Stats (Get-Runs $Measure 'jitMilliseconds') }
    if (-not $jit) { return '' }
    return "$(Format-Number $jit.Median 'N0') (max $(Format-Number $jit.Max 'N0'))"
}

function New-BenchmarkReport {
    $sender = Get-Stats (Get-Runs 'sender')
    $senderMBps = Get-Stats (Get-Runs 'sender' 'megabytesPerSecond')
    $capture = $Lines | Where-Object measure -EQ 'capture' | Select-Object -First 1
    $ceilingA = Get-Stats (Get-Runs 'parse-strings')
    $ceilingB = Get-Stats (Get-Runs 'ps-ceiling-log')
    $ceilingBConnection = Get-Stats (Get-Runs 'ps-ceiling-connection')
    $query = Get-Stats (Get-Runs 'query-typed')
    $pipeline = Get-Stats (Get-Runs 'ps-get-smclog')
    $smallPeak = Get-Stats ((Get-Runs "ps-peak-working-set-$SmallRecords" 'peakWorkingSetBytes') | ForEach-Object { $_ / 1MB })
    $largePeak = Get-Stats ((Get-Runs "ps-peak-working-set-$Records" 'peakWorkingSetBytes') | ForEach-Object { $_ / 1MB })
    $connectionStats = Get-Stats (Get-Runs 'ps-get-smcconnection')
    $connectionCommand = Get-Stats (Get-Runs 'ps-get-smcconnection' 'commandSeconds')
    $connectionSender = Get-Stats (Get-Runs 'sender-connections')
    $connectionWarmupRates = [double[]] @(Get-Runs 'ps-get-smcconnection-warmup')
    $connectionWarmup = Get-WarmupCurve $connectionWarmupRates
    $latencies = [double[]] @(Get-Runs 'ps-notification' 'latencyMilliseconds')
    $serverLatencies = [double[]] @(Get-Runs 'ps-notification' 'serverLatencyMilliseconds')
    $timeouts = ($Lines | Where-Object measure -EQ 'ps-notification-timeouts' | Select-Object -First 1)
    $psFirst = Get-Stats (Get-Runs 'ps-first-record' 'firstRecordMilliseconds')
    $psFirstCold = Get-Stats (Get-Runs 'ps-first-record-cold' 'firstRecordMilliseconds')
    $csFirst = Get-Stats (Get-Runs 'first-record' 'firstRecordMilliseconds')

    $n = Format-Number $Records
    $rows = [Collections.Generic.List[object]]::new()
    $senderText = "Simulator send rate: raw websocket reader counting bytes and messages, $n records"
    if ($senderMBps) { $senderText += " ($(Format-Number $senderMBps.Median 'N0') MB/s" + $(if ($capture) { ", $($capture.bytesPerRecord) bytes/record" } else { '' }) + ')' }
    $rows.Add((New-Row 'S' $senderText $sender 'records/s' -Ratio (Get-Ratio $sender $query) -Target 'faster than 1 (ratio S/1 > 1)' -Pass $(if ($sender -and $query) { $sender.Median -gt $query.Median } else { $null })))
    $rows.Add((New-Row '(a)' "Ceiling: the same messages in memory, Utf8JsonReader, every value a string, $n records" $ceilingA 'records/s'))
    $rows.Add((New-Row '(b)' "Ceiling: Write-SmcBenchRecord -Count $n | Measure-Object (prebuilt SmcLogRecord)" $ceilingB 'records/s'))
    $rows.Add((New-Row '(b conn)' "Ceiling: Write-SmcBenchRecord -Count $(Format-Number $Connections) -Kind Connection (prebuilt SmcConnection)" $ceilingBConnection 'records/s' -Missing $connectionReason))

    $ratio1 = Get-Ratio $query $ceilingA
    $rows.Add((New-Row '1' "C# query layer: QueryExecution + TypedRecordSink, $n records, default fields" $query 'records/s' -Ratio $ratio1 -Target '>= 0.6 x (a)' -Pass $(if ($null -ne $ratio1) { $ratio1 -ge 0.6 } else { $null })))
    $ratio2 = Get-Ratio $pipeline $ceilingB
    $rows.Add((New-Row '2' "Get-SmcLog -MaxRecords $Records | Measure-Object" $pipeline 'records/s' -Ratio $ratio2 -Target '>= 0.5 x (b)' -Pass $(if ($null -ne $ratio2) { $ratio2 -ge 0.5 } else { $null })))
    $ratioPython = if ($pipeline) { $pipeline.Median / $PythonFastRecordsPerSecond } else { $null }
    $rows.Add((New-Row "2'" 'Measure 2 against the Python client with UTF-8 validation off (~300,000 records/s, from the issue)' $pipeline 'records/s' -Ratio $ratioPython -Target '> 300,000 records/s' -Pass $(if ($pipeline) { $pipeline.Median -gt $PythonFastRecordsPerSecond } else { $null })))
    $rows.Add((New-Row '3a' "Peak working set of pwsh, $(Format-Number $SmallRecords) records" $smallPeak 'MB' 'N1'))
    $rows.Add((New-Row '3b' "Peak working set of pwsh, $n records" $largePeak 'MB' 'N1'))
    $growth = if ($smallPeak -and $largePeak) { [pscustomobject]@{ Median = $largePeak.Median - $smallPeak.Median; Min = $largePeak.Min - $smallPeak.Max; Max = $largePeak.Max - $smallPeak.Min } } else { $null }
    $rows.Add((New-Row '3' "Peak working set growth, $n against $(Format-Number $SmallRecords) records (min/max: extremes of the two)" $growth 'MB' 'N1' -Target '<= 50 MB (flat)' -Pass $(if ($growth) { $growth.Median -le 50 } else { $null })))
    $rows.Add((New-Row 'S conn' "Simulator send rate of the snapshot: raw websocket reader, $(Format-Number $Connections) connections (to the last row)" $connectionSender 'records/s' -Ratio (Get-Ratio $connectionSender $connectionStats) -Target 'faster than 4 (ratio S conn/4 > 1)' -Pass $(if ($connectionSender -and $connectionStats) { $connectionSender.Median -gt $connectionStats.Median } else { $null }) -Missing $connectionReason))
    $ratio4 = Get-Ratio $connectionStats $ceilingBConnection
    $connectionText = "Get-SmcConnection -Engine $Engine, snapshot of $(Format-Number $Connections) connections, to the last record"
    if ($connectionCommand) { $connectionText += " (whole command $(Format-Number $connectionCommand.Median 'N2') s, with the wait for silence)" }
    $rows.Add((New-Row '4' $connectionText $connectionStats 'records/s' -Ratio $ratio4 -Target '>= 0.5 x (b conn)' -Pass $(if ($null -ne $ratio4) { $ratio4 -ge 0.5 } else { $null }) -Missing $(if ($connectionReason) { "not available yet: $connectionReason" } else { '' })))
    if ($latencies.Count -gt 0) {
        $p50 = Get-Percentile $latencies 50
        $p99 = Get-Percentile $latencies 99
        $latencyStats = [pscustomobject]@{ Median = $p50; Min = ($latencies | Measure-Object -Minimum).Minimum; Max = ($latencies | Measure-Object -Maximum).Maximum }
        $rows.Add((New-Row '5' "Notification latency p50 over $($latencies.Count) changes, trigger round trip included (an upper bound)" $latencyStats 'ms' 'N2'))
        $rows.Add((New-Row '5' "Notification latency p99, trigger round trip included (an upper bound)" ([pscustomobject]@{ Median = $p99; Min = $null; Max = $null }) 'ms' 'N2' -Target 'p99 < 20 ms' -Pass ($p99 -lt 20)))
        if ($serverLatencies.Count -gt 0) {
            $rows.Add((New-Row '5s' 'Notification latency from the simulator''s send time, p50' ([pscustomobject]@{ Median = (Get-Percentile $serverLatencies 50); Min = $null; Max = $null }) 'ms' 'N2'))
            $rows.Add((New-Row '5s' 'Notification latency from the simulator''s send time, p99' ([pscustomobject]@{ Median = (Get-Percentile $serverLatencies 99); Min = $null; Max = $null }) 'ms' 'N2' -Target 'p99 < 20 ms' -Pass ((Get-Percentile $serverLatencies 99) -lt 20)))
        }
    }
    else {
        $why = if ($notificationReason) { "not available yet: $notificationReason" } else { 'no figure: see the notes' }
        $rows.Add((New-Row '5' 'Notification latency p50 / p99, change in the simulator to event in the PowerShell queue' $null 'ms' -Target 'p99 < 20 ms' -Missing $why))
    }
    $rows.Add((New-Row '6' 'Time to the first record, pwsh: Connect-SmcSession, then Get-SmcLog -MaxRecords 1 (warm process)' $psFirst 'ms' 'N2' -Target '< 100 ms' -Pass $(if ($psFirst) { $psFirst.Median -lt 100 } else { $null })))
    $rows.Add((New-Row '6' 'Time to the first record, C#: QueryExecution.StartAsync to the first record' $csFirst 'ms' 'N2' -Target '< 100 ms' -Pass $(if ($csFirst) { $csFirst.Median -lt 100 } else { $null })))
    $rows.Add((New-Row '6c' 'Time to the first record, pwsh, first query of a fresh process (one run per throughput process)' $psFirstCold 'ms' 'N2'))

    $splitDefinitions = [ordered]@{
        'sender' = 'Raw websocket reader (socket only, no parsing)'
        'query-skip' = 'Query layer with no sink: SmcSocket + ServerMessageParser skipping records'
        'query-typed' = 'Query layer with TypedRecordSink (measure 1)'
        'query-prototype' = 'Query layer with the prototype sink (IPv4 and labels read from the UTF-8 bytes)'
        'ps-get-smclog' = 'pwsh: Get-SmcLog | Measure-Object (measure 2)'
        'ps-bench-loop-module' = 'pwsh: Get-SmcBenchLog | Measure-Object: the loop of Get-SmcLog rebuilt in the bench, eight reads ahead (should match measure 2)'
        'ps-bench-loop-prototype' = 'pwsh: Get-SmcBenchLog -PrototypeValues: the same with IPv4 and labels read from the UTF-8 bytes'
        'ps-bench-depth2-module' = 'pwsh: Get-SmcBenchLog -Depth 2: two reads ahead (the depth before this one)'
        'ps-ceiling-log' = 'pwsh: Write-SmcBenchRecord | Measure-Object (ceiling b)'
        'parse-strings' = 'In memory: Utf8JsonReader, every value a string (ceiling a)'
        'parse-skip' = 'In memory: ServerMessageParser, records skipped'
        'parse-typed' = 'In memory: ServerMessageParser + TypedRecordSink, default log shape'
        'parse-prototype' = 'In memory: ServerMessageParser + prototype sink (IPv4 and labels read from the UTF-8 bytes)'
        'parse-typed-ip-as-string' = 'In memory: the same, Src and Dst kept as strings (no IPAddress)'
        'parse-typed-labels-as-string' = 'In memory: the same, Action and Severity kept as strings (no enum lookup)'
        'parse-typed-all-as-string' = 'In memory: the same, every column a string (keys, records, no value parsing)'
        'sender-connections' = 'Connections: raw websocket reader, snapshot to its last row (simulator send rate)'
        'query-typed-connections' = 'Connections: query layer with TypedRecordSink, to the last row'
        'ps-get-smcconnection' = 'Connections: pwsh Get-SmcConnection | Measure-SmcBenchLast (measure 4)'
        'ps-ceiling-connection' = 'Connections: pwsh Write-SmcBenchRecord -Kind Connection, 200 records cycled (ceiling b conn)'
        'ps-ceiling-connection-distinct' = 'Connections: the same, every record a different object (-Distinct as large as -Count), cold in the caches as a snapshot''s rows are (not the target)'
        'ps-bench-connection-module' = 'Connections: pwsh Get-SmcBenchConnection | Measure-SmcBenchLast: the loop of Get-SmcConnection rebuilt in the bench (should match measure 4)'
        'ps-bench-connection-skip' = 'Connections: the same with every row skipped by the parser and a prebuilt record written per row (no record built: the bound of any parser here)'
        'parse-strings-connections' = 'Connections in memory: Utf8JsonReader, every value a string'
        'parse-typed-connections' = 'Connections in memory: ServerMessageParser + TypedRecordSink, default connection shape'
        'values-ip-walk' = 'Values: walking the messages to every Src and Dst value (baseline of the next two)'
        'values-ip-module' = 'Values: Src and Dst through ValueParser (GetString, IPAddress.TryParse, Split)'
        'values-ip-prototype' = 'Values: Src and Dst by a prototype IPv4 parser on the UTF-8 bytes'
        'values-labels-walk' = 'Values: walking the messages to every Action and Severity value (baseline of the next two)'
        'values-labels-module' = 'Values: Action and Severity through ValueParser (GetString, Normalize, lookup, box)'
        'values-labels-prototype' = 'Values: Action and Severity by exact UTF-8 label match to values boxed once'
    }
    $splits = foreach ($definition in $splitDefinitions.GetEnumerator()) {
        $stats = Get-Stats (Get-Runs $definition.Key)
        if (-not $stats) { continue }
        $allocated = Get-Stats (Get-Runs $definition.Key 'allocatedBytesPerRecord')
        if (-not $allocated) { $allocated = Get-Stats (Get-Runs $definition.Key 'allocatedBytesPerValue') }
        [pscustomobject]@{
            Step               = $definition.Value
            'per second'       = Format-Number $stats.Median
            'µs each'          = Format-Number (1e6 / $stats.Median) 'N3'
            'allocated B each' = if ($allocated) { Format-Number $allocated.Median 'N0' } else { '' }
        }
    }

    # The collector's work in the pwsh process during each pipeline measure (whole process: PowerShell's pipeline included).
    $gcDefinitions = [ordered]@{
        'ps-get-smclog' = 'Measure 2: Get-SmcLog | Measure-Object'
        'ps-ceiling-log' = 'Ceiling (b): Write-SmcBenchRecord | Measure-Object'
        'ps-get-smcconnection' = 'Measure 4: Get-SmcConnection | Measure-SmcBenchLast'
        'ps-ceiling-connection' = 'Ceiling (b conn): Write-SmcBenchRecord -Kind Connection'
        'ps-ceiling-connection-distinct' = 'The same, -Distinct (not the target)'
        'ps-bench-connection-skip' = 'Bound: Get-SmcBenchConnection -SkipRecords (no record built)'
        "ps-get-smcconnection$GcDiagnosisSuffix" = "Diagnosis: measure 4 in a pwsh with a $GcDiagnosisBudgetMB MB generation-0 budget"
        "ps-ceiling-connection$GcDiagnosisSuffix" = "Diagnosis: ceiling (b conn) in the same pwsh"
    }
    $gcRows = foreach ($definition in $gcDefinitions.GetEnumerator()) {
        $collections = Get-Stats (Get-Runs $definition.Key 'gcCollections')
        if (-not $collections) { continue }
        $timedRuns = @($Lines | Where-Object { $_.measure -eq $definition.Key -and $_.PSObject.Properties['gcPauseMilliseconds'] })
        $share = Get-Stats @($timedRuns | Where-Object { $_.seconds -gt 0 } | ForEach-Object { 100 * $_.gcPauseMilliseconds / ($_.seconds * 1000) })
        [pscustomobject]@{
            Pipeline                    = $definition.Value
            'records/s'                 = Format-Number (Get-Stats (Get-Runs $definition.Key)).Median
            'allocated B each'          = Format-Number (Get-Stats (Get-Runs $definition.Key 'allocatedBytesPerRecord')).Median
            collections                 = Format-Number $collections.Median
            'of them gen 1 or 2'        = Format-Number (Get-Stats (Get-Runs $definition.Key 'gcOlderCollections')).Median
            'pause ms'                  = Format-Number (Get-Stats (Get-Runs $definition.Key 'gcPauseMilliseconds')).Median 'N1'
            'pause % of the timed run'  = if ($share) { Format-Number $share.Median 'N1' } else { '' }
            'JIT ms in the timed run'   = Format-JitMilliseconds $definition.Key
        }
    }
    $gcColumns = 'Pipeline', 'records/s', 'allocated B each', 'collections', 'of them gen 1 or 2', 'pause ms', 'pause % of the timed run', 'JIT ms in the timed run'
    $defaultBudget = $Lines | Where-Object measure -EQ 'ps-gc-settings' | Select-Object -First 1
    $diagnosisRatio = Get-Ratio (Get-Stats (Get-Runs "ps-get-smcconnection$GcDiagnosisSuffix")) (Get-Stats (Get-Runs "ps-ceiling-connection$GcDiagnosisSuffix"))
    $defaultGc = 'not reported'
    if ($defaultBudget) {
        $flavour = $(if ($defaultBudget.concurrent) { 'concurrent ' }) + $(if ($defaultBudget.server) { 'server' } else { 'workstation' })
        $defaultGc = "at most $(Format-Number ($defaultBudget.gen0MaxBudgetBytes / 1MB) 'N0') MB here; $flavour GC"
    }
    $defaultRatio = if ($ratio4) { Format-Number $ratio4 'N2' } else { 'no figure' }
    $gcDiagnosis = if ($null -ne $diagnosisRatio) {
        "With a $GcDiagnosisBudgetMB MB generation-0 budget (the default is $defaultGc), measure 4 / (b conn) = $(Format-Number $diagnosisRatio 'N2'), against $defaultRatio with the default budget. A diagnosis only: a user's pwsh runs with the default."
    } else { 'The diagnosis run with a larger generation-0 budget gave no figure.' }
    $skipStats = Get-Stats (Get-Runs 'ps-bench-connection-skip')
    $benchLoopStats = Get-Stats (Get-Runs 'ps-bench-connection-module')
    $skipRatio = Get-Ratio $skipStats $ceilingBConnection
    $benchLoopRatio = if ($null -ne ($loopRatio = Get-Ratio $benchLoopStats $ceilingBConnection)) { Format-Number $loopRatio 'N2' } else { 'no figure' }
    $connectionBound = if ($null -ne $skipRatio) {
        "Bound of measure 4 on this machine: with every row skipped by the parser and no record built, the snapshot path (socket, simulator and PowerShell's pipeline on the same two cores) reached $(Format-Number $skipRatio 'N2') of (b conn) ($(Format-Number $skipStats.Median)/s; runs $(Format-Number $skipStats.Min) to $(Format-Number $skipStats.Max)). Get-SmcConnection's loop rebuilt in the bench reached $benchLoopRatio, measure 4 itself $defaultRatio."
    } else { 'The bound of measure 4 (Get-SmcBenchConnection -SkipRecords) gave no figure.' }
    $gcTable = if ($gcRows) { ConvertTo-MarkdownTable @($gcRows) $gcColumns ($gcColumns | Select-Object -Skip 1) } else { '(not measured)' }

    $columns = 'Id', 'Measure', 'Median', 'Min', 'Max', 'Unit', 'Ratio', 'Target', 'Result'
    $table = ConvertTo-MarkdownTable $rows $columns @('Median', 'Min', 'Max', 'Ratio')
    $splitTable = if ($splits) { ConvertTo-MarkdownTable @($splits) @('Step', 'per second', 'µs each', 'allocated B each') @('per second', 'µs each', 'allocated B each') } else { '(no splits measured)' }
    $allNotes = [Collections.Generic.List[string]]::new([string[]] @($Notes))
    $restless = @($Lines | Where-Object { $_.PSObject.Properties['jitQuietBefore'] -and -not $_.jitQuietBefore })
    if ($restless.Count -gt 0) {
        $allNotes.Add("$($restless.Count) timed pwsh runs started while the JIT compiler was still busy after 10 s of waiting ($((@($restless | ForEach-Object measure | Sort-Object -Unique)) -join ', ')); their figures may include compiling.")
    }
    $noteText = if ($allNotes.Count -gt 0) { ($allNotes | ForEach-Object { "- $_" }) -join "`n" } else { '- none' }
    $cpu = if ($machine.Cpu) { ", $($machine.Cpu)" } else { '' }

    $markdown = @"
# SmcMonitoring benchmark results

- Date: $([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm', $Invariant)) UTC
- Machine: $($machine.Cores) cores$cpu, $($machine.MemoryGiB) GiB memory, $($machine.Os); load average (1, 5, 15 min) at the start $($machine.Load), at the end $loadAtEnd
- .NET: $($machine.Runtime) (SDK $($machine.Sdk)); PowerShell $($machine.Pwsh)
- Command: ``dotnet pwsh ./build.ps1 Bench`` (Release); every figure is the median of $Runs runs with min and max, unless it says otherwise

## Results

$table

Ratios: S/1 and S conn/4 for the simulator, 1/(a), 2/(b), 2 against 300,000 records/s, 4/(b conn). PASS/MISS are figures, never a failed run.

Measure 4 before its timed runs, in the same pwsh process (warm-up snapshots, medians by group): $(if ($connectionWarmup) { $connectionWarmup } else { 'not measured' }).

## Where the time goes

Medians of $Runs runs; "each" is a record, or a value in the Values rows (whose walk row is the cost of reaching the
values, to subtract from the two below it). Allocations are the measuring thread's in the "In memory" and "Values" rows,
the whole process's in the others (for the pwsh rows, PowerShell's pipeline included).

$splitTable

$connectionBound

Garbage collection in the pwsh process during each timed run (medians of $Runs runs; the whole process, so the
allocations of PowerShell's pipeline are in it, and for measure 4 the whole command, its wait for silence included),
and the JIT compiler's time from the first record to the last (any thread; each run starts after 300 ms without
compiling):

$gcTable

$gcDiagnosis

## How each figure was measured

- **Simulator**: started with ``--cache-rendered-records``, so that after the first fetch it copies each stored record's
  (and snapshot row's) JSON instead of rendering it again. On this machine the simulator shares the two cores with the
  client it serves; rendering cost it most of a core, which a real SMC on its own machine never takes from the client.
  The answers are byte for byte the same (a simulator test compares them). It also runs with
  ``DOTNET_TieredCompilation=0``: with tiered compilation it was still recompiling its code (about 45% of its CPU
  samples) through its first 30 snapshots and more, and spent 0.6-1.1 µs of CPU per row during measure 4 against about
  0.5 µs without; in three alternating pairs measure 4 reached 0.42, 0.38 and 0.40 of its ceiling against 0.38, 0.34
  and 0.26.
- **S** ``SmcMonitoring.Bench sender``: logs in with ``SmcSession.ConnectAsync``, opens the log websocket with a bare
  ``ClientWebSocket`` and sends the request Get-SmcLog sends (stored, quantity $n, default field ids); it only counts
  messages and bytes until the ``end`` message. Two unmeasured fetches of the same size first warm up the simulator.
- **(a)** ``SmcMonitoring.Bench parse``: the raw messages of one $n-record fetch are captured in memory by the same
  reader, then read with ``Utf8JsonReader`` with every value materialised as a string (numbers by their text), keys
  compared but not materialised; no socket. One unmeasured pass first. The rows "In memory" of the second table run the
  module's ``ServerMessageParser`` over the same bytes, with no sink and with ``TypedRecordSink`` on variants of the
  default log shape, and report allocations per record (``GC.GetAllocatedBytesForCurrentThread``).
- **(b)** ``Write-SmcBenchRecord -Count N [-Kind Connection] | Measure-Object`` (bench/SmcMonitoring.Bench.Cmdlets): 200
  records built once with the module's internal constructors and shapes (``LogShapes.Default``,
  ``SessionMonitor.Connections.DefaultShape``) and typed values (DateTime, IPAddress, int ports, enums, strings), written
  N times; imported in pwsh next to the staged module. Interleaved run by run with measure 2 (or 4) in one pwsh process.
  For connections a third, informational pipeline runs after them, on its own: ``-Distinct N`` writes N different
  records (built before its runs), each cold in the CPU's caches as a snapshot's fresh rows are; the target stays on
  (b conn). It runs apart because its records (tens of megabytes, kept for its runs) changed both figures of the target
  when they shared the heap with them.
- **1** ``SmcMonitoring.Bench query``: ``SmcSession.ConnectAsync``, ``QueryExecution.StartAsync`` with
  ``LogQuery { Quantity = $Records }`` and the default field ids, read the way the cmdlets read: a ``ReadAheadQueue``
  keeps eight reads in flight, each into its own ``TypedRecordSink`` with ``LogShapes.Default`` (so two messages are
  parsed at once on the two cores while the next are received in order); records counted and the sink cleared per
  message; timed from StartAsync to the last message.
  After one unmeasured fetch of each kind, of the same size. Each run is followed by the same fetch with no sink
  ("query-skip").
- **2** a pwsh process imports the staged module and SmcMonitoring.Bench.Cmdlets, connects, runs each pipeline once
  unmeasured with the same size, then times ``Get-SmcLog -MaxRecords $Records | Measure-Object`` with a Stopwatch
  (no forced collection before a run: a user's shell does not force one, and without it measure 4 ran faster in 5 of 6
  alternating pairs of processes, by 5% to 67%, and 14% slower in the sixth) and checks the count.
- **3** one fresh pwsh process per run and size: import, connect, ``Get-SmcLog -MaxRecords N | Measure-Object``, then
  ``[Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64``; sizes alternate run by run.
- **4** a second simulator with ``--connections $Connections --session-change-rate 0``; in pwsh, after $($connectionWarmupRates.Count) warm-up
  snapshots (reported under the table: the first ones run code not yet compiled in its final tier) and five unmeasured
  ceiling runs, ``Get-SmcConnection -Engine $Engine | Measure-SmcBenchLast`` (a counting cmdlet that notes when the last
  record arrived): the rate is timed to the last record, because the snapshot then ends only after the module's silence
  rule (3 s without a message); the whole command time is shown beside it. The ceiling uses the same counting cmdlet.
  Interleaved with them, two splits: ``Get-SmcBenchConnection`` (bench/SmcMonitoring.Bench.Cmdlets) reads the same
  snapshot through the module's ``ReadAheadQueue`` and ``TypedRecordSink`` to its last row, as Get-SmcConnection does
  (a check that the split reproduces measure 4), and with ``-SkipRecords`` the parser skips every row (the tokenizer
  still walks it) and a prebuilt connection is written per row: the socket, the simulator and PowerShell's pipeline
  with no record built, the most any record parser could reach here.
- **JIT compiler**: before every timed pwsh run ``Wait-SmcBenchJitIdle`` waits until
  ``[System.Runtime.JitInfo]::GetCompilationTime()`` has not moved for 300 ms (at most 10 s). Without it, the
  background recompilation of the measuring script's own code (ConvertTo-Json's Newtonsoft.Json, PowerShell's compiler
  and binders: methods that reach their call-count thresholds between runs, seen with the runtime's method-load events)
  landed in the timed runs: 100-180 ms of compiling in some 200 ms snapshots, on the two cores the snapshot needs. The
  table's JIT column is what still compiled during the timed part (read every 1,024 records by Measure-SmcBenchLast,
  else over the whole run).
- **Garbage collection**: around every timed pwsh run, ``[GC]::CollectionCount(0)`` (every collection),
  ``CollectionCount(1)`` (those of generation 1 or 2), ``[GC]::GetTotalPauseDuration()`` and
  ``[GC]::GetTotalAllocatedBytes()``; the pause share divides the pause by the timed part of the run. The diagnosis runs
  the Connections pwsh process once more with ``DOTNET_GCgen0size`` set to $GcDiagnosisBudgetMB MB (measure names ending
  in ``$GcDiagnosisSuffix``), on the same simulator, after the same warm-up.
- **S conn** and the "Connections" splits (``SmcMonitoring.Bench connections``): on the connections simulator, after six raw
  and ten typed unmeasured snapshots (the simulator's snapshot code speeds up over its first few), a bare websocket reads the CONNECTIONS snapshot until it has seen $(Format-Number $Connections) rows
  (counting ``delta_key`` in the bytes), then the query layer reads it with ``TypedRecordSink`` and
  ``SessionMonitor.Connections.DefaultShape`` to the last row; one captured snapshot is then parsed in memory.
- **5** ``Register-SmcNotification -Context host -SourceIdentifier SmcBenchNotify``; each change is triggered with
  ``POST /_simulator/element-change`` ``{"context":"host","action":"update","id":"1087"}`` through one HttpClient;
  latency = ``PSEventArgs.TimeGenerated`` of the event minus ``[DateTime]::Now`` taken right before the request, so the
  trigger round trip is included and the figure is an upper bound. 20 unmeasured changes first. When the endpoint's
  answer carries a server timestamp, the latency from it is reported too ("5s").
- **Splits** "Values" rows (``SmcMonitoring.Bench parse``): the captured messages are walked to every Src/Dst (or
  Action/Severity) value, which is then read by the module's ``ValueParser`` or by a prototype on the UTF-8 bytes (a
  dotted-quad IPv4 parser building ``IPAddress`` from a long; an exact label match returning an enum boxed once); the
  walk row alone is the baseline. The prototype sink (bench/Shared/PrototypeLogSink.cs) is TypedRecordSink's log path with
  those two value readers; it is measured in memory, through the query layer ("query-prototype", interleaved with
  measure 1) and in pwsh. ``Get-SmcBenchLog`` (bench/SmcMonitoring.Bench.Cmdlets) rebuilds Get-SmcLog's read-and-write
  loop on the module's ``ReadAheadQueue`` so that variants can be compared with it: as is (eight reads ahead, as
  Get-SmcLog), with ``-PrototypeValues``, and with ``-Depth 2`` (two reads ahead, the depth before); it runs interleaved
  with measure 2 in the same process.
- **6** pwsh: in the throughput process, after the throughput runs, each run does ``Connect-SmcSession`` and then times
  ``Get-SmcLog -MaxRecords 1 | ForEach-Object { ... }`` to the first record reaching the pipeline ("6c": the same, as the
  very first query of the process). C#: ``QueryExecution.StartAsync`` to the first record in the sink, on a connected
  session, after one unmeasured run.

## Notes

$noteText
"@

    $console = ConvertTo-MarkdownTable $rows $columns @('Median', 'Min', 'Max', 'Ratio')
    return [pscustomobject]@{ Table = $console + "`n`n" + $splitTable + "`n`nNotes:`n" + $noteText; Markdown = $markdown }
}
