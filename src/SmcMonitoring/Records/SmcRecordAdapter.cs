using System.Collections.ObjectModel;
using System.Management.Automation;

namespace SmcMonitoring.Records;

/// <summary>
/// Shows a record's fields to PowerShell as its properties, in query order, so Format-Table, Export-Csv,
/// Where-Object and Select-Object see exactly the fields the query selected. Registered in SmcMonitoring.Types.ps1xml.
/// </summary>
public sealed class SmcRecordAdapter : PSPropertyAdapter
{
    /// <summary>
    /// The SMC session a record came from: the hidden Session property of every record (SmcMonitoring.Types.ps1xml),
    /// which Export-Csv, ConvertTo-Json and Format-List leave out unless it is asked for by name.
    /// </summary>
    /// <param name="instance">The record, as PowerShell holds it.</param>
    public static object? GetSession(PSObject instance) => (instance?.BaseObject as SmcRecord)?.Source;

    /// <inheritdoc/>
    public override Collection<PSAdaptedProperty> GetProperties(object baseObject)
    {
        var record = (SmcRecord)baseObject;
        var columns = record.Shape.Columns;
        var properties = new Collection<PSAdaptedProperty>();
        for (var i = 0; i < columns.Count; i++) { properties.Add(new PSAdaptedProperty(columns[i].Property, i)); }
        return properties;
    }

    /// <inheritdoc/>
    public override PSAdaptedProperty? GetProperty(object baseObject, string propertyName)
    {
        var index = ((SmcRecord)baseObject).Shape.IndexOfProperty(propertyName);
        return index < 0 ? null : new PSAdaptedProperty(((SmcRecord)baseObject).Shape.Columns[index].Property, index);
    }

    /// <inheritdoc/>
    public override bool IsGettable(PSAdaptedProperty adaptedProperty) => true;

    /// <inheritdoc/>
    public override bool IsSettable(PSAdaptedProperty adaptedProperty) => false;

    /// <inheritdoc/>
    public override object? GetPropertyValue(PSAdaptedProperty adaptedProperty) => ((SmcRecord)adaptedProperty.BaseObject).ValueAt((int)adaptedProperty.Tag);

    /// <inheritdoc/>
    public override void SetPropertyValue(PSAdaptedProperty adaptedProperty, object value) =>
        throw new SetValueException($"The property '{adaptedProperty.Name}' of an SMC record is read-only.");

    /// <inheritdoc/>
    public override string GetPropertyTypeName(PSAdaptedProperty adaptedProperty) =>
        ((SmcRecord)adaptedProperty.BaseObject).Shape.Columns[(int)adaptedProperty.Tag].ClrType.FullName!;

    /// <inheritdoc/>
    public override Collection<string> GetTypeNameHierarchy(object baseObject)
    {
        var shape = ((SmcRecord)baseObject).Shape;
        // The selection's own name goes second: PowerShell finds its view all the same, and the first name, which
        // Windows PowerShell's Export-Csv writes in its #TYPE line, stays the one it always was.
        var names = new Collection<string> { shape.TypeName };
        if (shape.SelectionTypeName is { } selection) { names.Add(selection); }
        for (var type = baseObject.GetType(); type != null; type = type.BaseType)
        {
            if (type.FullName != shape.TypeName) { names.Add(type.FullName!); }
        }
        return names;
    }
}
