using AlphaResearch.Archive;
using AlphaResearch.Config;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Hosting;

/// <summary>A run assembled and ready: its engine, the services it was built from and the provider it uses.</summary>
public sealed record PreparedRun(RunEngine Engine, RunComposition Composition, LlmProvider Provider)
{
    public Task<RunResult> RunAsync(bool force = false, TimeSpan? deadline = null, CancellationToken ct = default) =>
        Engine.RunAsync(new RunOptions(Composition.RunDate, force, deadline), ct);
}

/// <summary>
/// What a host asks for: a runnable engine over a store. Resolves the provider, picks the run's namespace
/// (dry_run/ for stub and sim), composes the services and builds the <see cref="RunEngine"/>.
/// </summary>
public sealed class ResearchRunner(IRunServicesFactory factory, AlphaResearchConfig config, TimeProvider time, ILoggerFactory loggers)
{
    public AlphaResearchConfig Config => config;

    /// <summary>A request over the registered configuration; null values mean "the configured default".</summary>
    public RunRequest NewRequest(LlmProvider? provider = null, DateOnly? runDate = null, string? snapshotPath = null) =>
        new() { Provider = provider, RunDate = runDate, SnapshotPath = snapshotPath, Config = config, Loggers = loggers };

    /// <summary>The provider the request will use (decides the namespace before anything is built).</summary>
    public LlmProvider ResolveProvider(RunRequest request) => factory.ResolveProvider(request);

    public async Task<PreparedRun> PrepareAsync(IObjectStore root, RunRequest request, IRunObserver? observer = null, CancellationToken ct = default)
    {
        var provider = factory.ResolveProvider(request);
        var composition = await factory.CreateAsync(request, RunNamespace.StoreFor(root, provider), ct);
        if (composition.Services.Provider.IsDryRun != provider.IsDryRun())
            throw new InvalidOperationException($"composition error: ResolveProvider said {provider.Id()} but the services use {composition.Services.Provider.Provider.Id()}");
        var logger = (request.Loggers ?? loggers).CreateLogger("AlphaResearch.Engine");
        var engine = new RunEngine(root, composition.Services, request.Config.Engine, time, logger, observer);
        return new PreparedRun(engine, composition, provider);
    }

    /// <summary>Prepare and run in one call.</summary>
    public async Task<RunResult> RunAsync(IObjectStore root, RunRequest request, bool force = false, TimeSpan? deadline = null, CancellationToken ct = default)
    {
        var run = await PrepareAsync(root, request, null, ct);
        return await run.RunAsync(force, deadline, ct);
    }
}
