using System;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PxeRules.Evaluation;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Extensions.Hosting;

/// <summary>Adds PxeRules to a service collection, as ASP.NET Core apps and worker services are configured.</summary>
public static class PxeRulesServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PxeRulesOptions"/> (validated when the host starts, every problem listed at once), the
    /// <see cref="KnowledgeBase"/> the options name, <see cref="PxeRulesEngineFactory"/> and a <see cref="RuleEngine"/>
    /// over the <see cref="IProbeProvider"/> services registered (in registration order), all singletons. Engine
    /// events are logged on the category <c>PxeRules</c> when an <see cref="ILoggerFactory"/> is registered.
    /// Calling it again adds <paramref name="configure"/> and nothing else.
    /// </summary>
    public static IServiceCollection AddPxeRules(this IServiceCollection services, Action<PxeRulesOptions>? configure = null)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        var options = services.AddOptions<PxeRulesOptions>().ValidateOnStart();
        if (configure is not null) options.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PxeRulesOptions>, PxeRulesOptionsValidator>());
        services.TryAddSingleton(sp => RuleSets.LoadOrThrow(sp.GetRequiredService<IOptions<PxeRulesOptions>>().Value));
        services.TryAddSingleton(sp => new PxeRulesEngineFactory(
            sp.GetRequiredService<IOptions<PxeRulesOptions>>().Value,
            sp.GetRequiredService<KnowledgeBase>(),
            sp.GetServices<IProbeProvider>().ToArray(),
            sp.GetService<ILoggerFactory>()?.CreateLogger("PxeRules") ?? NullLogger.Instance));
        services.TryAddSingleton(sp => sp.GetRequiredService<PxeRulesEngineFactory>().CreateBuilder().Build());
        return services;
    }

    /// <summary>
    /// Logs probe failures, timeouts, slow calls and budget hits to <paramref name="logger"/> (see
    /// <see cref="LoggingEngineListener"/>); for hosts without dependency injection.
    /// </summary>
    public static RuleEngineBuilder WithLogging(this RuleEngineBuilder builder, ILogger logger)
    {
        if (builder is null) throw new ArgumentNullException(nameof(builder));
        return builder.WithListener(new LoggingEngineListener(logger));
    }
}

/// <summary>
/// Makes engine builders configured from <see cref="PxeRulesOptions"/>: the rules (less those disabled), the
/// registered probe providers, the limits and logging. Add evidence (<c>AddSnapshot</c>, <c>AddBundle</c>) and build;
/// providers registered in the container come first, so they answer the kinds they serve. Thread-safe.
/// </summary>
public sealed class PxeRulesEngineFactory
{
    private readonly PxeRulesOptions options;
    private readonly KnowledgeBase knowledgeBase;
    private readonly IProbeProvider[] providers;
    private readonly ILogger logger;

    /// <summary>Creates a factory; <c>AddPxeRules</c> registers one.</summary>
    public PxeRulesEngineFactory(PxeRulesOptions options, KnowledgeBase knowledgeBase, IProbeProvider[] providers, ILogger logger)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.knowledgeBase = knowledgeBase ?? throw new ArgumentNullException(nameof(knowledgeBase));
        this.providers = providers ?? throw new ArgumentNullException(nameof(providers));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>A new builder configured from the options; each call gives a builder of its own.</summary>
    public RuleEngineBuilder CreateBuilder()
    {
        var builder = RuleEngine.CreateBuilder().AddRules(knowledgeBase)
            .WithMaxConcurrency(options.MaxConcurrency).WithProbeTimeout(options.ProbeTimeout).WithMaxValueItems(options.MaxValueItems)
            .WithRegexBudget(options.RegexBudget).WithSlowProbeThreshold(options.SlowProbeThreshold).WithLogging(logger);
        foreach (var id in options.DisabledRules) builder.DisableRule(id);
        foreach (var provider in providers) builder.AddProvider(provider);
        return builder;
    }
}
