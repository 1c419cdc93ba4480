# Completion that knows the SMC: every parameter through TabExpansion2, as a user pressing Tab would get it.

BeforeAll {
    Import-Module $env:SMCMON_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:sim = Start-TestSimulator -ArgumentList '--log-records', '300', '--connections', '30'
    $script:session = Connect-SmcSession -Url $sim.Url -ApiKey $sim.ApiKey

    function Complete([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
}

AfterAll {
    Get-SmcSession | Disconnect-SmcSession -Confirm:$false -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:sim
    Remove-Module SmcMonitoring -ErrorAction SilentlyContinue
}

Describe 'Tab completion' {
    It 'completes -Session with an expression that gets each session by id' {
        $texts = (Complete 'Get-SmcLog -Session ').CompletionText
        $texts | Should -Contain "(Get-SmcSession -Id $($session.Id))"
        $match = Complete 'Get-SmcConnection -Session ' | Where-Object CompletionText -eq "(Get-SmcSession -Id $($session.Id))"
        $match.ToolTip | Should -Match 'the default'
        $result = Invoke-Expression "$((Complete 'Get-SmcLog -Session ')[0].CompletionText)"
        $result.Id | Should -Be $session.Id
    }

    It 'completes -Id of Get-SmcSession and Disconnect-SmcSession with the session ids' {
        (Complete 'Disconnect-SmcSession -Id ').CompletionText | Should -Contain "$($session.Id)"
        (Complete 'Get-SmcSession -Id ').CompletionText | Should -Contain "$($session.Id)"
    }

    It 'completes -Context with the SMC element types from its entry points' {
        $texts = (Complete 'Register-SmcNotification -Context ').CompletionText
        foreach ($type in 'host', 'network', 'single_fw', 'layer2_policy', "'*'") { $texts | Should -Contain $type }
        $texts | Should -Not -Contain 'logout'
        $texts | Should -Not -Contain 'current_user'
        (Complete 'Get-SmcNotification -Context ne').CompletionText | Should -Be @('network')
    }

    It 'completes -Domain with the domains the runspace knows' {
        (Complete 'Get-SmcAlert -Domain ').CompletionText | Should -Contain "'Shared Domain'"
        (Complete 'Connect-SmcSession -Domain Sh').CompletionText | Should -Be @("'Shared Domain'")
    }

    It 'completes Get-SmcLog -Engine with the engines of the SMC' {
        (Complete 'Get-SmcLog -Engine fw-e').CompletionText | Should -Be @('fw-east')
    }

    It 'offers the record properties to Sort-Object and Where-Object after a query' {
        foreach ($line in 'Get-SmcLog | Sort-Object ', 'Get-SmcLog -MaxRecords 5 | Where-Object ') {
            $texts = (Complete $line).CompletionText
            foreach ($property in 'Timestamp', 'Src', 'DstPort', 'Action', 'Sender') { $texts | Should -Contain $property }
        }
        $texts = (Complete 'Get-SmcConnection -Engine fw1 | Sort-Object ').CompletionText
        foreach ($property in 'Src', 'Dst', 'State', 'Change', 'DeltaKey', 'Engine') { $texts | Should -Contain $property }
        (Complete 'Get-SmcAlert | Where-Object { $_.Sev').CompletionText | Should -Contain 'Severity'
    }

    It 'declares for each query cmdlet exactly the properties its default records have' {
        $queries = @{
            'Get-SmcLog'        = { Get-SmcLog -MaxRecords 1 }
            'Get-SmcConnection' = { Get-SmcConnection -Engine fw-east | Select-Object -First 1 }
            'Get-SmcBlocklist'  = { Get-SmcBlocklist -Engine fw-east | Select-Object -First 1 }
            'Get-SmcRoute'      = { Get-SmcRoute -Engine fw-east | Select-Object -First 1 }
            'Get-SmcUser'       = { Get-SmcUser -Engine fw-east | Select-Object -First 1 }
            'Get-SmcSslVpnUser' = { Get-SmcSslVpnUser -Engine fw-east | Select-Object -First 1 }
            'Get-SmcVpnSa'      = { Get-SmcVpnSa -Engine fw-east | Select-Object -First 1 }
            'Get-SmcAlert'      = { Get-SmcAlert | Select-Object -First 1 }
            'Get-SmcNeighbor'   = { Get-SmcNeighbor -Engine fw-east | Select-Object -First 1 }
        }
        foreach ($command in $queries.Keys) {
            $declared = (Get-Command $command).OutputType.Name | Where-Object { $_ -like '*#Fields' }
            $declared | Should -Not -BeNullOrEmpty -Because "$command declares its completion type"
            $record = & $queries[$command]
            $record | Should -Not -BeNullOrEmpty -Because "$command returns a record to compare with"
            @((Get-TypeData $declared).Members.Keys) | Sort-Object | Should -Be (@($record.PSObject.Properties.Name) | Sort-Object) -Because $command
        }
    }

    It 'restricts -Field of a session monitor to the fields the monitor carries' {
        $connection = (Complete 'Get-SmcConnection -Field ').CompletionText
        $log = (Complete 'Get-SmcLog -Field ').CompletionText
        $connection | Should -Contain 'Src'
        $connection | Should -Contain 'State'
        $connection | Should -Not -Contain 'Situation'
        $log | Should -Contain 'Situation'
        $connection.Count | Should -BeLessThan $log.Count
    }

    It 'warns, without failing, for a field the monitor is not known to carry, naming its fields' {
        $warnings = $null
        $rows = Get-SmcConnection -Engine fw-east -Field Src, Situation -Filter @{ Severity = 'High' } -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction Stop
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Match 'Situation \(-Field\)'
        $warnings[0].Message | Should -Match 'Severity \(-Filter\)'
        $warnings[0].Message | Should -Match 'fields are Timestamp, Sender, Src'
        $quiet = $null
        $null = Get-SmcConnection -Engine fw-east -Field Src, Dst -WarningVariable quiet
        $quiet | Should -BeNullOrEmpty
    }
}
