<#
.SYNOPSIS
    Rebuilds the module and regenerates src/SmcMonitoring/en-US/SmcMonitoring.dll-Help.xml from its doc comments.
.DESCRIPTION
    Publishes src/SmcMonitoring to a temporary folder (with its own build output, so it never races another build
    of the repo), stages an importable module there, and runs New-SmcModuleHelp.ps1 in a fresh PowerShell process
    (a binary module cannot be unloaded, so the help is never made from a module this session loaded earlier).
    The help file in the repo is replaced only when generation succeeds. The temporary folder is always removed.
.EXAMPLE
    dotnet pwsh ./tools/HelpGenerator/Update-ModuleHelp.ps1
.EXAMPLE
    dotnet pwsh ./tools/HelpGenerator/Update-ModuleHelp.ps1 -AllowMissing
    Writes a draft while some help is still missing, warning about each gap.
#>
[CmdletBinding()]
param(
    # Warn about missing help instead of failing.
    [switch] $AllowMissing
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
$project = Join-Path $root 'src/SmcMonitoring/SmcMonitoring.csproj'
$target = Join-Path $root 'src/SmcMonitoring/en-US/SmcMonitoring.dll-Help.xml'
$moduleFiles = 'SmcMonitoring.psd1', 'SmcMonitoring.format.ps1xml', 'SmcMonitoring.Types.ps1xml'

function Get-PwshInvocation {
    <# The executable (and leading arguments) of this very PowerShell: pwsh itself, or dotnet with pwsh.dll when run as a dotnet tool. #>
    $path = (Get-Process -Id $PID).Path
    if ([System.IO.Path]::GetFileNameWithoutExtension($path) -eq 'dotnet') {
        return @($path, (Join-Path $PSHOME 'pwsh.dll'))
    }
    return @($path)
}

$temp = Join-Path ([System.IO.Path]::GetTempPath()) ('SmcMonitoringHelp-' + [guid]::NewGuid().ToString('N'))
try {
    $publish = Join-Path $temp 'publish'
    $staging = Join-Path $temp 'SmcMonitoring'
    & dotnet publish $project -c Release -o $publish --artifacts-path (Join-Path $temp 'artifacts') --nologo -v q
    if ($LASTEXITCODE -ne 0) { throw "dotnet publish $project failed with exit code $LASTEXITCODE." }

    $null = New-Item -ItemType Directory -Path $staging
    Copy-Item -Path (Join-Path $publish '*.dll') -Destination $staging
    foreach ($file in $moduleFiles) { Copy-Item -LiteralPath (Join-Path $root $file) -Destination $staging }

    $generated = Join-Path $temp 'SmcMonitoring.dll-Help.xml'
    $pwsh = Get-PwshInvocation
    $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'New-SmcModuleHelp.ps1'),
        '-ModuleManifest', (Join-Path $staging 'SmcMonitoring.psd1'),
        '-XmlDocPath', (Join-Path $publish 'SmcMonitoring.xml'),
        '-OutputPath', $generated)
    if ($AllowMissing) { $arguments += '-AllowMissing' }
    $executable = $pwsh[0]
    $leading = @($pwsh | Select-Object -Skip 1)
    & $executable @leading @arguments
    if ($LASTEXITCODE -ne 0) { throw "New-SmcModuleHelp.ps1 failed (exit code $LASTEXITCODE); see its message above. The help file was not changed." }

    $null = New-Item -ItemType Directory -Path (Split-Path -Parent $target) -Force
    $before = [byte[]]::new(0)
    if (Test-Path -LiteralPath $target) { $before = [System.IO.File]::ReadAllBytes($target) }
    $after = [System.IO.File]::ReadAllBytes($generated)
    if ([System.Linq.Enumerable]::SequenceEqual($before, $after)) {
        Write-Host "Help is up to date: src/SmcMonitoring/en-US/SmcMonitoring.dll-Help.xml"
    }
    else {
        [System.IO.File]::WriteAllBytes($target, $after)
        Write-Host "Updated src/SmcMonitoring/en-US/SmcMonitoring.dll-Help.xml"
    }
}
finally {
    if (Test-Path -LiteralPath $temp) { Remove-Item -LiteralPath $temp -Recurse -Force }
}
