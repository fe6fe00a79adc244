using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using PxeRules.Evaluation;
using PxeRules.Model;

namespace PxeRules.Reporting;

// JUnit XML: one test case per rule and machine, failing as the exit code does.
public static partial class ReportWriter
{
    private enum JUnitCase
    {
        Passed,
        Failure,
        Error,
        Skipped,
    }

    private static JUnitCase CaseOf(RuleResult result, ReportOptions options) => result.Outcome switch
    {
        Outcome.Detected when result.Waiver is not null => JUnitCase.Skipped,
        Outcome.Detected => options.FailOn is { } least && result.Severity >= least ? JUnitCase.Failure : JUnitCase.Passed,
        Outcome.Error => JUnitCase.Error,
        Outcome.Inconclusive => options.InconclusiveAs switch
        {
            JUnitInconclusive.Error => JUnitCase.Error,
            JUnitInconclusive.Failure => JUnitCase.Failure,
            _ => JUnitCase.Skipped,
        },
        Outcome.NotApplicable => JUnitCase.Skipped,
        _ => JUnitCase.Passed,
    };

    /// <summary>The time a result took: the probe calls of its evidence, each counted once.</summary>
    private static double Seconds(RuleResult result, EvaluationReport report) =>
        result.Evidence.Select(e => e.Call).Where(c => c is not null).Distinct()
            .Sum(c => report.Facts.Find(c!)?.Duration.TotalSeconds ?? 0);

    private static void WriteJUnit(EvaluationReport report, ReportOptions options, TextWriter writer)
    {
        static string Time(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
        var results = report.Results;
        var cases = results.Select(r => (Result: r, Case: CaseOf(r, options), Seconds: Seconds(r, report))).ToArray();
        int Count(IEnumerable<(RuleResult Result, JUnitCase Case, double Seconds)> items, JUnitCase kind) => items.Count(c => c.Case == kind);
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        writer.Write($"<testsuites name=\"pxerules\" tests=\"{cases.Length}\" failures=\"{Count(cases, JUnitCase.Failure)}\" errors=\"{Count(cases, JUnitCase.Error)}\" skipped=\"{Count(cases, JUnitCase.Skipped)}\" time=\"{Time(cases.Sum(c => c.Seconds))}\">\n");
        foreach (var group in cases.GroupBy(c => c.Result.Machine?.Name ?? "(no machine)"))
        {
            var items = group.ToArray();
            writer.Write($"  <testsuite name=\"{Xml(group.Key)}\" tests=\"{items.Length}\" failures=\"{Count(items, JUnitCase.Failure)}\" errors=\"{Count(items, JUnitCase.Error)}\" skipped=\"{Count(items, JUnitCase.Skipped)}\" time=\"{Time(items.Sum(c => c.Seconds))}\" timestamp=\"{report.EvaluatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)}\">\n");
            foreach (var (result, kind, seconds) in items)
            {
                writer.Write($"    <testcase classname=\"pxerules.{Xml(group.Key)}\" name=\"{Xml(result.Rule.Id)}\" time=\"{Time(seconds)}\">");
                var reason = result.Waiver is not null ? "Waived: " + result.Waiver
                    : result.Outcome == Outcome.Detected ? result.Rule.Title : result.Explanation;
                switch (kind)
                {
                    case JUnitCase.Failure:
                        writer.Write($"\n      <failure type=\"{(result.Outcome == Outcome.Detected ? Name(result.Severity) : Name(result.Outcome))}\" message=\"{Xml(reason)}\">{Xml(Details(result))}</failure>\n    ");
                        break;
                    case JUnitCase.Error:
                        writer.Write($"\n      <error type=\"{Name(result.Outcome)}\" message=\"{Xml(result.Explanation)}\">{Xml(Details(result))}</error>\n    ");
                        break;
                    case JUnitCase.Skipped:
                        writer.Write($"\n      <skipped message=\"{Xml(reason)}\" />\n    ");
                        break;
                    case JUnitCase.Passed when result.Outcome == Outcome.Detected:
                        // Detected below --fail-on: passed, as the exit code has it, with the finding in the output.
                        writer.Write($"\n      <system-out>{Xml($"Detected ({Name(result.Severity)}, below the failing severity): " + Details(result))}</system-out>\n    ");
                        break;
                }

                writer.Write("</testcase>\n");
            }

            writer.Write("  </testsuite>\n");
        }

        writer.Write("</testsuites>\n");
    }

    private static string Details(RuleResult result)
    {
        var builder = new StringBuilder();
        builder.Append(result.Explanation).Append('\n');
        foreach (var evidence in result.Evidence) builder.Append("- ").Append(evidence).Append('\n');
        if (result.Outcome == Outcome.Detected)
        {
            foreach (var step in result.Remediation) builder.Append(step).Append('\n');
        }

        return builder.ToString();
    }

    private static string Xml(string text) => DisplayText.ForXml(text);
}
