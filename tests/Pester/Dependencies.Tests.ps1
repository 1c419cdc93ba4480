# The assemblies the module ships in its dependencies folder load in whichever PowerShell runs the tests: PowerShell 7
# uses its own newer copies, Windows PowerShell 5.1 (no binding redirects) gets them from the module's folder through
# ModuleInitializer. Unit-level: no simulator, and Windows PowerShell 5.1 syntax only.

BeforeAll {
    Import-Module $env:SMCMON_MODULE -Force
    $script:Module = Get-Module SmcMonitoring
    $script:DependencyFolder = Join-Path $Module.ModuleBase 'dependencies'
    $script:Shipped = @(Get-ChildItem -Path $DependencyFolder -Filter *.dll | ForEach-Object { $_.BaseName })
}

Describe 'The dependencies the module ships' -Tag 'Unit' {
    It 'load as the module and they ask for each other, at the versions they ask for' {
        $pending = [System.Collections.Generic.Queue[System.Reflection.AssemblyName]]::new()
        foreach ($reference in $Module.ImplementingAssembly.GetReferencedAssemblies()) { $pending.Enqueue($reference) }
        $seen = @{}
        $failures = @()
        while ($pending.Count -gt 0) {
            $name = $pending.Dequeue()
            if ($Shipped -notcontains $name.Name -or $seen.ContainsKey($name.FullName)) { continue }
            $seen[$name.FullName] = $true
            try {
                $assembly = [System.Reflection.Assembly]::Load($name)
                foreach ($reference in $assembly.GetReferencedAssemblies()) { $pending.Enqueue($reference) }
            }
            catch {
                $failures += "$($name.FullName): $($_.Exception.InnerException.Message)"
            }
        }
        $seen.Count | Should -BeGreaterThan 0 -Because 'the module references System.Text.Json'
        $failures | Should -BeNullOrEmpty
    }

    It 'come from PowerShell itself on PowerShell 7 and from the module''s folder on Windows PowerShell' {
        $json = $Module.ImplementingAssembly.GetReferencedAssemblies() | Where-Object Name -EQ 'System.Text.Json'
        $location = [System.Reflection.Assembly]::Load($json).Location
        if ($PSVersionTable.PSEdition -eq 'Desktop') {
            $location | Should -BeLike (Join-Path $DependencyFolder '*')
        }
        else {
            $location | Should -Not -BeLike (Join-Path $Module.ModuleBase '*')
        }
    }

    It 'work when the module parses JSON before it connects (SMC_EXTRA_ARGS)' {
        # A closed loopback port: the JSON is parsed, then the connection is refused at once.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $empty = Join-Path $TestDrive 'empty.smcrc'
        Set-Content -Path $empty -Value ''
        $names = 'SMC_ADDRESS', 'SMC_API_KEY', 'SMC_EXTRA_ARGS', 'SMC_CLIENT_CERT', 'SMC_TIMEOUT', 'SMC_API_VERSION', 'SMC_DOMAIN'
        $saved = @{}
        foreach ($variable in $names) { $saved[$variable] = [Environment]::GetEnvironmentVariable($variable) }
        try {
            foreach ($variable in $names) { [Environment]::SetEnvironmentVariable($variable, $null) }
            $env:SMC_ADDRESS = "http://127.0.0.1:$port"
            $env:SMC_API_KEY = 'unit-test-key'
            $env:SMC_EXTRA_ARGS = '{"beta": true}'
            { Connect-SmcSession -ConfigurationFile $empty -ErrorAction Stop } | Should -Throw -ErrorId 'SmcUrlUnreachable*'
        }
        finally {
            foreach ($variable in $names) { [Environment]::SetEnvironmentVariable($variable, $saved[$variable]) }
        }
    }
}
