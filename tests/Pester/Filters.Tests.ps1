BeforeAll {
    Import-Module $env:SMCMON_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:sim = Start-TestSimulator -ArgumentList '--log-records', '20000'
    $null = Connect-SmcSession -Url $sim.Url -ApiKey $sim.ApiKey
}

AfterAll {
    Get-SmcSession | Disconnect-SmcSession -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:sim
    Remove-Module SmcMonitoring -ErrorAction SilentlyContinue
}

Describe 'Get-SmcLog -Filter' {
    It 'returns only matching records for a hashtable' {
        $logs = Get-SmcLog -MaxRecords 100 -Filter @{ DstPort = 22, 3389; Action = 'Allow' }
        $logs.Count | Should -BeGreaterThan 0
        $logs | ForEach-Object { $_.DstPort | Should -BeIn 22, 3389; $_.Action | Should -Be 'Allow' }
    }

    It 'returns only matching records for a scriptblock using my variables' {
        $nets = '10.0.0.0/8'
        $logs = Get-SmcLog -MaxRecords 100 -Filter { $_.Src -eq $nets -and -not ($_.Service -eq 'UDP/53') }
        $logs.Count | Should -BeGreaterThan 0
        $logs | ForEach-Object { $_.Src.ToString() | Should -BeLike '10.*'; $_.DstPort | Should -Not -Be 53 }
    }

    It 'tells me how to fix an unsupported scriptblock' {
        { Get-SmcLog -Filter { $_.DstPort -gt 1024 } -ErrorAction Stop } | Should -Throw -ErrorId 'SmcFilterUnsupported*' -ExpectedMessage '*-gt*Where-Object*'
    }

    It 'names the closest fields for a misspelled key' {
        { Get-SmcLog -Filter @{ DestPort = 443 } -ErrorAction Stop } | Should -Throw -ErrorId 'SmcFilterFieldNotFound*' -ExpectedMessage '*DestPort*DstPort*'
    }

    It 'completes field names as hashtable keys with Tab' {
        $line = 'Get-SmcLog -Filter @{ SrcP'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'SrcPort'
    }
}
