using System;
using System.Collections.Generic;
using System.Linq;

namespace SmcMonitoring.Simulator.Formats;

/// <summary>The record representations of <c>format.type</c>.</summary>
internal enum FormatType
{
    Texts,
    Detailed,
    Raw,
    Combined,
}

/// <summary>How record keys are written (<c>format.field_format</c>).</summary>
internal enum KeyStyle
{
    Pretty,
    Name,
    Id,
}

/// <summary>A parsed <c>format</c> object of a query.</summary>
internal sealed class RecordFormat
{
    public FormatType Type { get; init; } = FormatType.Texts;

    public KeyStyle Keys { get; init; } = KeyStyle.Pretty;

    /// <summary>Selected field ids in request order (field_ids, then field_names); null = every field of the record.</summary>
    public IReadOnlyList<int>? FieldIds { get; init; }

    /// <summary>Whether senders are shown by node name rather than address.</summary>
    public bool ResolveSenders { get; init; } = true;

    /// <summary>The display zone; null = UTC.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    public bool ShowMillis { get; init; }

    public bool ShowZone { get; init; }

    /// <summary>How the zone is shown when <see cref="ShowZone"/> is set.</summary>
    public TimeZoneStyle ZoneStyle { get; init; }

    /// <summary>The sub-formats of a combined format, by their keys.</summary>
    public IReadOnlyList<KeyValuePair<string, RecordFormat>> Parts { get; init; } = Array.Empty<KeyValuePair<string, RecordFormat>>();

    public static RecordFormat Default { get; } = new();

    /// <summary>
    /// A text that is equal for two formats exactly when they render every record the same way: a cache key for
    /// rendered records (field order counts, since columns are written in request order).
    /// </summary>
    public string RenderingKey
    {
        get
        {
            var key = new System.Text.StringBuilder();
            key.Append(Type).Append('|').Append(Keys).Append('|')
                .Append(FieldIds is null ? "*" : string.Join(",", FieldIds)).Append('|')
                .Append(ResolveSenders).Append('|').Append(TimeZone?.Id ?? "UTC").Append('|')
                .Append(ShowMillis).Append('|').Append(ShowZone).Append('|').Append(ZoneStyle);
            foreach (var (name, part) in Parts)
            {
                key.Append("|{").Append(name).Append(':').Append(part.RenderingKey).Append('}');
            }

            return key.ToString();
        }
    }

    /// <summary>A copy that also returns field <paramref name="fieldId"/> when it selects fields (for a combined format: in every part).</summary>
    public RecordFormat Including(int fieldId)
    {
        var parts = new List<KeyValuePair<string, RecordFormat>>();
        foreach (var (key, part) in Parts)
        {
            parts.Add(new KeyValuePair<string, RecordFormat>(key, part.Including(fieldId)));
        }

        var ids = FieldIds is null || FieldIds.Contains(fieldId) ? FieldIds : new List<int>(FieldIds) { fieldId };
        return new RecordFormat
        {
            Type = Type, Keys = Keys, FieldIds = ids, ResolveSenders = ResolveSenders, TimeZone = TimeZone, ShowMillis = ShowMillis, ShowZone = ShowZone, ZoneStyle = ZoneStyle, Parts = parts,
        };
    }
}
