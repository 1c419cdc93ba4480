# Every cmdlet has complete help (written in the doc comments of its class and parameter properties), and the
# MAML file in the repo is what the generator makes of the module under test. To refresh the MAML:
#   dotnet pwsh ./tools/HelpGenerator/Update-ModuleHelp.ps1
# The per-cmdlet checks are tagged Unit (no simulator, Windows PowerShell 5.1 syntax): CI also runs them in 5.1.

BeforeDiscovery {
    Import-Module $env:SMCMON_MODULE -Force
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters + 'ProgressAction'
    $cmdletCases = foreach ($command in Get-Command -Module SmcMonitoring -CommandType Cmdlet | Sort-Object Name) {
        $help = Get-Help -Name $command.Name -Full
        $examples = @($help.examples.example | Where-Object { $_ })
        @{
            Name       = $command.Name
            Examples   = @(for ($i = 0; $i -lt $examples.Count; $i++) { @{ Number = $i + 1; Code = [string]$examples[$i].code } })
            Parameters = @($command.Parameters.Values | Where-Object Name -NotIn $common | Sort-Object Name | ForEach-Object {
                    @{ Parameter = $_.Name; TypeName = $_.ParameterType.ToString() }
                })
        }
    }
}

BeforeAll {
    Import-Module $env:SMCMON_MODULE -Force
    $script:Fix = 'help comes from the doc comments in src/SmcMonitoring/Cmdlets: write it there, then run dotnet pwsh ./tools/HelpGenerator/Update-ModuleHelp.ps1'
}

Describe '<Name> help' -ForEach $cmdletCases -Tag 'Unit' {
    BeforeAll {
        $help = Get-Help -Name $Name -Full
        $helpParameters = @($help.parameters.parameter | Where-Object { $_ })
    }

    It 'has a synopsis written for it, not the generated syntax line' {
        $synopsis = [string]$help.Synopsis
        $synopsis | Should-NotBeWhiteSpaceString -Because $Fix
        $synopsis | Should-NotMatchString ('^\s*' + [regex]::Escape($Name) + '\s*(\[|-|$)') -Because "Get-Help shows the syntax line when $Name has no MAML help; $Fix"
    }

    It 'has a description' {
        (@($help.description | ForEach-Object Text) -join '') | Should-NotBeWhiteSpaceString -Because $Fix
    }

    It 'has at least three examples' {
        @($help.examples.example | Where-Object { $_ }).Count | Should-BeGreaterThanOrEqual 3 -Because $Fix
    }

    It 'example <Number> parses without errors' -ForEach $Examples -AllowNullOrEmptyForEach {
        $Code | Should-NotBeWhiteSpaceString
        $tokens = $null
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$tokens, [ref]$errors)
        @($errors).Count | Should-Be 0 -Because "example $Number of $Name must be valid PowerShell: $(@($errors | ForEach-Object Message) -join '; ')"
    }

    It 'describes -<Parameter>' -ForEach $Parameters -AllowNullOrEmptyForEach {
        $entry = $helpParameters | Where-Object name -EQ $Parameter
        (@($entry.description | ForEach-Object Text) -join '') | Should-NotBeWhiteSpaceString -Because $Fix
    }

    It 'gives -<Parameter> its type, <TypeName>' -ForEach $Parameters -AllowNullOrEmptyForEach {
        $entry = $helpParameters | Where-Object name -EQ $Parameter
        [string]$entry.type.name | Should-Be $TypeName -Because 'the help must match the cmdlet; run dotnet pwsh ./tools/HelpGenerator/Update-ModuleHelp.ps1'
    }

    It 'documents only parameters the cmdlet has' {
        $actual = (Get-Command -Name $Name -Module SmcMonitoring).Parameters.Keys
        @($helpParameters.name | Where-Object { $_ -notin $actual }) | Should-BeCollection @() -Because 'the help must match the cmdlet; run dotnet pwsh ./tools/HelpGenerator/Update-ModuleHelp.ps1'
    }

    It 'has a related link or an outputs entry' {
        $links = @($help.relatedLinks.navigationLink | Where-Object { $_ -and ($_.linkText -or $_.uri) })
        $outputs = @($help.returnValues.returnValue | Where-Object { $_ -and $_.type.name })
        ($links.Count + $outputs.Count) | Should-BeGreaterThan 0 -Because 'add [OutputType] or a <seealso> to the cmdlet class'
    }
}

Describe 'The MAML help in the repo' {
    It 'is what New-SmcModuleHelp.ps1 makes of the module under test' {
        $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
        $checkedIn = Join-Path $repo 'src/SmcMonitoring/en-US/SmcMonitoring.dll-Help.xml'
        $xmlDoc = $env:SMCMON_XMLDOC
        if (-not $xmlDoc) { $xmlDoc = Join-Path (Split-Path (Split-Path $env:SMCMON_MODULE)) 'publish/SmcMonitoring.xml' }
        $generated = Join-Path $TestDrive 'SmcMonitoring.dll-Help.xml'
        $update = 'Run dotnet pwsh ./tools/HelpGenerator/Update-ModuleHelp.ps1 and commit src/SmcMonitoring/en-US/SmcMonitoring.dll-Help.xml'

        & (Join-Path $repo 'tools/HelpGenerator/New-SmcModuleHelp.ps1') -ModuleManifest $env:SMCMON_MODULE -XmlDocPath $xmlDoc -OutputPath $generated

        Test-Path -LiteralPath $checkedIn | Should-BeTrue -Because "src/SmcMonitoring/en-US/SmcMonitoring.dll-Help.xml is missing. $update"
        $expected = [System.IO.File]::ReadAllBytes($generated)
        $actual = [System.IO.File]::ReadAllBytes($checkedIn)
        $difference = $null
        if (-not [System.Linq.Enumerable]::SequenceEqual($expected, $actual)) {
            $newLines = [System.Text.Encoding]::UTF8.GetString($expected) -split "`n"
            $oldLines = [System.Text.Encoding]::UTF8.GetString($actual) -split "`n"
            $line = 0
            while ($line -lt $newLines.Count -and $line -lt $oldLines.Count -and $newLines[$line] -ceq $oldLines[$line]) { $line++ }
            $old = if ($line -lt $oldLines.Count) { $oldLines[$line].Trim() } else { '(end of file)' }
            $new = if ($line -lt $newLines.Count) { $newLines[$line].Trim() } else { '(end of file)' }
            $difference = "line $($line + 1) is '$old' but the module now gives '$new'"
        }
        $difference | Should-BeNull -Because "the checked-in help is out of date. $update"
    }
}
