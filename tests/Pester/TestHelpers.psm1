# Shared by the Pester suites: a simulator process per test file, started and stopped by its own process id.

function Start-TestSimulator {
    [CmdletBinding()]
    param([string[]] $ArgumentList = @())
    $dll = $env:SMCMON_SIMULATOR
    if (-not $dll -or -not (Test-Path $dll)) { throw "SMCMON_SIMULATOR must name the built simulator dll (build.ps1 Test sets it)." }
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $info.ArgumentList.Add($dll)
    foreach ($argument in @('--port', '0', '--api-key', 'pester-key-0123456789', '--seed', '3') + $ArgumentList) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $line = $process.StandardOutput.ReadLine()
    if ($line -notmatch '^SMC simulator listening on (\S+) api-key (\S+)') {
        if (-not $process.HasExited) { $process.Kill() }
        throw "The simulator did not start: '$line' $($process.StandardError.ReadToEnd())"
    }
    [pscustomobject]@{ Process = $process; Url = $Matches[1]; ApiKey = $Matches[2] }
}

function Stop-TestSimulator {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Simulator)
    $process = $Simulator.Process
    if (-not $process.HasExited) {
        Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
        $null = $process.WaitForExit(10000)
    }
    $process.Dispose()
}

function Invoke-TestPwsh {
    # Runs a script file in a new pwsh process with the given environment (TZ, for one) and arguments; returns its
    # output lines and throws with its error stream when it fails. A process that does not finish in three minutes
    # is stopped by its id.
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $File, [hashtable] $Environment = @{}, [string[]] $ArgumentList = @(), [string] $WorkingDirectory)
    $processPath = [Environment]::ProcessPath
    $info = [System.Diagnostics.ProcessStartInfo]::new($processPath)
    # Under the repository's dotnet tool the process is dotnet running pwsh.dll.
    if ([System.IO.Path]::GetFileNameWithoutExtension($processPath) -eq 'dotnet') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($argument in @('-NoProfile', '-NonInteractive', '-File', $File) + $ArgumentList) { $info.ArgumentList.Add($argument) }
    foreach ($pair in $Environment.GetEnumerator()) { $info.Environment[$pair.Key] = [string]$pair.Value }
    if ($WorkingDirectory) { $info.WorkingDirectory = $WorkingDirectory }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    try {
        $output = $process.StandardOutput.ReadToEndAsync()
        $errors = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit(180000)) {
            Stop-Process -Id $process.Id -Force
            $null = $process.WaitForExit(10000)
            throw "pwsh did not finish within 3 minutes and was stopped: $($errors.Result)"
        }
        if ($process.ExitCode -ne 0) { throw "pwsh exited with $($process.ExitCode): $($errors.Result) $($output.Result)" }
        return @($output.Result -split '\r?\n' | Where-Object { $_ })
    }
    finally { $process.Dispose() }
}

Export-ModuleMember -Function Start-TestSimulator, Stop-TestSimulator, Invoke-TestPwsh
