<#
.SYNOPSIS
    Memory of a Register-SmcNotification -Action subscription whose action is slower than the SMC.
.DESCRIPTION
    Starts the simulator with --notification-rate (element changes per second on every notification socket), imports
    the staged module into this pwsh, subscribes with an -Action that sleeps -ActionMilliseconds per event (slower
    than the rate, so it falls behind), and every -SampleSec seconds prints this process's working set, private
    memory and managed heap beside the events received, handled and dropped. A bounded subscription shows a flat
    working set and a dropped count that grows; figures, never assertions. The simulator is stopped by its process id.
.EXAMPLE
    dotnet pwsh ./bench/Measure-NotificationMemory.ps1
    The full run: 5 minutes at 1,000 events/s, a sample every 10 s.
.EXAMPLE
    dotnet pwsh ./bench/Measure-NotificationMemory.ps1 -DurationSec 60 -SampleSec 5
    A one-minute look.
#>
[CmdletBinding()]
param(
    # The staged module (build.ps1 Build).
    [string] $StagingDir = (Join-Path $PSScriptRoot '../out/SmcMonitoring'),
    # The simulator's Release build.
    [string] $SimulatorDll = (Join-Path $PSScriptRoot '../src/SmcMonitoring.Simulator/bin/Release/net10.0/SmcMonitoring.Simulator.dll'),
    [ValidateRange(1, 86400)] [int] $DurationSec = 300,
    [ValidateRange(1, 3600)] [int] $SampleSec = 10,
    # Element changes per second the simulator sends.
    [ValidateRange(1, 100000)] [int] $Rate = 1000,
    # How long the action takes per event; above 1000 / -Rate it falls behind.
    [ValidateRange(0, 10000)] [int] $ActionMilliseconds = 2,
    # -MaxQueuedEvents of the subscription.
    [ValidateRange(1, [int]::MaxValue)] [int] $MaxQueuedEvents = 10000
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$info = [Diagnostics.ProcessStartInfo]::new('dotnet')
foreach ($argument in @((Resolve-Path $SimulatorDll).Path, '--port', '0', '--log-records', '0', '--session-change-rate', '0', '--notification-rate', "$Rate")) {
    $info.ArgumentList.Add($argument)
}
$info.RedirectStandardOutput = $true
$info.UseShellExecute = $false
$simulator = [Diagnostics.Process]::Start($info)
try {
    $line = $simulator.StandardOutput.ReadLine()
    if ($line -notmatch '^SMC simulator listening on (\S+) api-key (\S+)') { throw "The simulator did not start: '$line'" }
    $url, $key = $Matches[1], $Matches[2]
    $null = $simulator.StandardOutput.ReadToEndAsync()

    Import-Module (Join-Path $StagingDir 'SmcMonitoring.psd1')
    $session = Connect-SmcSession -Url $url -ApiKey $key
    $global:SmcBenchHandled = 0
    $global:SmcBenchActionMilliseconds = $ActionMilliseconds
    $job = Register-SmcNotification -Session $session -Context '*' -SourceIdentifier SmcBenchSlowAction -MaxQueuedEvents $MaxQueuedEvents -Action {
        if ($global:SmcBenchActionMilliseconds -gt 0) { Start-Sleep -Milliseconds $global:SmcBenchActionMilliseconds }
        $global:SmcBenchHandled++
    } -WarningAction SilentlyContinue
    $channel = (Get-EventSubscriber -SourceIdentifier SmcBenchSlowAction).SourceObject
    # The backlog is internal to the module: read its dropped count by reflection.
    $nonPublic = [Reflection.BindingFlags]'NonPublic, Public, Instance'
    $backlog = $channel.GetType().GetProperty('Backlog', $nonPublic).GetValue($channel)
    $droppedProperty = $backlog.GetType().GetProperty('Dropped', $nonPublic)
    $self = [Diagnostics.Process]::GetCurrentProcess()
    Write-Host "Register-SmcNotification -Action ($ActionMilliseconds ms per event) at $Rate events/s for $DurationSec s, -MaxQueuedEvents $MaxQueuedEvents; pwsh process $PID"

    $clock = [Diagnostics.Stopwatch]::StartNew()
    $samples = [Collections.Generic.List[object]]::new()
    $peak = 0
    for ($next = 0; $next -le $DurationSec; $next += $SampleSec) {
        # Wait-Event runs the actions while it waits.
        while ($clock.Elapsed.TotalSeconds -lt $next) {
            $null = Wait-Event -SourceIdentifier SmcBenchNothing -Timeout ([math]::Max(1, [math]::Min($SampleSec, [int][math]::Ceiling($next - $clock.Elapsed.TotalSeconds))))
        }
        $self.Refresh()
        $peak = [math]::Max($peak, $self.WorkingSet64)
        $sample = [pscustomobject]@{
            Seconds    = [int]$clock.Elapsed.TotalSeconds
            WorkingMB  = [math]::Round($self.WorkingSet64 / 1MB, 1)
            PrivateMB  = [math]::Round($self.PrivateMemorySize64 / 1MB, 1)
            HeapMB     = [math]::Round([GC]::GetTotalMemory($false) / 1MB, 1)
            Received   = $channel.EventCount
            Handled    = $global:SmcBenchHandled
            Dropped    = $droppedProperty.GetValue($backlog)
        }
        $samples.Add($sample)
        Write-Host ('{0,6} s  working set {1,7} MB  received {2,9}  handled {3,9}  dropped {4,9}' -f $sample.Seconds, $sample.WorkingMB, $sample.Received, $sample.Handled, $sample.Dropped)
    }
    Unregister-Event -SourceIdentifier SmcBenchSlowAction
    Disconnect-SmcSession $session
    $samples | Format-Table -AutoSize | Out-String | Write-Host
    Write-Host ("Peak working set while sampling: {0:N1} MB; first sample {1} MB, last {2} MB." -f ($peak / 1MB), $samples[0].WorkingMB, $samples[-1].WorkingMB)
}
finally {
    if (-not $simulator.HasExited) { $simulator.Kill() }
    $simulator.WaitForExit()
    $simulator.Dispose()
}
