# Writes cmdlet help models as MAML, the XML help format Get-Help reads for binary modules
# (<module folder>/<culture>/<Assembly>.dll-Help.xml): UTF-8 without BOM, LF line ends, stable order.

$script:Maml = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

function Write-MamlText {
    param([System.Xml.XmlWriter] $Writer, [string] $Prefix, [string] $Name, [string] $Text)
    $Writer.WriteElementString($Prefix, $Name, $script:Maml[$Prefix], $Text)
}

function Write-MamlDescription {
    <# <maml:description> with one <maml:para> per paragraph. #>
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs)
    $Writer.WriteStartElement('maml', 'description', $script:Maml.maml)
    foreach ($para in $Paragraphs) { if ($para) { Write-MamlText $Writer 'maml' 'para' $para } }
    $Writer.WriteEndElement()
}

function Write-MamlType {
    param([System.Xml.XmlWriter] $Writer, [string] $TypeName)
    $Writer.WriteStartElement('dev', 'type', $script:Maml.dev)
    Write-MamlText $Writer 'maml' 'name' $TypeName
    Write-MamlText $Writer 'maml' 'uri' ''
    $Writer.WriteEndElement()
}

function Write-MamlParameter {
    <# One <command:parameter>; the syntax form leaves out the description and shows no value for a switch. #>
    param([System.Xml.XmlWriter] $Writer, $Parameter, [switch] $InSyntax)
    $Writer.WriteStartElement('command', 'parameter', $script:Maml.command)
    $Writer.WriteAttributeString('required', $Parameter.Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $Parameter.VariableLength.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $Parameter.Globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $Parameter.PipelineInput)
    $Writer.WriteAttributeString('position', $Parameter.Position)
    $Writer.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    Write-MamlText $Writer 'maml' 'name' $Parameter.Name
    if (-not $InSyntax) { Write-MamlDescription $Writer $Parameter.Description }
    if ($Parameter.AcceptedValues.Count) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $script:Maml.command)
        foreach ($value in $Parameter.AcceptedValues) {
            $Writer.WriteStartElement('command', 'parameterValue', $script:Maml.command)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('variableLength', 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    if (-not ($InSyntax -and $Parameter.IsSwitch)) {
        $Writer.WriteStartElement('command', 'parameterValue', $script:Maml.command)
        $Writer.WriteAttributeString('required', $(if ($Parameter.IsSwitch) { 'false' } else { 'true' }))
        $Writer.WriteAttributeString('variableLength', $Parameter.VariableLength.ToString().ToLowerInvariant())
        $Writer.WriteString($Parameter.FriendlyType)
        $Writer.WriteEndElement()
    }
    Write-MamlType $Writer $Parameter.TypeName
    Write-MamlText $Writer 'dev' 'defaultValue' $Parameter.DefaultValue
    $Writer.WriteEndElement()
}

function Write-MamlTypeList {
    <# <command:inputTypes> or <command:returnValues>: a type and what it means, per entry. #>
    param([System.Xml.XmlWriter] $Writer, [string] $ListName, [string] $ItemName, [object[]] $Entries)
    $Writer.WriteStartElement('command', $ListName, $script:Maml.command)
    foreach ($entry in $Entries) {
        $Writer.WriteStartElement('command', $ItemName, $script:Maml.command)
        Write-MamlType $Writer $entry.TypeName
        Write-MamlDescription $Writer @($entry.Description)
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-MamlCommand {
    <# One <command:command> element from a cmdlet help model (see Get-CmdletHelp). #>
    param([System.Xml.XmlWriter] $Writer, $Help)
    $Writer.WriteStartElement('command', 'command', $script:Maml.command)
    foreach ($prefix in 'maml', 'command', 'dev') {
        $Writer.WriteAttributeString('xmlns', $prefix, 'http://www.w3.org/2000/xmlns/', $script:Maml[$prefix])
    }

    $Writer.WriteStartElement('command', 'details', $script:Maml.command)
    Write-MamlText $Writer 'command' 'name' $Help.Name
    Write-MamlText $Writer 'command' 'verb' $Help.Verb
    Write-MamlText $Writer 'command' 'noun' $Help.Noun
    Write-MamlDescription $Writer @($Help.Synopsis)
    $Writer.WriteEndElement()

    Write-MamlDescription $Writer $Help.Description

    $Writer.WriteStartElement('command', 'syntax', $script:Maml.command)
    foreach ($item in $Help.Syntax) {
        $Writer.WriteStartElement('command', 'syntaxItem', $script:Maml.command)
        Write-MamlText $Writer 'maml' 'name' $Help.Name
        foreach ($parameter in $item.Parameters) { Write-MamlParameter $Writer $parameter -InSyntax }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'parameters', $script:Maml.command)
    foreach ($parameter in $Help.Parameters) { Write-MamlParameter $Writer $parameter }
    $Writer.WriteEndElement()

    Write-MamlTypeList $Writer 'inputTypes' 'inputType' $Help.Inputs
    Write-MamlTypeList $Writer 'returnValues' 'returnValue' $Help.Outputs

    $Writer.WriteStartElement('command', 'examples', $script:Maml.command)
    for ($i = 0; $i -lt $Help.Examples.Count; $i++) {
        $example = $Help.Examples[$i]
        $Writer.WriteStartElement('command', 'example', $script:Maml.command)
        Write-MamlText $Writer 'maml' 'title' "-------------------------- Example $($i + 1) --------------------------"
        Write-MamlText $Writer 'dev' 'code' $example.Code
        $Writer.WriteStartElement('dev', 'remarks', $script:Maml.dev)
        foreach ($remark in $example.Remarks) { Write-MamlText $Writer 'maml' 'para' $remark }
        # Without a closing empty paragraph Get-Help prints the next example's title right under these remarks.
        Write-MamlText $Writer 'maml' 'para' ''
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('maml', 'relatedLinks', $script:Maml.maml)
    foreach ($link in $Help.Links) {
        $Writer.WriteStartElement('maml', 'navigationLink', $script:Maml.maml)
        Write-MamlText $Writer 'maml' 'linkText' $link.Text
        Write-MamlText $Writer 'maml' 'uri' $link.Uri
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

function Write-MamlHelpFile {
    <# Writes the <helpItems> document for all the help models to Path, byte for byte the same for the same input. #>
    param([Parameter(Mandatory)] [object[]] $Help, [Parameter(Mandatory)] [string] $Path)
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.NewLineChars = "`n"
    $settings.NewLineHandling = [System.Xml.NewLineHandling]::Replace
    $stream = [System.IO.MemoryStream]::new()
    $writer = [System.Xml.XmlWriter]::Create($stream, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', $script:Maml.msh)
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($entry in $Help) { Write-MamlCommand $writer $entry }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
        $writer.Flush()
        $stream.WriteByte(10)
        [System.IO.File]::WriteAllBytes($Path, $stream.ToArray())
    }
    finally {
        $writer.Dispose()
        $stream.Dispose()
    }
}
