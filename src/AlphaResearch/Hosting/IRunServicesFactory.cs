using AlphaResearch.Archive;
using AlphaResearch.Config;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Hosting;

/// <summary>What the user asked `alpha-research run` for (after option parsing).</summary>
public sealed record RunRequest
{
    /// <summary>--date; null = the snapshot's last trading session (resolved by the factory).</summary>
    public DateOnly? RunDate { get; init; }
    /// <summary>--snapshot; null = the embedded sample.</summary>
    public string? SnapshotPath { get; init; }
    /// <summary>--llm; null = the configured provider. --dry-run without --llm means the stub.</summary>
    public LlmProvider? Provider { get; init; }
    /// <summary>An already loaded snapshot (a backtest reuses one across its weeks); wins over <see cref="SnapshotPath"/>.</summary>
    public AlphaResearch.MarketData.MarketSnapshot? Snapshot { get; init; }
    public required AlphaResearchConfig Config { get; init; }
    /// <summary>Where the gateway, governor and engine log (the CLI's stderr lines); null = the factory's own.</summary>
    public ILoggerFactory? Loggers { get; init; }
}

/// <summary>The services for one run, and the run date they were built for.</summary>
public sealed record RunComposition(RunServices Services, DateOnly RunDate);

/// <summary>
/// THE seam between the CLI and the real pipeline: builds agents, aggregator, rotation, publisher,
/// prior-state reader, usage ledger and provider info for a run. The publisher and prior-state reader
/// must be built over <paramref name="runStore"/> (already the dry_run/ view for stub and sim).
/// </summary>
public interface IRunServicesFactory
{
    /// <summary>The provider the run will use (decides the dry-run namespace before anything is built).</summary>
    LlmProvider ResolveProvider(RunRequest request);

    Task<RunComposition> CreateAsync(RunRequest request, IObjectStore runStore, CancellationToken ct);
}
