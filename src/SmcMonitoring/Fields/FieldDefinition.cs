using System.Collections.Generic;

namespace SmcMonitoring.Fields;

/// <summary>One SMC log field: its numeric id and every spelling the SMC or this module uses for it.</summary>
internal sealed class FieldDefinition
{
    internal FieldDefinition(int id, IReadOnlyList<string> constants, string name, string pretty, string property, FieldKind kind, string meaning)
    {
        Id = id;
        Constants = constants;
        Name = name;
        DisplayName = pretty;
        Property = property;
        Kind = kind;
        Meaning = meaning;
    }

    /// <summary>The LogField id the SMC uses on the wire (for example 7 for the source address).</summary>
    public int Id { get; }

    /// <summary>The upper-case constant names of the reference client (for example <c>SRC</c>; aliases such as <c>BLOCK_LISTER</c> included).</summary>
    public IReadOnlyList<string> Constants { get; }

    /// <summary>The SMC's internal field name, used by the <c>name</c> field format and in filter expressions (for example <c>Src</c>).</summary>
    public string Name { get; }

    /// <summary>The SMC's display label, used by the <c>pretty</c> field format (for example <c>Src Addr</c>).</summary>
    public string DisplayName { get; }

    /// <summary>The property name this module gives the field on records (for example <c>SrcPort</c>).</summary>
    public string Property { get; }

    /// <summary>The kind of value the field holds.</summary>
    public FieldKind Kind { get; }

    /// <summary>What the field means.</summary>
    public string Meaning { get; }

    /// <inheritdoc/>
    public override string ToString() => Property;
}
