using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace PxeRules.Tests.PublicApi;

/// <summary>
/// Writes the public API of an assembly in the line format of Microsoft.CodeAnalysis.PublicApiAnalyzers
/// (<c>PublicAPI.Shipped.txt</c> / <c>PublicAPI.Unshipped.txt</c>), with nullable annotations.
/// </summary>
internal static class PublicApiText
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static IReadOnlyList<string> Lines(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            lines.AddRange(TypeLines(type));
        }

        return lines.Distinct().OrderBy(l => l, StringComparer.Ordinal).ToArray();
    }

    private static IEnumerable<string> TypeLines(Type type)
    {
        var name = TypeName(type, null, declaration: true);
        yield return name;
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                yield return $"{name}.{field.Name} = {Convert.ToInt64(field.GetRawConstantValue())} -> {name}";
            }

            yield break;
        }

        if (type.IsValueType && !type.GetConstructors().Any(c => c.GetParameters().Length == 0))
        {
            yield return $"{name}.{Simple(type)}() -> void";
        }

        foreach (var constructor in type.GetConstructors(flags))
        {
            yield return $"{name}.{Simple(type)}({Parameters(constructor)}) -> void";
        }

        foreach (var field in type.GetFields(flags))
        {
            if (field.IsLiteral)
            {
                yield return $"const {name}.{field.Name} = {Literal(field.GetRawConstantValue())} -> {TypeName(field.FieldType, Nullability.Create(field))}";
            }
            else
            {
                yield return $"{(field.IsStatic ? "static " : string.Empty)}{(field.IsInitOnly ? "readonly " : string.Empty)}{name}.{field.Name} -> {TypeName(field.FieldType, Nullability.Create(field))}";
            }
        }

        foreach (var property in type.GetProperties(flags))
        {
            foreach (var accessor in new[] { property.GetMethod, property.SetMethod })
            {
                if (accessor is null || !(accessor.IsPublic || accessor.IsFamily || accessor.IsFamilyOrAssembly)) continue;
                var isInit = accessor == property.SetMethod && accessor.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit");
                var kind = accessor == property.GetMethod ? "get" : isInit ? "init" : "set";
                var returns = kind == "get" ? TypeName(property.PropertyType, Nullability.Create(property)) : "void";
                var indexer = property.GetIndexParameters().Length > 0 ? $"this[{Parameters(accessor, property.GetIndexParameters().Length)}]" : property.Name;
                yield return $"{Modifiers(accessor, type)}{name}.{indexer}.{kind} -> {returns}";
            }
        }

        foreach (var method in type.GetMethods(flags))
        {
            if (method.IsSpecialName && !method.Name.StartsWith("op_", StringComparison.Ordinal)) continue;
            if (!(method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly)) continue;
            var methodName = method.Name.StartsWith("op_", StringComparison.Ordinal) ? Operator(method.Name) : method.Name;
            var generic = method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;
            var extension = method.IsDefined(typeof(ExtensionAttribute), false) ? "this " : string.Empty;
            yield return $"{Modifiers(method, type)}{name}.{methodName}{generic}({extension}{Parameters(method)}) -> {TypeName(method.ReturnType, Nullability.Create(method.ReturnParameter))}";
        }
    }

    private static string Modifiers(MethodInfo method, Type type)
    {
        if (method.IsStatic) return "static ";
        if (type.IsInterface) return method.IsAbstract ? string.Empty : "virtual ";
        if (method.IsAbstract) return "abstract ";
        var isOverride = method.GetBaseDefinition().DeclaringType != method.DeclaringType;
        if (isOverride) return method.IsFinal ? "sealed override " : "override ";
        if (method.IsVirtual && !method.IsFinal) return "virtual ";
        return string.Empty;
    }

    private static string Operator(string name) => name switch
    {
        "op_Equality" => "operator ==",
        "op_Inequality" => "operator !=",
        "op_Implicit" => "implicit operator",
        "op_Explicit" => "explicit operator",
        _ => name,
    };

    private static string Parameters(MethodBase method, int? count = null) =>
        string.Join(", ", method.GetParameters().Take(count ?? int.MaxValue).Select(p =>
        {
            var prefix = p.IsDefined(typeof(ParamArrayAttribute), false) ? "params " : p.IsOut ? "out " : p.ParameterType.IsByRef ? (p.IsIn ? "in " : "ref ") : string.Empty;
            var type = p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType;
            var tupleNames = p.GetCustomAttribute<TupleElementNamesAttribute>()?.TransformNames;
            var text = $"{prefix}{TypeName(type, Nullability.Create(p), tupleNames: tupleNames)} {p.Name}";
            if (p.HasDefaultValue)
            {
                text += " = " + (p.DefaultValue is null ? (type.IsValueType && Nullable.GetUnderlyingType(type) is null ? "default(" + TypeName(type, null) + ")" : "null")
                    : type.IsEnum ? TypeName(type, null) + "." + Enum.GetName(type, p.DefaultValue) : Literal(p.DefaultValue));
            }

            return text;
        }));

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    private static string Simple(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`');
        return tick >= 0 ? name.Substring(0, tick) : name;
    }

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(string)] = "string", [typeof(object)] = "object", [typeof(bool)] = "bool", [typeof(int)] = "int",
        [typeof(long)] = "long", [typeof(double)] = "double", [typeof(void)] = "void", [typeof(byte)] = "byte",
        [typeof(char)] = "char", [typeof(float)] = "float", [typeof(decimal)] = "decimal", [typeof(uint)] = "uint",
        [typeof(ulong)] = "ulong", [typeof(short)] = "short", [typeof(ushort)] = "ushort", [typeof(sbyte)] = "sbyte",
    };

    public static string TypeName(Type type, NullabilityInfo? nullability, bool declaration = false, IList<string?>? tupleNames = null)
    {
        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword + (type.IsValueType || declaration ? string.Empty : Annotation(nullability));
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying, null) + "?";
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!, nullability?.ElementType, tupleNames: tupleNames) + "[]" + Annotation(nullability);
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsGenericType && type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true)
        {
            var arguments = type.GetGenericArguments();
            var names = nullability?.GenericTypeArguments;
            return "(" + string.Join(", ", arguments.Select((a, i) => TypeName(a, names is null || names.Length <= i ? null : names[i])
                + (tupleNames is not null && i < tupleNames.Count && tupleNames[i] is { } element ? " " + element : string.Empty))) + ")";
        }

        var builder = new StringBuilder();
        builder.Append(type.IsNested ? TypeName(type.DeclaringType!, null, declaration: true) + "." : type.Namespace + ".");
        builder.Append(Simple(type));
        if (type.IsGenericType)
        {
            var arguments = type.GetGenericArguments();
            var inner = nullability?.GenericTypeArguments;
            builder.Append('<').Append(string.Join(", ", arguments.Select((a, i) => TypeName(a, inner is null || inner.Length <= i ? null : inner[i])))).Append('>');
        }

        if (!type.IsValueType && !declaration)
        {
            builder.Append(Annotation(nullability));
        }

        return builder.ToString();
    }

    private static string Annotation(NullabilityInfo? nullability) => nullability?.ReadState switch
    {
        NullabilityState.NotNull => "!",
        NullabilityState.Nullable => "?",
        _ => nullability is null ? "!" : "~",
    };
}
