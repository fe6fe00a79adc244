using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Json.Schema;
using PxeRules.Loading;
using Xunit;

namespace PxeRules.Tests.Loading;

/// <summary>The JSON Schema editors use says what the loader says.</summary>
public class SchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Repository.Path("schemas", "rule.schema.json")));

    /// <summary>Reads YAML the way the loader does (plain scalars typed, quoted ones strings) into JSON documents.</summary>
    private static IEnumerable<JsonNode?> Documents(string yaml, string source)
    {
        var diagnostics = new DiagnosticBag();
        var documents = new YamlDocumentReader(source, LoadLimits.Default, diagnostics).Read(yaml);
        diagnostics.Items.Should().BeEmpty();
        return documents.Where(d => d.Root is not null).Select(d => ToJson(d.Root!));
    }

    private static JsonNode? ToJson(YNode node) => node switch
    {
        YScalar s when s.IsNull => null,
        YScalar s => NodeValues.Infer(s) switch
        {
            double d => JsonValue.Create(d),
            bool b => JsonValue.Create(b),
            var other => JsonValue.Create((string)other),
        },
        YSequence q => new JsonArray(q.Items.Select(ToJson).ToArray()),
        YMapping m => new JsonObject(m.Entries.Select(e => KeyValuePair.Create(e.Key.Value, ToJson(e.Value)))),
        _ => null,
    };

    private static string Errors(EvaluationResults results) =>
        string.Join("\n", (results.Details ?? new List<EvaluationResults>()).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    public static IEnumerable<object[]> RuleFiles() =>
        Directory.GetFiles(Repository.Path("rules"), "*.yaml").OrderBy(f => f, System.StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(RuleFiles))]
    public void Every_bundled_rule_validates_against_the_schema(string file)
    {
        foreach (var document in Documents(File.ReadAllText(Repository.Path("rules", file)), file))
        {
            using var json = JsonDocument.Parse(document!.ToJsonString());
            var results = Schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            results.IsValid.Should().BeTrue(Errors(results));
        }
    }

    [Fact]
    public void A_test_rule_the_loader_accepts_validates_and_one_it_rejects_does_not()
    {
        var valid = RuleLoaderTests.Rule("schema-check", "tags: [wds]\nappliesTo:\n  roles: [pxe-service-point]\n");
        var invalid = valid.Replace("severity: warning", "severty: warning");

        new RuleLoader().AddText(valid, "v.yaml").Load().Success.Should().BeTrue();
        new RuleLoader().AddText(invalid, "i.yaml").Load().Success.Should().BeFalse();
        using var validJson = JsonDocument.Parse(Documents(valid, "v.yaml").Single()!.ToJsonString());
        using var invalidJson = JsonDocument.Parse(Documents(invalid, "i.yaml").Single()!.ToJsonString());
        Schema.Evaluate(validJson.RootElement).IsValid.Should().BeTrue();
        Schema.Evaluate(invalidJson.RootElement).IsValid.Should().BeFalse();
    }

    /// <summary>The keywords of the draft 2020-12 vocabularies (core, applicator, unevaluated, validation, meta-data, format, content).</summary>
    private static readonly HashSet<string> Draft202012Keywords = new(System.StringComparer.Ordinal)
    {
        "$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment", "$defs",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems", "items", "contains",
        "properties", "patternProperties", "additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties",
        "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength",
        "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains", "maxProperties", "minProperties", "required",
        "dependentRequired", "title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples", "format",
        "contentEncoding", "contentMediaType", "contentSchema",
    };

    private static IEnumerable<string> UnknownKeywords(JsonElement schema, string at)
    {
        if (schema.ValueKind != JsonValueKind.Object) yield break;
        foreach (var property in schema.EnumerateObject())
        {
            var here = $"{at}/{property.Name}";
            if (!Draft202012Keywords.Contains(property.Name)) yield return here;
            var children = property.Name switch
            {
                "properties" or "patternProperties" or "$defs" or "dependentSchemas" => property.Value.EnumerateObject().Select(p => (p.Value, $"{here}/{p.Name}")),
                "allOf" or "anyOf" or "oneOf" or "prefixItems" => property.Value.EnumerateArray().Select((v, i) => (v, $"{here}/{i}")),
                "not" or "if" or "then" or "else" or "items" or "contains" or "additionalProperties" or "propertyNames" or "unevaluatedItems" or "unevaluatedProperties" or "contentSchema" => new[] { (property.Value, here) },
                _ => Enumerable.Empty<(JsonElement, string)>(),
            };
            foreach (var (child, path) in children)
            {
                foreach (var unknown in UnknownKeywords(child, path)) yield return unknown;
            }
        }
    }

    [Fact]
    public void The_schema_uses_only_draft_2020_12_keywords_so_strict_validators_accept_it()
    {
        // Strict validators (ajv strict mode) reject keywords no vocabulary declares, such as markdownDescription.
        using var schema = JsonDocument.Parse(File.ReadAllText(Repository.Path("schemas", "rule.schema.json")));
        using var editorFlavoured = JsonDocument.Parse("{\"type\": \"object\", \"properties\": {\"a\": {\"markdownDescription\": \"x\"}}}");

        schema.RootElement.GetProperty("$schema").GetString().Should().Be("https://json-schema.org/draft/2020-12/schema");
        UnknownKeywords(schema.RootElement, "#").Should().BeEmpty();
        UnknownKeywords(editorFlavoured.RootElement, "#").Should().Equal("#/properties/a/markdownDescription");
        Schema.Evaluate(JsonDocument.Parse(File.ReadAllText(Repository.Path("schemas", "rule.schema.json"))).RootElement).Should().NotBeNull();
    }
}
