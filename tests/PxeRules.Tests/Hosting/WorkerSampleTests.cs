using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using FluentAssertions;
using Xunit;

namespace PxeRules.Tests.Hosting;

/// <summary>samples/WorkerService run as its README says: it logs the probe failure and the finding, and bad options stop it.</summary>
public class WorkerSampleTests
{
    private static readonly string Worker = Path.GetFullPath(typeof(WorkerSampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "WorkerSample").Value!);

    private static (int Code, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repository.Path("samples", "WorkerService"), RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Worker);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill(entireProcessTree: true);
        return (process.ExitCode, output.Result + error.Result);
    }

    [Fact]
    public void The_worker_logs_the_probe_failure_as_a_warning_and_the_finding()
    {
        var (code, output) = Run("--Check:Once=true");

        code.Should().Be(0, output);
        var tickets = Repository.Path("samples", "WorkerService", "tickets");
        output.Should().Contain("warn: PxeRules[1]")
            .And.Contain($"PxeRules ProbeFailed on SITE01: symptoms.reported on SITE01: TicketSymptomsProvider failed: FileNotFoundException: Could not find file '{Path.Combine(tickets, "SITE01.txt")}'.")
            .And.Contain("Finding pxe-remote-wimgapi-not-updated-sp1 on PXE02: Detected: looked for wimgapi.version less than 6.0.6001.18000; seen 6.0.6000.16386.")
            .And.NotContain("ProbeFailed on PXE02", "PXE02 has a ticket");
    }

    [Fact]
    public void Bad_options_stop_the_worker_before_it_runs_with_every_problem_listed()
    {
        var (code, output) = Run("--Check:Once=true", "--PxeRules:MaxConcurrency=0", "--PxeRules:ProbeTimeout=00:00:00");

        code.Should().NotBe(0);
        output.Should().Contain("OptionsValidationException: PxeRules:MaxConcurrency is 0; at least one probe call must be allowed at a time.; PxeRules:ProbeTimeout is 00:00:00; it must be above zero.")
            .And.NotContain("Finding ");
    }
}
