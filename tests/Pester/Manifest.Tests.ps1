# The staged manifest is what a package publishes: its version comes from Directory.Build.props, it carries the
# metadata a gallery shows, and it advertises no online help while there is none. Unit-level: no simulator, and
# Windows PowerShell 5.1 syntax only (the CI job for 5.1 runs the tests tagged Unit).

BeforeAll {
    $script:Repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
    Import-Module (Join-Path $Repo 'tools/ModulePackaging.psm1') -Force
    $script:Metadata = Get-ModuleMetadata -PropsPath (Join-Path $Repo 'Directory.Build.props')
    $script:ModuleFolder = Split-Path -Parent $env:SMCMON_MODULE
    $script:Manifest = Import-PowerShellDataFile -Path $env:SMCMON_MODULE
    $script:PSData = $Manifest.PrivateData.PSData
}

Describe 'The staged manifest' -Tag 'Unit' {
    It 'has the version of Directory.Build.props' {
        $Manifest.ModuleVersion | Should -Be $Metadata.Version
    }

    It 'has release notes, and tags for both editions' {
        $PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
        $PSData.Tags | Should -Contain 'PSEdition_Desktop'
        $PSData.Tags | Should -Contain 'PSEdition_Core'
    }

    It 'ships the MIT license beside it and names it' {
        Join-Path $ModuleFolder 'LICENSE' | Should -FileContentMatch 'MIT License'
        $Manifest.Copyright | Should -Match 'MIT License'
    }

    It 'has public addresses only when Directory.Build.props has them' {
        foreach ($pair in @(@('ProjectUri', $Metadata.ProjectUri), @('LicenseUri', $Metadata.LicenseUri))) {
            if ($pair[1]) { $PSData[$pair[0]] | Should -Be $pair[1] } else { $PSData.ContainsKey($pair[0]) | Should -BeFalse }
        }
    }

    It 'advertises no online help, which does not exist' {
        $Manifest.ContainsKey('HelpInfoURI') | Should -BeFalse
        Import-Module $env:SMCMON_MODULE -Force
        foreach ($command in Get-Command -Module SmcMonitoring -CommandType Cmdlet) {
            $command.HelpUri | Should -BeNullOrEmpty -Because "Get-Help $($command.Name) -Online would open it"
            $links = @((Get-Help $command.Name -Full).relatedLinks.navigationLink | Where-Object { $_ -and $_.uri })
            $links.Count | Should -Be 0 -Because "Get-Help $($command.Name) -Online opens the first related link's address"
        }
    }
}

Describe 'Stamping the manifest' -Tag 'Unit' {
    BeforeAll {
        $script:Source = Get-Content -Raw -Path (Join-Path $Repo 'SmcMonitoring.psd1')
    }

    It 'adds the public addresses and a prerelease label once they are set, and keeps everything else' {
        $set = [pscustomobject]@{ Version = '1.2.3'; Prerelease = 'beta4'; ProjectUri = 'https://example.test/smc'; LicenseUri = 'https://example.test/smc/LICENSE' }
        $path = Join-Path $TestDrive 'Stamped.psd1'
        Set-Content -Path $path -Value (ConvertTo-StagedManifest -ManifestText $Source -Metadata $set) -NoNewline
        $stamped = Import-PowerShellDataFile -Path $path
        $original = Import-PowerShellDataFile -Path (Join-Path $Repo 'SmcMonitoring.psd1')

        $stamped.ModuleVersion | Should -Be '1.2.3'
        $stamped.PrivateData.PSData.Prerelease | Should -Be 'beta4'
        $stamped.PrivateData.PSData.ProjectUri | Should -Be 'https://example.test/smc'
        $stamped.PrivateData.PSData.LicenseUri | Should -Be 'https://example.test/smc/LICENSE'
        $stamped.PrivateData.PSData.ReleaseNotes | Should -Be $original.PrivateData.PSData.ReleaseNotes
        $stamped.CmdletsToExport | Should -Be $original.CmdletsToExport
    }

    It 'refuses a manifest that sets an address itself, which belongs in Directory.Build.props' {
        $own = $Source -replace '(?m)^(\s*)PSData = @\{', "`$1PSData = @{`n`$1    ProjectUri = 'https://example.test/elsewhere'"
        { ConvertTo-StagedManifest -ManifestText $own -Metadata $Metadata } | Should -Throw -ExpectedMessage '*ProjectUri*Directory.Build.props*'
    }

    It 'refuses a version that a gallery would not take' {
        $props = Join-Path $TestDrive 'Directory.Build.props'
        Set-Content -Path $props -Value '<Project><PropertyGroup><Version>1.0.0-beta.1</Version></PropertyGroup></Project>'
        { Get-ModuleMetadata -PropsPath $props } | Should -Throw -ExpectedMessage '*1.0.0-beta.1*letters and digits*'
    }
}
