using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using PxeRules.Evaluation;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Reporting;

namespace PxeRules.Cli;

/// <summary>
/// What lint and test found, for a rule repository's pipeline: SARIF (each diagnostic and each failing example at its
/// file and line, for code scanning) and JUnit (a test case per example and per problem).
/// </summary>
internal static class AuthoringReports
{
    public static void Sarif(IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<ExampleResult>? examples, TextWriter writer)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "PxeRules lint");
            json.WriteString("fullName", "PxeRules rule checks (lint and examples)");
            json.WriteString("informationUri", "https://www.nuget.org/packages/PxeRules.Tool");
            json.WriteString("version", typeof(AuthoringReports).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var diagnostic in diagnostics)
            {
                Result(json, diagnostic.Code, diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning", diagnostic.Message, diagnostic.Location);
            }

            foreach (var failed in (examples ?? Array.Empty<ExampleResult>()).Where(e => !e.Passed))
            {
                Result(json, "example", "error", $"{failed.Rule.Id}: example '{failed.Example.Name}' expected {ReportWriter.Name(failed.Example.Expect)}, got {ReportWriter.Name(failed.Actual.Outcome)}. {failed.Actual.Explanation}", failed.Example.Location);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        writer.Write('\n');
    }

    public static void JUnit(IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<ExampleResult>? examples, TextWriter writer)
    {
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, NewLineChars = "\n" };
        using var xml = XmlWriter.Create(writer, settings);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        var results = examples ?? Array.Empty<ExampleResult>();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "pxerules rules");
        xml.WriteAttributeString("tests", (results.Count + errors.Length).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", (results.Count(r => !r.Passed) + errors.Length).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");

        // The checks: one case per error, so a publisher lists each problem with its place.
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", "rule checks");
        xml.WriteAttributeString("tests", errors.Length.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", errors.Length.ToString(CultureInfo.InvariantCulture));
        foreach (var error in errors)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", "pxerules.lint");
            xml.WriteAttributeString("name", $"{error.Code} {error.Location}");
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("type", error.Code);
            xml.WriteAttributeString("message", DisplayText.Escape(error.Message));
            xml.WriteString(DisplayText.Escape(error.ToString()));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        foreach (var rule in results.GroupBy(r => r.Rule.Id))
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", rule.Key);
            xml.WriteAttributeString("tests", rule.Count().ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("failures", rule.Count(r => !r.Passed).ToString(CultureInfo.InvariantCulture));
            foreach (var example in rule)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", "pxerules.examples." + rule.Key);
                xml.WriteAttributeString("name", DisplayText.Escape(example.Example.Name));
                if (!example.Passed)
                {
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("message", $"expected {ReportWriter.Name(example.Example.Expect)}, got {ReportWriter.Name(example.Actual.Outcome)}");
                    xml.WriteString(DisplayText.Escape($"{example.Example.Location}: {example.Actual.Explanation}"));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void Result(Utf8JsonWriter json, string ruleId, string level, string message, SourceLocation at)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", ruleId);
        json.WriteString("level", level);
        json.WriteStartObject("message");
        json.WriteString("text", DisplayText.Escape(message));
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        var uri = ReportWriter.ArtifactUri(at.Source, out var baseId);
        json.WriteString("uri", uri);
        if (baseId is not null) json.WriteString("uriBaseId", baseId);
        json.WriteEndObject();
        if (at.Line > 0)
        {
            json.WriteStartObject("region");
            json.WriteNumber("startLine", at.Line);
            if (at.Column > 0) json.WriteNumber("startColumn", at.Column);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
