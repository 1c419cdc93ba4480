<#
.SYNOPSIS
    Writes the MAML help file of a binary module from its cmdlet metadata and XML doc comments.
.DESCRIPTION
    Imports the module in this PowerShell, and for every exported cmdlet writes a command entry to OutputPath:
    synopsis, description and examples from the doc comments of the cmdlet class; one syntax item per parameter
    set; parameters with their descriptions (looked up on the class that declares them), types, accepted values,
    pipeline binding and the default values of a new instance; inputs, outputs ([OutputType]) and related links.
    Common parameters are left out. The same module and doc file always give the same bytes.

    It stops with a list naming each cmdlet and parameter whose synopsis, description, parameter description or
    examples are missing; with -AllowMissing it warns instead and writes what there is.
.EXAMPLE
    ./New-SmcModuleHelp.ps1 -ModuleManifest out/SmcMonitoring/SmcMonitoring.psd1 -XmlDocPath out/publish/SmcMonitoring.xml -OutputPath SmcMonitoring.dll-Help.xml
.NOTES
    Update-ModuleHelp.ps1 builds the module and runs this script to refresh src/SmcMonitoring/en-US.
#>
[CmdletBinding()]
param(
    # The module manifest (.psd1) to import and document.
    [Parameter(Mandatory)]
    [string] $ModuleManifest,

    # The compiler's XML documentation file of the module assembly (GenerateDocumentationFile).
    [Parameter(Mandatory)]
    [string] $XmlDocPath,

    # The MAML file to write, for example SmcMonitoring.dll-Help.xml.
    [Parameter(Mandatory)]
    [string] $OutputPath,

    # Warn about missing help instead of failing (for drafts).
    [switch] $AllowMissing
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

. (Join-Path $PSScriptRoot 'DocComments.ps1')
. (Join-Path $PSScriptRoot 'CmdletHelp.ps1')
. (Join-Path $PSScriptRoot 'MamlWriter.ps1')

$manifestPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($ModuleManifest)
$docPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($XmlDocPath)
$outputFile = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($OutputPath)
if (-not (Test-Path -LiteralPath $manifestPath -PathType Leaf)) { throw "The module manifest '$ModuleManifest' does not exist." }
if (-not (Test-Path -LiteralPath $docPath -PathType Leaf)) {
    throw "The XML doc file '$XmlDocPath' does not exist. Build the module project (GenerateDocumentationFile is on) and pass its <Assembly>.xml."
}

$module = Import-Module -Name $manifestPath -PassThru -ErrorAction Stop | Select-Object -First 1
$expectedBase = [System.IO.Path]::GetFullPath((Split-Path -Parent $manifestPath)).TrimEnd([System.IO.Path]::DirectorySeparatorChar)
if ([System.IO.Path]::GetFullPath($module.ModuleBase).TrimEnd([System.IO.Path]::DirectorySeparatorChar) -ne $expectedBase) {
    throw "Module $($module.Name) is already loaded from '$($module.ModuleBase)', not from '$expectedBase'. Run this script in a fresh pwsh."
}

$cmdlets = @($module.ExportedCmdlets.Values | Sort-Object -Property Name -Culture ([cultureinfo]::InvariantCulture))
if ($cmdlets.Count -eq 0) { throw "Module $($module.Name) ('$manifestPath') exports no cmdlets." }
$cmdletNames = @{}
foreach ($cmdlet in $cmdlets) { $cmdletNames[$cmdlet.ImplementingType.FullName.Replace('+', '.')] = $cmdlet.Name }

$members = Read-XmlDocMember -Path $docPath
# Parameters inherited from PowerShell's own base classes are documented beside this script.
$inherited = Read-XmlDocMember -Path (Join-Path $PSScriptRoot 'InheritedParameters.xml')
foreach ($id in $inherited.Keys) { if (-not $members.ContainsKey($id)) { $members[$id] = $inherited[$id] } }
$help = foreach ($cmdlet in $cmdlets) { Get-CmdletHelp -Cmdlet $cmdlet -Members $members -CmdletNames $cmdletNames }
$help = @($help)

$problems = @($help | ForEach-Object { $_.Problems })
if ($problems.Count -gt 0) {
    if (-not $AllowMissing) {
        throw ("Help is missing ($($problems.Count)); write it in the doc comments of src/SmcMonitoring/Cmdlets (or pass -AllowMissing for a draft):`n  " + ($problems -join "`n  "))
    }
    foreach ($problem in $problems) { Write-Warning $problem }
}

$directory = Split-Path -Parent $outputFile
if ($directory -and -not (Test-Path -LiteralPath $directory)) { $null = New-Item -ItemType Directory -Path $directory }
Write-MamlHelpFile -Help $help -Path $outputFile
Write-Verbose "Wrote help for $($help.Count) cmdlets to $outputFile."
