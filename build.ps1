<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks SmcMonitoring.
.DESCRIPTION
    Build   compiles the solution and stages an importable module folder in out/SmcMonitoring.
    Test    builds, runs the xunit suites and the Pester suite (against the staged module and a simulator
            process), and ends with one line 'N passed, N failed' summing both; exits non-zero on any failure.
    Demo    starts the simulator on a free loopback port, connects, shows the 20 newest logs, tails live
            logs for 5 seconds, disconnects and stops the simulator.
    Bench   runs the benchmark harness in bench/ (figures, not assertions); with -Baseline <commit>, also that commit's
            module, alternating with this one, for a before/after comparison.
    Package builds what a user installs, under out/package: a PowerShell Gallery style package (.nupkg, made by
            Compress-PSResource from the staged module) and a zip of the staged module (SmcMonitoring/<version>/...),
            prints where they are, and says what the metadata still lacks for a Gallery publication.
    Clean   removes build output.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
.EXAMPLE
    dotnet pwsh ./build.ps1 Bench -Baseline 8ceb18e
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Bench only: a commit whose module is measured beside this one (see bench/README.md).
    [string] $Baseline
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
$OutDir = Join-Path $Root 'out'
$StagingDir = Join-Path $OutDir 'SmcMonitoring'
$SimulatorDll = Join-Path $Root "src/SmcMonitoring.Simulator/bin/$Configuration/net10.0/SmcMonitoring.Simulator.dll"
$PackageDir = Join-Path $OutDir 'package'

Import-Module (Join-Path $Root 'tools/ModulePackaging.psm1') -Force

function Invoke-Native {
    param([string] $File, [string[]] $Arguments)
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-Metadata { Get-ModuleMetadata -PropsPath (Join-Path $Root 'Directory.Build.props') }

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $Root 'SmcMonitoring.sln'), '-c', $Configuration, '--nologo', '-v', 'q', '-clp:NoSummary')
    $publish = Join-Path $OutDir 'publish'
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/SmcMonitoring/SmcMonitoring.csproj'), '-c', $Configuration, '-o', $publish, '--no-build', '--nologo', '-v', 'q')

    if (Test-Path $StagingDir) { Remove-Item -Recurse -Force $StagingDir }
    $dependencies = Join-Path $StagingDir 'dependencies'
    $null = New-Item -ItemType Directory -Path $dependencies
    Copy-Item (Join-Path $publish 'SmcMonitoring.dll') $StagingDir
    # Every other assembly the publish brings is a dependency. PowerShell 7 has newer copies of them all and never
    # looks in this folder; Windows PowerShell 5.1 loads them from it through ModuleInitializer (no binding redirects).
    Get-ChildItem -Path $publish -Filter *.dll | Where-Object Name -NE 'SmcMonitoring.dll' | Copy-Item -Destination $dependencies
    foreach ($file in 'SmcMonitoring.format.ps1xml', 'SmcMonitoring.Types.ps1xml', 'LICENSE') { Copy-Item (Join-Path $Root $file) $StagingDir }
    $help = Join-Path $Root 'src/SmcMonitoring/en-US'
    if (Test-Path $help) { Copy-Item -Recurse $help $StagingDir }

    # The manifest in the repo is the source of truth; the build stamps what Directory.Build.props holds.
    $manifest = ConvertTo-StagedManifest -ManifestText (Get-Content -Raw (Join-Path $Root 'SmcMonitoring.psd1')) -Metadata (Get-Metadata)
    Set-Content -Path (Join-Path $StagingDir 'SmcMonitoring.psd1') -Value $manifest -NoNewline
    Write-Host "Staged module: $StagingDir"
}

function Get-PesterModulePath {
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tools/PesterRestore.csproj'), '--nologo', '-v', 'q')
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else {
        ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    }
    $path = Join-Path $packages 'pester/6.2.0/tools/Pester.psd1'
    if (-not (Test-Path $path)) { throw "Pester 6.2.0 was restored but $path is missing." }
    return $path
}

function Get-TrxCounts {
    param([string] $Directory)
    $passed = 0; $failed = 0
    foreach ($file in Get-ChildItem -Path $Directory -Filter *.trx -Recurse) {
        [xml] $trx = Get-Content -Raw $file.FullName
        $counters = $trx.TestRun.ResultSummary.Counters
        $passed += [int] $counters.passed
        $failed += [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
    }
    return [pscustomobject]@{ Passed = $passed; Failed = $failed }
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $OutDir 'test-results'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    $null = New-Item -ItemType Directory -Path $results

    # The assembly-reference test reads the staged module, as the Pester tests do.
    $env:SMCMON_MODULE = Join-Path $StagingDir 'SmcMonitoring.psd1'
    $xunitExit = 0
    foreach ($project in Get-ChildItem -Path (Join-Path $Root 'tests') -Filter *.Tests.csproj -Recurse) {
        & dotnet test $project.FullName -c $Configuration --no-build --nologo `
            --logger "trx;LogFileName=$($project.BaseName).trx" --logger 'console;verbosity=minimal' --results-directory $results
        if ($LASTEXITCODE -ne 0) { $xunitExit = $LASTEXITCODE }
    }
    $xunit = Get-TrxCounts $results
    if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) { $xunit.Failed = 1 }

    # Pester runs in a fresh pwsh, importing the staged module as a user would.
    $pesterResult = Join-Path $results 'pester.json'
    $pester = Get-PesterModulePath
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$pester'
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $Root 'tests/Pester')'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Normal'
`$r = Invoke-Pester -Configuration `$config
@{ Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount } | ConvertTo-Json | Set-Content '$pesterResult'
"@
    $env:SMCMON_SIMULATOR = $SimulatorDll
    $env:SMCMON_XMLDOC = Join-Path $OutDir 'publish/SmcMonitoring.xml'
    & dotnet pwsh -NoProfile -NonInteractive -Command $script
    $pesterCounts = if (Test-Path $pesterResult) { Get-Content -Raw $pesterResult | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1 } }

    $passed = $xunit.Passed + [int] $pesterCounts.Passed
    $failed = $xunit.Failed + [int] $pesterCounts.Failed
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed; Pester: $($pesterCounts.Passed) passed, $($pesterCounts.Failed) failed"
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Start-Simulator {
    param([string[]] $Arguments)
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $info.ArgumentList.Add($SimulatorDll)
    foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $line = $process.StandardOutput.ReadLine()
    if ($line -notmatch '^SMC simulator listening on (\S+) api-key (\S+)') {
        $process.Kill()
        throw "The simulator did not start: '$line'"
    }
    return [pscustomobject]@{ Process = $process; Url = $Matches[1]; ApiKey = $Matches[2] }
}

function Invoke-Demo {
    Invoke-Build
    $simulator = Start-Simulator @('--port', '0', '--api-key', 'demo-key', '--log-records', '100000', '--seed', '1', '--live-rate', '5')
    try {
        Import-Module (Join-Path $StagingDir 'SmcMonitoring.psd1') -Force
        Write-Host "Simulator at $($simulator.Url) (process $($simulator.Process.Id))"
        $session = Connect-SmcSession -Url $simulator.Url -ApiKey $simulator.ApiKey
        $session | Format-Table | Out-Host
        Write-Host 'The 20 newest log entries:'
        Get-SmcLog -MaxRecords 20 | Format-Table | Out-Host
        Write-Host 'Live log entries for 5 seconds:'
        Get-SmcLog -Live -Duration 5 | Format-Table | Out-Host
        Disconnect-SmcSession
        Write-Host 'Disconnected.'
    }
    finally {
        Remove-Module SmcMonitoring -ErrorAction SilentlyContinue
        if (-not $simulator.Process.HasExited) { $simulator.Process.Kill() }
        $simulator.Process.WaitForExit()
    }
}

function Invoke-Bench {
    Invoke-Build
    $bench = Join-Path $Root 'bench/Invoke-Benchmark.ps1'
    if (-not (Test-Path $bench)) { throw 'bench/Invoke-Benchmark.ps1 is not there yet.' }
    $baselineArgument = if ($Baseline) { @{ Baseline = $Baseline } } else { @{} }
    & $bench -StagingDir $StagingDir -SimulatorDll $SimulatorDll -Configuration $Configuration @baselineArgument
}

function Invoke-Package {
    Invoke-Build
    $metadata = Get-Metadata
    if (Test-Path $PackageDir) { Remove-Item -Recurse -Force $PackageDir }
    $made = New-ModulePackage -ModuleFolder $StagingDir -Destination $PackageDir -Metadata $metadata
    Write-Host "Package (for Publish-PSResource to a repository): $($made.Package)"
    Write-Host "Zip (Expand-Archive into a Modules folder): $($made.Zip)"
    $gaps = @(Get-GalleryGap -Metadata $metadata)
    if ($gaps.Count -gt 0) {
        Write-Warning ('Not ready for the PowerShell Gallery: ' + ($gaps -join ' ') + ' Set them once the project has a public home, then run Package again.')
    }
}

function Invoke-Clean {
    foreach ($dir in @($OutDir) + (Get-ChildItem -Path (Join-Path $Root 'src'), (Join-Path $Root 'tests') -Directory -Recurse -Include bin, obj).FullName) {
        if ($dir -and (Test-Path $dir)) { Remove-Item -Recurse -Force $dir }
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package }
    'Clean' { Invoke-Clean }
}
