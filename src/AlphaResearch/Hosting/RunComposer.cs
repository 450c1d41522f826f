using AlphaResearch.Agents;
using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Publishing;
using AlphaResearch.Scoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaResearch.Hosting;

/// <summary>
/// The composition of a run: snapshot → context factory, LLM gateway → agents, scoring, rotation,
/// research database and publisher — all over the run's namespace store (the dry_run/ view for stub and sim).
/// Registered by <see cref="AlphaResearchServiceCollectionExtensions.AddAlphaResearch"/>; refusals are
/// <see cref="RunSetupException"/>s.
/// </summary>
/// <param name="budgetStore">The org budget shared with other processes (e.g. Redis, docs/SCALE.md); null: this process's governor alone.</param>
public sealed class RunComposer(
    Func<string, string?>? environment = null, TimeProvider? time = null, ILoggerFactory? loggers = null, string? baseUrlOverride = null,
    Func<ILoggerFactory, IBudgetStore?>? budgetStore = null)
    : IRunServicesFactory
{
    private readonly Func<string, string?> _env = environment ?? Environment.GetEnvironmentVariable;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILoggerFactory _loggers = loggers ?? NullLoggerFactory.Instance;

    /// <summary>
    /// The request's provider wins; otherwise a configured non-Anthropic provider; otherwise Anthropic, which needs
    /// ANTHROPIC_API_KEY — without it a plain run stops and points at --dry-run.
    /// </summary>
    public LlmProvider ResolveProvider(RunRequest request)
    {
        if (request.Provider is { } explicitProvider) return explicitProvider;
        var configured = request.Config.Llm.Provider;
        if (configured != LlmProvider.Anthropic) return configured;
        if (string.IsNullOrWhiteSpace(_env(LlmGatewayBuilder.ApiKeyEnv)))
        {
            throw new RunSetupException(
                $"no {LlmGatewayBuilder.ApiKeyEnv} is set, so a real run cannot call Claude",
                "export ANTHROPIC_API_KEY=... for real research, or try 'alpha-research run --dry-run' (offline stub model, writes only under dry_run/)");
        }
        return LlmProvider.Anthropic;
    }

    public async Task<RunComposition> CreateAsync(RunRequest request, IObjectStore runStore, CancellationToken ct)
    {
        var config = request.Config;
        if (config.Agents.Validate() is { Count: > 0 } invalid)
            throw new RunSetupException($"invalid configuration: {string.Join("; ", invalid)}", "fix those keys (docs/CONFIGURATION.md)");

        var provider = ResolveProvider(request);
        var snapshot = request.Snapshot ?? RunSnapshot.Open(request.SnapshotPath);
        var runDate = RunSnapshot.ResolveRunDate(snapshot, request.RunDate);

        var localFolder = LocalStateFolder.For(runStore);
        Directory.CreateDirectory(localFolder);
        var databasePath = Path.Combine(localFolder, DatabaseSyncingPublisher.DatabaseKey);
        bool remote = !LocalStateFolder.IsLocal(runStore);
        if (remote) await DatabaseSyncingPublisher.DownloadAsync(runStore, databasePath, ct);

        LlmGateway gateway;
        try
        {
            gateway = new LlmGatewayBuilder(config.Llm)
                .WithProvider(provider)
                .WithEnvironment(_env)
                .WithTimeProvider(_time)
                .WithLoggerFactory(request.Loggers ?? _loggers)
                .WithRunDate(runDate)
                .WithBaseUrl(baseUrlOverride)
                .WithLedgerPath(Path.Combine(localFolder, "ledger", $"usage-{runDate:yyyy-MM-dd}.jsonl"))
                // Over the namespace store: a dry run's calls are journaled under dry_run/, a real run's at the root (R6).
                .WithBudgetStore(budgetStore?.Invoke(request.Loggers ?? _loggers))
                .WithCallJournal(new ObjectStoreCallJournal(runStore, runDate, provider.IsDryRun(), _time,
                    (request.Loggers ?? _loggers).CreateLogger<ObjectStoreCallJournal>()))
                .Build();
        }
        catch (InvalidOperationException ex)
        {
            throw new RunSetupException(ex.Message, "see docs/LLM.md for provider setup");
        }

        var prompts = PromptLibrary.LoadEmbedded();
        var macro = new MacroAgent(gateway, prompts, config.Agents);
        var teams = new SectorTeamAgent(gateway, prompts, config.Agents);
        var cio = new CioAgent(gateway, prompts, config.Agents);

        var promptsByAgent = new Dictionary<string, IReadOnlyList<PromptRef>> { [RunEngine.MacroAgent] = macro.Prompts, [RunEngine.CioAgent] = cio.Prompts };
        foreach (var team in Teams.All) promptsByAgent[RunEngine.TeamAgent(team)] = teams.Prompts;

        var basePublisher = new Publisher(runStore, databasePath, config.Publishing, _time,
            new PublicationInputs { Prompts = promptsByAgent, Usage = gateway.Ledger, RealNamespace = !provider.IsDryRun() }, _env);
        IPublisher publisher = config.Publishing.Email.Enabled && !provider.IsDryRun()
            ? new EmailingPublisher(basePublisher, config.Publishing.Email.To)
            : basePublisher;
        publisher = new PerformanceTrackingPublisher(publisher, databasePath); // inside the sync: the upload carries the windows
        if (remote) publisher = new DatabaseSyncingPublisher(publisher, runStore, databasePath);

        var services = new RunServices
        {
            Provider = new RunProviderInfo(provider, new Dictionary<string, string>
            {
                ["fast"] = gateway.ModelId(ModelTier.Fast),
                ["strategic"] = gateway.ModelId(ModelTier.Strategic),
            }),
            ContextFactory = new SnapshotResearchContextFactory(snapshot, config.Scoring, databasePath),
            PriorState = new ResearchDatabase(databasePath),
            Macro = macro,
            Teams = teams,
            Cio = cio,
            Aggregator = new ScoreAggregator(config.Scoring),
            Rotation = new PopulationRotation(config.Publishing.Population),
            Publisher = publisher,
            Usage = gateway.Ledger,
        };
        return new RunComposition(services, runDate);
    }
}
