using System;
using System.Collections.Generic;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary>Builds a record of the catalogue's shape; a field whose value is not set is left out.</summary>
internal sealed class RecordBuilder
{
    private readonly Dictionary<string, object?> fields = new(StringComparer.Ordinal);

    public RecordBuilder Add(string name, object? value)
    {
        if (value is not null)
        {
            fields[name] = value;
        }

        return this;
    }

    public IReadOnlyDictionary<string, object?> Build() => fields;
}
