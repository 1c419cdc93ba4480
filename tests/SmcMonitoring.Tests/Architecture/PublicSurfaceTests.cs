using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using SmcMonitoring.Records;
using Xunit;

namespace SmcMonitoring.Tests.Architecture;

/// <summary>
/// The module's public surface (every exported type and its public and protected members) against the snapshot in
/// PublicSurface.txt. A type or member that becomes public must be a decision: the failure shows the difference;
/// run the tests with SMCMON_ACCEPT_SURFACE=1 to write the new surface into the snapshot, and review that diff.
/// </summary>
public class PublicSurfaceTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void The_public_surface_is_the_one_in_the_snapshot()
    {
        var actual = Surface(typeof(SmcRecord).Assembly);
        var path = SnapshotPath();
        if (Environment.GetEnvironmentVariable("SMCMON_ACCEPT_SURFACE") == "1")
        {
            File.WriteAllLines(path, actual);
        }
        var expected = File.ReadAllLines(path);
        var added = actual.Except(expected).ToList();
        var removed = expected.Except(actual).ToList();
        Assert.True(added.Count == 0 && removed.Count == 0,
            "the public surface changed (SMCMON_ACCEPT_SURFACE=1 writes it to PublicSurface.txt):\n"
            + string.Join("\n", added.Select(a => "+ " + a).Concat(removed.Select(r => "- " + r))));
    }

    [Fact]
    public void The_engine_the_filters_and_the_session_internals_are_not_public()
    {
        var exported = typeof(SmcRecord).Assembly.GetExportedTypes().Select(t => t.Namespace).ToHashSet();
        Assert.DoesNotContain("SmcMonitoring.Queries", exported);
        Assert.DoesNotContain("SmcMonitoring.Protocol", exported);
        Assert.DoesNotContain("SmcMonitoring.Filters", exported);
    }

    private static string SnapshotPath([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "PublicSurface.txt");

    /// <summary>One line per exported type and per visible member, sorted, in C#-like signatures.</summary>
    internal static List<string> Surface(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            var name = Name(type);
            lines.Add($"{Kind(type)} {name}{(type.BaseType is { } b && b != typeof(object) && b != typeof(Enum) && b != typeof(ValueType) ? " : " + Name(b) : string.Empty)}");
            if (type.IsEnum)
            {
                lines.AddRange(Enum.GetNames(type).Select(n => $"{name}.{n}"));
                continue;
            }
            foreach (var member in type.GetMembers(Declared))
            {
                var line = Member(member);
                if (line != null) { lines.Add($"{name}::{line}"); }
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string? Member(MemberInfo member)
    {
        switch (member)
        {
            case ConstructorInfo c when Visible(c):
                return $"{Access(c)} .ctor({Parameters(c)})";
            case MethodInfo m when Visible(m) && !m.IsSpecialName:
                return $"{Access(m)} {(m.IsStatic ? "static " : string.Empty)}{Name(m.ReturnType)} {m.Name}({Parameters(m)})";
            case PropertyInfo p:
                var accessors = new[] { p.GetMethod, p.SetMethod }.Where(a => a != null && Visible(a)).ToList();
                if (accessors.Count == 0) { return null; }
                return $"{Access(accessors[0]!)} {Name(p.PropertyType)} {p.Name} {{ {string.Join(" ", accessors.Select(a => (a == p.GetMethod ? "get" : "set") + ";"))} }}";
            case FieldInfo f when (f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly) && !f.IsSpecialName:
                return $"{(f.IsPublic ? "public" : "protected")} {(f.IsStatic ? "static " : string.Empty)}{Name(f.FieldType)} {f.Name}";
            case EventInfo e when e.AddMethod != null && Visible(e.AddMethod):
                return $"{Access(e.AddMethod)} event {Name(e.EventHandlerType!)} {e.Name}";
            default:
                return null;
        }
    }

    private static bool Visible(MethodBase m) => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;

    private static string Access(MethodBase m) => m.IsPublic ? "public" : "protected";

    private static string Parameters(MethodBase m) => string.Join(", ", m.GetParameters().Select(p => Name(p.ParameterType)));

    private static string Kind(Type t) =>
        t.IsEnum ? "enum" : t.IsInterface ? "interface" : t.IsValueType ? "struct"
        : t.IsAbstract && t.IsSealed ? "static class" : t.IsAbstract ? "abstract class" : t.IsSealed ? "sealed class" : "class";

    private static string Name(Type t)
    {
        if (t.IsByRef) { return Name(t.GetElementType()!) + "&"; }
        if (t.IsArray) { return Name(t.GetElementType()!) + "[]"; }
        if (t.IsGenericParameter) { return t.Name; }
        var name = (t.IsNested ? Name(t.DeclaringType!) + "." + t.Name : t.FullName ?? t.Name);
        if (!t.IsGenericType) { return name; }
        var tick = name.IndexOf('`');
        return (tick < 0 ? name : name.Substring(0, tick)) + "<" + string.Join(", ", t.GetGenericArguments().Select(Name)) + ">";
    }
}
