using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using AlphaResearch.Scoring;

namespace AlphaResearch.Tests.Engine;

/// <summary>A filesystem store in a temp folder, a fake clock and fake agents that survive across runs (to count calls in total).</summary>
internal sealed class EngineHarness : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "ar-engine-" + Guid.NewGuid().ToString("N"));
    public FileSystemObjectStore Store { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 5, 16, 12, 0, 0, TimeSpan.Zero));
    public FakeLogger Logger { get; } = new();
    public UsageLedger Ledger { get; } = new();
    public FakeMacroAgent Macro { get; }
    public FakeTeamAgent Teams { get; }
    public FakeCioAgent Cio { get; }
    public FakeAggregator Aggregator { get; } = new();
    public RecordingObserver Observer { get; } = new();
    public EngineConfig Config { get; set; } = new();
    /// <summary>The research context the engine gets (default: the empty sample context).</summary>
    public IResearchContextFactory ContextFactory { get; set; } = new FakeContextFactory();
    public FakePublisher? Publisher { get; private set; }
    /// <summary>Wraps the filesystem store for the engine and publisher (fault injection); null = the store itself.</summary>
    public Func<IObjectStore, IObjectStore>? WrapStore { get; set; }

    public EngineHarness()
    {
        Store = new FileSystemObjectStore(Root);
        Macro = new FakeMacroAgent(Ledger);
        Teams = new FakeTeamAgent(Ledger);
        Cio = new FakeCioAgent(Ledger);
    }

    /// <summary>The next engine's publisher dies right after writing signals.json (before completion is recorded).</summary>
    public bool KillAfterCommitPoint { get; set; }

    public int TotalAgentCalls => Macro.Calls + Teams.TotalCalls + Cio.Calls;

    public RunEngine Engine(LlmProvider provider = LlmProvider.Anthropic)
    {
        IObjectStore root = WrapStore?.Invoke(Store) ?? Store;
        Publisher = new FakePublisher(RunNamespace.StoreFor(root, provider)) { DieAfterCommitPoint = KillAfterCommitPoint };
        var services = new RunServices
        {
            Provider = new RunProviderInfo(provider, new Dictionary<string, string> { ["fast"] = "claude-haiku-4-5", ["strategic"] = "claude-sonnet-4-5" }),
            ContextFactory = ContextFactory,
            PriorState = new FakePriorState(),
            Macro = Macro,
            Teams = Teams,
            Cio = Cio,
            Aggregator = Aggregator,
            Rotation = new FakeRotation(),
            Publisher = Publisher,
            Usage = Ledger,
        };
        return new RunEngine(root, services, Config, Time, Logger, Observer, owner: "test", pid: 4242);
    }

    public Task<RunResult> RunAsync(LlmProvider provider = LlmProvider.Anthropic, bool force = false, TimeSpan? deadline = null) =>
        RunWithTokenAsync(TestContext.Current.CancellationToken, provider, force, deadline);

    public Task<RunResult> RunWithTokenAsync(CancellationToken ct, LlmProvider provider = LlmProvider.Anthropic, bool force = false, TimeSpan? deadline = null) =>
        Engine(provider).RunAsync(new RunOptions(Sample.RunDate, force, deadline), ct);

    public AgentRunArchive Archive(bool dryRun = false) =>
        new(dryRun ? DryRunObjectStore.Wrap(Store) : Store, dryRun, Logger);

    public async Task<IReadOnlyList<string>> KeysAsync(string prefix = "") => await Store.ListAsync(prefix, CancellationToken.None);

    /// <summary>Keys without the run-lock chain (released generations stay as history by design).</summary>
    public async Task<IReadOnlyList<string>> DataKeysAsync(string prefix = "") =>
        (await KeysAsync(prefix)).Where(k => !k.StartsWith("locks/", StringComparison.Ordinal)).ToList();

    /// <summary>The date's live lock holder (null once released).</summary>
    public Task<AlphaResearch.Engine.RunLockInfo?> LiveLockAsync(DateOnly? date = null) =>
        AlphaResearch.Engine.RunLock.ReadCurrentAsync(Store, date ?? Sample.RunDate, CancellationToken.None);

    public static AgentResult Agent(RunResult r, string id) => r.Agents.Single(a => a.AgentId == id);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
