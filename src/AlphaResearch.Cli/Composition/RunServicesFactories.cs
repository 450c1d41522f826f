using AlphaResearch.Archive;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Llm;

namespace AlphaResearch.Cli.Composition;

/// <summary>Which <see cref="IRunServicesFactory"/> the `run` command uses. Replace <see cref="Create"/> when wiring the real pipeline.</summary>
public static class RunServicesFactories
{
    public static IRunServicesFactory Create() => new NotWiredRunServicesFactory();
}

/// <summary>This branch has the engine but not the agents, scorer, rotation and publisher: say so plainly.</summary>
internal sealed class NotWiredRunServicesFactory : IRunServicesFactory
{
    public LlmProvider ResolveProvider(RunRequest request) => request.Provider ?? LlmProvider.Anthropic;

    public Task<RunComposition> CreateAsync(RunRequest request, IObjectStore runStore, CancellationToken ct) =>
        throw new UserFacingException("the run pipeline is not wired in this build (no IRunServicesFactory implementation)",
            "use a build where the agents, scorer, rotation and publisher are composed in Composition/RunServicesFactories.cs", ExitCodes.Failed);
}
