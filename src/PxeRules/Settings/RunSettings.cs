using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PxeRules.Evaluation;
using PxeRules.Loading;
using PxeRules.Model;

namespace PxeRules.Settings;

/// <summary>
/// A site's settings for its runs, kept in a file beside its evidence (<c>pxerules.yaml</c>): extra rule folders,
/// rules switched off, severities changed, findings waived with a justification, an owner and an expiry, and the
/// severity that fails a run. <see cref="Read"/> checks the file strictly and reports every problem with its line;
/// <see cref="ApplyTo(RuleEngineBuilder)"/> sets the engine up accordingly. See <c>docs/settings.md</c>. Immutable.
/// </summary>
public sealed class RunSettings
{
    /// <summary>The file name looked for in the working folder: <c>pxerules.yaml</c>.</summary>
    public const string FileName = "pxerules.yaml";

    internal RunSettings(string source)
    {
        Source = source;
    }

    /// <summary>The file the settings were read from.</summary>
    public string Source { get; }

    /// <summary>Rule files, folders or globs to load besides (or instead of) the bundled rules, relative to the settings file.</summary>
    public IReadOnlyList<string> Rules { get; internal set; } = Array.Empty<string>();

    /// <summary>Whether the bundled knowledge base is used (default true).</summary>
    public bool Bundled { get; internal set; } = true;

    /// <summary>Rule ids (or former ids) switched off.</summary>
    public IReadOnlyList<string> DisabledIds { get; internal set; } = Array.Empty<string>();

    /// <summary>Tags whose rules are switched off.</summary>
    public IReadOnlyList<string> DisabledTags { get; internal set; } = Array.Empty<string>();

    /// <summary>Severities in force for some rules, by rule id.</summary>
    public IReadOnlyDictionary<string, Severity> Severities { get; internal set; } = new Dictionary<string, Severity>();

    /// <summary>Rule inputs set for this site: rule id to input name to value (a time window, a threshold).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Inputs { get; internal set; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Sets the <see cref="Inputs"/> on a loader, before it loads.</summary>
    public RuleLoader ApplyTo(RuleLoader loader)
    {
        if (loader is null) throw new ArgumentNullException(nameof(loader));
        foreach (var pair in Inputs) loader.WithInputs(pair.Key, pair.Value);
        return loader;
    }

    /// <summary>Findings accepted for a while.</summary>
    public IReadOnlyList<Waiver> Waivers { get; internal set; } = Array.Empty<Waiver>();

    /// <summary>
    /// A JSON report of an earlier run (relative to the settings file): the findings it holds are known, reported as
    /// waived "in the baseline" and fail no run; new findings still do.
    /// </summary>
    public string? Baseline { get; internal set; }

    /// <summary>The least severity of a finding that fails a run, when the file sets it; <c>none</c> is <see cref="FailsNever"/>.</summary>
    public Severity? FailOn { get; internal set; }

    /// <summary>Whether the file says no finding fails a run (<c>failOn: none</c>).</summary>
    public bool FailsNever { get; internal set; }

    /// <summary>The rule paths resolved against the settings file's folder.</summary>
    public IEnumerable<string> RulePaths =>
        Rules.Select(r => Path.IsPathRooted(r) ? r : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Source)) ?? ".", r));

    /// <summary>Switches rules off, changes severities and adds the waivers on <paramref name="builder"/>.</summary>
    public RuleEngineBuilder ApplyTo(RuleEngineBuilder builder)
    {
        if (builder is null) throw new ArgumentNullException(nameof(builder));
        foreach (var id in DisabledIds) builder.DisableRule(id);
        foreach (var tag in DisabledTags) builder.DisableRulesTagged(tag);
        foreach (var pair in Severities) builder.OverrideSeverity(pair.Key, pair.Value);
        foreach (var waiver in Waivers) builder.AddWaiver(waiver);
        if (Baseline is not null)
        {
            var path = Path.IsPathRooted(Baseline) ? Baseline : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Source)) ?? ".", Baseline);
            foreach (var waiver in BaselineWaivers(path)) builder.AddWaiver(waiver);
        }

        return builder;
    }

    /// <summary>
    /// The findings of a JSON report (<c>pxerules check --format json</c>) as waivers that never expire: a baseline
    /// accepts what was known when it was written, so only new findings fail a run.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a PxeRules JSON report.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyList<Waiver> BaselineWaivers(string reportPath)
    {
        if (reportPath is null) throw new ArgumentNullException(nameof(reportPath));
        var text = File.ReadAllText(reportPath);
        var documents = new YamlDocumentReader(reportPath, LoadLimits.Default, new DiagnosticBag()).Read(text);
        if (documents.Count != 1 || documents[0].Root is not YMapping root || (root.Find("schema") as YScalar)?.Value != "pxerules-report" || root.Find("results") is not YSequence results)
        {
            throw new InvalidDataException($"{reportPath} is not a PxeRules JSON report (pxerules check --format json) to use as a baseline.");
        }

        var evaluated = (root.Find("evaluatedAt") as YScalar)?.Value ?? "an earlier run";
        var waivers = new List<Waiver>();
        foreach (var result in results.Items.OfType<YMapping>())
        {
            if ((result.Find("outcome") as YScalar)?.Value != "detected") continue;
            if ((result.Find("ruleId") as YScalar)?.Value is not { Length: > 0 } rule || (result.Find("machine") as YScalar)?.Value is not { Length: > 0 } machine) continue;
            waivers.Add(new Waiver(rule, machine, $"In the baseline {Path.GetFileName(reportPath)} of {evaluated}: known before, not new.", DateTimeOffset.MaxValue) { Owner = "baseline" });
        }

        return waivers;
    }

    /// <summary>
    /// Reads a settings file. Unknown keys, wrong types, unknown severities, waivers without a justification or an
    /// expiry are errors naming the file, line and what was expected; every problem is reported at once.
    /// </summary>
    public static SettingsReadResult Read(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        var diagnostics = new DiagnosticBag();
        var at = new SourceLocation(path, 0, 0);
        if (FileKind.NotRegular(path) is { } kind)
        {
            diagnostics.Error(DiagnosticCodes.IoError, $"The settings file cannot be read: it is {kind}, not a file.", at);
            return new SettingsReadResult(null, diagnostics.Items);
        }

        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                diagnostics.Error(DiagnosticCodes.IoError, "The settings file does not exist.", at);
                return new SettingsReadResult(null, diagnostics.Items);
            }

            if (info.Length > LoadLimits.Default.MaxFileBytes)
            {
                diagnostics.Error(DiagnosticCodes.FileTooLarge, $"The settings file is larger than {LoadLimits.Default.MaxFileBytes} bytes, the limit.", at);
                return new SettingsReadResult(null, diagnostics.Items);
            }

            var bytes = File.ReadAllBytes(path);
            var decoded = TextDecoding.Decode(bytes, bytes.Length, path, diagnostics);
            if (decoded is null) return new SettingsReadResult(null, diagnostics.Items);
            text = decoded;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(DiagnosticCodes.IoError, "The settings file cannot be read: " + ex.Message, at);
            return new SettingsReadResult(null, diagnostics.Items);
        }

        var documents = new YamlDocumentReader(path, LoadLimits.Default, diagnostics).Read(text);
        if (diagnostics.ErrorCount > 0) return new SettingsReadResult(null, diagnostics.Items);
        if (documents.Count != 1 || documents[0].Root is null)
        {
            diagnostics.Error(DiagnosticCodes.SyntaxError, "A settings file holds exactly one YAML document.", new SourceLocation(path, 1, 1));
            return new SettingsReadResult(null, diagnostics.Items);
        }

        var settings = new SettingsReader(new NodeReader(path, diagnostics)).Read(documents[0].Root!, path);
        return new SettingsReadResult(diagnostics.ErrorCount == 0 ? settings : null, diagnostics.Items);
    }
}

/// <summary>What <see cref="RunSettings.Read"/> found: the settings, or null, and every problem with its place.</summary>
public sealed class SettingsReadResult
{
    internal SettingsReadResult(RunSettings? settings, IReadOnlyList<Diagnostic> diagnostics)
    {
        Settings = settings;
        Diagnostics = diagnostics;
    }

    /// <summary>The settings; null when the file has errors.</summary>
    public RunSettings? Settings { get; }

    /// <summary>Every problem found, with file, line and column.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
