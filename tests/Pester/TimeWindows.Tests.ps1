# Chained time windows from pwsh processes in other time zones than the simulator's UTC: every record exactly once.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    # 3,000 records, one a second, the newest at 12:00:00 UTC: the oldest is at 11:10:01.
    $common = '--log-records', '3000', '--log-end', '2025-11-01T12:00:00Z'
    $script:withZone = Start-TestSimulator -ArgumentList $common
    $script:withoutZone = Start-TestSimulator -ArgumentList ($common + @('--time-zone-style', 'none'))
    $script:chain = Join-Path $TestDrive 'chain.ps1'
    Set-Content -Path $chain -Value @'
param($Url, $ApiKey)
$ErrorActionPreference = 'Stop'
Import-Module $env:SMCMON_MODULE
$s = Connect-SmcSession -Url $Url -ApiKey $ApiKey
# The script knows only local times, as a scheduled task does: 11:00 UTC written in this machine's zone.
$start = [datetime]::new(2025, 11, 1, 11, 0, 0, [DateTimeKind]::Utc).ToLocalTime()
$byWindowEnd = [System.Collections.Generic.List[long]]::new()
$cursor = $start
foreach ($i in 1..7) {
    $end = $cursor.AddMinutes(10)
    Get-SmcLog -Session $s -Since $cursor -Until $end -Oldest | ForEach-Object { $byWindowEnd.Add($_.Timestamp.ToUniversalTime().Ticks) }
    $cursor = $end
}
$byLastRecord = [System.Collections.Generic.List[long]]::new()
$cursor = $start
while ($true) {
    $batch = @(Get-SmcLog -Session $s -Since $cursor -Oldest -MaxRecords 700)
    if ($batch.Count -eq 0) { break }
    foreach ($record in $batch) { $byLastRecord.Add($record.Timestamp.ToUniversalTime().Ticks) }
    # Times carry milliseconds: the next window starts just after the last record written.
    $cursor = $batch[-1].Timestamp.AddMilliseconds(1)
}
$newest = Get-SmcLog -Session $s -MaxRecords 1
Disconnect-SmcSession -Session $s
[pscustomobject]@{
    Zone = [TimeZoneInfo]::Local.Id
    ByWindowEnd = $byWindowEnd.Count
    ByWindowEndUnique = @($byWindowEnd | Sort-Object -Unique).Count
    ByLastRecord = $byLastRecord.Count
    ByLastRecordUnique = @($byLastRecord | Sort-Object -Unique).Count
    NewestKind = $newest.Timestamp.Kind.ToString()
    NewestUtc = $newest.Timestamp.ToUniversalTime().ToString('yyyyMMdd HHmmss.fff')
    NewestBeforeNow = $newest.Timestamp -lt (Get-Date)
} | ConvertTo-Json -Compress
'@
}

AfterAll {
    Stop-TestSimulator $script:withZone
    Stop-TestSimulator $script:withoutZone
}

Describe 'Chained time windows in any client time zone' {
    It 'gives every record exactly once with the client in <Zone> (<Server>)' -ForEach @(
        # One process per zone (each costs a pwsh start); each server behaviour is met once.
        @{ Zone = 'America/Chicago'; Server = 'times with their zone' }
        @{ Zone = 'Asia/Tokyo'; Server = 'times without zone' }
    ) {
        $sim = if ($Server -eq 'times without zone') { $withoutZone } else { $withZone }
        $line = Invoke-TestPwsh -File $chain -Environment @{ TZ = $Zone } -ArgumentList $sim.Url, $sim.ApiKey | Select-Object -Last 1
        $result = $line | ConvertFrom-Json
        $result.Zone | Should -Be $Zone
        # 11:10:01 to 12:00:00 UTC: all 3,000 records, none twice, whichever way the windows are chained.
        $result.ByWindowEnd | Should -Be 3000
        $result.ByWindowEndUnique | Should -Be 3000
        $result.ByLastRecord | Should -Be 3000
        $result.ByLastRecordUnique | Should -Be 3000
        $result.NewestKind | Should -Be 'Local'
        $result.NewestUtc | Should -Be '20251101 120000.000'
        $result.NewestBeforeNow | Should -BeTrue
    }
}
