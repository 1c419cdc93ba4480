# Several SMCs and sessions: the default marker, Disconnect-SmcSession -Id/-All/-WhatIf, a second connect to the same
# SMC, and the session each record came from. Two simulator processes play two SMCs.

BeforeAll {
    Import-Module $env:SMCMON_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:east = Start-TestSimulator -ArgumentList '--log-records', '200', '--connections', '30', '--block-list-entries', '2', '--session-change-rate', '0'
    $script:west = Start-TestSimulator -ArgumentList '--log-records', '200', '--connections', '30', '--block-list-entries', '2', '--session-change-rate', '0', '--seed', '9'
}

AfterAll {
    Get-SmcSession | Disconnect-SmcSession -Confirm:$false -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:east
    Stop-TestSimulator $script:west
    Remove-Module SmcMonitoring -ErrorAction SilentlyContinue
}

Describe 'Sessions' {
    BeforeEach {
        Disconnect-SmcSession -All -Confirm:$false -ErrorAction SilentlyContinue
    }

    It 'marks the default session in its IsDefault property and in the table view' {
        $a = Connect-SmcSession -Url $east.Url -ApiKey $east.ApiKey
        $b = Connect-SmcSession -Url $west.Url -ApiKey $west.ApiKey
        $a.IsDefault | Should -BeFalse
        $b.IsDefault | Should -BeTrue
        $table = Get-SmcSession | Format-Table | Out-String
        $table | Should -Match 'Default'
        $marked = @($table -split "`n" | Where-Object { $_ -match '^\s*\d+\s+\*' })
        $marked.Count | Should -Be 1
        $marked[0] | Should -Match "^\s*$($b.Id)\s+\*"
        Disconnect-SmcSession -Session $b
        $a.IsDefault | Should -BeTrue
        $b.IsDefault | Should -BeFalse
    }

    It 'disconnects sessions by -Id and leaves the others connected' {
        $a = Connect-SmcSession -Url $east.Url -ApiKey $east.ApiKey
        $b = Connect-SmcSession -Url $west.Url -ApiKey $west.ApiKey
        Disconnect-SmcSession -Id $a.Id
        $a.IsConnected | Should -BeFalse
        $b.IsConnected | Should -BeTrue
        (Get-SmcSession).Id | Should -Be @($b.Id)
    }

    It 'names an unknown -Id and the ids there are' {
        $a = Connect-SmcSession -Url $east.Url -ApiKey $east.ApiKey
        $err = $null
        Disconnect-SmcSession -Id 99999 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SmcSessionNotFound*'
        $err[0].Exception.Message | Should -Match '99999'
        $err[0].Exception.Message | Should -Match "ids $($a.Id)\b"
        $a.IsConnected | Should -BeTrue
    }

    It 'disconnects every session with -All' {
        $a = Connect-SmcSession -Url $east.Url -ApiKey $east.ApiKey
        $b = Connect-SmcSession -Url $west.Url -ApiKey $west.ApiKey
        Disconnect-SmcSession -All
        $a.IsConnected | Should -BeFalse
        $b.IsConnected | Should -BeFalse
        Get-SmcSession | Should -BeNullOrEmpty
    }

    It 'only says what it would do with -WhatIf' {
        $a = Connect-SmcSession -Url $east.Url -ApiKey $east.ApiKey
        $b = Connect-SmcSession -Url $west.Url -ApiKey $west.ApiKey
        Disconnect-SmcSession -All -WhatIf
        Disconnect-SmcSession -Id $a.Id -WhatIf
        Disconnect-SmcSession -WhatIf
        $a.IsConnected | Should -BeTrue
        $b.IsConnected | Should -BeTrue
        (Get-SmcSession).Count | Should -Be 2
        (Get-Command Disconnect-SmcSession).Parameters.Keys | Should -Contain 'Confirm'
    }

    It 'reuses the open session when connecting again to the same SMC with the same identity' {
        $a = Connect-SmcSession -Url $east.Url -ApiKey $east.ApiKey
        $b = Connect-SmcSession -Url $west.Url -ApiKey $west.ApiKey
        $verbose = $( $again = Connect-SmcSession -Url $east.Url -ApiKey $east.ApiKey -Verbose ) 4>&1 | Out-String
        $again.Id | Should -Be $a.Id
        $verbose | Should -Match "Reusing SMC session $($a.Id)"
        $a.IsDefault | Should -BeTrue
        (Get-SmcSession).Count | Should -Be 2
    }

    It 'keeps a reused session connected until every connect that returned it has disconnected' {
        $shell = Connect-SmcSession -Url $east.Url -ApiKey $east.ApiKey
        # A script run from that shell connects and disconnects in finally, as scripts do.
        & { $s = Connect-SmcSession -Url $east.Url -ApiKey $east.ApiKey; try { $null = Get-SmcLog -Session $s -MaxRecords 1 } finally { Disconnect-SmcSession $s } }
        $shell.IsConnected | Should -BeTrue
        @(Get-SmcLog -Session $shell -MaxRecords 3).Count | Should -Be 3
        Disconnect-SmcSession $shell
        $shell.IsConnected | Should -BeFalse
    }

    It 'opens a new session with -Force, or when the identity or options differ' {
        $a = Connect-SmcSession -Url $east.Url -ApiKey $east.ApiKey
        $forced = Connect-SmcSession -Url $east.Url -ApiKey $east.ApiKey -Force
        $otherVersion = Connect-SmcSession -Url $east.Url -ApiKey $east.ApiKey -ApiVersion 7.0
        $forced.Id | Should -Not -Be $a.Id
        $otherVersion.Id | Should -Not -BeIn @($a.Id, $forced.Id)
        (Get-SmcSession).Count | Should -Be 3
    }

    It 'gives every record the session it came from, so two SMCs can be told apart' {
        $a = Connect-SmcSession -Url $east.Url -ApiKey $east.ApiKey
        $b = Connect-SmcSession -Url $west.Url -ApiKey $west.ApiKey
        $rows = Get-SmcSession | ForEach-Object { Get-SmcConnection -Session $_ -Engine fw1 }
        $groups = $rows | Group-Object { $_.Session.Id }
        ($groups.Name | Sort-Object) | Should -Be (@($a.Id, $b.Id) | Sort-Object | ForEach-Object { "$_" })
        $logs = Get-SmcLog -Session $a -MaxRecords 3
        $logs | ForEach-Object { $_.Session.Id | Should -Be $a.Id }
        ($logs[0] | Select-Object Timestamp, Session).Session.Url | Should -Be $a.Url
    }

    It 'sends a piped record back to the SMC it came from' {
        $a = Connect-SmcSession -Url $east.Url -ApiKey $east.ApiKey
        $b = Connect-SmcSession -Url $west.Url -ApiKey $west.ApiKey
        $entries = Get-SmcSession | ForEach-Object { Get-SmcBlocklist -Session $_ -Engine fw-east }
        ($entries | Where-Object { $_.Session.Id -eq $a.Id }).Count | Should -BeGreaterThan 0
        ($entries | Where-Object { $_.Session.Id -eq $b.Id }).Count | Should -BeGreaterThan 0
        $entries | Remove-SmcBlocklistEntry -Confirm:$false -ErrorAction Stop
        Get-SmcBlocklist -Session $a -Engine fw-east | Should -BeNullOrEmpty
        Get-SmcBlocklist -Session $b -Engine fw-east | Should -BeNullOrEmpty
    }

    It 'keeps the Session property out of Export-Csv, so exact -Field columns stay exact' {
        $null = Connect-SmcSession -Url $east.Url -ApiKey $east.ApiKey
        $csv = Join-Path $TestDrive 'fields.csv'
        Get-SmcLog -MaxRecords 3 -Field Timestamp, Src, Dst | Export-Csv -Path $csv -NoTypeInformation
        (Get-Content $csv -First 1) | Should -Be '"Timestamp","Src","Dst"'
        $connections = Join-Path $TestDrive 'connections.csv'
        Get-SmcConnection -Engine fw1 -Field Src, Dst | Export-Csv -Path $connections -NoTypeInformation
        (Get-Content $connections -First 1) | Should -Not -Match 'Session'
        $record = Get-SmcLog -MaxRecords 1 -Field Src
        ($record | Get-Member -Name Session) | Should -BeNullOrEmpty
        ($record | Get-Member -Name Session -Force).MemberType | Should -Be 'CodeProperty'
        $record | Select-Object Src, Session | ConvertTo-Csv -NoTypeInformation | Select-Object -First 1 | Should -Be '"Src","Session"'
    }
}
