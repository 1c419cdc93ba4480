@{
    RootModule           = 'SmcMonitoring.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5d0c7a3e-8f0b-4b8e-9a57-1f7c2e6b9d41'
    Author               = 'SmcMonitoring contributors'
    CompanyName          = 'SmcMonitoring contributors'
    Copyright            = '(c) 2026 SmcMonitoring contributors. MIT License: the LICENSE file beside this manifest.'
    Description          = 'The Monitoring area of a Forcepoint (Stonesoft) Security Management Center in PowerShell: stored and live logs, connections, block list, routes, users, SSL VPN users, VPN SAs, alerts and neighbors over the SMC websockets, as typed records on the pipeline.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    CmdletsToExport      = @(
        'Connect-SmcSession'
        'Disconnect-SmcSession'
        'Get-SmcSession'
        'Get-SmcLog'
        'Get-SmcLogField'
        'Get-SmcConnection'
        'Get-SmcBlocklist'
        'Get-SmcRoute'
        'Get-SmcUser'
        'Get-SmcSslVpnUser'
        'Get-SmcVpnSa'
        'Get-SmcAlert'
        'Get-SmcNeighbor'
        'Register-SmcNotification'
        'Get-SmcNotification'
        'Get-SmcEngine'
        'Add-SmcBlocklistEntry'
        'Remove-SmcBlocklistEntry'
        'Clear-SmcBlocklist'
        'Remove-SmcVpnSa'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @('Get-SmcBlacklist')
    TypesToProcess       = @('SmcMonitoring.Types.ps1xml')
    FormatsToProcess     = @('SmcMonitoring.format.ps1xml')
    PrivateData          = @{
        PSData = @{
            Tags         = @('Forcepoint', 'Stonesoft', 'SMC', 'NGFW', 'Firewall', 'Monitoring', 'Logs', 'WebSocket', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux')
            ReleaseNotes = 'First packaged release: stored and live logs, connections, block list, routes, users, SSL VPN users, VPN SAs, active alerts and neighbors as typed records, and element-change notifications as PowerShell events, for PowerShell 7 and Windows PowerShell 5.1 (.NET Framework 4.7.2 or later). The README says what was verified on Windows PowerShell 5.1 and what was not.'
        }
    }
}
