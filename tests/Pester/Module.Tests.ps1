BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:sim = Start-TestSimulator -ArgumentList '--log-records', '100', '--notification-rate', '0'
}

AfterAll {
    Stop-TestSimulator $script:sim
}

Describe 'The module' {
    It 'offers the about topic <_>' -ForEach 'about_SmcMonitoring', 'about_SmcMonitoring_Filters', 'about_SmcMonitoring_Notifications' {
        Import-Module $env:SMCMON_MODULE -Force
        $text = Get-Help $_ | Out-String
        $text | Should -Match "TOPIC\s+$_"
        $text | Should -Match 'EXAMPLES|LONG DESCRIPTION'
    }

    It 'ends notification subscriptions and logs out when removed' {
        Import-Module $env:SMCMON_MODULE -Force
        $session = Connect-SmcSession -Url $sim.Url -ApiKey $sim.ApiKey
        Register-SmcNotification -Context host -SourceIdentifier removal
        $channel = (Get-EventSubscriber -SourceIdentifier removal).SourceObject
        $channel.IsRunning | Should -BeTrue
        Remove-Module SmcMonitoring
        Get-EventSubscriber -SourceIdentifier removal -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $channel.IsRunning | Should -BeFalse
        $session.IsConnected | Should -BeFalse
    }
}
