using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Probes;
using PxeRules.Reporting;
using PxeRules.Snapshots;

namespace PxeRules.Cli;

/// <summary>The <c>pxerules</c> commands: argument handling and presentation only; the engine does the work.</summary>
internal sealed partial class CliApp
{
    private readonly CliConsole console;

    public CliApp(CliConsole console) => this.console = console;

    /// <summary>Adds the providers that read live machines (this one or named servers); set by the host program.</summary>
    public Func<RuleEngineBuilder, RuleEngineBuilder>? LiveProviders { get; init; }

    /// <summary>The clock for live collection; tests fix it.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    private static readonly Option<bool> Verbose = new("--verbose") { Description = "Show stack traces of unexpected errors.", Recursive = true };

    public async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("pxerules — finds known issues of PXE-initiated OS deployment in ConfigMgr 2007, with evidence and remediation.\n\nExamples:\n  pxerules check --snapshot samples/snapshots/remote-pxe-sp-old-wimgapi.json\n  pxerules check --computer SITE01=site-server,sms-provider --computer PXE02=pxe-service-point\n  pxerules diff before.json after.json\n  pxerules lint rules/\n  pxerules explain pxe-remote-wimgapi-not-updated-sp1");
        root.Options.Add(Verbose);
        root.Subcommands.Add(CheckCommand());
        root.Subcommands.Add(CollectCommand());
        root.Subcommands.Add(ImportCommand());
        root.Subcommands.Add(DiffCommand());
        root.Subcommands.Add(CollectorCommand());
        root.Subcommands.Add(LintCommand());
        root.Subcommands.Add(TestCommand());
        root.Subcommands.Add(NewCommand());
        root.Subcommands.Add(ListCommand());
        root.Subcommands.Add(ExplainCommand());
        root.Subcommands.Add(DocsCommand());

        var parse = root.Parse(args);

        // The help names the program by its assembly (PxeRules.Cli); the tool is pxerules, however it was started.
        var help = parse.Action is System.CommandLine.Help.HelpAction ? new StringWriter() : null;
        var configuration = new InvocationConfiguration { Output = help ?? console.Output, Error = console.Error, EnableDefaultExceptionHandler = false };
        try
        {
            var code = await parse.InvokeAsync(configuration).ConfigureAwait(false);
            if (help is not null)
            {
                await console.Output.WriteAsync(help.ToString().Replace(RootCommand.ExecutableName, "pxerules")).ConfigureAwait(false);
            }

            return parse.Errors.Count > 0 ? ExitCodes.BadInput : code;
        }
        catch (CliException ex)
        {
            await console.Error.WriteLineAsync(Printable("pxerules: error: " + ex.Message)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("pxerules: interrupted; no file was written.").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            await console.Error.WriteLineAsync(Printable("pxerules: error: " + ex.Message)).ConfigureAwait(false);
            if (parse.GetValue(Verbose))
            {
                await console.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.BadInput;
        }
    }

    // ---- shared options ------------------------------------------------------------------------------------------

    private static Option<string[]> RulesOption() => new("--rules", "-r")
    {
        Description = "Rule files, folders or globs to load (repeatable). Added to the bundled knowledge base unless --no-bundled.",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static Option<bool> NoBundledOption() => new("--no-bundled") { Description = "Do not load the bundled knowledge base." };

    private KnowledgeBase LoadRules(string[]? paths, bool noBundled, PxeRules.Settings.RunSettings? settings = null)
    {
        var loader = new RuleLoader();
        settings?.ApplyTo(loader);
        if (!noBundled)
        {
            loader.AddBundled();
        }

        foreach (var path in paths ?? Array.Empty<string>())
        {
            loader.AddPath(path);
        }

        var result = loader.Load();
        foreach (var diagnostic in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning))
        {
            console.Error.WriteLine(Printable(diagnostic.ToString()));
        }

        if (result.KnowledgeBase is null)
        {
            foreach (var diagnostic in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                console.Error.WriteLine(Printable(diagnostic.ToString()));
            }

            var count = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            throw new CliException($"the rules have {count} error(s); nothing was evaluated.");
        }

        return result.KnowledgeBase;
    }

    private static Machine ParseComputer(string text)
    {
        var parts = text.Split(new[] { '=' }, 2);
        var name = parts[0].Trim();
        if (name.Length == 0)
        {
            throw new CliException($"'--computer {text}' needs a computer name, such as PXE01=pxe-service-point.");
        }

        // Roles are discovered from the machine's facts; those given here are hints.
        var roles = parts.Length == 2 ? parts[1].Split(',').Select(r => r.Trim()).Where(r => r.Length > 0).ToArray() : Array.Empty<string>();
        foreach (var role in roles)
        {
            if (!MachineRoles.IsKnown(role))
            {
                throw new CliException($"unknown role '{role}' in '--computer {text}'; expected one of: {string.Join(", ", MachineRoles.All)}.");
            }
        }

        return new Machine(name, roles);
    }

    private RuleEngineBuilder Live(RuleEngineBuilder builder) =>
        LiveProviders is null
            ? throw new CliException("this build of pxerules cannot probe live machines; use --snapshot.")
            : LiveProviders(builder);

    /// <summary>Standard output, or a file written atomically (see <see cref="ReportTarget"/>).</summary>
    private ReportTarget OpenOutput(string? path) => path is null ? new ReportTarget(console.Output, null) : ReportTarget.File(path);

    /// <summary>
    /// Where a report goes. A file is written to a temporary file beside it and renamed into place by
    /// <see cref="Commit"/>; a run that fails or is interrupted before that leaves the previous file as it was.
    /// </summary>
    private sealed class ReportTarget : IDisposable
    {
        private readonly AtomicFile? file;

        public ReportTarget(TextWriter writer, AtomicFile? file)
        {
            Writer = writer;
            this.file = file;
        }

        public TextWriter Writer { get; }

        public static ReportTarget File(string path)
        {
            // A pipeline names the report's folder before anything has made it (CodeAnalysisLogs/pxerules.sarif).
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null && !Directory.Exists(folder) && !System.IO.File.Exists(folder)) Directory.CreateDirectory(folder);
            var file = AtomicFile.Create(path);
            return new ReportTarget(new StreamWriter(file.Stream, new System.Text.UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\n" }, file);
        }

        public void Commit()
        {
            Writer.Flush();
            file?.Commit();
        }

        public void Dispose()
        {
            if (file is null) return;
            file.Dispose();
        }
    }

    private static Severity? ParseSeverity(string? text, string option) => text switch
    {
        null => null,
        "info" => Severity.Info,
        "warning" => Severity.Warning,
        "error" => Severity.Error,
        "critical" => Severity.Critical,
        _ => throw new CliException($"'{option} {text}' should be one of info, warning, error, critical" + (option == "--fail-on" ? ", or none." : ".")),
    };

    private ProgressReporter? Progress() => console.IsTerminal ? new ProgressReporter(console.Error) : null;

    /// <summary>Shows probing progress on one rewritten line of standard error.</summary>
    private sealed class ProgressReporter : IProgress<CollectionProgress>
    {
        private readonly TextWriter writer;
        private readonly object gate = new();
        private int completed;
        private int requested;

        public ProgressReporter(TextWriter writer) => this.writer = writer;

        public void Report(CollectionProgress value)
        {
            lock (gate)
            {
                // Reports arrive from concurrent calls out of order, and calls that depend on others are only known
                // later: show counts that never go back, and no total until every known call is done.
                completed = Math.Max(completed, value.Completed);
                requested = Math.Max(requested, value.Requested);
                var last = Printable(value.Last?.ToString() ?? string.Empty);
                if (last.Length > 60) last = last.Substring(0, 57) + "...";
                writer.Write($"\rProbing: {completed} call(s) done of {requested} known so far: {last}".PadRight(110));
            }
        }

        public void Done()
        {
            lock (gate)
            {
                writer.Write("\r" + new string(' ', 110) + "\r");
            }
        }
    }
}
