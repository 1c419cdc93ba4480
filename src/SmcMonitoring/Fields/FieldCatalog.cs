using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;

namespace SmcMonitoring.Fields;

/// <summary>
/// Every log field the module knows, loaded once from the embedded catalog. A field can be named by its record
/// property name, SMC name, display name, constant or numeric id; all lookups ignore case.
/// </summary>
internal sealed class FieldCatalog
{
    private static readonly Lazy<FieldCatalog> LazyDefault = new(Load);
    private readonly Dictionary<int, FieldDefinition> _byId;
    private readonly Dictionary<string, FieldDefinition> _bySpelling;

    private FieldCatalog(IReadOnlyList<FieldDefinition> fields)
    {
        Fields = fields;
        _byId = fields.ToDictionary(f => f.Id);
        _bySpelling = new Dictionary<string, FieldDefinition>(StringComparer.OrdinalIgnoreCase);
        // Earlier spellings win: property names first, then SMC names, display names and constants.
        foreach (var field in fields) { _bySpelling[field.Property] = field; }
        foreach (var field in fields)
        {
            AddIfFree(field.Name, field);
            AddIfFree(field.DisplayName, field);
            foreach (var constant in field.Constants) { AddIfFree(constant, field); }
        }
    }

    /// <summary>The catalog shipped with the module.</summary>
    public static FieldCatalog Default => LazyDefault.Value;

    /// <summary>All fields, ordered by id.</summary>
    public IReadOnlyList<FieldDefinition> Fields { get; }

    /// <summary>Finds a field by id.</summary>
    public FieldDefinition? FindById(int id) => _byId.TryGetValue(id, out var field) ? field : null;

    /// <summary>Finds a field by any of its spellings or by its id written as a number.</summary>
    public FieldDefinition? Find(string spelling)
    {
        if (string.IsNullOrWhiteSpace(spelling)) { return null; }
        var trimmed = spelling.Trim();
        if (_bySpelling.TryGetValue(trimmed, out var field)) { return field; }
        return int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? FindById(id) : null;
    }

    /// <summary>The property names closest to a misspelled field name, best first.</summary>
    public IReadOnlyList<string> ClosestNames(string spelling, int count = 3)
    {
        var wanted = spelling.Trim().ToUpperInvariant();
        return Fields
            .Select(f => (f.Property, Distance: new[] { f.Property, f.Name, f.DisplayName }.Min(s => EditDistance(wanted, s.ToUpperInvariant()))))
            .OrderBy(p => p.Distance).ThenBy(p => p.Property, StringComparer.Ordinal)
            .Take(count).Select(p => p.Property).ToList();
    }

    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) { previous[j] = j; }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    private void AddIfFree(string spelling, FieldDefinition field)
    {
        if (!_bySpelling.ContainsKey(spelling)) { _bySpelling[spelling] = field; }
    }

    private static FieldCatalog Load()
    {
        using var stream = typeof(FieldCatalog).GetTypeInfo().Assembly.GetManifestResourceStream("SmcMonitoring.FieldCatalog.tsv")
            ?? throw new InvalidOperationException("The field catalog is missing from the SmcMonitoring assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    internal static FieldCatalog Parse(TextReader reader)
    {
        var fields = new List<FieldDefinition>();
        reader.ReadLine();
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Length == 0) { continue; }
            var cells = line.Split('\t');
            fields.Add(new FieldDefinition(
                int.Parse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture),
                cells[1].Split('|'),
                cells[2],
                cells[3],
                cells[4],
                (FieldKind)Enum.Parse(typeof(FieldKind), cells[5], ignoreCase: true),
                cells.Length > 6 ? cells[6] : string.Empty));
        }
        return new FieldCatalog(fields);
    }
}
