# Reads the compiler's XML documentation file: the help text written on cmdlet classes and parameter properties.
# Conventions: <para type="synopsis"> and <para type="description"> in a class's <summary>, <example> with <code>
# and <para>, <seealso>; <para type="description"> in a parameter property's <summary>.

function Read-XmlDocMember {
    <# Loads the XML doc file into a case-sensitive table of member id (T:Ns.Type, P:Ns.Type.Property) to element. #>
    param([Parameter(Mandatory)] [string] $Path)
    $document = [System.Xml.Linq.XDocument]::Load($Path, [System.Xml.Linq.LoadOptions]::PreserveWhitespace)
    $members = [hashtable]::new([System.StringComparer]::Ordinal)
    $list = $document.Root.Element('members')
    if ($null -eq $list) { throw "'$Path' is not a compiler XML documentation file: it has no <members> element." }
    foreach ($member in $list.Elements('member')) {
        $members[$member.Attribute('name').Value] = $member
    }
    return $members
}

function Get-DocId {
    <# The documentation id of a type, without its prefix: nested types are written with a dot, as the compiler does. #>
    param([Parameter(Mandatory)] [type] $Type)
    return $Type.FullName.Replace('+', '.')
}

function Get-CrefText {
    <# What a cref names, in words a reader knows: the cmdlet name for a cmdlet class, else the short member name. #>
    param([string] $Cref, [hashtable] $CmdletNames)
    $id = $Cref -replace '^[A-Z]:', '' -replace '\(.*$', ''
    if ($CmdletNames.ContainsKey($id)) { return $CmdletNames[$id] }
    $parts = $id.Split('.')
    if ($Cref.StartsWith('T:') -or $parts.Count -lt 2) { return $parts[-1] }
    return $parts[-2] + '.' + $parts[-1]
}

function Get-DocInlineText {
    <# The text of a doc node with its inline elements (c, see, paramref) turned into plain words. #>
    param([System.Xml.Linq.XNode] $Node, [hashtable] $CmdletNames)
    if ($Node -is [System.Xml.Linq.XText]) { return $Node.Value }
    if ($Node -isnot [System.Xml.Linq.XElement]) { return '' }
    $name = $Node.Name.LocalName
    if ($name -in 'see', 'seealso') {
        $inner = $Node.Value.Trim()
        if ($Node.Attribute('langword')) { return $Node.Attribute('langword').Value }
        if ($Node.Attribute('href')) {
            $href = $Node.Attribute('href').Value
            if ($inner -and $inner -ne $href) { return "$inner ($href)" }
            return $href
        }
        if ($inner) { return $inner }
        if ($Node.Attribute('cref')) { return Get-CrefText $Node.Attribute('cref').Value $CmdletNames }
        return ''
    }
    if ($name -eq 'paramref') { return '-' + $Node.Attribute('name').Value }
    if ($name -eq 'typeparamref') { return $Node.Attribute('name').Value }
    $builder = [System.Text.StringBuilder]::new()
    foreach ($child in $Node.Nodes()) { $null = $builder.Append((Get-DocInlineText $child $CmdletNames)) }
    return $builder.ToString()
}

function Get-DocParagraph {
    <# One paragraph of help: the element's text with runs of white space (the doc comment's line breaks) made single spaces. #>
    param([System.Xml.Linq.XElement] $Element, [hashtable] $CmdletNames)
    return ((Get-DocInlineText $Element $CmdletNames) -replace '\s+', ' ').Trim()
}

function Get-TypedParagraph {
    <# The non-empty <para type="..."> paragraphs of a member's <summary>, in order. #>
    param([System.Xml.Linq.XElement] $Member, [string] $Type, [hashtable] $CmdletNames)
    if ($null -eq $Member) { return @() }
    $summary = $Member.Element('summary')
    if ($null -eq $summary) { return @() }
    $paragraphs = foreach ($para in $summary.Elements('para')) {
        $attribute = $para.Attribute('type')
        if ($attribute -and $attribute.Value -eq $Type) {
            $text = Get-DocParagraph $para $CmdletNames
            if ($text) { $text }
        }
    }
    return @($paragraphs)
}

function Get-DocCode {
    <#
    The code of an <example>, its lines as the author wrote them: the compiler indents every line after the first
    by the indentation of the <code> element itself, so exactly that is taken off again.
    #>
    param([Parameter(Mandatory)] [System.Xml.Linq.XElement] $Code)
    $lines = @($Code.Value -split '\r?\n')
    $indent = $null
    if ($Code.PreviousNode -is [System.Xml.Linq.XText]) {
        $before = $Code.PreviousNode.Value
        $tail = $before.Substring($before.LastIndexOf("`n") + 1)
        if ($tail -match '^[ \t]*$') { $indent = $tail }
    }
    if ($null -eq $indent) {
        $widths = foreach ($line in $lines | Select-Object -Skip 1) { if ($line.Trim()) { $line.Length - $line.TrimStart().Length } }
        $indent = ' ' * [int]($widths | Measure-Object -Minimum).Minimum
    }
    $result = for ($i = 0; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($i -gt 0 -and $indent -and $line.StartsWith($indent)) { $line = $line.Substring($indent.Length) }
        $line.TrimEnd()
    }
    return (($result -join "`n") -replace '^\n+', '').TrimEnd()
}

function Get-CmdletDoc {
    <# The help written on a cmdlet class: synopsis, description paragraphs, examples and related links. #>
    param([Parameter(Mandatory)] [type] $Type, [Parameter(Mandatory)] [hashtable] $Members, [hashtable] $CmdletNames)
    $member = $Members['T:' + (Get-DocId $Type)]
    $examples = [System.Collections.Generic.List[object]]::new()
    $links = [System.Collections.Generic.List[object]]::new()
    if ($member) {
        foreach ($example in $member.Elements('example')) {
            $code = (@($example.Elements('code')) | ForEach-Object { Get-DocCode $_ }) -join "`n"
            $remarks = foreach ($node in $example.Nodes()) {
                $text = if ($node -is [System.Xml.Linq.XElement] -and $node.Name.LocalName -eq 'para') { Get-DocParagraph $node $CmdletNames }
                elseif ($node -is [System.Xml.Linq.XText]) { ($node.Value -replace '\s+', ' ').Trim() }
                if ($text) { $text }
            }
            $examples.Add([pscustomobject]@{ Code = $code; Remarks = @($remarks) })
        }
        foreach ($seealso in $member.Elements('seealso')) {
            $href = $seealso.Attribute('href')
            $text = ($seealso.Value -replace '\s+', ' ').Trim()
            if ($href) {
                # An href that is not a URL names a help topic (about_...): a link by name only.
                $uri = if ($href.Value -match '^[a-z]+://') { $href.Value } else { '' }
                $links.Add([pscustomobject]@{ Text = $(if ($text) { $text } else { $href.Value }); Uri = $uri })
            }
            elseif ($seealso.Attribute('cref')) {
                $links.Add([pscustomobject]@{ Text = $(if ($text) { $text } else { Get-CrefText $seealso.Attribute('cref').Value $CmdletNames }); Uri = '' })
            }
        }
    }
    return [pscustomobject]@{
        Found       = $null -ne $member
        Synopsis    = (Get-TypedParagraph $member 'synopsis' $CmdletNames) -join ' '
        Description = @(Get-TypedParagraph $member 'description' $CmdletNames)
        Examples    = $examples.ToArray()
        Links       = $links.ToArray()
    }
}

function Get-ParameterDoc {
    <#
    The description paragraphs of a parameter property, read where the property is declared: the nearest type from
    the cmdlet class up through its base classes that declares it with a description (an override may inherit it).
    #>
    param([Parameter(Mandatory)] [type] $CmdletType, [Parameter(Mandatory)] [string] $PropertyName, [Parameter(Mandatory)] [hashtable] $Members, [hashtable] $CmdletNames)
    $flags = [System.Reflection.BindingFlags]'Public, NonPublic, Instance, DeclaredOnly'
    $looked = [System.Collections.Generic.List[string]]::new()
    for ($type = $CmdletType; $null -ne $type; $type = $type.BaseType) {
        if ($null -eq $type.GetProperty($PropertyName, $flags)) { continue }
        $id = 'P:' + (Get-DocId $type) + '.' + $PropertyName
        $looked.Add($id)
        $paragraphs = @(Get-TypedParagraph $Members[$id] 'description' $CmdletNames)
        if ($paragraphs.Count -gt 0) { return [pscustomobject]@{ Description = $paragraphs; Id = $id } }
    }
    return [pscustomobject]@{ Description = @(); Id = $(if ($looked.Count) { $looked[0] } else { "P:$(Get-DocId $CmdletType).$PropertyName" }) }
}

function Get-TypeDocText {
    <# A type's own summary as one paragraph (its description paragraphs if it uses them), or nothing. #>
    param([type] $Type, [Parameter(Mandatory)] [hashtable] $Members, [hashtable] $CmdletNames)
    if ($null -eq $Type) { return '' }
    $member = $Members['T:' + (Get-DocId $Type)]
    if ($null -eq $member -or $null -eq $member.Element('summary')) { return '' }
    $typed = @(Get-TypedParagraph $member 'description' $CmdletNames)
    if ($typed.Count) { return $typed -join ' ' }
    return Get-DocParagraph $member.Element('summary') $CmdletNames
}
