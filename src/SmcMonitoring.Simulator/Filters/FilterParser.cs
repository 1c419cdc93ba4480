using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmcMonitoring.Simulator.Fields;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Filters;

/// <summary>Compiles a <c>query.filter</c> tree (docs/protocol.md 5) against a record shape; anything it cannot evaluate is rejected.</summary>
internal sealed class FilterParser
{
    private readonly RecordShape shape;
    private readonly FieldCatalog catalog;
    private readonly Func<string, FilterValue?>? elements;

    /// <param name="shape">The fields of the records filtered.</param>
    /// <param name="catalog">The field catalogue.</param>
    /// <param name="elements">The value an element href stands for (an engine's senders), null for an href it does not know.</param>
    public FilterParser(RecordShape shape, FieldCatalog catalog, Func<string, FilterValue?>? elements = null)
    {
        this.shape = shape;
        this.catalog = catalog;
        this.elements = elements;
    }

    public RecordFilter Parse(JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException($"a filter node must be an object, not {node.GetRawText()}");
        }

        var type = node.StringMember("type");
        return type switch
        {
            "and" => new AllFilter(ParseChildren(node)),
            "or" => new AnyFilter(ParseChildren(node)),
            "not" => new NotFilter(Parse(Required(node, "value"))),
            "defined" => new DefinedFilter(ParseFieldSlot(Required(node, "value"), "defined")),
            "in" => ParseIn(node),
            "translated" => new TranslatedExpressionParser(shape, catalog).Parse(node.StringMember("value")
                ?? throw new RequestRejectedException("a translated filter needs a string 'value'")),
            "cs_like" => ParseLike(node, RegexOptions.None),
            "ci_like" => ParseLike(node, RegexOptions.IgnoreCase),
            "expression" => throw new RequestRejectedException("filter type 'expression' refers to a Filter element, which the simulator does not have"),
            null => throw new RequestRejectedException("a filter node needs a 'type'"),
            _ => throw new RequestRejectedException($"unknown filter type '{type}'"),
        };
    }

    /// <summary>The slot of a field by catalog id or name; unknown ids just never match, unknown names are an error.</summary>
    public int SlotOf(JsonElement fieldNode)
    {
        if (fieldNode.TryGetProperty("id", out var id) && id.TryGetInt32(out var fieldId))
        {
            return shape.SlotOf(fieldId);
        }

        var name = fieldNode.StringMember("name")
            ?? throw new RequestRejectedException($"a field value needs an 'id' or a 'name': {fieldNode.GetRawText()}");
        var field = catalog.Find(name) ?? throw new RequestRejectedException($"unknown field name '{name}'");
        return shape.SlotOf(field.Id);
    }

    private RecordFilter[] ParseChildren(JsonElement node)
    {
        var values = Required(node, "values");
        if (values.ValueKind != JsonValueKind.Array)
        {
            throw new RequestRejectedException($"'{node.StringMember("type")}' needs a 'values' array");
        }

        var children = new List<RecordFilter>();
        foreach (var child in values.EnumerateArray())
        {
            children.Add(Parse(child));
        }

        return children.ToArray();
    }

    private RecordFilter ParseIn(JsonElement node)
    {
        var left = Required(node, "left");
        var right = Required(node, "right");
        if (right.ValueKind != JsonValueKind.Array)
        {
            throw new RequestRejectedException("'in' needs a 'right' array");
        }

        if (IsField(left))
        {
            var values = new List<FilterValue>();
            foreach (var item in right.EnumerateArray())
            {
                values.Add(ParseValue(item));
            }

            return new FieldInValuesFilter(SlotOf(left), values.ToArray());
        }

        var slots = new List<int>();
        foreach (var item in right.EnumerateArray())
        {
            if (!IsField(item))
            {
                throw new RequestRejectedException("'in' needs a field on the left or fields on the right");
            }

            slots.Add(SlotOf(item));
        }

        return new ValueInFieldsFilter(ParseValue(left), slots.ToArray());
    }

    private RecordFilter ParseLike(JsonElement node, RegexOptions options)
    {
        var left = Required(node, "left");
        var right = Required(node, "right");
        var pattern = right.StringMember("value");
        if (!IsField(left) || pattern is null)
        {
            throw new RequestRejectedException($"'{node.StringMember("type")}' needs a field on the left and a string value on the right");
        }

        var expression = "^" + Regex.Escape(pattern).Replace("%", ".*", System.StringComparison.Ordinal).Replace("_", ".", System.StringComparison.Ordinal) + "$";
        return new LikeFilter(SlotOf(left), new Regex(expression, options | RegexOptions.Singleline | RegexOptions.CultureInvariant));
    }

    private int ParseFieldSlot(JsonElement node, string filterType) =>
        IsField(node) ? SlotOf(node) : throw new RequestRejectedException($"'{filterType}' needs a field value");

    private FilterValue ParseValue(JsonElement node)
    {
        var type = node.StringMember("type");
        var value = node.ValueKind == JsonValueKind.Object && node.TryGetProperty("value", out var v) ? v : default;
        return type switch
        {
            "ip" => IpFilterValue.Parse(Text(value, type)),
            "number" or "constant" => new NumberFilterValue(Number(value, type)),
            "string" => new StringFilterValue(Text(value, type)),
            "service" => new ServiceFilterValue(Text(value, type), shape),
            "element" => (node.StringMember("href") is { } href ? elements?.Invoke(href) : null)
                ?? throw new RequestRejectedException($"element {node.StringMember("href") ?? "without an href"} is not an engine of this SMC; the simulator knows engine elements only"),
            "field" => throw new RequestRejectedException("'in' compares one field with values, not two fields"),
            _ => throw new RequestRejectedException($"unknown filter value {node.GetRawText()}"),
        };
    }

    private static string Text(JsonElement value, string type) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new RequestRejectedException($"a {type} value needs a string 'value'");

    private static long Number(JsonElement value, string type)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw new RequestRejectedException($"a {type} value needs an integer 'value', not {(value.ValueKind == JsonValueKind.Undefined ? "nothing" : value.GetRawText())}");
    }

    private static bool IsField(JsonElement node) => node.StringMember("type") == "field";

    private static JsonElement Required(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) ? value : throw new RequestRejectedException($"filter '{node.StringMember("type")}' needs '{name}'");
}
