using Microsoft.Extensions.Options;
using PxeRules.Extensions.Hosting;
using PxeRules.Model;
using PxeRules.Snapshots;

namespace PxeRulesWorker;

/// <summary>What to check and how often.</summary>
public sealed class CheckOptions
{
    /// <summary>Snapshot files to evaluate, each on its own.</summary>
    public List<string> Snapshots { get; } = new();

    /// <summary>Time between checks.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Check once and stop the host (for a scheduled task, or a test).</summary>
    public bool Once { get; set; }
}

/// <summary>Evaluates each snapshot on a schedule and logs the findings; the engine logs what it meets on the way.</summary>
public sealed class CheckWorker(PxeRulesEngineFactory engines, IOptions<CheckOptions> options, ILogger<CheckWorker> logger, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        do
        {
            foreach (var path in options.Value.Snapshots)
            {
                await CheckAsync(path, stoppingToken);
            }

            if (options.Value.Once) break;
            await Task.Delay(options.Value.Interval, stoppingToken);
        }
        while (!stoppingToken.IsCancellationRequested);

        lifetime.StopApplication();
    }

    private async Task CheckAsync(string path, CancellationToken cancellationToken)
    {
        var read = SnapshotFile.Read(path);
        if (read.Facts is null)
        {
            logger.LogError("Snapshot {Path} cannot be read: {Problems}", path, string.Join("; ", read.Diagnostics));
            return;
        }

        var engine = engines.CreateBuilder().AddSnapshot(read.Facts).Build();
        var report = await engine.EvaluateAsync(read.Facts.Machines, null, cancellationToken);
        foreach (var finding in report.Findings)
        {
            var level = finding.Severity >= Severity.Error ? LogLevel.Error : LogLevel.Warning;
            logger.Log(level, "Finding {Rule} on {Machine}: {Explanation}", finding.Rule.Id, finding.Machine?.Name, finding.Explanation);
        }

        logger.LogInformation("Checked {Path}: {Findings} finding(s), coverage {Coverage}.", path, report.Findings.Count(),
            report.Coverage is { IsComplete: true } ? "complete" : "incomplete");
    }
}
