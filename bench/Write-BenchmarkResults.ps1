<#
.SYNOPSIS
    Turns the JSON lines Invoke-Benchmark.ps1 collected into the results table and bench/results.md.
.DESCRIPTION
    Dot-sourced by Invoke-Benchmark.ps1; reads its $Lines, $Notes, $machine, $loadAtEnd, $Runs, $Records, $SmallRecords,
    $Connections, $NotificationEvents, $notificationReason, $connectionReason, $Baseline, $baselineVariant and
    $baselineReason.
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

function Get-CpuStats {
    # The pwsh process's CPU seconds (user + system) per million records of a measure's timed runs.
    param([string] $Measure)
    return Get-Stats (Get-Runs $Measure 'cpuSecondsPerMillion')
}

function Format-Stats {
    # "median (min-max)" in one cell.
    param($Stats, [string] $Format = 'N0')
    if (-not $Stats) { return 'no figure' }
    return "$(Format-Number $Stats.Median $Format) ($(Format-Number $Stats.Min $Format)-$(Format-Number $Stats.Max $Format))"
}

function Get-LatencyStats {
    # p50 or p99 of a notification measure's latencies, with no min and max (one figure over every change).
    param([string] $Measure, [double] $Percent)
    $latencies = [double[]] @(Get-Runs $Measure 'latencyMilliseconds')
    if ($latencies.Count -eq 0) { return $null }
    $value = Get-Percentile $latencies $Percent
    return [pscustomobject]@{ Median = $value; Min = $value; Max = $value; Count = $latencies.Count }
}

function New-ComparisonTable {
    <#
    This tree against the baseline commit, measured alternately in the same run: median (min-max) of each, the ratio
    new/old and the issue's target (within 10%: at least 0.90 of the old rate, at most 1.10 of the old cost).
    #>
    $suffix = '-baseline'
    $peak = { param($name) $v = @(Get-Runs $name 'peakWorkingSetBytes' | ForEach-Object { $_ / 1MB }); if ($v.Count) { Get-Stats $v } else { $null } }
    $growth = {
        param($small, $large)
        if (-not $small -or -not $large) { return $null }
        [pscustomobject]@{ Median = $large.Median - $small.Median; Min = $large.Min - $small.Max; Max = $large.Max - $small.Min }
    }
    $definitions = @(
        @{ Id = '1'; What = "C# query layer, $(Format-Number $Records) records"; Unit = 'records/s'; Higher = $true; Format = 'N0'
            New = Get-Stats (Get-Runs 'query-typed'); Old = Get-Stats (Get-Runs "query-typed$suffix") }
        @{ Id = '2'; What = "Get-SmcLog -MaxRecords $Records | Measure-Object"; Unit = 'records/s'; Higher = $true; Format = 'N0'
            New = Get-Stats (Get-Runs 'ps-get-smclog'); Old = Get-Stats (Get-Runs "ps-get-smclog$suffix") }
        @{ Id = '2 CPU'; What = 'Measure 2: CPU time of the pwsh process (user + system)'; Unit = 's per 1M records'; Higher = $false; Format = 'N3'
            New = Get-CpuStats 'ps-get-smclog'; Old = Get-CpuStats "ps-get-smclog$suffix" }
        @{ Id = '(b)'; What = 'Ceiling (b) of each module''s process, Write-SmcBenchRecord | Measure-Object (the same cmdlet: how alike the two halves ran)'; Unit = 'records/s'; Higher = $true; Format = 'N0'; NoTarget = $true
            New = Get-Stats (Get-Runs 'ps-ceiling-log'); Old = Get-Stats (Get-Runs "ps-ceiling-log$suffix") }
        @{ Id = '(b) CPU'; What = 'Ceiling (b): CPU time of the pwsh process'; Unit = 's per 1M records'; Higher = $false; Format = 'N3'; NoTarget = $true
            New = Get-CpuStats 'ps-ceiling-log'; Old = Get-CpuStats "ps-ceiling-log$suffix" }
        @{ Id = '3b'; What = "Peak working set of pwsh, $(Format-Number $Records) records"; Unit = 'MB'; Higher = $false; Format = 'N1'
            New = & $peak "ps-peak-working-set-$Records"; Old = & $peak "ps-peak-working-set-$Records$suffix" }
        @{ Id = '3'; What = "Peak working set growth, $(Format-Number $Records) against $(Format-Number $SmallRecords) records"; Unit = 'MB'; Higher = $false; Format = 'N1'; NoTarget = $true
            New = & $growth (& $peak "ps-peak-working-set-$SmallRecords") (& $peak "ps-peak-working-set-$Records")
            Old = & $growth (& $peak "ps-peak-working-set-$SmallRecords$suffix") (& $peak "ps-peak-working-set-$Records$suffix") }
        @{ Id = '5 p50'; What = 'Notification latency p50, trigger round trip included'; Unit = 'ms'; Higher = $false; Format = 'N2'
            New = Get-LatencyStats 'ps-notification' 50; Old = Get-LatencyStats "ps-notification$suffix" 50 }
        @{ Id = '5 p99'; What = 'Notification latency p99, trigger round trip included'; Unit = 'ms'; Higher = $false; Format = 'N2'
            New = Get-LatencyStats 'ps-notification' 99; Old = Get-LatencyStats "ps-notification$suffix" 99 }
    )
    $rows = foreach ($d in $definitions) {
        $ratio = if ($d.New -and $d.Old -and $d.Old.Median -ne 0) { $d.New.Median / $d.Old.Median } else { $null }
        $noTarget = $d.ContainsKey('NoTarget')
        $target = if ($noTarget) { '' } elseif ($d.Higher) { '>= 0.90 (within 10%)' } else { '<= 1.10 (within 10%)' }
        $result = if ($noTarget -or $null -eq $ratio) { '' } elseif ($(if ($d.Higher) { $ratio -ge 0.9 } else { $ratio -le 1.1 })) { 'PASS' } else { 'MISS' }
        $single = $d.Id -like '5 *'
        [pscustomobject]@{
            Id = $d.Id
            Measure = $d.What
            Unit = $d.Unit
            'Before (baseline)' = if ($single -and $d.Old) { Format-Number $d.Old.Median $d.Format } else { Format-Stats $d.Old $d.Format }
            'After (this tree)' = if ($single -and $d.New) { Format-Number $d.New.Median $d.Format } else { Format-Stats $d.New $d.Format }
            'After/before' = if ($null -ne $ratio) { Format-Number $ratio 'N2' } else { '' }
            Target = $target
            Result = $result
        }
    }
    $columns = 'Id', 'Measure', 'Unit', 'Before (baseline)', 'After (this tree)', 'After/before', 'Target', 'Result'
    return ConvertTo-MarkdownTable @($rows) $columns @('Before (baseline)', 'After (this tree)', 'After/before')
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
    $timeoutLines = @($Lines | Where-Object measure -EQ 'ps-notification-timeouts')
    $psFirst = Get-Stats (Get-Runs 'ps-first-record' 'firstRecordMilliseconds')
    $psFirstCold = Get-Stats (Get-Runs 'ps-first-record-cold' 'firstRecordMilliseconds')
    $csFirst = Get-Stats (Get-Runs 'first-record' 'firstRecordMilliseconds')
    $connectionCpu = Get-CpuStats 'ps-get-smcconnection'
    $ceilingConnectionCpu = Get-CpuStats 'ps-ceiling-connection'

    $n = Format-Number $Records
    $rows = [Collections.Generic.List[object]]::new()
    $senderText = "Simulator send rate: raw websocket reader counting bytes and messages, $n records"
    if ($senderMBps) { $senderText += " ($(Format-Number $senderMBps.Median 'N0') MB/s" + $(if ($capture) { ", $($capture.bytesPerRecord) bytes/record" } else { '' }) + ')' }
    $rows.Add((New-Row 'S' $senderText $sender 'records/s' -Ratio (Get-Ratio $sender $query) -Target 'faster than 1 (ratio S/1 > 1)' -Pass $(if ($sender -and $query) { $sender.Median -gt $query.Median } else { $null })))
    $rows.Add((New-Row '(a)' "Ceiling: the same messages in memory, Utf8JsonReader, every value a string, $n records" $ceilingA 'records/s'))
    $rows.Add((New-Row '(b)' "Ceiling: Write-SmcBenchRecord -Count $n | Measure-Object (prebuilt SmcLogRecord)" $ceilingB 'records/s'))
    $rows.Add((New-Row '(b conn)' "Ceiling: Write-SmcBenchRecord -Count $(Format-Number $Connections) -Kind Connection (prebuilt SmcConnection)" $ceilingBConnection 'records/s' -Missing $connectionReason))

    $ratio1 = Get-Ratio $query $ceilingA
    $rows.Add((New-Row '1' "C# query layer: QueryRunner + TypedRecordSink, $n records, default fields" $query 'records/s' -Ratio $ratio1 -Target '>= 0.6 x (a)' -Pass $(if ($null -ne $ratio1) { $ratio1 -ge 0.6 } else { $null })))
    $ratio2 = Get-Ratio $pipeline $ceilingB
    $rows.Add((New-Row '2' "Get-SmcLog -MaxRecords $Records | Measure-Object" $pipeline 'records/s' -Ratio $ratio2 -Target '>= 0.5 x (b)' -Pass $(if ($null -ne $ratio2) { $ratio2 -ge 0.5 } else { $null })))
    $ratioPython = if ($pipeline) { $pipeline.Median / $PythonFastRecordsPerSecond } else { $null }
    $rows.Add((New-Row "2'" 'Measure 2 against the Python client with UTF-8 validation off (~300,000 records/s, from the issue)' $pipeline 'records/s' -Ratio $ratioPython -Target '> 300,000 records/s' -Pass $(if ($pipeline) { $pipeline.Median -gt $PythonFastRecordsPerSecond } else { $null })))
    $rows.Add((New-Row '3a' "Peak working set of pwsh, $(Format-Number $SmallRecords) records" $smallPeak 'MB' 'N1'))
    $rows.Add((New-Row '3b' "Peak working set of pwsh, $n records" $largePeak 'MB' 'N1'))
    $growth = if ($smallPeak -and $largePeak) { [pscustomobject]@{ Median = $largePeak.Median - $smallPeak.Median; Min = $largePeak.Min - $smallPeak.Max; Max = $largePeak.Max - $smallPeak.Min } } else { $null }
    $rows.Add((New-Row '3' "Peak working set growth, $n against $(Format-Number $SmallRecords) records (min/max: extremes of the two)" $growth 'MB' 'N1' -Target '<= 50 MB (flat)' -Pass $(if ($growth) { $growth.Median -le 50 } else { $null })))
    $rows.Add((New-Row 'S conn' "Simulator send rate of the snapshot: raw websocket reader, $(Format-Number $Connections) connections (to the last row)" $connectionSender 'records/s' -Ratio (Get-Ratio $connectionSender $connectionStats) -Target 'faster than 4r (ratio S conn/4r > 1)' -Pass $(if ($connectionSender -and $connectionStats) { $connectionSender.Median -gt $connectionStats.Median } else { $null }) -Missing $connectionReason))
    $rows.Add((New-Row '(b conn) CPU' "Ceiling: CPU time of pwsh for Write-SmcBenchRecord -Count $(Format-Number $Connections) -Kind Connection | Measure-SmcBenchLast (user + system)" $ceilingConnectionCpu 's per 1M records' 'N3' -Missing $connectionReason))
    $ratio4 = Get-Ratio $connectionCpu $ceilingConnectionCpu
    $rows.Add((New-Row '4' "Client CPU time: pwsh user + system seconds for Get-SmcConnection -Engine $Engine | Measure-SmcBenchLast, snapshot of $(Format-Number $Connections) connections (whole command)" $connectionCpu 's per 1M records' 'N3' -Ratio $ratio4 -Target '<= 2 x (b conn) CPU' -Pass $(if ($null -ne $ratio4) { $ratio4 -le 2 } else { $null }) -Missing $(if ($connectionReason) { "not available yet: $connectionReason" } else { '' })))
    $streamCpu = Get-Stats (Get-Runs 'ps-get-smcconnection' 'streamCpuSecondsPerMillion')
    $ceilingStreamCpu = Get-Stats (Get-Runs 'ps-ceiling-connection' 'streamCpuSecondsPerMillion')
    $rows.Add((New-Row '4s' "The same runs, CPU time from the first record to about the last (the stream alone: no connect, no wait for silence), against the same for (b conn)" $streamCpu 's per 1M records' 'N3' -Ratio (Get-Ratio $streamCpu $ceilingStreamCpu) -Missing $connectionReason))
    $idle = Get-Stats (Get-Runs 'ps-idle-cpu' 'cpuMillisecondsPerSecond')
    $connectionText = "Get-SmcConnection -Engine $Engine, rate to the last record (informational: the simulator shares the two cores)"
    if ($connectionCommand) { $connectionText += "; whole command $(Format-Number $connectionCommand.Median 'N2') s, with the wait for silence" }
    $rows.Add((New-Row '4r' $connectionText $connectionStats 'records/s' -Ratio (Get-Ratio $connectionStats $ceilingBConnection) -Missing $connectionReason))
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
    $rows.Add((New-Row '6' 'Time to the first record, C#: a new QueryRunner to the first record' $csFirst 'ms' 'N2' -Target '< 100 ms' -Pass $(if ($csFirst) { $csFirst.Median -lt 100 } else { $null })))
    $rows.Add((New-Row '6c' 'Time to the first record, pwsh, first query of a fresh process (one run per throughput process)' $psFirstCold 'ms' 'N2'))
    if ($timeoutLines.Count -gt 0) {
        $Notes.Add("Measure 5: $(($timeoutLines | Measure-Object records -Sum).Sum) changes brought no event within 5 s and are not in the percentiles ($(@($timeoutLines | ForEach-Object measure | Sort-Object -Unique) -join ', ')).")
    }

    $splitDefinitions = [ordered]@{
        'sender' = 'Raw websocket reader (socket only, no parsing)'
        'query-skip' = 'Query layer skipping every record: QueryRunner, its read-ahead and ServerMessageParser, no record built'
        'query-typed' = 'Query layer with TypedRecordSink (measure 1)'
        'ps-get-smclog' = 'pwsh: Get-SmcLog | Measure-Object (measure 2)'
        'ps-ceiling-log' = 'pwsh: Write-SmcBenchRecord | Measure-Object (ceiling b)'
        'parse-strings' = 'In memory: Utf8JsonReader, every value a string (ceiling a)'
        'parse-skip' = 'In memory: ServerMessageParser, records skipped'
        'parse-typed' = 'In memory: ServerMessageParser + TypedRecordSink, default log shape'
        'parse-typed-ip-as-string' = 'In memory: the same, Src and Dst kept as strings (no IPAddress)'
        'parse-typed-labels-as-string' = 'In memory: the same, Action and Severity kept as strings (no enum lookup)'
        'parse-typed-all-as-string' = 'In memory: the same, every column a string (keys, records, no value parsing)'
        'sender-connections' = 'Connections: raw websocket reader, snapshot to its last row (simulator send rate)'
        'query-typed-connections' = 'Connections: query layer with TypedRecordSink, to the last row'
        'ps-get-smcconnection' = 'Connections: pwsh Get-SmcConnection | Measure-SmcBenchLast, to the last record (4r)'
        'ps-ceiling-connection' = 'Connections: pwsh Write-SmcBenchRecord -Kind Connection, 200 records cycled (ceiling b conn)'
        'ps-ceiling-connection-distinct' = 'Connections: the same, every record a different object (-Distinct as large as -Count), cold in the caches as a snapshot''s rows are (not the target)'
        'parse-strings-connections' = 'Connections in memory: Utf8JsonReader, every value a string'
        'parse-typed-connections' = 'Connections in memory: ServerMessageParser + TypedRecordSink, default connection shape'
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
            'CPU s per 1M records'      = if ($cpu = Get-CpuStats $definition.Key) { Format-Number $cpu.Median 'N3' } else { '' }
        }
    }
    $gcColumns = 'Pipeline', 'records/s', 'allocated B each', 'collections', 'of them gen 1 or 2', 'pause ms', 'pause % of the timed run', 'JIT ms in the timed run', 'CPU s per 1M records'
    $defaultBudget = $Lines | Where-Object measure -EQ 'ps-gc-settings' | Select-Object -First 1
    $diagnosisRatio = Get-Ratio (Get-Stats (Get-Runs "ps-get-smcconnection$GcDiagnosisSuffix")) (Get-Stats (Get-Runs "ps-ceiling-connection$GcDiagnosisSuffix"))
    $defaultGc = 'not reported'
    if ($defaultBudget) {
        $flavour = $(if ($defaultBudget.concurrent) { 'concurrent ' }) + $(if ($defaultBudget.server) { 'server' } else { 'workstation' })
        $defaultGc = "at most $(Format-Number ($defaultBudget.gen0MaxBudgetBytes / 1MB) 'N0') MB here; $flavour GC"
    }
    $defaultRatio = if ($ratio4) { Format-Number $ratio4 'N2' } else { 'no figure' }
    $diagnosisCpuRatio = Get-Ratio (Get-CpuStats "ps-get-smcconnection$GcDiagnosisSuffix") (Get-CpuStats "ps-ceiling-connection$GcDiagnosisSuffix")
    $gcDiagnosis = if ($null -ne $diagnosisCpuRatio) {
        "With a $GcDiagnosisBudgetMB MB generation-0 budget (the default is $defaultGc), the CPU time of measure 4 / that of (b conn) = $(Format-Number $diagnosisCpuRatio 'N2'), against $defaultRatio with the default budget$(if ($null -ne $diagnosisRatio) { "; to the last record, 4r / (b conn) = $(Format-Number $diagnosisRatio 'N2')" }). A diagnosis only: a user's pwsh runs with the default."
    } else { 'The diagnosis run with a larger generation-0 budget gave no figure.' }
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
    $command = if ($baselineVariant) { "dotnet pwsh ./build.ps1 Bench -Baseline $Baseline" } else { 'dotnet pwsh ./build.ps1 Bench' }
    $comparison = if ($baselineVariant) {
        $short = $baselineVariant.Commit.Substring(0, 7)
        @"
Measures 1, 2, 3 and 5 of this tree and of commit $short (``-Baseline $Baseline``: its module and bench programs built
in a temporary git worktree), in the same run on the same simulator, alternating process by process: round by round
one process of each (this tree first in odd rounds), $Runs rounds, one timed run per process; measure 5 splits its
$(Format-Number $NotificationEvents) changes over the rounds. Both are driven by this tree's Measure-Pipeline.ps1 (only public cmdlets and
the bench cmdlets of their own commit) and the bench program of their own commit (measure 1: QueryExecution with
TypedRecordSink at $short, QueryRunner with TypedRecordSink here). Rates depend on what else runs on the two cores;
the CPU rows (the pwsh process's user + system seconds) much less, and are the ones to compare first.

$(New-ComparisonTable)
"@
    } elseif ($Baseline) {
        "Not measured in this run: $baselineReason"
    } else {
        'Not measured in this run (`build.ps1 Bench -Baseline <commit>` measures a commit''s module beside this one).'
    }

    $markdown = @"
# SmcMonitoring benchmark results

- Date: $([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm', $Invariant)) UTC
- Machine: $($machine.Cores) cores$cpu, $($machine.MemoryGiB) GiB memory, $($machine.Os); load average (1, 5, 15 min) at the start $($machine.Load), at the end $loadAtEnd
- .NET: $($machine.Runtime) (SDK $($machine.Sdk)); PowerShell $($machine.Pwsh)
- Command: ``$command`` (Release); every figure is the median of $Runs runs with min and max, unless it says otherwise

## Results

$table

Ratios: S/1 and S conn/4r for the simulator, 1/(a), 2/(b), 2 against 300,000 records/s, 4/(b conn) CPU (CPU seconds
per million records: lower is better), 4s/(b conn) stream CPU, 4r/(b conn). PASS/MISS are figures, never a failed run.

$(if ($connectionCpu -and $streamCpu -and $connectionCommand) { "Of measure 4's whole command ($(Format-Number $connectionCommand.Median 'N2') s, mostly the wait for silence), 4 - 4s = $(Format-Number ($connectionCpu.Median - $streamCpu.Median) 'N3') s per 1M records (difference of the medians) is spent outside the stream: the engine check, the connection and the wait." + $(if ($idle) { " The same pwsh process doing nothing (3 s of Start-Sleep right after the warm-ups, before the timed runs) spent $(Format-Number $idle.Median 'N1') ms of CPU per second: the runtime's own background work, which the wait does not always meet." } else { '' }) })

Get-SmcConnection before its timed runs, in the same pwsh process (warm-up snapshots to the last record, medians by group): $(if ($connectionWarmup) { $connectionWarmup } else { 'not measured' }).

## Before and after

$comparison

## Where the time goes

Medians of $Runs runs; "each" is a record. Allocations are the measuring thread's in the "In memory" rows, the whole
process's in the others (for the pwsh rows, PowerShell's pipeline included).

$splitTable

Garbage collection in the pwsh process during each timed run (medians of $Runs runs; the whole process, so the
allocations of PowerShell's pipeline are in it, and for measure 4 the whole command, its wait for silence included),
the JIT compiler's time from the first record to the last (any thread; each run starts after 300 ms without
compiling), and the process's CPU time (user + system) per million records:

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
- **1** ``SmcMonitoring.Bench query``: ``SmcSession.ConnectAsync``, then a ``QueryRunner`` (the read loop of the
  cmdlets) on a stored ``QueryPlan`` of $n records with the default field ids, each message parsed into its own
  ``TypedRecordSink`` with ``LogShapes.Default`` by the runner's read-ahead (messages received ahead and parsed on pool
  threads, at most one parse per core, handed out in order); records counted; timed from the runner's creation to the
  end of the fetch. After one unmeasured fetch of each kind, of the same size. Each run is followed by the same fetch
  into a batch that skips every record ("query-skip"). The baseline's program (before the rewrite) did the same with
  ``QueryExecution.StartAsync``, eight reads in flight on a ``ReadAheadQueue``.
- **2** a pwsh process imports the staged module and SmcMonitoring.Bench.Cmdlets, connects, runs each pipeline once
  unmeasured with the same size, then times ``Get-SmcLog -MaxRecords $Records | Measure-Object`` with a Stopwatch
  (no forced collection before a run: a user's shell does not force one, and without it Get-SmcConnection ran faster in 5 of 6
  alternating pairs of processes, by 5% to 67%, and 14% slower in the sixth) and checks the count. The process's CPU
  time is read before and after (``[Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime``: user + system, every
  thread) and reported per million records.
- **3** one fresh pwsh process per run and size: import, connect, ``Get-SmcLog -MaxRecords N | Measure-Object``, then
  ``[Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64``; sizes alternate run by run.
- **4** a second simulator with ``--connections $Connections --session-change-rate 0``; in pwsh, after $($connectionWarmupRates.Count) warm-up
  snapshots (reported under the table: the first ones run code not yet compiled in its final tier) and five unmeasured
  ceiling runs, ``Get-SmcConnection -Engine $Engine | Measure-SmcBenchLast`` interleaved run by run with
  ``Write-SmcBenchRecord -Count $(Format-Number $Connections) -Kind Connection | Measure-SmcBenchLast``. The figure is the pwsh process's CPU
  time (``TotalProcessorTime``, user + system, every thread: the module's socket and parse threads, PowerShell's
  pipeline, the collector) from before the command to after it, per million records, against the same for the
  ceiling: it counts what the client spends, whatever the simulator takes of the two cores meanwhile. For
  Get-SmcConnection it is the whole command: the engine check, the connection, the stream and the module's wait for
  the SMC's silence (10 s after a full batch of 200 rows, 2 s after a shorter one), during which the process still
  spends what it spends idle (measured in the same process over 3 s of Start-Sleep before the timed runs, reported
  under the table). **4s** is the CPU time of the same runs from the first record to about the last (Measure-SmcBenchLast
  reads the process's counters every 1,024 records), for both pipelines: the stream without the command's start and
  end. **4r** is the rate of the same runs to the last record (Measure-SmcBenchLast
  notes when it arrived), the measure 4 of earlier runs: it depends on the simulator sharing the cores, so it is
  shown, not targeted.
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
- **6** pwsh: in the throughput process, after the throughput runs, each run does ``Connect-SmcSession`` and then times
  ``Get-SmcLog -MaxRecords 1 | ForEach-Object { ... }`` to the first record reaching the pipeline ("6c": the same, as the
  very first query of the process). C#: a new ``QueryRunner`` on a stored plan of one record to the first record it
  hands out, on a connected session, after one unmeasured run.
- **Before and after** (``-Baseline <commit>``): ``git worktree add --detach`` of the commit into a new folder under
  the temporary directory, ``dotnet build`` of its two bench projects (which build its module), ``dotnet publish`` of
  its module, staged as its build.ps1 stages it for PowerShell 7 (its assemblies, manifest, format and type files,
  help); the worktree and the folder are removed at the end, whatever happened. Its measures carry the suffix
  ``-baseline`` in the JSON lines. The simulator is this tree's for both.

## Notes

$noteText
"@

    $console = ConvertTo-MarkdownTable $rows $columns @('Median', 'Min', 'Max', 'Ratio')
    return [pscustomobject]@{ Table = $console + "`n`n" + $splitTable + "`n`nNotes:`n" + $noteText; Markdown = $markdown }
}
