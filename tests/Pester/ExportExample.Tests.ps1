# The worked example of about_SmcMonitoring and the README, run as it is written, against the simulator.

BeforeAll {
    Import-Module $env:SMCMON_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:example = Join-Path $PSScriptRoot '../../docs/examples/Export-SmcLogWindow.ps1'
    # 7,200 records, one a second, the newest at 12:00:00 UTC.
    $script:sim = Start-TestSimulator -ArgumentList '--log-records', '7200', '--log-end', '2025-11-01T12:00:00Z'
    $script:session = Connect-SmcSession -Url $sim.Url -ApiKey $sim.ApiKey
    $script:state = Join-Path $TestDrive 'export.state'
    $script:out = Join-Path $TestDrive 'exports'
    # A fresh pwsh that finds the staged module by name, as a scheduled task would find the installed one.
    $script:environment = @{
        SMC_ADDRESS = $sim.Url
        SMC_API_KEY = $sim.ApiKey
        PSModulePath = (Split-Path (Split-Path $env:SMCMON_MODULE)) + [IO.Path]::PathSeparator + $env:PSModulePath
    }
    # In a fresh pwsh, as a scheduled task runs it.
    function Invoke-Example([string] $Until) {
        Invoke-TestPwsh -File $example -Environment $environment -ArgumentList '-StateFile', $state, '-OutFolder', $out, '-Until', $Until
    }
    # In this process (a pwsh start costs seconds), with the same environment for the time of the run.
    function Invoke-ExampleHere([string] $Until) {
        $saved = @{}
        foreach ($name in 'SMC_ADDRESS', 'SMC_API_KEY', 'PSModulePath') { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $environment[$name]) }
        try { & $example -StateFile $state -OutFolder $out -Until $Until }
        finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
    }
    function Get-DiscardCount([datetimeoffset] $Since, [datetimeoffset] $Until) {
        (Get-SmcLog -Session $session -Since $Since -Until $Until -Filter @{ Action = 'Discard' } -All | Measure-Object).Count
    }
    $script:t0 = [datetimeoffset]'2025-11-01T11:15:00Z'
    $script:t1 = [datetimeoffset]'2025-11-01T11:30:00Z'
    $script:t2 = [datetimeoffset]'2025-11-01T11:45:00Z'
}

AfterAll {
    Get-SmcSession | Disconnect-SmcSession -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:sim
    Remove-Module SmcMonitoring -ErrorAction SilentlyContinue
}

Describe 'The scheduled export example' {
    It 'is the script the help topic and the README show' {
        $lines = @(Get-Content $example | ForEach-Object { $_.Trim() } | Where-Object { $_ })
        foreach ($document in (Join-Path $PSScriptRoot '../../src/SmcMonitoring/en-US/about_SmcMonitoring.help.txt'), (Join-Path $PSScriptRoot '../../README.md')) {
            $shown = @(Get-Content $document | ForEach-Object { $_.Trim() })
            $start = [array]::IndexOf($shown, $lines[0])
            $start | Should -BeGreaterOrEqual 0 -Because "$document shows the example"
            @($shown[$start..($start + 200)] | Where-Object { $_ } | Select-Object -First $lines.Count) | Should -Be $lines
        }
    }

    It 'exports the first window and sets the state file to its end' {
        Invoke-Example $t1.ToString('o')
        (Get-Content -Raw $state).Trim() | Should -Be $t1.ToString('o')
        $rows = @(Import-Csv (Join-Path $out 'discarded-20251101-113000.csv'))
        $expected = Get-DiscardCount $t0 $t1
        $expected | Should -BeGreaterThan 0
        $rows.Count | Should -Be $expected
        $rows.Action | Sort-Object -Unique | Should -Be 'Discard'
    }

    It 'exports the next window from the state file: together every entry of both windows, each once' {
        Invoke-ExampleHere $t2.ToString('o')
        (Get-Content -Raw $state).Trim() | Should -Be $t2.ToString('o')
        $second = @(Import-Csv (Join-Path $out 'discarded-20251101-114500.csv'))
        $second.Count | Should -Be (Get-DiscardCount $t1 $t2)
        $all = @(Get-ChildItem $out -Filter *.csv | Import-Csv)
        $all.Count | Should -Be (Get-DiscardCount $t0 $t2)
        @($all.Timestamp | Sort-Object -Unique).Count | Should -Be $all.Count
    }

    It 'leaves the state file and the exports as they were when the search fails half-way' {
        $before = Get-ChildItem $out -Filter *.csv
        $null = Invoke-RestMethod -Method Post -Uri "$($sim.Url)/_simulator/faults" -Body '{"DropAfterMessages":3}' -ContentType 'application/json'
        try {
            { Invoke-ExampleHere '2025-11-01T11:59:00Z' } | Should -Throw '*closed the connection*records before that*'
        }
        finally {
            $null = Invoke-RestMethod -Method Delete -Uri "$($sim.Url)/_simulator/faults"
        }
        (Get-Content -Raw $state).Trim() | Should -Be $t2.ToString('o')
        (Get-ChildItem $out -Filter *.csv).Name | Should -Be $before.Name
    }
}
