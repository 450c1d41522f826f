using AlphaResearch.Config;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaResearch.Hosting;

/// <summary>Options of <see cref="AlphaResearchServiceCollectionExtensions.AddAlphaResearch"/> that are not configuration keys.</summary>
public sealed class AlphaResearchHostOptions
{
    /// <summary>Where ANTHROPIC_API_KEY, RATE_LIMIT_RETRY_DEADLINE_SECONDS, ALPHA_RESEARCH_RUN_BUDGET_USD … are read; null = this process's environment.</summary>
    public Func<string, string?>? Environment { get; set; }

    /// <summary>A base URL for the model API (tests point it at the simulator); null = the provider's own.</summary>
    public string? BaseUrl { get; set; }
}

public static class AlphaResearchServiceCollectionExtensions
{
    /// <summary>
    /// Registers everything a run needs: the configuration bound strictly from <paramref name="configuration"/>
    /// (unknown keys → <see cref="ConfigException"/> naming the key and its source), the run composition
    /// (<see cref="IRunServicesFactory"/>: snapshot, gateway, agents, scoring, rotation, research database, publisher)
    /// and <see cref="ResearchRunner"/>, which builds the engine. A TimeProvider or ILoggerFactory registered
    /// before (e.g. by AddLogging) is used; otherwise the system clock and no logging.
    /// </summary>
    public static IServiceCollection AddAlphaResearch(this IServiceCollection services, IConfiguration configuration,
        Action<AlphaResearchHostOptions>? configure = null)
    {
        var options = new AlphaResearchHostOptions();
        configure?.Invoke(options);
        services.AddSingleton(ConfigBinder.Bind(configuration)); // bad configuration fails here, before anything runs
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAddSingleton<IRunServicesFactory>(sp => new RunComposer(
            options.Environment, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>(), options.BaseUrl));
        services.TryAddSingleton<ResearchRunner>();
        return services;
    }
}
