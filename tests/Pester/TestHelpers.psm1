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

Export-ModuleMember -Function Start-TestSimulator, Stop-TestSimulator
