using System.Collections.Generic;
using System.Text.Json;
using SmcMonitoring.Simulator.Fields;

namespace SmcMonitoring.Simulator.Formats;

/// <summary>Reads the <c>format</c> object of a query (docs/protocol.md 4.3).</summary>
internal static class FormatParser
{
    /// <summary>Parses a format; <paramref name="zoneStyle"/> is how the simulator shows zones (<see cref="SimulatorOptions.TimeZoneStyle"/>).</summary>
    public static RecordFormat Parse(JsonElement format, FieldCatalog catalog, TimeZoneStyle zoneStyle = TimeZoneStyle.Offset)
    {
        if (format.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return RecordFormat.Default;
        }

        if (format.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException("format must be an object");
        }

        var type = ReadType(format);
        if (type == FormatType.Combined)
        {
            return ParseCombined(format, catalog, zoneStyle);
        }

        var resolving = format.TryGetProperty("resolving", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        var zoneName = resolving.StringMember("timezone");
        var zone = zoneName is null ? null : TimeZoneNames.Find(zoneName)
            ?? throw new RequestRejectedException(TimeZoneNames.Unknown(zoneName));
        return new RecordFormat
        {
            Type = type,
            Keys = ReadKeyStyle(format),
            FieldIds = ReadSelection(format, catalog),
            ResolveSenders = type == FormatType.Raw ? false : resolving.BoolMember("senders") ?? true,
            TimeZone = zone,
            ShowMillis = resolving.BoolMember("time_show_millis") ?? false,
            ShowZone = zoneStyle != TimeZoneStyle.None && (resolving.BoolMember("time_show_zone") ?? false),
            ZoneStyle = zoneStyle,
        };
    }

    private static RecordFormat ParseCombined(JsonElement format, FieldCatalog catalog, TimeZoneStyle zoneStyle)
    {
        if (!format.TryGetProperty("formats", out var formats) || formats.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException("a combined format needs a 'formats' object");
        }

        var parts = new List<KeyValuePair<string, RecordFormat>>();
        foreach (var part in formats.EnumerateObject())
        {
            var sub = Parse(part.Value, catalog, zoneStyle);
            if (sub.Type == FormatType.Combined)
            {
                throw new RequestRejectedException($"combined format '{part.Name}' cannot contain another combined format");
            }

            parts.Add(new KeyValuePair<string, RecordFormat>(part.Name, sub));
        }

        return new RecordFormat { Type = FormatType.Combined, Parts = parts };
    }

    private static FormatType ReadType(JsonElement format) => format.StringMember("type") switch
    {
        null or "texts" => FormatType.Texts,
        "detailed" => FormatType.Detailed,
        "raw" => FormatType.Raw,
        "combined" => FormatType.Combined,
        var other => throw new RequestRejectedException($"unsupported format type '{other}' (the simulator knows texts, detailed, raw, combined)"),
    };

    private static KeyStyle ReadKeyStyle(JsonElement format) => format.StringMember("field_format") switch
    {
        null or "pretty" => KeyStyle.Pretty,
        "name" => KeyStyle.Name,
        "id" => KeyStyle.Id,
        var other => throw new RequestRejectedException($"unknown field_format '{other}' (valid: pretty, name, id)"),
    };

    private static List<int>? ReadSelection(JsonElement format, FieldCatalog catalog)
    {
        var selected = new List<int>();
        var anySelection = false;
        if (format.TryGetProperty("field_ids", out var ids) && ids.ValueKind == JsonValueKind.Array)
        {
            anySelection = ids.GetArrayLength() > 0;
            foreach (var id in ids.EnumerateArray())
            {
                if (!TryReadInt(id, out var value))
                {
                    throw new RequestRejectedException($"field_ids must hold integers, not {id.GetRawText()}");
                }

                if (!selected.Contains(value))
                {
                    selected.Add(value);
                }
            }
        }

        if (format.TryGetProperty("field_names", out var names) && names.ValueKind == JsonValueKind.Array)
        {
            anySelection |= names.GetArrayLength() > 0;
            foreach (var name in names.EnumerateArray())
            {
                if (name.ValueKind != JsonValueKind.String)
                {
                    throw new RequestRejectedException($"field_names must hold strings, not {name.GetRawText()}");
                }

                if (catalog.Find(name.GetString()!) is { } field && !selected.Contains(field.Id))
                {
                    selected.Add(field.Id);
                }
            }
        }

        return anySelection ? selected : null;
    }

    private static bool TryReadInt(JsonElement element, out int value)
    {
        value = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt32(out value),
            JsonValueKind.String => int.TryParse(element.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }
}
