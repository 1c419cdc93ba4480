# Errors that say what to do: each test asserts that the message names the fix, not only that something failed.

BeforeAll {
    Import-Module $env:SMCMON_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:plain = Start-TestSimulator -ArgumentList '--log-records', '100'

    # A TLS simulator with a self-signed certificate for 127.0.0.1, made for this run.
    $rsa = [System.Security.Cryptography.RSA]::Create(2048)
    $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new(
        'CN=127.0.0.1', $rsa, [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    $names = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
    $names.AddIpAddress([ipaddress]::Loopback)
    $request.CertificateExtensions.Add($names.Build())
    $certificate = $request.CreateSelfSigned([datetimeoffset]::Now.AddDays(-1), [datetimeoffset]::Now.AddDays(1))
    $script:pfx = Join-Path ([System.IO.Path]::GetTempPath()) "smc-pester-$([guid]::NewGuid().ToString('N')).pfx"
    [System.IO.File]::WriteAllBytes($pfx, $certificate.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pfx, 'pester-pfx'))
    $certificate.Dispose()
    $rsa.Dispose()
    $script:tls = Start-TestSimulator -ArgumentList '--log-records', '100', '--certificate', $pfx, '--certificate-password', 'pester-pfx'

    function Get-ConnectError([hashtable] $Parameters) {
        $err = $null
        try { Connect-SmcSession @Parameters -TimeoutSec 10 -ErrorAction Stop } catch { $err = $_ }
        $err
    }
}

AfterAll {
    Get-SmcSession | Disconnect-SmcSession -Confirm:$false -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:plain
    Stop-TestSimulator $script:tls
    Remove-Item $script:pfx -ErrorAction SilentlyContinue
    Remove-Module SmcMonitoring -ErrorAction SilentlyContinue
}

Describe 'Errors that say what to do' {
    It 'says the scheme is probably wrong when https meets a plain http server, and that http answered' {
        $plain.Url | Should -Match '^http://'
        $wrong = $plain.Url -replace '^http:', 'https:'
        $err = Get-ConnectError @{ Url = $wrong; ApiKey = $plain.ApiKey }
        $err.FullyQualifiedErrorId | Should -BeLike 'SmcUrlSchemeWrong*'
        $err.Exception.Message | Should -Match 'scheme of -Url is probably wrong'
        $err.Exception.Message | Should -Match 'plain http server'
        $err.Exception.Message | Should -Match ([regex]::Escape("-Url $($plain.Url.TrimEnd('/'))"))
        $err.Exception.Message | Should -Not -Match ([regex]::Escape($plain.ApiKey))
    }

    It 'says the scheme is probably wrong when http meets an https server, and that https answered' {
        $tls.Url | Should -Match '^https://'
        $wrong = $tls.Url -replace '^https:', 'http:'
        $err = Get-ConnectError @{ Url = $wrong; ApiKey = $tls.ApiKey }
        $err.FullyQualifiedErrorId | Should -BeLike 'SmcUrlSchemeWrong*'
        $err.Exception.Message | Should -Match 'scheme of -Url is probably wrong'
        $err.Exception.Message | Should -Match 'https \(TLS\) server'
        $err.Exception.Message | Should -Match ([regex]::Escape("-Url $($tls.Url.TrimEnd('/'))"))
    }

    It 'keeps "cannot reach" for an address where nothing listens' {
        $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $err = Get-ConnectError @{ Url = "https://127.0.0.1:$port"; ApiKey = 'k' }
        $err.FullyQualifiedErrorId | Should -BeLike 'SmcUrlUnreachable*'
        $err.Exception.Message | Should -Not -Match 'scheme'
    }

    It 'names -ApiKey and -Credential when -Url comes without a credential' {
        $err = Get-ConnectError @{ Url = $plain.Url }
        $err.FullyQualifiedErrorId | Should -BeLike 'SmcCredentialMissing*'
        $err.Exception.Message | Should -Match '-ApiKey'
        $err.Exception.Message | Should -Match '-Credential'
        $err.Exception.Message | Should -Not -Match 'Parameter set cannot be resolved'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'names -Since and -Live when they are combined, and says which to remove' {
        $null = Connect-SmcSession -Url $plain.Url -ApiKey $plain.ApiKey
        $err = $null
        try { Get-SmcLog -Live -Since (Get-Date).AddHours(-1) -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'SmcParameterConflict*'
        $err.Exception.Message | Should -Match '-Live cannot be used with -Since'
        $err.Exception.Message | Should -Match 'Remove -Live to search the stored logs, or remove -Since'
        $err.Exception.Message | Should -Not -Match 'Parameter set cannot be resolved'
        $err = $null
        try { Get-SmcLog -Live -MaxRecords 5 -Oldest -ErrorAction Stop } catch { $err = $_ }
        $err.Exception.Message | Should -Match '-MaxRecords and -Oldest'
    }

    It 'still binds -Since alone to a stored search' {
        $null = Connect-SmcSession -Url $plain.Url -ApiKey $plain.ApiKey
        (Get-SmcLog -Since ([datetime]'2000-01-01') -MaxRecords 3).Count | Should -Be 3
    }
}

Describe 'Connect-SmcSession help for ~/.smcrc and SMC_*' {
    BeforeAll {
        $script:examples = (Get-Help Connect-SmcSession -Examples).examples.example
    }

    It 'has an example file with every key the reader knows' {
        $file = $examples | Where-Object { $_.code -match '\[smc\]' }
        $file | Should -Not -BeNullOrEmpty
        foreach ($key in 'smc_address', 'smc_apikey', 'smc_port', 'smc_ssl', 'verify_ssl', 'ssl_cert_file', 'api_version', 'timeout', 'domain') {
            $file.code | Should -Match "(?m)^$key = "
        }
        ($file.remarks | Out-String) | Should -Match 'NOT checked'
    }

    It 'has an example of every SMC_* variable' {
        $variables = $examples | Where-Object { $_.code -cmatch 'env:SMC_ADDRESS' }
        foreach ($name in 'SMC_ADDRESS', 'SMC_API_KEY', 'SMC_CLIENT_CERT', 'SMC_API_VERSION', 'SMC_TIMEOUT', 'SMC_DOMAIN', 'SMC_EXTRA_ARGS') {
            $variables.code | Should -Match "\`$env:$name = "
        }
    }

    It 'has an example file that logs in once it names a real SMC' {
        $file = ($examples | Where-Object { $_.code -match '\[smc\]' }).code
        $text = [regex]::Match($file, "(?s)@'\r?\n(.*?)\r?\n'@").Groups[1].Value
        $uri = [uri] $plain.Url
        $text = $text -replace '(?m)^smc_address = .*$', "smc_address = $($uri.Host)" `
                      -replace '(?m)^smc_port = .*$', "smc_port = $($uri.Port)" `
                      -replace '(?m)^smc_apikey = .*$', "smc_apikey = $($plain.ApiKey)" `
                      -replace '(?m)^smc_ssl = .*$', 'smc_ssl = false'
        $rc = Join-Path $TestDrive 'smcrc'
        Set-Content -Path $rc -Value $text
        $s = Connect-SmcSession -ConfigurationFile $rc
        $s.ApiVersion | Should -Be ([regex]::Match($file, '(?m)^api_version = (\S+)').Groups[1].Value)
        $s.Domain | Should -Be ([regex]::Match($file, '(?m)^domain = (.+?)\s*$').Groups[1].Value)
        Disconnect-SmcSession -Session $s
    }
}
