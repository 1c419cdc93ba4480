using System.Collections.Generic;
using System.Text.Json;

namespace SmcMonitoring.Filters;

/// <summary><c>in</c>: the left value equals any value on the right (docs/protocol.md 5.1).</summary>
internal sealed class InFilter : SmcFilter
{
    /// <summary>Creates the node.</summary>
    public InFilter(FilterValue left, IReadOnlyList<FilterValue> right)
    {
        Left = left;
        Right = right;
    }

    /// <summary>The left value (usually a field).</summary>
    public FilterValue Left { get; }

    /// <summary>The values on the right.</summary>
    public IReadOnlyList<FilterValue> Right { get; }

    /// <inheritdoc/>
    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "in");
        writer.WritePropertyName("left");
        Left.WriteTo(writer);
        writer.WriteStartArray("right");
        foreach (var value in Right) { value.WriteTo(writer); }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

/// <summary><c>and</c> / <c>or</c>: all or any of several filters.</summary>
internal sealed class LogicalFilter : SmcFilter
{
    /// <summary>Creates the node; <paramref name="type"/> is <c>and</c> or <c>or</c>.</summary>
    public LogicalFilter(string type, IReadOnlyList<SmcFilter> values)
    {
        Type = type;
        Values = values;
    }

    /// <summary><c>and</c> or <c>or</c>.</summary>
    public string Type { get; }

    /// <summary>The filters combined.</summary>
    public IReadOnlyList<SmcFilter> Values { get; }

    /// <inheritdoc/>
    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", Type);
        writer.WriteStartArray("values");
        foreach (var value in Values) { value.WriteTo(writer); }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

/// <summary><c>not</c>: negation of one filter.</summary>
internal sealed class NotFilter : SmcFilter
{
    /// <summary>Creates the node.</summary>
    public NotFilter(SmcFilter value) => Value = value;

    /// <summary>The negated filter.</summary>
    public SmcFilter Value { get; }

    /// <inheritdoc/>
    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "not");
        writer.WritePropertyName("value");
        Value.WriteTo(writer);
        writer.WriteEndObject();
    }
}

/// <summary><c>defined</c>: the field has a value.</summary>
internal sealed class DefinedFilter : SmcFilter
{
    /// <summary>Creates the node.</summary>
    public DefinedFilter(FilterValue value) => Value = value;

    /// <summary>The field.</summary>
    public FilterValue Value { get; }

    /// <inheritdoc/>
    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "defined");
        writer.WritePropertyName("value");
        Value.WriteTo(writer);
        writer.WriteEndObject();
    }
}

/// <summary><c>translated</c>: an expression in the SMC's filter language, passed through.</summary>
internal sealed class TranslatedFilter : SmcFilter
{
    /// <summary>Creates the node.</summary>
    public TranslatedFilter(string expression) => Expression = expression;

    /// <summary>The expression, for example <c>$Dst IN union(ipv4_net("192.168.4.0/24"))</c>.</summary>
    public string Expression { get; }

    /// <inheritdoc/>
    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "translated");
        writer.WriteString("value", Expression);
        writer.WriteEndObject();
    }
}

/// <summary><c>expression</c>: a Filter element stored in the SMC, by href.</summary>
internal sealed class StoredFilter : SmcFilter
{
    /// <summary>Creates the node.</summary>
    public StoredFilter(string href) => Href = href;

    /// <summary>The href of the filter element.</summary>
    public string Href { get; }

    /// <inheritdoc/>
    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "expression");
        writer.WriteString("href", Href);
        writer.WriteEndObject();
    }
}

/// <summary><c>ci_like</c> / <c>cs_like</c>: a LIKE match (<c>%</c> any text, <c>_</c> one character).</summary>
internal sealed class LikeFilter : SmcFilter
{
    /// <summary>Creates the node.</summary>
    public LikeFilter(bool caseSensitive, FilterValue left, string pattern)
    {
        CaseSensitive = caseSensitive;
        Left = left;
        Pattern = pattern;
    }

    /// <summary>True for <c>cs_like</c>.</summary>
    public bool CaseSensitive { get; }

    /// <summary>The field.</summary>
    public FilterValue Left { get; }

    /// <summary>The LIKE pattern.</summary>
    public string Pattern { get; }

    /// <inheritdoc/>
    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", CaseSensitive ? "cs_like" : "ci_like");
        writer.WritePropertyName("left");
        Left.WriteTo(writer);
        writer.WritePropertyName("right");
        FilterValue.String(Pattern).WriteTo(writer);
        writer.WriteEndObject();
    }
}
