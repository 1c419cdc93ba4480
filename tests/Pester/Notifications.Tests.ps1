BeforeAll {
    Import-Module $env:SMCMON_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:sim = Start-TestSimulator -ArgumentList '--log-records', '100', '--notification-rate', '0'
    $script:session = Connect-SmcSession -Url $sim.Url -ApiKey $sim.ApiKey

    function Send-Change([string] $Context, [string] $Action, [string] $Id) {
        $body = @{ context = $Context; action = $Action; id = $Id } | ConvertTo-Json -Compress
        $null = Invoke-RestMethod -Method Post -Uri "$($sim.Url)/_simulator/element-change" -Body $body -ContentType 'application/json'
    }
}

AfterAll {
    Get-EventSubscriber | Where-Object SourceObject -is [SmcMonitoring.Notifications.NotificationChannel] | Unregister-Event
    Get-SmcSession | Disconnect-SmcSession -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:sim
    Remove-Module SmcMonitoring -ErrorAction SilentlyContinue
}

Describe 'Register-SmcNotification' {
    AfterEach {
        Get-EventSubscriber -Force | Where-Object SourceObject -is [SmcMonitoring.Notifications.NotificationChannel] | Unregister-Event -Force
        Get-Event | Remove-Event
    }

    It 'queues element changes for Wait-Event and Get-Event' {
        Register-SmcNotification -Context host -SourceIdentifier hosts
        Send-Change host update 1087
        $event = Wait-Event -SourceIdentifier hosts -Timeout 15
        $event | Should -Not -BeNullOrEmpty
        $event.SourceEventArgs | Should -BeOfType 'SmcMonitoring.Notifications.SmcElementChangedEventArgs'
        $event.SourceEventArgs.Action | Should -Be 'Update'
        $event.SourceEventArgs.ElementType | Should -Be 'host'
        $event.SourceEventArgs.ElementId | Should -Be '1087'
        (Get-Event -SourceIdentifier hosts).Count | Should -Be 1
        Remove-Event -SourceIdentifier hosts
        Get-Event -SourceIdentifier hosts -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'runs -Action for each change and returns the event job' {
        $global:SmcSeen = [System.Collections.ArrayList]::new()
        $job = Register-SmcNotification -Context network -Action { $null = $global:SmcSeen.Add($EventArgs.ElementId) }
        $job | Should -BeOfType 'System.Management.Automation.PSEventJob'
        Send-Change network create 77
        Send-Change network delete 78
        $deadline = (Get-Date).AddSeconds(15)
        while ($global:SmcSeen.Count -lt 2 -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
        $global:SmcSeen | Should -Be @('77', '78')
    }

    It 'passes -MessageData and stops after -MaxTriggerCount' {
        Register-SmcNotification -Context router -SourceIdentifier once -MaxTriggerCount 1 -MessageData 'mine'
        $channel = (Get-EventSubscriber -SourceIdentifier once).SourceObject
        Send-Change router update 5
        $event = Wait-Event -SourceIdentifier once -Timeout 15
        $event.MessageData | Should -Be 'mine'
        # PowerShell removes the subscriber once the event has been processed.
        $deadline = (Get-Date).AddSeconds(10)
        while ((Get-EventSubscriber -SourceIdentifier once -ErrorAction SilentlyContinue) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Get-EventSubscriber -SourceIdentifier once -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $channel.IsRunning | Should -BeFalse
    }

    It 'is listed by Get-EventSubscriber and closed by Unregister-Event' {
        Register-SmcNotification -Context host, network -SourceIdentifier both
        $subscriber = Get-EventSubscriber -SourceIdentifier both
        $subscriber.SourceObject.SubscriptionIds.Count | Should -Be 2
        $subscriber.SourceObject.IsRunning | Should -BeTrue
        Unregister-Event -SourceIdentifier both
        $subscriber.SourceObject.IsRunning | Should -BeFalse
    }

    It 'ends with Disconnect-SmcSession' {
        # -Force: a session of its own to log out of (without it, connecting again reuses the open session).
        $other = Connect-SmcSession -Url $sim.Url -ApiKey $sim.ApiKey -Force
        Register-SmcNotification -Session $other -Context host -SourceIdentifier gone
        $channel = (Get-EventSubscriber -SourceIdentifier gone).SourceObject
        Disconnect-SmcSession -Session $other
        Get-EventSubscriber -SourceIdentifier gone -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $channel.IsRunning | Should -BeFalse
    }
}

Describe 'Get-SmcNotification' {
    It 'writes -Count changes to the pipeline and ends' {
        $job = Start-ThreadJob -ScriptBlock {
            param($url)
            Start-Sleep -Seconds 2
            foreach ($id in 1..3) {
                $body = @{ context = 'host'; action = 'create'; id = "$id" } | ConvertTo-Json -Compress
                $null = Invoke-RestMethod -Method Post -Uri "$url/_simulator/element-change" -Body $body -ContentType 'application/json'
            }
        } -ArgumentList $sim.Url
        try {
            $changes = Get-SmcNotification -Context host -Count 2 -TimeoutSec 30
            $changes.Count | Should -Be 2
            $changes[0].Action | Should -Be 'Create'
            $changes.ElementId | Should -Be @('1', '2')
        }
        finally { $job | Wait-Job | Remove-Job }
    }

    It 'ends at -TimeoutSec when nothing changes' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Get-SmcNotification -Context iprange -TimeoutSec 2 | Should -BeNullOrEmpty
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
    }
}
