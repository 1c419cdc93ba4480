using System;
using System.Collections.Generic;
using System.Linq;

using System.Management.Automation.Language;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Filters;

/// <summary>
/// Translates a scriptblock filter such as <c>{ $_.Src -eq '1.2.3.4' -and ($_.Service -in 'TCP/80','UDP/53' -or -not $_.Action) }</c>
/// to the SMC's filter JSON, once, from its syntax tree: the scriptblock is never run. Supported: <c>-eq</c>,
/// <c>-ne</c>, <c>-in</c>, <c>-notin</c>, <c>-contains</c>, <c>-notcontains</c>, <c>-like</c>, <c>-clike</c>,
/// <c>-notlike</c>, <c>-and</c>, <c>-or</c>, <c>-not</c>/<c>!</c>, parentheses, a bare <c>$_.Field</c> (the field
/// has a value), constants, arrays and the caller's variables. Anything else is an error that points at its text.
/// </summary>
internal static class ScriptBlockFilterTranslator
{
    /// <summary>Translates the syntax tree <paramref name="ast"/> of a filter scriptblock; <paramref name="readVariable"/> reads the caller's variables.</summary>
    public static SmcFilter Translate(ScriptBlockAst ast, Func<string, object?> readVariable)
    {
        var statements = ast.EndBlock?.Statements;
        if (ast.ParamBlock != null || ast.BeginBlock != null || ast.ProcessBlock != null || statements is null || statements.Count != 1)
        {
            throw Unsupported(ast, "a filter scriptblock holds one condition, for example { $_.Src -eq '10.0.0.1' }");
        }
        return new Translation(readVariable).Condition(Expression(statements[0]) ?? throw Unsupported(statements[0], "this is not a condition"));
    }

    private static ExpressionAst? Expression(Ast ast) =>
        ast is PipelineAst { PipelineElements.Count: 1 } pipeline && pipeline.PipelineElements[0] is CommandExpressionAst command ? command.Expression : null;

    private static SmcException Unsupported(Ast ast, string why) => FilterValueConverter.Invalid(
        SmcErrors.FilterUnsupported,
        $"The filter cannot run on the SMC: {why}. At line {ast.Extent.StartLineNumber}, column {ast.Extent.StartColumnNumber}: '{ast.Extent.Text}'. " +
        "Filter on the SMC with -eq, -ne, -in, -notin, -contains, -like, -and, -or, -not and $_.Field; for anything else pipe the records to Where-Object.");

    private sealed class Translation
    {
        private readonly Func<string, object?> _readVariable;

        public Translation(Func<string, object?> readVariable) => _readVariable = readVariable;

        public SmcFilter Condition(ExpressionAst ast)
        {
            switch (ast)
            {
                case ParenExpressionAst paren:
                    return Condition(Expression(paren.Pipeline) ?? throw Unsupported(paren, "parentheses must hold one condition"));
                case UnaryExpressionAst { TokenKind: TokenKind.Not or TokenKind.Exclaim } not:
                    return new NotFilter(Condition(not.Child));
                case MemberExpressionAst member when FieldName(member) is { } name:
                    return new DefinedFilter(FilterValue.Field(FilterFields.Resolve(name).Id));
                case BinaryExpressionAst binary:
                    return Binary(binary);
                default:
                    throw Unsupported(ast, "only comparisons of $_.Field with values, and their combinations, are conditions");
            }
        }

        private SmcFilter Binary(BinaryExpressionAst ast)
        {
            switch (ast.Operator)
            {
                case TokenKind.And:
                    return Flatten("and", ast);
                case TokenKind.Or:
                    return Flatten("or", ast);
                case TokenKind.Ieq:
                case TokenKind.Ceq:
                    return Compare(ast);
                case TokenKind.Ine:
                case TokenKind.Cne:
                    return new NotFilter(Compare(ast));
                case TokenKind.In:
                case TokenKind.Iin:
                case TokenKind.Cin:
                    return Membership(ast, ast.Left, ast.Right);
                case TokenKind.Inotin:
                case TokenKind.Cnotin:
                    return new NotFilter(Membership(ast, ast.Left, ast.Right));
                case TokenKind.Icontains:
                case TokenKind.Ccontains:
                    return Membership(ast, ast.Right, ast.Left);
                case TokenKind.Inotcontains:
                case TokenKind.Cnotcontains:
                    return new NotFilter(Membership(ast, ast.Right, ast.Left));
                case TokenKind.Ilike:
                    return Like(ast, caseSensitive: false);
                case TokenKind.Clike:
                    return Like(ast, caseSensitive: true);
                case TokenKind.Inotlike:
                case TokenKind.Cnotlike:
                    return new NotFilter(Like(ast, caseSensitive: ast.Operator == TokenKind.Cnotlike));
                default:
                    throw Unsupported(ast, $"the operator -{ast.Operator.ToString().TrimStart('I', 'C').ToLowerInvariant()} has no SMC filter form");
            }
        }

        private SmcFilter Flatten(string type, BinaryExpressionAst ast)
        {
            var operands = new List<SmcFilter>();
            void Add(ExpressionAst operand)
            {
                if (operand is BinaryExpressionAst inner && inner.Operator == ast.Operator) { Add(inner.Left); Add(inner.Right); }
                else { operands.Add(Condition(operand)); }
            }
            Add(ast);
            return new LogicalFilter(type, operands);
        }

        private SmcFilter Compare(BinaryExpressionAst ast)
        {
            var leftField = FieldName(ast.Left);
            var rightField = FieldName(ast.Right);
            if (leftField != null && rightField != null) { throw Unsupported(ast, "the SMC cannot compare one field with another"); }
            var field = leftField ?? rightField ?? throw Unsupported(ast, "one side must be a field, $_.Name");
            var values = Value(leftField != null ? ast.Right : ast.Left);
            return FilterValueConverter.AnyOf(FilterFields.Resolve(field), FilterValueConverter.Flatten(values, field));
        }

        /// <summary><paramref name="item"/> is one of <paramref name="collection"/>: a field in values, or a value in several fields.</summary>
        private SmcFilter Membership(BinaryExpressionAst ast, ExpressionAst item, ExpressionAst collection)
        {
            if (FieldName(item) is { } field)
            {
                if (FieldNames(collection) != null) { throw Unsupported(ast, "the SMC cannot compare one field with another"); }
                return FilterValueConverter.AnyOf(FilterFields.Resolve(field), FilterValueConverter.Flatten(Value(collection), field));
            }
            if (FieldNames(collection) is { } fields)
            {
                var joined = string.Join("|", fields);
                return HashtableFilterParser.FieldEntry(joined, Value(item));
            }
            throw Unsupported(ast, "one side must be a field ($_.Name) or a list of fields ($_.Src, $_.Dst)");
        }

        private SmcFilter Like(BinaryExpressionAst ast, bool caseSensitive)
        {
            var field = FieldName(ast.Left) ?? throw Unsupported(ast, "-like needs a field on the left");
            var patterns = FilterValueConverter.Flatten(Value(ast.Right), field);
            var definition = FilterValue.Field(FilterFields.Resolve(field).Id);
            return HashtableFilterParser.Combine("or", patterns
                .Select(p => (SmcFilter)new LikeFilter(caseSensitive, definition, HashtableFilterParser.WildcardToLike(Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture)!)))
                .ToList());
        }

        private object? Value(ExpressionAst ast)
        {
            switch (ast)
            {
                case StringConstantExpressionAst text:
                    return text.Value;
                case ConstantExpressionAst constant:
                    return constant.Value;
                case ArrayLiteralAst array:
                    return array.Elements.Select(Value).ToArray();
                case ArrayExpressionAst { SubExpression.Statements: var statements }:
                    return statements.Select(s => Value(Expression(s) ?? throw Unsupported(s, "an array holds values"))).ToArray();
                case ParenExpressionAst paren when Expression(paren.Pipeline) is { } inner:
                    return Value(inner);
                case UnaryExpressionAst { TokenKind: TokenKind.Minus, Child: ConstantExpressionAst number } when number.Value is int or long:
                    return -Convert.ToInt64(number.Value, System.Globalization.CultureInfo.InvariantCulture);
                case VariableExpressionAst variable when !IsCurrentItem(variable):
                    var name = variable.VariablePath.UserPath;
                    if (name.Equals("true", StringComparison.OrdinalIgnoreCase)) { return true; }
                    if (name.Equals("false", StringComparison.OrdinalIgnoreCase)) { return false; }
                    if (name.Equals("null", StringComparison.OrdinalIgnoreCase)) { return null; }
                    return _readVariable(name);
                case MemberExpressionAst member when FieldName(member) != null:
                    throw Unsupported(ast, "the SMC cannot compare one field with another");
                default:
                    throw Unsupported(ast, "values must be constants, arrays or variables (computed values and method calls cannot be sent to the SMC)");
            }
        }

        private static string? FieldName(ExpressionAst ast) =>
            ast is MemberExpressionAst { Static: false, Expression: VariableExpressionAst variable, Member: StringConstantExpressionAst member }
            && !(ast is InvokeMemberExpressionAst) && IsCurrentItem(variable)
                ? member.Value
                : null;

        private static List<string>? FieldNames(ExpressionAst ast)
        {
            var elements = ast switch
            {
                ArrayLiteralAst array => array.Elements.ToList(),
                ParenExpressionAst paren when Expression(paren.Pipeline) is ArrayLiteralAst inner => inner.Elements.ToList(),
                _ => null,
            };
            if (elements is null) { return null; }
            var names = elements.Select(FieldName).ToList();
            return names.All(n => n != null) ? names.Select(n => n!).ToList() : null;
        }

        private static bool IsCurrentItem(VariableExpressionAst variable) =>
            variable.VariablePath.UserPath is "_" || variable.VariablePath.UserPath.Equals("PSItem", StringComparison.OrdinalIgnoreCase);
    }
}
