using System;
using System.Collections.Generic;
using System.Globalization;
using SmcMonitoring.Simulator.Fields;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Filters;

/// <summary>
/// Evaluates the part of the SMC filter language that clients generate (docs/protocol.md 5.4): clauses joined by OR,
/// each <c>$Field == number|"string"|ipv4("a")</c> or <c>$Field IN union(ipv4("a"),ipv4_net("n"),...)</c> or
/// <c>$Field IN range(ipv4("a"),ipv4("b"))</c>. Anything else is rejected rather than guessed at.
/// </summary>
internal sealed class TranslatedExpressionParser
{
    private readonly RecordShape shape;
    private readonly FieldCatalog catalog;
    private string expression = string.Empty;
    private List<string> tokens = new();
    private int position;

    public TranslatedExpressionParser(RecordShape shape, FieldCatalog catalog)
    {
        this.shape = shape;
        this.catalog = catalog;
    }

    public RecordFilter Parse(string text)
    {
        expression = text;
        tokens = Tokenize(text);
        position = 0;
        var clauses = new List<RecordFilter> { ParseClause() };
        while (Peek() is { } word && word.Equals("OR", StringComparison.OrdinalIgnoreCase))
        {
            position++;
            clauses.Add(ParseClause());
        }

        if (Peek() is { } extra)
        {
            throw Unsupported($"unexpected '{extra}'");
        }

        return clauses.Count == 1 ? clauses[0] : new AnyFilter(clauses.ToArray());
    }

    private RecordFilter ParseClause()
    {
        var fieldToken = Next();
        if (fieldToken.Length < 2 || fieldToken[0] != '$')
        {
            throw Unsupported($"expected a $Field, found '{fieldToken}'");
        }

        var name = fieldToken[1..];
        var field = catalog.Find(name) ?? throw Unsupported($"unknown field '{name}'");
        var slot = shape.SlotOf(field.Id);
        var operation = Next();
        if (operation == "==")
        {
            return new FieldInValuesFilter(slot, new[] { ParseScalar() });
        }

        if (operation.Equals("IN", StringComparison.OrdinalIgnoreCase))
        {
            return new FieldInValuesFilter(slot, ParseSet());
        }

        throw Unsupported($"expected == or IN after ${name}, found '{operation}'");
    }

    private FilterValue ParseScalar()
    {
        var token = Next();
        if (token.Equals("ipv4", StringComparison.OrdinalIgnoreCase))
        {
            return IpFilterValue.Parse(ParseCallArgument());
        }

        if (token.Length >= 2 && token[0] == '"' && token[^1] == '"')
        {
            return new StringFilterValue(token[1..^1]);
        }

        if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return new NumberFilterValue(number);
        }

        throw Unsupported($"expected a number, a \"string\" or ipv4(...), found '{token}'");
    }

    private FilterValue[] ParseSet()
    {
        var function = Next();
        Expect("(");
        if (function.Equals("range", StringComparison.OrdinalIgnoreCase))
        {
            var first = ParseAddress();
            Expect(",");
            var last = ParseAddress();
            Expect(")");
            return new FilterValue[] { IpFilterValue.Range(first, last) };
        }

        if (!function.Equals("union", StringComparison.OrdinalIgnoreCase))
        {
            throw Unsupported($"expected union(...) or range(...), found '{function}'");
        }

        var members = new List<FilterValue>();
        do
        {
            var kind = Next();
            if (!kind.Equals("ipv4", StringComparison.OrdinalIgnoreCase) && !kind.Equals("ipv4_net", StringComparison.OrdinalIgnoreCase))
            {
                throw Unsupported($"expected ipv4(...) or ipv4_net(...) in union, found '{kind}'");
            }

            members.Add(IpFilterValue.Parse(ParseCallArgument()));
        }
        while (TryTake(","));

        Expect(")");
        return members.ToArray();
    }

    private IpValue ParseAddress()
    {
        var kind = Next();
        if (!kind.Equals("ipv4", StringComparison.OrdinalIgnoreCase))
        {
            throw Unsupported($"expected ipv4(...) in range, found '{kind}'");
        }

        var text = ParseCallArgument();
        return IpValue.TryParse(text, out var address) ? address : throw Unsupported($"'{text}' is not an IPv4 address");
    }

    /// <summary>Reads <c>( argument )</c>; the argument may be quoted or, as in one example of the core library, bare.</summary>
    private string ParseCallArgument()
    {
        Expect("(");
        var argument = Next();
        Expect(")");
        return argument.Length >= 2 && argument[0] == '"' && argument[^1] == '"' ? argument[1..^1] : argument;
    }

    private void Expect(string token)
    {
        var found = Next();
        if (found != token)
        {
            throw Unsupported($"expected '{token}', found '{found}'");
        }
    }

    private bool TryTake(string token)
    {
        if (Peek() == token)
        {
            position++;
            return true;
        }

        return false;
    }

    private string? Peek() => position < tokens.Count ? tokens[position] : null;

    private string Next() => position < tokens.Count ? tokens[position++] : throw Unsupported("unexpected end");

    private RequestRejectedException Unsupported(string problem) =>
        new($"unsupported translated filter expression '{expression}': {problem}");

    private static List<string> Tokenize(string text)
    {
        var result = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',')
            {
                result.Add(c.ToString());
                i++;
            }
            else if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                end = end < 0 ? text.Length - 1 : end;
                result.Add(text[i..(end + 1)]);
                i = end + 1;
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var start = i;
                while (i < text.Length && text[i] is '=' or '!' or '<' or '>')
                {
                    i++;
                }

                result.Add(text[start..i]);
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or ',' or '"' or '=' or '!' or '<' or '>'))
                {
                    i++;
                }

                result.Add(text[start..i]);
            }
        }

        return result;
    }
}
