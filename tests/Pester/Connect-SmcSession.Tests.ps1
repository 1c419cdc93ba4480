BeforeAll {
    Import-Module $env:SMCMON_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:sim = Start-TestSimulator -ArgumentList '--log-records', '1000'
}

AfterAll {
    Get-SmcSession | Disconnect-SmcSession -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:sim
    Remove-Module SmcMonitoring -ErrorAction SilentlyContinue
}

Describe 'Connect-SmcSession' {
    It 'logs in with a plain-string API key and returns the session' {
        $s = Connect-SmcSession -Url $sim.Url -ApiKey $sim.ApiKey
        $s | Should -BeOfType 'SmcMonitoring.Session.SmcSession'
        $s.ApiVersion | Should -Be '7.1'
        $s.IsConnected | Should -BeTrue
        (Get-SmcSession -Default).Id | Should -Be $s.Id
        Disconnect-SmcSession -Session $s
        $s.IsConnected | Should -BeFalse
    }

    It 'logs in with a SecureString API key' {
        $key = ConvertTo-SecureString $sim.ApiKey -AsPlainText -Force
        $s = Connect-SmcSession -Url $sim.Url -ApiKey $key -ApiVersion 7.0
        $s.ApiVersion | Should -Be '7.0'
        Disconnect-SmcSession $s
    }

    It 'refuses a wrong key with a stable error id and without echoing the key' {
        $err = $null
        try { Connect-SmcSession -Url $sim.Url -ApiKey 'not-the-key-98765' -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'SmcAuthenticationFailed*'
        ($err | Out-String) | Should -Not -Match 'not-the-key-98765'
    }

    It 'reads SMC_ADDRESS and SMC_API_KEY when called without arguments' {
        $saved = $env:SMC_ADDRESS, $env:SMC_API_KEY, $env:HOME
        try {
            $env:HOME = Join-Path $TestDrive 'home'
            $null = New-Item -ItemType Directory -Path $env:HOME -Force
            $env:SMC_ADDRESS = $sim.Url
            $env:SMC_API_KEY = $sim.ApiKey
            $s = Connect-SmcSession
            $s.Url.ToString() | Should -Be ($sim.Url.TrimEnd('/') + '/')
            Disconnect-SmcSession $s
        }
        finally {
            $env:SMC_ADDRESS, $env:SMC_API_KEY, $env:HOME = $saved
        }
    }

    It 'says how to connect when nothing is configured' {
        $err = $null
        try { Connect-SmcSession -ConfigurationFile (New-Item (Join-Path $TestDrive 'empty.rc') -Force) -ErrorAction Stop } catch { $err = $_ }
        if ($null -eq $err) {
            # SMC_* variables of the machine may complete the configuration; then connecting is the right outcome.
            Get-SmcSession -Default | Disconnect-SmcSession
        }
        else {
            $err.FullyQualifiedErrorId | Should -BeLike 'SmcConfigurationNotFound*'
            $err.Exception.Message | Should -Match 'SMC_ADDRESS'
        }
    }

    It 'lists and disconnects sessions through the pipeline' {
        $a = Connect-SmcSession -Url $sim.Url -ApiKey $sim.ApiKey
        $b = Connect-SmcSession -Url $sim.Url -ApiKey $sim.ApiKey -Force
        $b.Id | Should -Not -Be $a.Id
        (Get-SmcSession).Id | Should -Contain $a.Id
        (Get-SmcSession).Id | Should -Contain $b.Id
        Get-SmcSession -Id $a.Id, $b.Id | Disconnect-SmcSession
        $a.IsConnected | Should -BeFalse
        $b.IsConnected | Should -BeFalse
        Get-SmcSession -Id $a.Id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
