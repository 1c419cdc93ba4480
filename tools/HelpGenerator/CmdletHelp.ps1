# Builds the help of one cmdlet from what the engine knows about it (parameter sets, types, pipeline binding,
# output types, default values) and the doc comments; lists every piece of help that is missing.

$script:CommonParameterNames = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
foreach ($name in [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters + 'ProgressAction') {
    $null = $script:CommonParameterNames.Add($name)
}

function Get-FriendlyTypeName {
    <# The short type name help shows after a parameter: Int32, String[], DateTime (for DateTime?), FieldFormat. #>
    param([Parameter(Mandatory)] [type] $Type)
    $underlying = [System.Nullable]::GetUnderlyingType($Type)
    if ($underlying) { return Get-FriendlyTypeName $underlying }
    if ($Type.IsArray) { return (Get-FriendlyTypeName $Type.GetElementType()) + '[]' }
    if ($Type.IsGenericType) {
        $arguments = $Type.GetGenericArguments() | ForEach-Object { Get-FriendlyTypeName $_ }
        return ($Type.Name -replace '`\d+$', '') + '[' + ($arguments -join ', ') + ']'
    }
    return $Type.Name
}

function Get-AcceptedValue {
    <# The values a parameter accepts when they are a closed set: its ValidateSet, else the names of its enum. #>
    param([Parameter(Mandatory)] [type] $Type, [System.Collections.Generic.IEnumerable[System.Attribute]] $Attributes)
    $set = @($Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1)
    if ($set.Count) { return @($set[0].ValidValues) }
    $element = $Type
    if ($element.IsArray) { $element = $element.GetElementType() }
    $underlying = [System.Nullable]::GetUnderlyingType($element)
    if ($underlying) { $element = $underlying }
    if ($element.IsEnum) { return @([System.Enum]::GetNames($element)) }
    return @()
}

function Format-DefaultValue {
    <# A property value as help shows it, or 'None' for nothing worth showing: null, false switches, a type's zero value. #>
    param($Value)
    if ($null -eq $Value) { return 'None' }
    if ($Value -is [System.Management.Automation.SwitchParameter]) { if ($Value.IsPresent) { return 'True' } else { return 'None' } }
    if ($Value -is [string]) { if ($Value) { return $Value } else { return 'None' } }
    if ($Value -is [System.Array]) {
        if ($Value.Length -eq 0) { return 'None' }
        return (@($Value | ForEach-Object { Format-DefaultValue $_ }) -join ', ')
    }
    $type = $Value.GetType()
    if ($type.IsValueType -and $Value.Equals([System.Activator]::CreateInstance($type))) { return 'None' }
    if ($Value -is [System.IFormattable]) { return $Value.ToString($null, [System.Globalization.CultureInfo]::InvariantCulture) }
    return $Value.ToString()
}

function Get-PipelineInputText {
    param([bool] $ByValue, [bool] $ByPropertyName)
    if ($ByValue -and $ByPropertyName) { return 'True (ByValue, ByPropertyName)' }
    if ($ByValue) { return 'True (ByValue)' }
    if ($ByPropertyName) { return 'True (ByPropertyName)' }
    return 'False'
}

function New-ParameterHelp {
    <# One parameter as help shows it, either within one parameter set (syntax) or merged over all of its sets. #>
    param($Metadata, [object[]] $SetMetadata, [string[]] $Description, [string] $DefaultValue)
    $positions = @($SetMetadata | ForEach-Object { $_.Position } | Sort-Object -Unique)
    $position = if ($positions.Count -eq 1 -and $positions[0] -ge 0) { [string]$positions[0] } else { 'named' }
    $byValue = @($SetMetadata | Where-Object ValueFromPipeline).Count -gt 0
    $byName = @($SetMetadata | Where-Object ValueFromPipelineByPropertyName).Count -gt 0
    $type = $Metadata.ParameterType
    return [pscustomobject]@{
        Name           = $Metadata.Name
        Required       = @($SetMetadata | Where-Object { -not $_.IsMandatory }).Count -eq 0
        Position       = $position
        PipelineInput  = Get-PipelineInputText $byValue $byName
        ByValue        = $byValue
        ByPropertyName = $byName
        Globbing       = @($Metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0
        IsSwitch       = $type -eq [System.Management.Automation.SwitchParameter]
        VariableLength = $type.IsArray
        Aliases        = @($Metadata.Aliases | Sort-Object)
        TypeName       = $type.ToString()
        FriendlyType   = Get-FriendlyTypeName $type
        ElementType    = $(if ($type.IsArray) { $type.GetElementType() } else { $type })
        Type           = $type
        AcceptedValues = @(Get-AcceptedValue $type $Metadata.Attributes)
        Description    = $Description
        DefaultValue   = $DefaultValue
    }
}

function Get-SyntaxOrder {
    <# Positional parameters by position, then mandatory ones, then the rest; each group in declaration order. #>
    param([object[]] $Parameters)
    $index = 0
    $ordered = foreach ($p in $Parameters) {
        $group = if ($p.Position -ne 'named') { 0 } elseif ($p.Required) { 1 } else { 2 }
        $rank = if ($p.Position -ne 'named') { [int]$p.Position } else { 0 }
        [pscustomobject]@{ Group = $group; Rank = $rank; Index = $index++; Parameter = $p }
    }
    return @($ordered | Sort-Object Group, Rank, Index | ForEach-Object Parameter)
}

function Get-CmdletHelp {
    <# The complete help model of one cmdlet, with a Problems list naming whatever help is missing. #>
    param([Parameter(Mandatory)] [System.Management.Automation.CmdletInfo] $Cmdlet, [Parameter(Mandatory)] [hashtable] $Members, [hashtable] $CmdletNames)
    $type = $Cmdlet.ImplementingType
    $problems = [System.Collections.Generic.List[string]]::new()
    $doc = Get-CmdletDoc -Type $type -Members $Members -CmdletNames $CmdletNames
    $classId = 'T:' + (Get-DocId $type)
    if (-not $doc.Found) { $problems.Add("$($Cmdlet.Name): no doc comment on the cmdlet class ($classId).") }
    if (-not $doc.Synopsis) { $problems.Add("$($Cmdlet.Name): no synopsis (<para type=""synopsis""> in the <summary> of $classId).") }
    if ($doc.Description.Count -eq 0) { $problems.Add("$($Cmdlet.Name): no description (<para type=""description""> in the <summary> of $classId).") }
    if ($doc.Examples.Count -eq 0) { $problems.Add("$($Cmdlet.Name): no examples (<example> with <code> and <para> on $classId).") }
    for ($i = 0; $i -lt $doc.Examples.Count; $i++) {
        if (-not $doc.Examples[$i].Code) { $problems.Add("$($Cmdlet.Name): example $($i + 1) has no <code>.") }
        if ($doc.Examples[$i].Remarks.Count -eq 0) { $problems.Add("$($Cmdlet.Name): example $($i + 1) has no <para> saying what it does.") }
    }

    # Two instances: a value that differs between them (a GUID made per instance) is no default to document.
    $instance = $null
    $second = $null
    try { $instance = [System.Activator]::CreateInstance($type); $second = [System.Activator]::CreateInstance($type) }
    catch { Write-Warning "$($Cmdlet.Name): cannot create $($type.FullName) to read default values: $($_.Exception.Message)" }

    $parameters = @{}
    foreach ($metadata in $Cmdlet.Parameters.Values) {
        if ($script:CommonParameterNames.Contains($metadata.Name)) { continue }
        $paramDoc = Get-ParameterDoc -CmdletType $type -PropertyName $metadata.Name -Members $Members -CmdletNames $CmdletNames
        if ($paramDoc.Description.Count -eq 0) {
            $problems.Add("$($Cmdlet.Name) -$($metadata.Name): no parameter description (<para type=""description""> in the <summary> of $($paramDoc.Id)).")
        }
        $default = 'None'
        if ($instance) {
            $property = $type.GetProperty($metadata.Name, [System.Reflection.BindingFlags]'Public, Instance')
            if ($property -and $property.CanRead) {
                $default = Format-DefaultValue $property.GetValue($instance)
                if ($default -ne (Format-DefaultValue $property.GetValue($second))) { $default = 'None' }
            }
        }
        $parameters[$metadata.Name] = [pscustomobject]@{ Metadata = $metadata; Description = $paramDoc.Description; Default = $default }
    }
    if ($instance -is [System.IDisposable]) { $instance.Dispose() }

    $sets = @($Cmdlet.ParameterSets | Sort-Object { -not $_.IsDefault }, { $_.Name } -Culture ([cultureinfo]::InvariantCulture))
    $syntax = foreach ($set in $sets) {
        $inSet = foreach ($p in $set.Parameters) {
            if (-not $parameters.ContainsKey($p.Name)) { continue }
            $entry = $parameters[$p.Name]
            New-ParameterHelp $entry.Metadata @($p) $entry.Description $entry.Default
        }
        [pscustomobject]@{ Name = $set.Name; Parameters = @(Get-SyntaxOrder @($inSet)) }
    }

    $merged = foreach ($name in ($parameters.Keys | Sort-Object -Culture ([cultureinfo]::InvariantCulture))) {
        $entry = $parameters[$name]
        New-ParameterHelp $entry.Metadata @($entry.Metadata.ParameterSets.Values) $entry.Description $entry.Default
    }
    $merged = @($merged)

    $inputs = foreach ($p in $merged) {
        if ($p.ByValue) {
            [pscustomobject]@{ TypeName = $p.ElementType.ToString(); Description = "You can pipe $(Get-FriendlyTypeName $p.ElementType) objects to -$($p.Name)." }
        }
        if ($p.ByPropertyName) {
            [pscustomobject]@{ TypeName = $p.TypeName; Description = "You can pipe objects with a $($p.Name) property to -$($p.Name)." }
        }
    }
    if (-not $inputs) { $inputs = [pscustomobject]@{ TypeName = 'None'; Description = "You can't pipe objects to this cmdlet." } }

    $seen = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::Ordinal)
    $outputs = foreach ($output in $Cmdlet.OutputType) {
        # A name ending in #Fields is an [OutputType] for completion only (SmcMonitoring.Types.ps1xml), not an output.
        if ($output.Name -like '*#Fields' -or -not $seen.Add($output.Name)) { continue }
        if ($output.Type -eq [void] -or $output.Name -eq 'System.Void') {
            [pscustomobject]@{ TypeName = 'None'; Description = 'This cmdlet returns no output.' }
        }
        else {
            [pscustomobject]@{ TypeName = $output.Name; Description = Get-TypeDocText -Type $output.Type -Members $Members -CmdletNames $CmdletNames }
        }
    }

    return [pscustomobject]@{
        Name        = $Cmdlet.Name
        Verb        = $Cmdlet.Verb
        Noun        = $Cmdlet.Noun
        Synopsis    = $doc.Synopsis
        Description = $doc.Description
        Syntax      = @($syntax)
        Parameters  = $merged
        Inputs      = @($inputs)
        Outputs     = @($outputs)
        Examples    = $doc.Examples
        Links       = $doc.Links
        Problems    = $problems.ToArray()
    }
}
