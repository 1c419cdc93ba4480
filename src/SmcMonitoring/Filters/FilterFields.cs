using System.Linq;
using SmcMonitoring.Fields;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Filters;

/// <summary>Resolves field names in filters through the catalog, with close matches in the error.</summary>
internal static class FilterFields
{
    /// <summary>The special keys of hashtable filters, for error messages.</summary>
    public const string SpecialKeys = "Or, And, Not, Defined, Expression, Like, CLike, FilterElement";

    public static FieldDefinition Resolve(string name)
    {
        var field = FieldCatalog.Default.Find(name);
        if (field != null) { return field; }
        var closest = string.Join(", ", FieldCatalog.Default.ClosestNames(name));
        throw FilterValueConverter.Invalid(SmcErrors.FilterFieldNotFound,
            $"The filter names an unknown field '{name}'. Closest field names: {closest}. Keys are field names (Get-SmcLogField lists them) or one of {SpecialKeys}.");
    }

    public static FilterValue[] ResolveAll(string[] names) => names.Select(n => FilterValue.Field(Resolve(n.Trim()).Id)).ToArray();
}
