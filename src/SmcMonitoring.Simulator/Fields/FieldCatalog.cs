using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace SmcMonitoring.Simulator.Fields;

/// <summary>The shared field catalog (ids, SMC names, display labels, value kinds), embedded from the module's TSV.</summary>
internal sealed class FieldCatalog
{
    private const string ResourceName = "SmcMonitoring.Simulator.FieldCatalog.tsv";

    private static readonly Lazy<FieldCatalog> SharedCatalog = new(Load);

    private readonly Dictionary<int, FieldDefinition> byId = new();
    private readonly Dictionary<string, FieldDefinition> byName = new(StringComparer.OrdinalIgnoreCase);

    private FieldCatalog()
    {
    }

    public static FieldCatalog Shared => SharedCatalog.Value;

    public FieldDefinition? Find(int id) => byId.TryGetValue(id, out var field) ? field : null;

    /// <summary>Finds a field by its SMC internal name, ignoring case (the SMC's constants are upper case).</summary>
    public FieldDefinition? Find(string name) => byName.TryGetValue(name, out var field) ? field : null;

    public FieldDefinition Get(int id) =>
        Find(id) ?? throw new InvalidOperationException($"Field {id} is missing from the field catalog.");

    private static FieldCatalog Load()
    {
        using var stream = typeof(FieldCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var catalog = new FieldCatalog();
        reader.ReadLine();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var columns = line.Split('\t');
            var field = new FieldDefinition(
                int.Parse(columns[0], CultureInfo.InvariantCulture),
                columns[2],
                columns[3],
                Enum.Parse<FieldKind>(columns[5], ignoreCase: true),
                columns[6]);
            catalog.byId.Add(field.Id, field);
            catalog.byName.TryAdd(field.Name, field);
        }

        return catalog;
    }
}
