using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Loading;

/// <summary>Reading rules: remediation steps and references.</summary>
internal sealed partial class RuleReader
{
    // ---- remediation, references -------------------------------------------------------------------------------

    private IReadOnlyList<RemediationStep> ReadRemediation(YNode? node, Scope scope)
    {
        var steps = new List<RemediationStep>();
        foreach (var step in Mappings(node, "'remediation'", "A remediation step"))
        {
            reader.CheckKeys(step, "a remediation step", new[] { "text", "command", "shell", "disruptive", "requiresRestart" }, new[] { "text" });
            var text = reader.String(step.Find("text"), "'text'");
            var command = step.Find("command") is { } commandNode ? reader.String(commandNode, "'command'") : null;
            var disruptive = step.Find("disruptive") is { } d && (reader.Boolean(d, "'disruptive'") ?? false);
            var restart = step.Find("requiresRestart") is { } r && (reader.Boolean(r, "'requiresRestart'") ?? false);
            var shell = step.Find("shell") is { } shellNode ? reader.Enum(shellNode, "'shell'", Shells) ?? CommandShell.Cmd : CommandShell.Cmd;
            if (text is not null)
            {
                CheckTemplate(text, step.Find("text")!, scope);
            }

            if (command is not null)
            {
                CheckTemplate(command, step.Find("command")!, scope);
            }

            if (text is not null)
            {
                steps.Add(new RemediationStep(text, command, disruptive, restart, shell));
            }
        }

        return steps;
    }

    private void CheckTemplate(string text, YNode node, Scope scope)
    {
        var template = Template.TryParse(text, out var error, out _);
        if (template is null)
        {
            reader.Error(DiagnosticCodes.BadTemplate, error!, node);
            return;
        }

        foreach (var path in template.References)
        {
            var shape = scope.Resolve(path.Root);
            if (shape is null)
            {
                ReportUndefined(path.Root, scope.Facts, node);
                continue;
            }

            CheckPath(path, shape, node);
        }
    }

    private IReadOnlyList<Reference> ReadReferences(YNode? node)
    {
        var references = new List<Reference>();
        foreach (var mapping in Mappings(node, "'references'", "A reference"))
        {
            reader.CheckKeys(mapping, "a reference", new[] { "title", "url", "kb" }, new[] { "title" });
            var title = reader.String(mapping.Find("title"), "'title'");
            Uri? url = null;
            if (mapping.Find("url") is { } urlNode && reader.String(urlNode, "'url'") is { } urlText)
            {
                if (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || (url.Scheme != "http" && url.Scheme != "https"))
                {
                    reader.Error(DiagnosticCodes.BadReference, $"'{YScalar.Shorten(urlText)}' is not an absolute http or https URL.", urlNode);
                    url = null;
                }
            }

            string? kb = null;
            if (mapping.Find("kb") is { } kbNode && reader.String(kbNode, "'kb'") is { } kbText)
            {
                if (!KbPattern.IsMatch(kbText))
                {
                    reader.Error(DiagnosticCodes.BadReference, $"'{YScalar.Shorten(kbText)}' is not a KB number; expected 'KB' followed by digits, such as KB2510665.", kbNode);
                }
                else
                {
                    kb = kbText;
                }
            }

            if (mapping.Find("url") is null && mapping.Find("kb") is null)
            {
                reader.Error(DiagnosticCodes.BadReference, "A reference needs a 'url' or a 'kb'.", mapping);
            }

            if (title is not null)
            {
                references.Add(new Reference(title, url, kb));
            }
        }

        return references;
    }
}
