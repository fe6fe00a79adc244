using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using PxeRules.Bundles;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Probes;
using PxeRules.Snapshots;

namespace PxeRules.PowerShell;

/// <summary>What the cmdlets share: loading rules, reading evidence, naming machines; failures become error records.</summary>
internal static class Evidence
{
    public static KnowledgeBase LoadRules(PSCmdlet cmdlet, string[]? paths, bool noBundled)
    {
        var loader = new RuleLoader();
        if (!noBundled) loader.AddBundled();
        foreach (var path in paths ?? Array.Empty<string>()) loader.AddPath(Resolve(cmdlet, path));
        var result = loader.Load();
        foreach (var warning in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning))
        {
            cmdlet.WriteWarning(DisplayText.Escape(warning.ToString()));
        }

        if (result.KnowledgeBase is null)
        {
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => DisplayText.Escape(d.ToString()));
            throw Fail(cmdlet, "RulesInvalid", ErrorCategory.InvalidData, paths, "The rules could not be loaded:\n" + string.Join("\n", errors));
        }

        return result.KnowledgeBase;
    }

    public static FactTable ReadSnapshot(PSCmdlet cmdlet, string path)
    {
        var resolved = Resolve(cmdlet, path);
        var read = SnapshotFile.Read(resolved);
        if (read.Facts is null)
        {
            throw Fail(cmdlet, "SnapshotInvalid", ErrorCategory.InvalidData, path, string.Join("\n", read.Diagnostics.Select(d => DisplayText.Escape(d.ToString()))));
        }

        return read.Facts;
    }

    public static FactTable CollectBundle(PSCmdlet cmdlet, KnowledgeBase knowledgeBase, string path, CancellationToken cancellationToken)
    {
        using var bundle = Open(cmdlet, path, () => BundleProbeProvider.Open(Resolve(cmdlet, path)));
        var engine = RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddBundle(bundle).Build();
        return engine.CollectAsync(new[] { bundle.Machine }, null, cancellationToken).GetAwaiter().GetResult();
    }

    public static FactTable CollectLogs(PSCmdlet cmdlet, KnowledgeBase knowledgeBase, string given, CancellationToken cancellationToken)
    {
        var (name, path) = SplitNamed(given);
        using var logs = Open(cmdlet, path, () => LogsProbeProvider.Open(Resolve(cmdlet, path), name));
        foreach (var ignored in logs.Ignored)
        {
            cmdlet.WriteVerbose(DisplayText.Escape("Not read: " + ignored));
        }

        var engine = RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddLogs(logs).Build();
        return engine.CollectAsync(new[] { logs.Machine }, null, cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary><c>NAME=role,role</c> or <c>NAME</c>; roles given are hints, roles are discovered from the facts.</summary>
    public static Machine ParseComputer(PSCmdlet cmdlet, string text)
    {
        var parts = text.Split(new[] { '=' }, 2);
        var name = parts[0].Trim();
        if (name.Length == 0)
        {
            throw Fail(cmdlet, "ComputerNameInvalid", ErrorCategory.InvalidArgument, text, $"'{DisplayText.Escape(text)}' needs a computer name, such as PXE01=pxe-service-point.");
        }

        var roles = parts.Length == 2 ? parts[1].Split(',').Select(r => r.Trim()).Where(r => r.Length > 0).ToArray() : Array.Empty<string>();
        foreach (var role in roles.Where(r => !MachineRoles.IsKnown(r)))
        {
            throw Fail(cmdlet, "RoleUnknown", ErrorCategory.InvalidArgument, text, $"'{DisplayText.Escape(role)}' is not a role; roles are: {string.Join(", ", MachineRoles.All)}.");
        }

        return new Machine(name, roles);
    }

    /// <summary>Symptoms the person running the check saw, added to those the evidence recorded (as <c>pxerules check --symptom</c>).</summary>
    public static FactTable WithSymptoms(FactTable facts, string[]? given)
    {
        var records = facts.Machines.Select(machine =>
        {
            var call = new ProbeCall(machine, DefaultProbeKinds.ReportedSymptoms.Name);
            var recorded = facts.Find(call)?.Result is { Status: ProbeStatus.Value, Value: IEnumerable<object?> list } ? list.OfType<string>() : Enumerable.Empty<string>();
            var symptoms = new ReportedSymptomsProvider(recorded.Concat(given ?? Array.Empty<string>())).Symptoms.Cast<object?>().ToArray();
            return FactRecord.From(call, ProbeResult.Found(symptoms));
        });
        return facts.With(records);
    }

    /// <summary>A path as PowerShell sees it (relative to the current location, PSDrives) as a file-system path.</summary>
    public static string Resolve(PSCmdlet cmdlet, string path) => cmdlet.GetUnresolvedProviderPathFromPSPath(path);

    public static PipelineStoppedException Stopped() => new();

    private static (string? Name, string Path) SplitNamed(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0) return (null, text);
        var name = text.Substring(0, eq);
        if (name.IndexOfAny(new[] { '\\', '/', ':' }) >= 0) return (null, text);
        return (name.Trim(), text.Substring(eq + 1));
    }

    private static T Open<T>(PSCmdlet cmdlet, string path, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (InvalidDataException ex)
        {
            throw Fail(cmdlet, "EvidenceInvalid", ErrorCategory.InvalidData, path, $"{DisplayText.Escape(path)}: {DisplayText.Escape(ex.Message)}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Fail(cmdlet, "EvidenceUnreadable", ErrorCategory.ReadError, path, $"{DisplayText.Escape(path)} cannot be read: {DisplayText.Escape(ex.Message)}");
        }
    }

    /// <summary>Stops the cmdlet with an error record (ThrowTerminatingError does not return).</summary>
    public static Exception Fail(PSCmdlet cmdlet, string id, ErrorCategory category, object? target, string message)
    {
        cmdlet.ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), id, category, target));
        return new InvalidOperationException(message);
    }
}
