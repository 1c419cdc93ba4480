BeforeAll {
    Import-Module $env:SMCMON_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:sim = Start-TestSimulator -ArgumentList '--log-records', '20000', '--live-rate', '50'
    $script:session = Connect-SmcSession -Url $sim.Url -ApiKey $sim.ApiKey
}

AfterAll {
    Get-SmcSession | Disconnect-SmcSession -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:sim
    Remove-Module SmcMonitoring -ErrorAction SilentlyContinue
}

Describe 'Get-SmcLog' {
    It 'returns the 200 newest records, typed, newest first' {
        $logs = Get-SmcLog
        $logs.Count | Should -Be 200
        $logs[0] | Should -BeOfType 'SmcMonitoring.Records.SmcLogRecord'
        $logs[0].Timestamp | Should -BeOfType [datetime]
        $logs[0].Src | Should -BeOfType [ipaddress]
        $logs[0].Timestamp | Should -BeGreaterOrEqual $logs[-1].Timestamp
        @($logs | Where-Object { $_.DstPort -is [int] }).Count | Should -BeGreaterThan 0
    }

    It 'shows the default table view' {
        $text = Get-SmcLog -MaxRecords 3 | Format-Table | Out-String -Width 250
        $text | Should -Match 'Timestamp\s+Action\s+Sender\s+Src\s+Dst\s+DstPort\s+Message'
    }

    It 'honours -MaxRecords and -Oldest' {
        $logs = Get-SmcLog -MaxRecords 25 -Oldest
        $logs.Count | Should -Be 25
        $logs[0].Timestamp | Should -BeLessOrEqual $logs[-1].Timestamp
    }

    It 'writes exactly the -Field columns, in order, to CSV' {
        $csv = Join-Path $TestDrive 'three.csv'
        Get-SmcLog -MaxRecords 10 -Field Timestamp, Src, Dst | Export-Csv -Path $csv -NoTypeInformation
        (Get-Content $csv -First 1) | Should -Be '"Timestamp","Src","Dst"'
        (Import-Csv $csv).Count | Should -Be 10
    }

    It 'round-trips the default records through Export-Csv and Import-Csv' {
        $csv = Join-Path $TestDrive 'logs.csv'
        $logs = Get-SmcLog -MaxRecords 50
        $logs | Export-Csv -Path $csv -NoTypeInformation
        $back = Import-Csv $csv
        $back.Count | Should -Be 50
        ($back[0].psobject.Properties.Name -join ',') | Should -Be 'Timestamp,Severity,Action,Sender,Src,SrcPort,Dst,DstPort,Protocol,Event,Message'
        for ($i = 0; $i -lt 50; $i++) {
            $back[$i].Src | Should -Be $logs[$i].Src.ToString()
            [datetime] $back[$i].Timestamp | Should -Be $logs[$i].Timestamp
            $back[$i].Action | Should -Be ([string] $logs[$i].Action)
        }
    }

    It 'tails live records for -Duration and ends without an error' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $logs = Get-SmcLog -Live -Duration 0.5 -ErrorVariable failed
        $failed | Should -BeNullOrEmpty
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
        $logs.Count | Should -BeGreaterThan 0
    }

    It 'stops a live query at once for Select-Object -First' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $logs = Get-SmcLog -Live | Select-Object -First 2
        $logs.Count | Should -Be 2
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
    }

    It 'reports an unknown field with the closest names' {
        { Get-SmcLog -Field Timestmp -ErrorAction Stop } | Should -Throw -ErrorId 'SmcFieldNotFound*' -ExpectedMessage "*'Timestmp'*Timestamp*"
    }
}
