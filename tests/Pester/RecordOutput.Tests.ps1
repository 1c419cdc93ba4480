# What users do with records after they arrive: sort them, filter with their values, export them (CSV, JSON, CliXml)
# and look at them in a 120-column console.

BeforeAll {
    Import-Module $env:SMCMON_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:sim = Start-TestSimulator -ArgumentList '--log-records', '5000'
    $script:session = Connect-SmcSession -Url $sim.Url -ApiKey $sim.ApiKey
    # The simulator's log has about one IPv6 record in ten.
    $script:logs = Get-SmcLog -MaxRecords 250
    $script:addressed = @($logs | Where-Object { $_.Src -is [ipaddress] })

    # An address's place in numeric order, computed without the module: family (IPv4 first), then the bytes in hex.
    function Get-NumericKey([ipaddress] $Address) {
        $family = if ($Address.AddressFamily -eq 'InterNetwork') { '4' } else { '6' }
        $family + (-join ($Address.GetAddressBytes() | ForEach-Object { $_.ToString('x2') }))
    }
}

AfterAll {
    Get-SmcSession | Disconnect-SmcSession -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:sim
    Remove-Module SmcMonitoring -ErrorAction SilentlyContinue
}

Describe 'Addresses in records' {
    It 'are IP addresses of both families' {
        $addressed.Count | Should -BeGreaterThan 200
        @($addressed | Where-Object { $_.Src.AddressFamily -eq 'InterNetworkV6' }).Count | Should -BeGreaterThan 0
        @($addressed | Where-Object { $_.Src.AddressFamily -eq 'InterNetwork' }).Count | Should -BeGreaterThan 0
        foreach ($record in $addressed) { $record.Src | Should -BeOfType [ipaddress] }
        ($logs[0] | Get-Member -Name Src).Definition | Should -Match '^SmcMonitoring\.Records\.SmcIPAddress Src'
    }

    It 'sort by number with Sort-Object, IPv4 before IPv6, in both directions' {
        $expected = @($addressed | ForEach-Object { Get-NumericKey $_.Src } | Sort-Object)
        $ascending = @($addressed | Sort-Object Src | ForEach-Object { Get-NumericKey $_.Src })
        $descending = @($addressed | Sort-Object Src -Descending | ForEach-Object { Get-NumericKey $_.Src })
        $ascending | Should -Be $expected
        $reversed = $expected.Clone()
        [array]::Reverse($reversed)
        $descending | Should -Be $reversed
        $ascending[0] | Should -BeLike '4*'
        $ascending[-1] | Should -BeLike '6*'
        # The data tells the two orders apart: sorting the text would give another order.
        $byText = @($addressed | Sort-Object { $_.Src.ToString() } | ForEach-Object { Get-NumericKey $_.Src })
        ($byText -join ',') | Should -Not -Be ($expected -join ',')
    }

    It 'compare with text and with IP addresses as any IP address does, and order with -lt and -gt' {
        $v4 = ($addressed | Where-Object { $_.Src.AddressFamily -eq 'InterNetwork' } | Select-Object -First 1).Src
        $v6 = ($addressed | Where-Object { $_.Src.AddressFamily -eq 'InterNetworkV6' } | Select-Object -First 1).Src
        foreach ($address in $v4, $v6) {
            $address -eq $address.ToString() | Should -BeTrue
            $address -eq [ipaddress] $address.ToString() | Should -BeTrue
            ([ipaddress] $address.ToString()) -eq $address | Should -BeTrue
            @($address) -contains $address.ToString() | Should -BeTrue
            @($logs | Where-Object Src -eq $address.ToString()).Count | Should -BeGreaterThan 0
        }
        $v4 -lt $v6 | Should -BeTrue
        $v4 -lt '255.255.255.255' | Should -BeTrue
        $v4 -gt [ipaddress] '0.0.0.0' | Should -BeTrue
        [SmcMonitoring.Records.SmcIPAddress]::Parse('10.0.0.10') -gt '10.0.0.9' | Should -BeTrue
    }

    It 'write the same CSV text as plain IP addresses would' {
        $plain = foreach ($record in $logs) {
            $copy = [ordered]@{}
            foreach ($name in $record.GetPropertyNames()) {
                $value = $record.$name
                $copy[$name] = if ($value -is [ipaddress]) { [ipaddress]::Parse($value.ToString()) } else { $value }
            }
            [pscustomobject] $copy
        }
        $csv = $logs | ConvertTo-Csv -NoTypeInformation
        $csv | Should -Be ($plain | ConvertTo-Csv -NoTypeInformation)
        $csv[1] | Should -Match ([regex]::Escape('"' + $logs[0].Src + '"'))
    }

    It 'go back into -Filter as a hashtable value or a scriptblock variable and find their records on the SMC' {
        foreach ($address in @(
                ($addressed | Where-Object { $_.Src.AddressFamily -eq 'InterNetwork' } | Select-Object -First 1).Src
                ($addressed | Where-Object { $_.Src.AddressFamily -eq 'InterNetworkV6' } | Select-Object -First 1).Src)) {
            $byTable = @(Get-SmcLog -Filter @{ Src = $address } -MaxRecords 20)
            $byScript = @(Get-SmcLog -Filter { $_.Src -eq $address } -MaxRecords 20)
            $byTable.Count | Should -BeGreaterThan 0
            $byScript.Count | Should -Be $byTable.Count
            foreach ($record in $byTable + $byScript) { $record.Src.ToString() | Should -Be $address.ToString() }
        }
    }
}

Describe 'Records written out' {
    It 'ConvertTo-Json writes times as ISO 8601 text and, with -EnumsAsStrings, actions and severities by name' {
        $json = $logs[0..49] | ConvertTo-Json -EnumsAsStrings
        $json | Should -Match '"Timestamp":\s*"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}'
        $json | Should -Match '"Action":\s*"(Allow|Discard|Refuse|Block|Terminate|Permit)'
        $json | Should -Not -Match '"Action":\s*\d'
    }

    It 'GetPlainValues gives ConvertTo-Json addresses as text, enums by name and times as ISO 8601 with the instant kept' {
        $records = @($logs | Where-Object { $_.Severity -ne $null -and $_.Src -is [ipaddress] } | Select-Object -First 10)
        $records.Count | Should -BeGreaterThan 0
        $json = $records | ForEach-Object GetPlainValues | ConvertTo-Json
        $back = @($json | ConvertFrom-Json -DateKind String)
        $back.Count | Should -Be $records.Count
        for ($i = 0; $i -lt $records.Count; $i++) {
            ($back[$i].psobject.Properties.Name -join ',') | Should -Be ($records[$i].GetPropertyNames() -join ',')
            $back[$i].Src | Should -BeOfType [string]
            $back[$i].Src | Should -Be $records[$i].Src.ToString()
            $back[$i].Dst | Should -Be "$($records[$i].Dst)"
            $back[$i].Action | Should -Be $records[$i].Action.ToString()
            $back[$i].Severity | Should -Be $records[$i].Severity.ToString()
            $back[$i].Timestamp | Should -Match '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}'
            [datetime]::Parse($back[$i].Timestamp, [cultureinfo]::InvariantCulture, 'RoundtripKind') | Should -Be $records[$i].Timestamp
            $back[$i].SrcPort | Should -Be $records[$i].SrcPort
        }
    }

    It 'GetPlainValues serves session-monitor records too: alerts with their severity and change by name' {
        $alert = Get-SmcAlert | Select-Object -First 1
        $plain = $alert.GetPlainValues() | ConvertTo-Json | ConvertFrom-Json -DateKind String
        $plain.Severity | Should -Be $alert.Severity.ToString()
        $plain.Change | Should -Be 'Added'
        $plain.Src | Should -Be "$($alert.Src)"
    }

    It 'Export-Clixml and Import-Clixml give back typed values' {
        $file = Join-Path $TestDrive 'logs.xml'
        $records = @($logs | Where-Object { $_.Severity -ne $null } | Select-Object -First 20)
        $records | Export-Clixml -Path $file
        $back = @(Import-Clixml -Path $file)
        $back.Count | Should -Be $records.Count
        for ($i = 0; $i -lt $records.Count; $i++) {
            $back[$i].Action | Should -BeOfType [SmcMonitoring.Fields.SmcAction]
            $back[$i].Action | Should -Be $records[$i].Action
            $back[$i].Severity | Should -BeOfType [SmcMonitoring.Fields.SmcSeverity]
            $back[$i].Severity | Should -Be $records[$i].Severity
            $back[$i].Timestamp | Should -Be $records[$i].Timestamp
            if ($records[$i].Src -is [ipaddress]) {
                $back[$i].Src | Should -BeOfType [ipaddress]
                $back[$i].Src | Should -Be $records[$i].Src
            }
        }
        $alert = Get-SmcAlert | Select-Object -First 1
        $alert | Export-Clixml -Path $file
        (Import-Clixml -Path $file).Change | Should -BeOfType [SmcMonitoring.Fields.SmcChange]
    }
}

Describe 'Views in a 120-column console' {
    BeforeAll {
        # The lines of a table as a 120-column console shows it: the header, the dashes under it, then one line per record.
        function Get-TableLines([object[]] $Records) {
            $lines = @(($Records | Out-String -Width 120) -split '\r?\n' | Where-Object { $_.Trim() })
            $dashes = [array]::FindIndex([string[]] $lines, [Predicate[string]] { param($l) $l -match '^-+(\s+-+)*\s*$' })
            $dashes | Should -BeGreaterThan 0 -Because "a table has a line of dashes under its header:`n$($lines -join "`n")"
            [pscustomobject]@{ Header = $lines[$dashes - 1]; Above = $lines[0..($dashes - 1)]; Rows = @($lines | Select-Object -Skip ($dashes + 1)); All = $lines }
        }
    }

    It 'the default log table fits 120 columns and leaves Message at least 30 characters' {
        $records = @($logs | Select-Object -First 40)
        $table = Get-TableLines $records
        $table.Above.Count | Should -Be 1 -Because 'the header is one line, not wrapped'
        $table.Header | Should -Match '^Timestamp\s+Action\s+Sender\s+Src\s+Dst\s+DstPort\s+Message\s*$'
        foreach ($line in $table.All) { $line.Length | Should -BeLessOrEqual 120 }
        $table.Rows.Count | Should -Be $records.Count
        $longest = 0
        for ($i = 0; $i -lt $records.Count; $i++) {
            $message = if ($records[$i].Message) { $records[$i].Message } else { $records[$i].Event }
            $shown = [Math]::Min($message.Length, 30)
            $table.Rows[$i] | Should -Match ([regex]::Escape($message.Substring(0, $shown)))
            $longest = [Math]::Max($longest, $message.Length)
        }
        $longest | Should -BeGreaterThan 20 -Because 'the data must hold messages long enough to be cut by a narrow column'
    }

    It 'a -Field selection of <Count> fields is a table with those columns, not a list' -TestCases @(
        @{ Count = 5; Fields = 'Timestamp', 'Src', 'Dst', 'DstPort', 'Action' }
        @{ Count = 7; Fields = 'Timestamp', 'Action', 'Src', 'Dst', 'DstPort', 'Service', 'Message' }
    ) {
        $records = @(Get-SmcLog -MaxRecords 5 -Field $Fields)
        $records[0].pstypenames[0] | Should -Be 'SmcMonitoring.Records.SmcLogRecord#Custom'
        $records[0].pstypenames[1] | Should -Be ('SmcMonitoring.Records.SmcLogRecord#Custom#' + ($Fields -join ','))
        $table = Get-TableLines $records
        $table.Header | Should -Match ('^' + ($Fields -join '\s+') + '\s*$')
        $table.Rows.Count | Should -Be 5
        foreach ($line in $table.All) { $line.Length | Should -BeLessOrEqual 120 }
        $table.Rows[0] | Should -Match ([regex]::Escape($records[0].Timestamp.ToString('yyyy-MM-dd HH:mm:ss')))
    }

    It 'a session monitor -Field selection is a table of the chosen fields' {
        $records = @(Get-SmcConnection -Engine fw-east -Field Timestamp, Src, Dst, DstPort, Service, State | Select-Object -First 5)
        $table = Get-TableLines $records
        $table.Header | Should -Match '^Timestamp\s+Src\s+Dst\s+DstPort\s+Service\s+State\s*$'
        $table.Rows.Count | Should -Be 5
    }

    It 'the <Command> table shows its key columns on one header line within 120 columns' -TestCases @(
        @{ Command = 'Get-SmcConnection'; Columns = 'Timestamp', 'Sender', 'Src', 'SrcPort', 'Dst', 'DstPort', 'Service', 'Protocol', 'State' }
        @{ Command = 'Get-SmcBlocklist'; Columns = 'EntryId', 'Timestamp', 'BlocklistSourceIp', 'BlocklistDestinationIp', 'BlocklistProtocol', 'BlocklistDuration' }
        @{ Command = 'Get-SmcRoute'; Columns = 'Engine', 'RouteNetwork', 'RouteNetmask', 'RouteGateway', 'DstIf', 'RouteType', 'RouteMetric' }
        @{ Command = 'Get-SmcUser'; Columns = 'Timestamp', 'UserName', 'Src', 'Sender', 'ExpirationTime' }
        @{ Command = 'Get-SmcSslVpnUser'; Columns = 'UserName', 'Src', 'Sender', 'SessionStart', 'SessionTimeout' }
        @{ Command = 'Get-SmcVpnSa'; Columns = 'Sender', 'Vpn', 'PeerSecurityGateway', 'SaClass', 'NumBytesSent', 'NumBytesReceived', 'ExpirationTime' }
        @{ Command = 'Get-SmcAlert'; Columns = 'Timestamp', 'Severity', 'Situation', 'Sender', 'Src', 'Dst', 'Service' }
        @{ Command = 'Get-SmcNeighbor'; Columns = 'Sender', 'NeighborInterface', 'NeighborProtocol', 'NeighborL3Data', 'NeighborL2Data', 'NeighborState' }
    ) {
        $target = if ($Command -eq 'Get-SmcAlert') { @{} } else { @{ Engine = 'fw-east' } }
        $records = @(& $Command @target | Select-Object -First 12)
        $records.Count | Should -BeGreaterThan 0
        $table = Get-TableLines $records
        $table.Above.Count | Should -Be 1 -Because "the header is one line:`n$($table.All -join "`n")"
        $table.Header | Should -Match ('^' + ($Columns -join '\s+') + '\s*$')
        foreach ($line in $table.All) { $line.Length | Should -BeLessOrEqual 120 }
        foreach ($time in 'Timestamp', 'ExpirationTime', 'SessionStart') {
            if ($Columns -contains $time -and $records[0].$time -is [datetime]) {
                $table.Rows[0] | Should -Match ([regex]::Escape($records[0].$time.ToString('yyyy-MM-dd HH:mm:ss')))
            }
        }
    }
}
