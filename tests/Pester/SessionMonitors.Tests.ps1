BeforeDiscovery {
    $script:monitors = @(
        @{ Command = 'Get-SmcConnection'; Target = @{ Engine = 'fw-east' }; Type = 'SmcMonitoring.Records.SmcConnection' }
        @{ Command = 'Get-SmcBlocklist'; Target = @{ Engine = 'fw-east' }; Type = 'SmcMonitoring.Records.SmcBlocklistEntry' }
        @{ Command = 'Get-SmcRoute'; Target = @{ Engine = 'fw-east' }; Type = 'SmcMonitoring.Records.SmcRoute' }
        @{ Command = 'Get-SmcUser'; Target = @{ Engine = 'fw-east' }; Type = 'SmcMonitoring.Records.SmcUser' }
        @{ Command = 'Get-SmcSslVpnUser'; Target = @{ Engine = 'fw-east' }; Type = 'SmcMonitoring.Records.SmcSslVpnUser' }
        @{ Command = 'Get-SmcVpnSa'; Target = @{ Engine = 'fw-east' }; Type = 'SmcMonitoring.Records.SmcVpnSa' }
        @{ Command = 'Get-SmcAlert'; Target = @{ }; Type = 'SmcMonitoring.Records.SmcAlert' }
        @{ Command = 'Get-SmcNeighbor'; Target = @{ Engine = 'fw-east' }; Type = 'SmcMonitoring.Records.SmcNeighbor' }
    )
}

BeforeAll {
    Import-Module $env:SMCMON_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:sim = Start-TestSimulator -ArgumentList '--log-records', '1000', '--connections', '400'
    $null = Connect-SmcSession -Url $sim.Url -ApiKey $sim.ApiKey
}

AfterAll {
    Get-SmcSession | Disconnect-SmcSession -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:sim
    Remove-Module SmcMonitoring -ErrorAction SilentlyContinue
}

Describe '<Command>' -ForEach $monitors {
    It 'returns typed records with a table view' {
        $records = & $Command @Target
        $records.Count | Should -BeGreaterThan 0
        $records[0] | Should -BeOfType $Type
        $records[0].Change | Should -Be 'Added'
        $records[0].FirstFetch | Should -BeTrue
        ($records | Select-Object -First 3 | Format-Table | Out-String) | Should -Not -BeNullOrEmpty
    }

    It 'round-trips through Export-Csv and Import-Csv' {
        $csv = Join-Path $TestDrive "$Command.csv"
        $records = & $Command @Target
        $records | Export-Csv -Path $csv -NoTypeInformation
        $back = @(Import-Csv $csv)
        $back.Count | Should -Be $records.Count
        ($back[0].psobject.Properties.Name -join ',') | Should -Be ($records[0].psobject.Properties.Name -join ',')
        $back[0].DeltaKey | Should -Be $records[0].DeltaKey
        foreach ($name in $records[0].psobject.Properties.Name) {
            $value = $records[0].$name
            $expected = if ($null -eq $value) { '' } elseif ($value -is [datetime]) { $value.ToString() } else { [string] $value }
            $back[0].$name | Should -Be $expected -Because "$name round-trips"
        }
    }
}

Describe 'Engine names from the pipeline' {
    It 'takes strings and objects with a Name property' {
        $rows = 'fw-east', 'fw-west' | Get-SmcRoute
        ($rows.Engine | Sort-Object -Unique) | Should -Be @('fw-east', 'fw-west')
        $rows = [pscustomobject]@{ Name = 'dmz-fw' } | Get-SmcUser
        ($rows.Engine | Sort-Object -Unique) | Should -Be 'dmz-fw'
    }
}

Describe 'Get-SmcConnection -Live' {
    It 'streams changes with their kind for -Duration' {
        $rows = Get-SmcConnection -Engine fw-east -Live -Duration 1.5
        ($rows | Where-Object FirstFetch -eq $false).Count | Should -BeGreaterThan 0
        ($rows.Change | Sort-Object -Unique) | Should -Contain 'Updated'
    }
}

Describe 'Get-SmcLogField' {
    It 'describes fields through the SMC and the catalog' {
        $fields = Get-SmcLogField Src, 602
        $fields.Property | Should -Be @('Src', 'Severity')
        $fields[0].Source | Should -Be 'SMC'
        $fields[0].Kind | Should -Be 'Ip'
        (Get-SmcLogField -Monitor Connections).Property | Should -Contain 'State'
        (Get-SmcLogField *Port* -Offline).Count | Should -BeGreaterThan 4
    }
}
