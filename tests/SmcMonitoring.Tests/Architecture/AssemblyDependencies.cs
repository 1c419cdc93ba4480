using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace SmcMonitoring.Tests.Architecture;

/// <summary>
/// Every type a type of an assembly uses: in its signatures (base type, interfaces, fields, properties, events,
/// method parameters and returns, generic arguments and constraints, attributes) and in its method bodies (locals and
/// every type, method and field token of the IL). Compiler-generated nested types (closures, async state machines)
/// count for the type that declares them.
/// </summary>
internal static class AssemblyDependencies
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => op.Value, op => op.OperandType);

    /// <summary>The types <paramref name="type"/> depends on, each with where the use was found.</summary>
    public static IEnumerable<(Type Used, string Where)> Of(Type type)
    {
        var found = new List<(Type, string)>();
        void Add(Type? used, string where)
        {
            if (used is null) { return; }
            foreach (var part in Expand(used)) { found.Add((part, where)); }
        }

        Add(type.BaseType, "base type");
        foreach (var i in type.GetInterfaces()) { Add(i, "interface"); }
        foreach (var a in type.GetCustomAttributesData()) { Add(a.AttributeType, "attribute"); }
        foreach (var field in type.GetFields(Everything)) { Add(field.FieldType, $"field {field.Name}"); }
        foreach (var property in type.GetProperties(Everything))
        {
            Add(property.PropertyType, $"property {property.Name}");
            foreach (var a in property.GetCustomAttributesData()) { Add(a.AttributeType, $"attribute of {property.Name}"); }
        }
        foreach (var e in type.GetEvents(Everything)) { Add(e.EventHandlerType, $"event {e.Name}"); }
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            var where = $"method {method.Name}";
            if (method is MethodInfo info) { Add(info.ReturnType, where); }
            foreach (var p in method.GetParameters()) { Add(p.ParameterType, where); }
            foreach (var a in method.GetCustomAttributesData()) { Add(a.AttributeType, where); }
            foreach (var used in BodyTypes(method)) { Add(used, $"body of {method.Name}"); }
        }
        return found;
    }

    /// <summary>The type itself and every type it is made of (element types, generic arguments).</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.IsGenericParameter)
        {
            foreach (var c in type.GetGenericParameterConstraints()) { foreach (var t in Expand(c)) { yield return t; } }
            yield break;
        }
        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType()!)) { yield return t; }
            yield break;
        }
        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments()) { foreach (var t in Expand(argument)) { yield return t; } }
        }
    }

    private static IEnumerable<Type> BodyTypes(MethodBase method)
    {
        MethodBody? body;
        try { body = method.GetMethodBody(); }
        catch (BadImageFormatException) { yield break; }
        if (body is null) { yield break; }
        foreach (var local in body.LocalVariables) { yield return local.LocalType; }
        var il = body.GetILAsByteArray() ?? Array.Empty<byte>();
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            short code = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var operand = OperandTypes[code];
            switch (operand)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: at += 1; break;
                case OperandType.InlineVar: at += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: at += 8; break;
                case OperandType.InlineSwitch: at += 4 + 4 * BitConverter.ToInt32(il, at); break;
                case OperandType.InlineType or OperandType.InlineTok or OperandType.InlineMethod or OperandType.InlineField:
                    var token = BitConverter.ToInt32(il, at);
                    at += 4;
                    foreach (var t in Resolve(method.Module, token, typeArguments, methodArguments)) { yield return t; }
                    break;
                default: at += 4; break;
            }
        }
    }

    private static IEnumerable<Type> Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        MemberInfo? member;
        try { member = module.ResolveMember(token, typeArguments, methodArguments); }
        catch (ArgumentException) { yield break; }
        switch (member)
        {
            case Type t: yield return t; break;
            case FieldInfo f:
                yield return f.DeclaringType!;
                yield return f.FieldType;
                break;
            case MethodBase m:
                yield return m.DeclaringType!;
                if (m is MethodInfo mi)
                {
                    yield return mi.ReturnType;
                    if (mi.IsGenericMethod) { foreach (var a in mi.GetGenericArguments()) { yield return a; } }
                }
                foreach (var p in m.GetParameters()) { yield return p.ParameterType; }
                break;
        }
    }
}
