using AlphaResearch.Archive;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Hosting;
using AlphaResearch.Llm;
using AlphaResearch.Scale;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Cli.Composition;

/// <summary>Which <see cref="IRunServicesFactory"/> the `run` command uses.</summary>
public static class RunServicesFactories
{
    /// <summary>With ALPHA_RESEARCH_REDIS set, the governor shares the org budget in Redis (docs/SCALE.md).</summary>
    public static IRunServicesFactory Create() =>
        new RunServicesFactory(budgetStore: OrgBudget.Lazy(Environment.GetEnvironmentVariable));
}

/// <summary>
/// The CLI's view of the library's <see cref="RunComposer"/>: the same composition, with its refusals turned
/// into <see cref="UserFacingException"/>s (one line + hint, exit 2, or 1 when a dependency failed).
/// </summary>
public sealed class RunServicesFactory(
    Func<string, string?>? environment = null, TimeProvider? time = null, ILoggerFactory? loggers = null, string? baseUrlOverride = null,
    Func<ILoggerFactory, IBudgetStore?>? budgetStore = null)
    : IRunServicesFactory
{
    private readonly RunComposer _composer = new(environment, time, loggers, baseUrlOverride, budgetStore);

    public LlmProvider ResolveProvider(RunRequest request) => HostErrors.Translate(() => _composer.ResolveProvider(request));

    public Task<RunComposition> CreateAsync(RunRequest request, IObjectStore runStore, CancellationToken ct) =>
        HostErrors.TranslateAsync(() => _composer.CreateAsync(request, runStore, ct));
}
