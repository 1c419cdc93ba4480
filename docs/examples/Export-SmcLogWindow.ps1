# Exports the discarded traffic of the last window to CSV; a scheduled task runs it every 15 minutes.
# The state file holds where the last complete export ended: no gap, no duplicate,
# and a failed run moves nothing.
param(
    [string] $StateFile = (Join-Path $HOME 'smc-export.state'),
    [string] $OutFolder = (Join-Path $HOME 'smc-exports'),
    # Stay behind the clock: entries reach the log server a while after they happen.
    [datetimeoffset] $Until = (Get-Date).AddMinutes(-5)
)
$ErrorActionPreference = 'Stop'
Import-Module SmcMonitoring

$Since = if (Test-Path $StateFile) {
    [datetimeoffset]::Parse((Get-Content -Raw $StateFile).Trim(), [cultureinfo]::InvariantCulture)
} else {
    $Until.AddMinutes(-15)
}
if ($Since -ge $Until) { return }

$session = Connect-SmcSession    # from ~/.smcrc or the SMC_* environment variables
try {
    $null = New-Item -ItemType Directory -Force -Path $OutFolder
    $file = Join-Path $OutFolder ('discarded-{0:yyyyMMdd-HHmmss}.csv' -f $Until.UtcDateTime)
    # Every entry of [Since, Until), oldest first; a search that fails half-way throws.
    Get-SmcLog -Session $session -Since $Since -Until $Until -Oldest -Filter @{ Action = 'Discard' } |
        Export-Csv -Path "$file.partial" -NoTypeInformation
    Move-Item -Force -Path "$file.partial" -Destination $file
    # Only a complete export moves the cursor.
    Set-Content -Path $StateFile -Value $Until.ToString('o', [cultureinfo]::InvariantCulture)
}
finally {
    Disconnect-SmcSession -Session $session
}
