# What build.ps1 uses to stage and package the module, kept apart so that tests run the same code: the version and
# public addresses live in one place, Directory.Build.props, and are stamped into a copy of SmcMonitoring.psd1 (which
# holds the rest of the manifest); the package and the zip are made from the staged module folder.
# Loads in Windows PowerShell 5.1 too (the manifest tests are unit-level); New-ModulePackage needs PowerShell 7.

Set-StrictMode -Version 3.0

function Get-ModuleMetadata {
    <#
    .SYNOPSIS
        Reads the module's version, prerelease label and public addresses from Directory.Build.props.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $PropsPath)

    [xml] $props = Get-Content -Raw -LiteralPath $PropsPath
    $values = @{}
    foreach ($name in 'Version', 'ModuleProjectUri', 'ModuleLicenseUri') {
        $node = $props.SelectSingleNode("/Project/PropertyGroup/$name")
        $values[$name] = if ($node) { $node.InnerText.Trim() } else { '' }
    }
    if ($values.Version -notmatch '^(\d+\.\d+\.\d+)(?:-([A-Za-z0-9]+))?$') {
        throw "Version '$($values.Version)' in $PropsPath must read major.minor.patch, optionally with -label (letters and digits only, as the PowerShell Gallery requires)."
    }
    $version = $Matches[1]
    $prerelease = [string] $Matches[2]
    foreach ($name in 'ModuleProjectUri', 'ModuleLicenseUri') {
        $uri = $values[$name]
        if ($uri -and -not ([uri]::IsWellFormedUriString($uri, [UriKind]::Absolute) -and $uri -match '^https?://')) {
            throw "$name '$uri' in $PropsPath must be an absolute http or https address, or empty."
        }
    }
    [pscustomobject]@{
        Version    = $version
        Prerelease = $prerelease
        ProjectUri = $values.ModuleProjectUri
        LicenseUri = $values.ModuleLicenseUri
    }
}

function ConvertTo-StagedManifest {
    <#
    .SYNOPSIS
        Returns the text of SmcMonitoring.psd1 with the version stamped and, when set, the prerelease label and the
        public addresses added to PrivateData.PSData.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $ManifestText,
        [Parameter(Mandatory)] $Metadata
    )

    foreach ($key in 'ProjectUri', 'LicenseUri', 'Prerelease', 'HelpInfoURI') {
        if ($ManifestText -match "(?m)^\s*$key\s*=") {
            throw "SmcMonitoring.psd1 sets $key itself; its one place is Directory.Build.props (HelpInfoURI: only once online help exists)."
        }
    }
    $text = $ManifestText -replace "(?m)^(\s*)ModuleVersion(\s*)=\s*'[^']*'", "`${1}ModuleVersion`${2}= '$($Metadata.Version)'"

    $psData = [regex]::Match($text, '(?m)^(\s*)PSData\s*=\s*@\{[ \t]*\r?\n')
    if (-not $psData.Success) { throw 'SmcMonitoring.psd1 has no PrivateData.PSData block to stamp.' }
    $indent = $psData.Groups[1].Value + '    '
    $lines = foreach ($pair in @(@('Prerelease', $Metadata.Prerelease), @('ProjectUri', $Metadata.ProjectUri), @('LicenseUri', $Metadata.LicenseUri))) {
        if ($pair[1]) { "$indent$($pair[0]) = '$($pair[1] -replace "'", "''")'`n" }
    }
    $at = $psData.Index + $psData.Length
    return $text.Substring(0, $at) + (-join $lines) + $text.Substring($at)
}

function Get-GalleryGap {
    <#
    .SYNOPSIS
        What the metadata still lacks for a PowerShell Gallery publication, one sentence each.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Metadata)

    if (-not $Metadata.ProjectUri) { 'ModuleProjectUri (the project''s public home) is empty in Directory.Build.props.' }
    if (-not $Metadata.LicenseUri) { 'ModuleLicenseUri (where the LICENSE file can be read online) is empty in Directory.Build.props.' }
}

function New-ModulePackage {
    <#
    .SYNOPSIS
        Makes what a user installs from a staged module folder: SmcMonitoring.<version>.nupkg (Compress-PSResource)
        and SmcMonitoring-<version>.zip (SmcMonitoring/<ModuleVersion>/..., the layout Install-PSResource makes, so that
        Expand-Archive into a Modules folder installs it). Returns both paths.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $ModuleFolder,
        [Parameter(Mandatory)] [string] $Destination,
        [Parameter(Mandatory)] $Metadata
    )

    if (-not (Get-Command Compress-PSResource -ErrorAction SilentlyContinue)) {
        throw 'Packaging needs Compress-PSResource (Microsoft.PowerShell.PSResourceGet 1.1 or later, in PowerShell 7.5 and later); the repository''s tool has it: dotnet tool restore && dotnet pwsh ./build.ps1 Package.'
    }
    $version = if ($Metadata.Prerelease) { "$($Metadata.Version)-$($Metadata.Prerelease)" } else { $Metadata.Version }
    $null = New-Item -ItemType Directory -Path $Destination -Force

    Compress-PSResource -Path $ModuleFolder -DestinationPath $Destination
    $nupkg = Join-Path $Destination "SmcMonitoring.$version.nupkg"
    if (-not (Test-Path -LiteralPath $nupkg)) { throw "Compress-PSResource did not write $nupkg." }

    $zipPath = Join-Path $Destination "SmcMonitoring-$version.zip"
    $root = (Resolve-Path -LiteralPath $ModuleFolder).ProviderPath
    $prefix = "SmcMonitoring/$($Metadata.Version)/"
    Add-Type -AssemblyName System.IO.Compression
    $zip = [System.IO.Compression.ZipFile]::Open($zipPath, [System.IO.Compression.ZipArchiveMode]::Create)
    try {
        foreach ($file in Get-ChildItem -LiteralPath $root -File -Recurse | Sort-Object FullName) {
            $relative = [System.IO.Path]::GetRelativePath($root, $file.FullName).Replace('\', '/')
            $entry = $zip.CreateEntry($prefix + $relative, [System.IO.Compression.CompressionLevel]::Optimal)
            $entry.LastWriteTime = $file.LastWriteTime
            $target = $entry.Open()
            try {
                $source = [System.IO.File]::OpenRead($file.FullName)
                try { $source.CopyTo($target) } finally { $source.Dispose() }
            }
            finally { $target.Dispose() }
        }
    }
    finally { $zip.Dispose() }

    [pscustomobject]@{ Package = $nupkg; Zip = $zipPath }
}

Export-ModuleMember -Function Get-ModuleMetadata, ConvertTo-StagedManifest, Get-GalleryGap, New-ModulePackage
