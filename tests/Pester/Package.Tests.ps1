# What a user installs, installed as a user would: the package that build.ps1 Package makes is published to a
# temporary local repository with PSResourceGet, installed from it, imported by name in a fresh pwsh whose module path
# holds only that folder and PowerShell's own modules, run against a simulator, and uninstalled. The zip must hold the
# staged module (which every other Pester file imports) file for file, where a Modules folder finds it by name.
# PowerShell 7 only: PSResourceGet comes with 7.4, Compress-PSResource with 7.5.
#
# On Linux and macOS the PSResourceGet processes get a temporary home, so the current-user scope and the repository
# registration land in TestDrive and vanish with it. Windows finds those folders through the registry, so there the
# package is saved into a folder (Save-PSResource) instead, and the test unregisters the repository itself.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
    Import-Module (Join-Path $repo 'tools/ModulePackaging.psm1') -Force
    $script:Metadata = Get-ModuleMetadata -PropsPath (Join-Path $repo 'Directory.Build.props')
    $script:Made = New-ModulePackage -ModuleFolder (Split-Path -Parent $env:SMCMON_MODULE) -Destination (Join-Path $TestDrive 'package') -Metadata $Metadata
    $script:RepositoryName = 'SmcMonitoringTest' + [guid]::NewGuid().ToString('N')
    $script:TemporaryHome = $null
    if (-not $IsWindows) {
        $script:TemporaryHome = Join-Path $TestDrive 'home'
        # .NET names a special folder only when it exists; otherwise PSResourceGet would write beside the process.
        foreach ($folder in '.local/share', '.config', '.cache') { $null = New-Item -ItemType Directory -Force -Path (Join-Path $TemporaryHome $folder) }
    }
    $script:sim = Start-TestSimulator -ArgumentList '--log-records', '50'

    # Runs a script in a new pwsh process with the given environment; returns its output lines, throws on failure.
    function Invoke-FreshPwsh {
        param([string] $Script, [hashtable] $Environment = @{})
        $file = Join-Path $TestDrive ([guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -Path $file -Value $Script
        $all = @{}
        if ($TemporaryHome) {
            $all['HOME'] = $TemporaryHome
            $all['XDG_DATA_HOME'] = Join-Path $TemporaryHome '.local/share'
            $all['XDG_CONFIG_HOME'] = Join-Path $TemporaryHome '.config'
            $all['XDG_CACHE_HOME'] = Join-Path $TemporaryHome '.cache'
        }
        foreach ($pair in $Environment.GetEnumerator()) { $all[$pair.Key] = $pair.Value }
        Invoke-TestPwsh -File $file -Environment $all -WorkingDirectory $TestDrive
    }

    # Imports SmcMonitoring by name from one Modules folder, uses it, then (when asked) uninstalls it with PSResourceGet.
    $script:UseByName = @'
$ErrorActionPreference = 'Stop'
$env:PSModulePath = $env:T_MODULES + [System.IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
Import-Module SmcMonitoring
$module = Get-Module SmcMonitoring
$null = Connect-SmcSession -Url $env:T_URL -ApiKey $env:T_KEY
$logs = @(Get-SmcLog -MaxRecords 5)
Disconnect-SmcSession
$fromModule = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.Location -and $_.Location.StartsWith($module.ModuleBase) })
$report = [ordered]@{
    ModuleBase = $module.ModuleBase
    Version    = $module.Version.ToString()
    Records    = $logs.Count
    Loaded     = @($fromModule | ForEach-Object { $_.GetName().Name })
    Synopsis   = (Get-Help Get-SmcLog).Synopsis
    Left       = -1
}
if ($env:T_UNINSTALL) {
    Remove-Module SmcMonitoring
    Uninstall-PSResource -Name SmcMonitoring -Scope CurrentUser
    $report.Left = @(Get-InstalledPSResource -Name SmcMonitoring -ErrorAction SilentlyContinue).Count
}
[pscustomobject]$report | ConvertTo-Json -Compress
'@
}

AfterAll {
    Stop-TestSimulator $sim
    Get-PSResourceRepository -Name $RepositoryName -ErrorAction SilentlyContinue | Unregister-PSResourceRepository
}

Describe 'The package' {
    It 'carries the version, the release notes, the tags and the LICENSE file' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Made.Package)
        try {
            $names = @($zip.Entries.FullName)
            $reader = [System.IO.StreamReader]::new($zip.GetEntry('SmcMonitoring.nuspec').Open())
            try { [xml] $nuspec = $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
        $names | Should -Contain 'LICENSE'
        $names | Should -Contain 'dependencies/System.Text.Json.dll'
        $nuspec.package.metadata.version | Should -Be $Metadata.Version
        $nuspec.package.metadata.releaseNotes | Should -Not -BeNullOrEmpty
        $nuspec.package.metadata.tags | Should -Match 'PSEdition_Desktop'
    }

    It 'is published to a local repository, installed from it, imported by name in a fresh pwsh and works, then uninstalled' {
        $repositoryFolder = Join-Path $TestDrive 'repository'
        $null = New-Item -ItemType Directory -Path $repositoryFolder
        $modules = if ($TemporaryHome) { Join-Path $TemporaryHome '.local/share/powershell/Modules' } else { Join-Path $TestDrive 'Modules' }
        $install = @'
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name $env:T_REPOSITORY -Uri $env:T_REPOSITORY_FOLDER -Trusted
try {
    Publish-PSResource -NupkgPath $env:T_PACKAGE -Repository $env:T_REPOSITORY
    if ($env:T_SAVE_TO) { Save-PSResource -Name SmcMonitoring -Repository $env:T_REPOSITORY -Path $env:T_SAVE_TO -TrustRepository -Quiet }
    else { Install-PSResource -Name SmcMonitoring -Repository $env:T_REPOSITORY -Scope CurrentUser -TrustRepository -Quiet }
}
finally {
    Unregister-PSResourceRepository -Name $env:T_REPOSITORY
}
@(Get-PSResourceRepository | Where-Object Name -EQ $env:T_REPOSITORY).Count
'@
        $saveTo = if ($TemporaryHome) { '' } else { $modules }
        $left = @(Invoke-FreshPwsh -Script $install -Environment @{ T_REPOSITORY = $RepositoryName; T_REPOSITORY_FOLDER = $repositoryFolder; T_PACKAGE = $Made.Package; T_SAVE_TO = $saveTo })
        $left[-1] | Should -Be '0' -Because 'the temporary repository is unregistered'
        if ($TemporaryHome) {
            Join-Path $TemporaryHome '.local/share/PSResourceGet/PSResourceRepository.xml' | Should -Exist -Because 'the registration went to the temporary home, not the user''s'
        }
        Join-Path $modules "SmcMonitoring/$($Metadata.Version)/SmcMonitoring.psd1" | Should -Exist

        $environment = @{ T_MODULES = $modules; T_URL = $sim.Url; T_KEY = $sim.ApiKey; T_UNINSTALL = $(if ($TemporaryHome) { 'yes' } else { '' }) }
        $report = @(Invoke-FreshPwsh -Script $UseByName -Environment $environment)[-1] | ConvertFrom-Json
        $report.ModuleBase | Should -BeLike (Join-Path $modules 'SmcMonitoring*')
        $report.Version | Should -Be $Metadata.Version
        $report.Records | Should -Be 5
        # PowerShell 7 brings its own System.Text.Json and the rest: nothing loads from dependencies/.
        @($report.Loaded) | Should -Be @('SmcMonitoring')
        $report.Synopsis | Should -Not -BeNullOrEmpty

        if ($TemporaryHome) {
            $report.Left | Should -Be 0 -Because 'Uninstall-PSResource removed it'
        }
        else {
            # Uninstall-PSResource knows only the scopes' own folders; a saved module is removed with its folder.
            Remove-Item -Recurse -Force (Join-Path $modules 'SmcMonitoring')
        }
        Join-Path $modules 'SmcMonitoring' | Should -Not -Exist
        Get-PSResourceRepository -Name $RepositoryName -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'The zip' {
    It 'holds the staged module, file for file, where a Modules folder finds it by name and version' {
        $modules = Join-Path $TestDrive 'ZipModules'
        Expand-Archive -Path $Made.Zip -DestinationPath $modules
        $expanded = Join-Path $modules "SmcMonitoring/$($Metadata.Version)"
        $staged = Split-Path -Parent $env:SMCMON_MODULE
        $hashes = {
            param($root)
            Get-ChildItem -LiteralPath $root -File -Recurse | Sort-Object FullName |
                ForEach-Object { [System.IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/') + ' ' + (Get-FileHash -LiteralPath $_.FullName).Hash }
        }
        & $hashes $expanded | Should -Be (& $hashes $staged)

        $saved = $env:PSModulePath
        try {
            $env:PSModulePath = $modules
            $found = @(Get-Module -ListAvailable -Name SmcMonitoring)
        }
        finally { $env:PSModulePath = $saved }
        $found.Count | Should -Be 1
        $found[0].Version.ToString() | Should -Be $Metadata.Version
        $found[0].ModuleBase | Should -Be $expanded
    }
}
