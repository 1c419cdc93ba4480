using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;

namespace SmcMonitoring.Tests.Packaging;

/// <summary>
/// The assemblies the runtime must load to load a type of one assembly: those of its base types, interfaces and
/// value-type fields (with their type arguments), through the assembly's own types that those name. Read from
/// metadata, so an assembly that .NET 10 maps elsewhere (System.Memory into CoreLib) keeps the name it has on
/// .NET Framework.
/// </summary>
internal sealed class TypeLoadRequirements
{
    private readonly MetadataReader _metadata;
    private readonly TypeUseProvider _provider;

    public TypeLoadRequirements(MetadataReader metadata)
    {
        _metadata = metadata;
        _provider = new TypeUseProvider(metadata);
    }

    /// <summary>The types a caller of <c>Assembly.GetExportedTypes</c> receives: public, and nested only in public types.</summary>
    public IEnumerable<TypeDefinitionHandle> ExportedTypes() => _metadata.TypeDefinitions.Where(IsExported);

    /// <summary>The other assemblies loading <paramref name="type"/> needs.</summary>
    public ISet<string> AssembliesFor(TypeDefinitionHandle type)
    {
        var assemblies = new SortedSet<string>(System.StringComparer.OrdinalIgnoreCase);
        Visit(type, new HashSet<TypeDefinitionHandle>(), assemblies);
        return assemblies;
    }

    private bool IsExported(TypeDefinitionHandle handle)
    {
        var definition = _metadata.GetTypeDefinition(handle);
        var visibility = definition.Attributes & TypeAttributes.VisibilityMask;
        if (visibility == TypeAttributes.Public) { return true; }
        return visibility == TypeAttributes.NestedPublic && IsExported(definition.GetDeclaringType());
    }

    private void Visit(TypeDefinitionHandle handle, HashSet<TypeDefinitionHandle> visited, ISet<string> assemblies)
    {
        if (!visited.Add(handle)) { return; }
        var definition = _metadata.GetTypeDefinition(handle);
        if (!definition.GetDeclaringType().IsNil) { Visit(definition.GetDeclaringType(), visited, assemblies); }
        if (!definition.BaseType.IsNil) { Require(Decode(definition.BaseType), visited, assemblies); }
        foreach (var implementation in definition.GetInterfaceImplementations())
        {
            Require(Decode(_metadata.GetInterfaceImplementation(implementation).Interface), visited, assemblies);
        }
        foreach (var fieldHandle in definition.GetFields())
        {
            var field = _metadata.GetFieldDefinition(fieldHandle);
            if ((field.Attributes & FieldAttributes.Literal) != 0) { continue; }
            // A reference-type field is a pointer to the loader; a value-type field is laid out inside the type.
            var fieldType = field.DecodeSignature(_provider, null);
            if (fieldType.IsValueType) { Require(fieldType, visited, assemblies); }
        }
    }

    private void Require(TypeUse type, HashSet<TypeDefinitionHandle> visited, ISet<string> assemblies)
    {
        if (type.Assembly is null)
        {
            if (!type.Definition.IsNil) { Visit(type.Definition, visited, assemblies); }
        }
        else
        {
            assemblies.Add(type.Assembly);
        }
        foreach (var argument in type.Arguments) { Require(argument, visited, assemblies); }
    }

    private TypeUse Decode(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => _provider.GetTypeFromDefinition(_metadata, (TypeDefinitionHandle)handle, 0),
        HandleKind.TypeReference => _provider.GetTypeFromReference(_metadata, (TypeReferenceHandle)handle, 0),
        _ => _provider.GetTypeFromSpecification(_metadata, null, (TypeSpecificationHandle)handle, 0),
    };

    /// <summary>A type as a signature names it: its assembly (null for this one), whether it is a value type, its arguments.</summary>
    private sealed record TypeUse(string? Assembly, TypeDefinitionHandle Definition, bool IsValueType, ImmutableArray<TypeUse> Arguments)
    {
        public static TypeUse Platform(bool isValueType) => new("netstandard", default, isValueType, ImmutableArray<TypeUse>.Empty);
    }

    private sealed class TypeUseProvider : ISignatureTypeProvider<TypeUse, object?>
    {
        private readonly MetadataReader _metadata;

        public TypeUseProvider(MetadataReader metadata) => _metadata = metadata;

        public TypeUse GetPrimitiveType(PrimitiveTypeCode typeCode) =>
            TypeUse.Platform(typeCode is not (PrimitiveTypeCode.String or PrimitiveTypeCode.Object));

        public TypeUse GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            new(null, handle, rawTypeKind == (byte)SignatureTypeKind.ValueType, ImmutableArray<TypeUse>.Empty);

        public TypeUse GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var isValueType = rawTypeKind == (byte)SignatureTypeKind.ValueType;
            var reference = reader.GetTypeReference(handle);
            switch (reference.ResolutionScope.Kind)
            {
                case HandleKind.AssemblyReference:
                    var assembly = reader.GetAssemblyReference((AssemblyReferenceHandle)reference.ResolutionScope);
                    return new(reader.GetString(assembly.Name), default, isValueType, ImmutableArray<TypeUse>.Empty);
                case HandleKind.TypeReference:
                    var outer = GetTypeFromReference(reader, (TypeReferenceHandle)reference.ResolutionScope, 0);
                    return outer with { IsValueType = isValueType };
                default:
                    var local = reader.TypeDefinitions.FirstOrDefault(h =>
                        reader.StringComparer.Equals(reader.GetTypeDefinition(h).Name, reader.GetString(reference.Name))
                        && reader.StringComparer.Equals(reader.GetTypeDefinition(h).Namespace, reader.GetString(reference.Namespace)));
                    return new(null, local, isValueType, ImmutableArray<TypeUse>.Empty);
            }
        }

        public TypeUse GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public TypeUse GetGenericInstantiation(TypeUse genericType, ImmutableArray<TypeUse> typeArguments) =>
            genericType with { Arguments = typeArguments };

        // An array is a reference type; its element matters only as a type argument, where it is kept.
        public TypeUse GetSZArrayType(TypeUse elementType) => TypeUse.Platform(false) with { Arguments = ImmutableArray.Create(elementType) };

        public TypeUse GetArrayType(TypeUse elementType, ArrayShape shape) => GetSZArrayType(elementType);

        public TypeUse GetPointerType(TypeUse elementType) => TypeUse.Platform(true);

        public TypeUse GetByReferenceType(TypeUse elementType) => TypeUse.Platform(true);

        public TypeUse GetFunctionPointerType(MethodSignature<TypeUse> signature) => TypeUse.Platform(true);

        public TypeUse GetGenericTypeParameter(object? genericContext, int index) => TypeUse.Platform(false);

        public TypeUse GetGenericMethodParameter(object? genericContext, int index) => TypeUse.Platform(false);

        public TypeUse GetModifiedType(TypeUse modifier, TypeUse unmodifiedType, bool isRequired) => unmodifiedType;

        public TypeUse GetPinnedType(TypeUse elementType) => elementType;
    }
}
