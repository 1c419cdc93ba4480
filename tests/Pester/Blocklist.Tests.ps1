# Acting on what you monitor: block-list entries added from log records, watched live, removed and flushed; VPN SAs
# deleted; -WhatIf and a refused write; engines checked and Tab-completed. The simulator's request log shows what the
# SMC received.

BeforeAll {
    Import-Module $env:SMCMON_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:requestLog = Join-Path $TestDrive 'requests.jsonl'
    $script:sim = Start-TestSimulator -ArgumentList '--log-records', '500', '--session-change-rate', '0', '--snapshot-marker',
        '--block-list-entries', '4', '--vpn-sas', '6', '--engines', 'fw-east,fw1,lab-2,vpn-gw', '--request-log', $requestLog
    $script:session = Connect-SmcSession -Url $sim.Url -ApiKey $sim.ApiKey

    # The calls that changed something, as the simulator logged them.
    function Get-Write {
        @(Get-Content $requestLog | ConvertFrom-Json | Where-Object {
                $_.kind -eq 'http' -and $_.method -in 'POST', 'PUT', 'DELETE' -and $_.path -notmatch '(login|/logout)$'
            })
    }

    function Set-Fault([hashtable] $Fault) {
        $null = Invoke-RestMethod -Method Post -Uri "$($sim.Url)/_simulator/faults" -Body ($Fault | ConvertTo-Json -Compress) -ContentType 'application/json'
    }

    function Wait-Until([scriptblock] $Condition, [string] $What) {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        while (-not (& $Condition)) {
            if ($watch.Elapsed.TotalSeconds -gt 20) { throw "Gave up waiting for $What" }
            Start-Sleep -Milliseconds 50
        }
    }
}

AfterAll {
    Get-Job | Remove-Job -Force
    Get-SmcSession | Disconnect-SmcSession -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:sim
    Remove-Module SmcMonitoring -ErrorAction SilentlyContinue
}

Describe 'Blocking from the logs' {
    It 'adds piped log records in one request; a live monitor sees them added, then deleted when removed by pipeline' {
        $job = Start-ThreadJob -ArgumentList $env:SMCMON_MODULE, $session -ScriptBlock {
            param($module, $session)
            Import-Module $module
            Get-SmcBlocklist -Session $session -Engine fw1 -Live -TimeoutSec 60 | Select-Object -First 10
        }
        try {
            Wait-Until { $job.Output.Count -ge 4 } 'the live snapshot of fw1'
            $logs = Get-SmcLog -MaxRecords 3 -Filter @{ Action = 'Discard'; Protocol = 'TCP' }
            $added = $logs | Add-SmcBlocklistEntry -Engine fw1 -Duration (New-TimeSpan -Hours 1) -PassThru

            $added.Count | Should -Be 3
            $writes = Get-Write
            $writes | Should -HaveCount 1
            $post = $writes[0]
            $post.path | Should -Match '^/7\.1/elements/single_fw/\d+/block_list$'
            $post.body.entries.Count | Should -Be 3
            $prefix = if ($logs[0].Src.AddressFamily -eq 'InterNetworkV6') { 128 } else { 32 }
            $post.body.entries[0].end_point1.ip_network | Should -Be "$($logs[0].Src)/$prefix"
            $post.body.entries[0].end_point2.port1 | Should -Be $logs[0].DstPort

            Wait-Until { @($job.Output | Where-Object Change -EQ 'Added' | Where-Object FirstFetch -EQ $false).Count -ge 3 } 'the added entries'
            $live = @($job.Output | Where-Object FirstFetch -EQ $false)
            ($live.BlocklistSourceIp | ForEach-Object ToString | Sort-Object) | Should -Be ($logs.Src | ForEach-Object ToString | Sort-Object)

            $mine = Get-SmcBlocklist -Engine fw1 | Where-Object { "$($_.BlocklistSourceIp)" -in @($logs.Src | ForEach-Object ToString) }
            $mine | Should -HaveCount 3
            $mine | Remove-SmcBlocklistEntry
            (Get-Write | Where-Object method -EQ 'DELETE') | Should -HaveCount 3

            $null = Wait-Job $job -Timeout 30
            $deleted = @($job.Output | Where-Object Change -EQ 'Deleted')
            ($deleted.DeltaKey | Sort-Object) | Should -Be ($mine.DeltaKey | Sort-Object)
            @(Get-SmcBlocklist -Engine fw1).Count | Should -Be 4
        }
        finally {
            Remove-Job $job -Force
        }
    }

    It 'sends nothing with -WhatIf' {
        $before = (Get-Write).Count
        Get-SmcLog -MaxRecords 5 | Add-SmcBlocklistEntry -Engine fw-east -Duration (New-TimeSpan -Minutes 5) -WhatIf
        Add-SmcBlocklistEntry -Global -Source 192.0.2.1 -Duration (New-TimeSpan -Minutes 5) -WhatIf
        Get-SmcBlocklist -Engine fw-east | Remove-SmcBlocklistEntry -WhatIf
        Get-SmcVpnSa -Engine vpn-gw | Remove-SmcVpnSa -WhatIf
        Clear-SmcBlocklist -Engine fw-east -WhatIf
        (Get-Write).Count | Should -Be $before
    }

    It 'flushes an engine''s block list' {
        @(Get-SmcBlocklist -Engine lab-2).Count | Should -Be 4
        Clear-SmcBlocklist -Engine lab-2 -Confirm:$false
        (Get-Write)[-1].path | Should -Match '/elements/single_fw/\d+/flush_block_list$'
        @(Get-SmcBlocklist -Engine lab-2).Count | Should -Be 0
    }

    It 'deletes piped VPN SAs' {
        $sas = Get-SmcVpnSa -Engine vpn-gw | Select-Object -First 2
        $sas | Remove-SmcVpnSa -Confirm:$false
        (Get-Write | Select-Object -Last 2).path | Should -Be ($sas | ForEach-Object { ([uri] $_.Href).AbsolutePath })
        @(Get-SmcVpnSa -Engine vpn-gw).Count | Should -Be 4
    }

    It 'says clearly that the API client lacks the right when the SMC answers 403' {
        Set-Fault @{ RefuseWrites = $true }
        try {
            $before = (Get-Write).Count
            Add-SmcBlocklistEntry -Engine fw-east -Source 198.51.100.7 -Duration (New-TimeSpan -Hours 1) -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed | Should -HaveCount 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'SmcRequestForbidden*'
            $failed[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $failed[0].Exception.Message | Should -Match 'refused to add the block-list entry 198\.51\.100\.7/32 -> any .* lacks the right'
            $failed[0].Exception.Message | Should -Match 'does not grant the permission'
            (Get-Write).Count | Should -Be ($before + 1)
        }
        finally {
            Set-Fault @{ RefuseWrites = $false }
        }
    }
}

Describe 'Engines' {
    It 'lists the engines' {
        (Get-SmcEngine).Name | Should -Be @('fw-east', 'fw1', 'lab-2', 'vpn-gw')
    }

    It 'refuses an unknown engine before any socket opens, naming the closest ones' {
        { Get-SmcConnection -Engine fw-eats } | Should -Throw -ExceptionType ([SmcMonitoring.Errors.SmcException]) -ExpectedMessage "*'fw-eats' (-Engine)*Closest to 'fw-eats': fw-east, fw1, lab-2*"
    }

    It 'completes -Engine with Tab through TabExpansion2' -ForEach @(
        @{ Line = 'Get-SmcConnection -Engine f'; Expected = @('fw-east', 'fw1') }
        @{ Line = 'Add-SmcBlocklistEntry -Duration 01:00:00 -Engine l'; Expected = @('lab-2') }
        @{ Line = 'Get-SmcVpnSa -Session $session -Engine v'; Expected = @('vpn-gw') }
    ) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText | Should -Be $Expected
    }
}
