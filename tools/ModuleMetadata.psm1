# The module's version and public addresses live in one place, Directory.Build.props; SmcMonitoring.psd1 holds the
# rest of the manifest. build.ps1 stamps the first into a copy of the second when it stages the module. Kept apart from
# build.ps1 so that a test can stamp a manifest with addresses the repository does not have yet.
# Runs in Windows PowerShell 5.1 too (its tests are part of the unit-level set).

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

Export-ModuleMember -Function Get-ModuleMetadata, ConvertTo-StagedManifest, Get-GalleryGap
