<#
.SYNOPSIS
    Measures SmcMonitoring's throughput, memory and latency against the simulator, beside the ceilings of this machine.
.DESCRIPTION
    Run by 'dotnet pwsh ./build.ps1 Bench' after the build has staged the module. Starts the simulator, confirms it
    sends faster than the client reads, then measures (median of -Runs runs, with min and max):
      1  the C# query layer alone: a 1,000,000-record stored fetch with the default fields
      2  Get-SmcLog -MaxRecords 1000000 | Measure-Object in pwsh
      3  the peak working set of pwsh for 10,000 and for 1,000,000 records
      4  the client's CPU time per million connections: the pwsh process's user + system seconds for
         Get-SmcConnection -Engine E (a snapshot of 100,000 connections), against the same for prebuilt connections
      5  notification latency, change in the simulator to event in the PowerShell queue (p50, p99)
      6  time to the first record of a stored query after connect (pwsh and C#)
    and two ceilings: (a) parsing the same messages in memory with Utf8JsonReader, every value a string; (b) a cmdlet
    writing the same number of prebuilt records into Measure-Object. Prints a table with ratios and PASS/MISS per
    target (figures, never a failing exit code) and writes bench/results.md. As a diagnosis, not a target, measure 4 and
    its ceiling run once more in a pwsh whose garbage collector runs rarely (a 64 MB generation-0 budget).
    With -Baseline <commit>, the module and the bench programs of that commit are built in a git worktree in a temporary
    folder (removed afterwards), and measures 1, 2, 3 and 5 run for both, alternating process by process on the same
    simulator, so that results.md shows the commit's figures, this tree's and the ratio of the two.
.EXAMPLE
    dotnet pwsh ./build.ps1 Bench
.EXAMPLE
    dotnet pwsh ./build.ps1 Bench -Baseline 8ceb18e
.EXAMPLE
    dotnet pwsh ./bench/Invoke-Benchmark.ps1 -StagingDir ./out/SmcMonitoring -SimulatorDll ./src/SmcMonitoring.Simulator/bin/Release/net10.0/SmcMonitoring.Simulator.dll -Runs 3
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $StagingDir,
    [Parameter(Mandatory)] [string] $SimulatorDll,
    [ValidateSet('Debug', 'Release')] [string] $Configuration = 'Release',
    [ValidateRange(1, 100)] [int] $Runs = 5,
    [int] $Records = 1000000,
    [int] $SmallRecords = 10000,
    [int] $Connections = 100000,
    [int] $NotificationEvents = 1000,
    [string] $ResultsPath = (Join-Path $PSScriptRoot 'results.md'),
    # A commit to compare with (measures 1, 2, 3 and 5), built in a temporary git worktree outside the repository.
    [string] $Baseline,
    [switch] $SkipBuild
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = Split-Path -Parent $PSScriptRoot
$StagingDir = (Resolve-Path $StagingDir).Path
$SimulatorDll = (Resolve-Path $SimulatorDll).Path
$ApiKey = 'bench-key'
$Engine = 'fw-bench'
$Invariant = [Globalization.CultureInfo]::InvariantCulture
$PwshDll = Join-Path $PSHOME 'pwsh.dll'
$BenchDll = Join-Path $PSScriptRoot "SmcMonitoring.Bench/bin/$Configuration/net10.0/SmcMonitoring.Bench.dll"
$CmdletsDll = Join-Path $PSScriptRoot "SmcMonitoring.Bench.Cmdlets/bin/$Configuration/netstandard2.0/SmcMonitoring.Bench.Cmdlets.dll"
$PipelineScript = Join-Path $PSScriptRoot 'Measure-Pipeline.ps1'
# The diagnosis run of measure 4: a generation-0 budget far above the default one (at most 6 MB on the 2-core machine,
# reported in results.md), and the suffix of its measures' names.
$GcDiagnosisBudgetMB = 64
$GcDiagnosisSuffix = '-gen0-budget'
$Clock = [Diagnostics.Stopwatch]::StartNew()
$Lines = [Collections.Generic.List[object]]::new()
$Notes = [Collections.Generic.List[string]]::new()

function Write-Step {
    param([string] $Text)
    Write-Host ('[{0,6:0.0} s] {1}' -f $Clock.Elapsed.TotalSeconds, $Text)
}

function Format-Number {
    param([double] $Value, [string] $Format = 'N0')
    return $Value.ToString($Format, $Invariant)
}

function Invoke-JsonLines {
    <# Runs a measuring process, echoes its progress and collects its JSON lines; a failure becomes a note, not an abort. #>
    param([string] $Label, [string[]] $Arguments, [hashtable] $Environment = @{}, [string] $Suffix = '')
    $info = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in $Arguments) { $info.ArgumentList.Add($argument) }
    foreach ($name in $Environment.Keys) { $info.Environment[$name] = $Environment[$name] }
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $info.WorkingDirectory = $Root
    $process = [Diagnostics.Process]::Start($info)
    try {
        while ($null -ne ($line = $process.StandardOutput.ReadLine())) {
            if ($line.StartsWith('{')) {
                $item = $line | ConvertFrom-Json
                # The baseline's figures keep apart from this tree's by their measure names.
                $item.measure += $Suffix
                $Lines.Add($item)
                $detail = if ($item.PSObject.Properties['latencyMilliseconds']) { "$($item.latencyMilliseconds) ms" }
                elseif ($item.PSObject.Properties['peakWorkingSetBytes']) { "peak working set $(Format-Number ($item.peakWorkingSetBytes / 1MB) 'N1') MB" }
                elseif ($item.PSObject.Properties['firstRecordMilliseconds']) { "first record after $($item.firstRecordMilliseconds) ms" }
                else { "$(Format-Number $item.recordsPerSecond) records/s ($($item.seconds) s)" }
                if ($item.measure -ne 'ps-notification' -or $item.run % 100 -eq 0) { Write-Step "  $($item.measure) run $($item.run): $detail" }
            }
            elseif ($line.Trim()) {
                Write-Step "  $line"
            }
        }
        $process.WaitForExit()
        if ($process.ExitCode -ne 0) { throw "exit code $($process.ExitCode)" }
    }
    catch {
        $Notes.Add("$Label failed: $($_.Exception.Message)")
        Write-Warning "$Label failed: $($_.Exception.Message)"
    }
    finally {
        if (-not $process.HasExited) {
            $process.Kill()
            $process.WaitForExit()
        }
        $process.Dispose()
    }
}

function Invoke-Pipeline {
    param([string] $Label, [string] $Url, [string[]] $Arguments, [hashtable] $Environment = @{}, $Variant = $Current)
    $common = @($PwshDll, '-NoProfile', '-NonInteractive', '-File', $PipelineScript, '-StagingDir', $Variant.StagingDir, '-Url', $Url, '-ApiKey', $ApiKey)
    Invoke-JsonLines "$Label$($Variant.Label)" ($common + $Arguments) $Environment $Variant.Suffix
}

function Invoke-Native {
    param([string] $File, [string[]] $Arguments)
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function New-BaselineBuild {
    <#
    Checks out $Commit in a git worktree under a new temporary folder, builds its bench programs (and with them its
    module) and stages its module the way its build.ps1 does; returns the variant. Remove-BaselineBuild removes it all.
    #>
    param([string] $Commit)
    $resolved = (& git -C $Root rev-parse --verify --quiet "$Commit^{commit}")
    if ($LASTEXITCODE -ne 0 -or -not $resolved) { throw "-Baseline '$Commit' is not a commit of this repository: give a commit id or a branch or tag name (e.g. 8ceb18e)." }
    $folder = Join-Path ([IO.Path]::GetTempPath()) "smcmonitoring-baseline-$([Guid]::NewGuid().ToString('N').Substring(0, 8))"
    $tree = Join-Path $folder 'tree'
    $variant = [pscustomobject]@{
        Name = $Commit; Commit = $resolved.Trim(); Suffix = '-baseline'; Label = " (baseline $Commit)"; Folder = $folder; Tree = $tree
        StagingDir = Join-Path $folder 'SmcMonitoring'
        BenchDll = Join-Path $tree "bench/SmcMonitoring.Bench/bin/$Configuration/net10.0/SmcMonitoring.Bench.dll"
        CmdletsDll = Join-Path $tree "bench/SmcMonitoring.Bench.Cmdlets/bin/$Configuration/netstandard2.0/SmcMonitoring.Bench.Cmdlets.dll"
    }
    $null = New-Item -ItemType Directory -Path $folder
    try {
        # The build's messages go to the console, not into the variant returned.
        Build-Baseline $variant | Out-Host
    }
    catch {
        Remove-BaselineBuild $variant
        throw
    }
    return $variant
}

function Build-Baseline {
    param($variant)
    $tree = $variant.Tree
    Invoke-Native git @('-C', $Root, 'worktree', 'add', '--detach', '--quiet', $tree, $variant.Commit)
    foreach ($project in 'bench/SmcMonitoring.Bench/SmcMonitoring.Bench.csproj', 'bench/SmcMonitoring.Bench.Cmdlets/SmcMonitoring.Bench.Cmdlets.csproj') {
        Invoke-Native dotnet @('build', (Join-Path $tree $project), '-c', $Configuration, '--nologo', '-v', 'q', '-clp:NoSummary')
    }
    # The module's folder as that commit's build.ps1 stages it for PowerShell 7: the published assemblies, the format and
    # type files, the help and the manifest (PowerShell 7 has its own copies of the dependencies).
    $publish = Join-Path $variant.Folder 'publish'
    Invoke-Native dotnet @('publish', (Join-Path $tree 'src/SmcMonitoring/SmcMonitoring.csproj'), '-c', $Configuration, '-o', $publish, '--no-build', '--nologo', '-v', 'q')
    $null = New-Item -ItemType Directory -Path $variant.StagingDir
    Copy-Item (Join-Path $publish '*.dll') $variant.StagingDir
    foreach ($file in 'SmcMonitoring.psd1', 'SmcMonitoring.format.ps1xml', 'SmcMonitoring.Types.ps1xml') { Copy-Item (Join-Path $tree $file) $variant.StagingDir }
    $help = Join-Path $tree 'src/SmcMonitoring/en-US'
    if (Test-Path $help) { Copy-Item -Recurse $help $variant.StagingDir }
    foreach ($file in $variant.BenchDll, $variant.CmdletsDll) {
        if (-not (Test-Path $file)) { throw "Building the baseline $($variant.Name) did not give $file." }
    }
}

function Remove-BaselineBuild {
    param($Variant)
    if ($null -eq $Variant) { return }
    if (Test-Path $Variant.Tree) {
        & git -C $Root worktree remove --force $Variant.Tree
        if ($LASTEXITCODE -ne 0) { Write-Warning "git worktree remove $($Variant.Tree) failed; 'git worktree prune' after deleting the folder cleans it up." }
    }
    if (Test-Path $Variant.Folder) { Remove-Item -Recurse -Force $Variant.Folder }
}

function Get-Order {
    <# The variants in round $Round: this tree first in odd rounds, the baseline first in even ones. #>
    param([int] $Round)
    $copy = @($Variants)
    if ($Round % 2 -eq 0) { [array]::Reverse($copy) }
    return $copy
}

function Start-BenchSimulator {
    param([string[]] $Arguments)
    $info = [Diagnostics.ProcessStartInfo]::new('dotnet')
    $info.ArgumentList.Add($SimulatorDll)
    foreach ($argument in $Arguments) { $info.ArgumentList.Add($argument) }
    # Compiled fully optimised at first call: a tiering simulator kept recompiling its code through measure 4 on the two
    # cores it shares with the client, which a warm SMC on its own machine never does.
    $info.Environment['DOTNET_TieredCompilation'] = '0'
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($info)
    $line = $process.StandardOutput.ReadLine()
    if ($line -notmatch '^SMC simulator listening on (\S+) api-key (\S+)') {
        if (-not $process.HasExited) { $process.Kill() }
        $process.WaitForExit()
        throw "The simulator did not start: '$line'"
    }
    # Keep reading its standard output so that it never blocks on a full pipe.
    $null = $process.StandardOutput.ReadToEndAsync()
    Write-Step "Simulator process $($process.Id) at $($Matches[1]) ($($Arguments -join ' '))"
    return [pscustomobject]@{ Process = $process; Url = $Matches[1] }
}

function Stop-BenchSimulator {
    param($Simulator)
    if ($null -eq $Simulator) { return }
    if (-not $Simulator.Process.HasExited) { $Simulator.Process.Kill() }
    $Simulator.Process.WaitForExit()
    $Simulator.Process.Dispose()
}

function Get-Runs {
    param([string] $Measure, [string] $Property = 'recordsPerSecond')
    return @($Lines | Where-Object { $_.measure -eq $Measure -and $_.PSObject.Properties[$Property] } | ForEach-Object { [double] $_.$Property })
}

function Get-Stats {
    param([double[]] $Values)
    if ($null -eq $Values -or $Values.Count -eq 0) { return $null }
    $sorted = [double[]] ($Values | Sort-Object)
    $middle = [int] [math]::Floor($sorted.Count / 2)
    $median = if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
    return [pscustomobject]@{ Median = $median; Min = $sorted[0]; Max = $sorted[-1]; Count = $sorted.Count }
}

function Get-Percentile {
    param([double[]] $Values, [double] $Percent)
    $sorted = [double[]] ($Values | Sort-Object)
    $rank = [int] [math]::Ceiling($Percent / 100 * $sorted.Count)
    return $sorted[[math]::Max(0, $rank - 1)]
}

function Get-MachineDescription {
    $memory = [GC]::GetGCMemoryInfo().TotalAvailableMemoryBytes
    $cpu = $null
    if (Test-Path /proc/meminfo) {
        $total = Select-String -Path /proc/meminfo -Pattern '^MemTotal:\s+(\d+) kB' | Select-Object -First 1
        if ($total) { $memory = [long] $total.Matches[0].Groups[1].Value * 1KB }
    }
    if (Test-Path /proc/cpuinfo) {
        $model = Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1
        if ($model) { $cpu = $model.Matches[0].Groups[1].Value.Trim() }
    }
    $load = if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg -Raw).Split(' ')[0..2] -join ' ' } else { 'n/a' }
    $sdk = (& dotnet --version).Trim()
    return [pscustomobject]@{
        Cores     = [Environment]::ProcessorCount
        MemoryGiB = [math]::Round($memory / 1GB, 1)
        Cpu       = $cpu
        Os        = [Runtime.InteropServices.RuntimeInformation]::OSDescription.Trim()
        Runtime   = [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
        Sdk       = $sdk
        Pwsh      = $PSVersionTable.PSVersion.ToString()
        Load      = $load
    }
}

function Test-NotificationTrigger {
    <# The admin endpoint and the notification socket are newer than the log socket: say why when they are missing. #>
    param([string] $Url)
    try {
        $response = Invoke-WebRequest -Uri ([Uri]::new([Uri] $Url, '/_simulator/element-change')) -Method Post -SkipHttpErrorCheck `
            -ContentType 'application/json' -Body '{"context":"host","action":"update","id":"1087"}' -TimeoutSec 10
    }
    catch {
        return "POST /_simulator/element-change failed: $($_.Exception.Message)"
    }
    if ($response.StatusCode -ge 200 -and $response.StatusCode -lt 300) { return $null }
    return "the simulator answers $($response.StatusCode) to POST /_simulator/element-change (the admin endpoint is not there yet)"
}

# Build ----------------------------------------------------------------------------------------------------------------
$machine = Get-MachineDescription
Write-Step "Machine: $($machine.Cores) cores, $($machine.MemoryGiB) GiB, $($machine.Os), $($machine.Runtime), SDK $($machine.Sdk), pwsh $($machine.Pwsh), load $($machine.Load)"
if ($machine.Load -ne 'n/a' -and [double] ($machine.Load.Split(' ')[0]) -gt 1) {
    Write-Warning "The 1-minute load average is $($machine.Load.Split(' ')[0]): something else is running, and figures may be low."
}
if (-not $SkipBuild) {
    Write-Step "Building the benchmark projects ($Configuration)"
    foreach ($project in 'SmcMonitoring.Bench/SmcMonitoring.Bench.csproj', 'SmcMonitoring.Bench.Cmdlets/SmcMonitoring.Bench.Cmdlets.csproj') {
        & dotnet build (Join-Path $PSScriptRoot $project) -c $Configuration --nologo -v q -clp:NoSummary
        if ($LASTEXITCODE -ne 0) { throw "Building $project failed." }
    }
}
foreach ($file in $BenchDll, $CmdletsDll, (Join-Path $StagingDir 'SmcMonitoring.psd1')) {
    if (-not (Test-Path $file)) { throw "$file is missing: build first (dotnet pwsh ./build.ps1 Bench)." }
}

# The module of this tree and, with -Baseline, that of the commit to compare with --------------------------------------
$Current = [pscustomobject]@{ Name = 'this tree'; Suffix = ''; Label = ''; StagingDir = $StagingDir; BenchDll = $BenchDll; CmdletsDll = $CmdletsDll }
$baselineVariant = $null
$baselineReason = $null
$Variants = @($Current)
# Without a baseline each measuring process runs every run; with one, each process runs once and the rounds alternate
# the two modules process by process (this tree first in odd rounds), so that both meet the same load.
$rounds = 1
$runsPerProcess = $Runs
try {
    if ($Baseline) {
        Write-Step "Baseline: building $Baseline in a git worktree in a temporary folder"
        try {
            $baselineVariant = New-BaselineBuild $Baseline
        }
        catch {
            # The rest of the bench still runs; results.md says why there is no comparison.
            $baselineReason = "the baseline $Baseline could not be built: $($_.Exception.Message)"
            $Notes.Add("No before/after comparison: $baselineReason")
            Write-Warning $baselineReason
        }
    }
    if ($baselineVariant) {
        Write-Step "  baseline $Baseline ($($baselineVariant.Commit)) staged in $($baselineVariant.StagingDir)"
        $Variants = @($Current, $baselineVariant)
        $rounds = $Runs
        $runsPerProcess = 1
    }

    # Logs: sender, ceilings, query layer, pipeline, memory, notifications ---------------------------------------------------
    # --cache-rendered-records: the simulator copies each record's JSON after the first fetch instead of rendering it
    # again, so that it leaves the second core to the client, as an SMC on its own machine does.
    $logArguments = @('--port', '0', '--api-key', $ApiKey, '--log-records', "$Records", '--seed', '1', '--cache-rendered-records', '--notification-rate', '0')
    $notificationReason = $null
    $simulator = Start-BenchSimulator $logArguments
    try {
        $url = $simulator.Url
        $common = @('--url', $url, '--api-key', $ApiKey, '--runs', "$Runs")
        $perProcess = @('--url', $url, '--api-key', $ApiKey, '--runs', "$runsPerProcess")
        Write-Step "Simulator send rate: raw websocket reader, $(Format-Number $Records) records (after two unmeasured fetches of the same size)"
        Invoke-JsonLines 'sender' (@($BenchDll, 'sender', '--records', "$Records", '--warmup-records', "$Records") + $common)
        Write-Step 'Ceiling (a): the captured messages parsed in memory, and splits of the module parser'
        Invoke-JsonLines 'parse' (@($BenchDll, 'parse', '--records', "$Records") + $common)
        Write-Step "Measure 1: the C# query layer, $(Format-Number $Records) records"
        for ($round = 1; $round -le $rounds; $round++) {
            foreach ($variant in Get-Order $round) {
                Invoke-JsonLines "query$($variant.Label)" (@($variant.BenchDll, 'query', '--records', "$Records", '--warmup-records', "$Records") + $perProcess) -Suffix $variant.Suffix
            }
        }
        Write-Step 'Measure 6 (C#): the query runner to the first record'
        Invoke-JsonLines 'first' (@($BenchDll, 'first') + $common)
        Write-Step "Measure 2, ceiling (b) and measure 6 (pwsh): Get-SmcLog and Write-SmcBenchRecord, $(Format-Number $Records) records"
        for ($round = 1; $round -le $rounds; $round++) {
            foreach ($variant in Get-Order $round) {
                Invoke-Pipeline 'pwsh throughput' $url @('-Mode', 'Throughput', '-BenchCmdlets', $variant.CmdletsDll, '-Records', "$Records", '-Runs', "$runsPerProcess", '-WarmupRecords', "$Records") -Variant $variant
            }
        }
        Write-Step "Measure 3: peak working set of pwsh, $(Format-Number $SmallRecords) and $(Format-Number $Records) records, one process each"
        for ($run = 1; $run -le $Runs; $run++) {
            foreach ($variant in Get-Order $run) {
                foreach ($size in $SmallRecords, $Records) {
                    Invoke-Pipeline "pwsh memory $size" $url @('-Mode', 'Memory', '-Records', "$size") -Variant $variant
                }
            }
        }
        Write-Step "Measure 5: notification latency over $(Format-Number $NotificationEvents) changes$(if ($rounds -gt 1) { " for each module, in $rounds rounds" })"
        $notificationReason = Test-NotificationTrigger $url
        if ($notificationReason) {
            Write-Step "  not available yet: $notificationReason"
        }
        else {
            for ($round = 1; $round -le $rounds; $round++) {
                # The changes split evenly over the rounds; the percentiles are over all of them.
                $events = [math]::Floor($NotificationEvents / $rounds) + $(if ($round -le $NotificationEvents % $rounds) { 1 } else { 0 })
                foreach ($variant in Get-Order $round) {
                    Invoke-Pipeline 'pwsh notifications' $url @('-Mode', 'Notifications', '-Records', "$events") -Variant $variant
                }
            }
        }
    }
    finally {
        Stop-BenchSimulator $simulator
    }
}
finally {
    Remove-BaselineBuild $baselineVariant
}

# Connections: a simulator of its own ----------------------------------------------------------------------------------
$connectionReason = $null
$simulator = Start-BenchSimulator @('--port', '0', '--api-key', $ApiKey, '--log-records', '0', '--seed', '1', '--connections', "$Connections", '--session-change-rate', '0', '--cache-rendered-records')
try {
    Write-Step "Simulator send rate and C# query layer for the snapshot of $(Format-Number $Connections) connections"
    Invoke-JsonLines 'connections' @($BenchDll, 'connections', '--url', $simulator.Url, '--api-key', $ApiKey, '--runs', "$Runs", '--records', "$Connections", '--engine', $Engine)
    Write-Step "Measure 4 and ceiling (b, connections): Get-SmcConnection -Engine $Engine, $(Format-Number $Connections) connections"
    Invoke-Pipeline 'pwsh connections' $simulator.Url @('-Mode', 'Connections', '-BenchCmdlets', $CmdletsDll, '-Records', "$Connections", '-Runs', "$Runs", '-Engine', $Engine)
    # Diagnosis, not a target: the same pipelines in a pwsh whose collector runs rarely (a user's pwsh has the default
    # budget). What measure 4 gains here, and its ceiling does not, is what its collections cost it.
    Write-Step "Diagnosis: measure 4 and its ceiling in a pwsh with a $GcDiagnosisBudgetMB MB generation-0 budget"
    Invoke-Pipeline 'pwsh connections (generation-0 budget)' $simulator.Url @('-Mode', 'Connections', '-BenchCmdlets', $CmdletsDll, '-Records', "$Connections", '-Runs', "$Runs", '-Engine', $Engine, '-MeasureSuffix', $GcDiagnosisSuffix) @{ DOTNET_GCgen0size = '0x{0:X}' -f ($GcDiagnosisBudgetMB * 1MB) }
}
finally {
    Stop-BenchSimulator $simulator
}

# Results ----------------------------------------------------------------------------------------------------------------
$loadAtEnd = if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg -Raw).Split(' ')[0..2] -join ' ' } else { 'n/a' }
. (Join-Path $PSScriptRoot 'Write-BenchmarkResults.ps1')
$report = New-BenchmarkReport
Write-Host ''
Write-Host $report.Table
Write-Host ''
Set-Content -Path $ResultsPath -Value $report.Markdown -Encoding utf8NoBOM
Write-Step "Results written to $([IO.Path]::GetRelativePath($Root, $ResultsPath))"
