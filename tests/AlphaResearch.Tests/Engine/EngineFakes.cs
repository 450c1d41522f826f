using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using AlphaResearch.Agents;
using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.MarketData;
using AlphaResearch.Scoring;
using AlphaResearch.Publishing;

namespace AlphaResearch.Tests.Engine;

/// <summary>Builders for clean domain outputs used across engine and archive tests.</summary>
internal static class Sample
{
    public static readonly DateOnly RunDate = new(2026, 5, 16);

    public static MacroReport Macro(string theme = "steady growth") => new()
    {
        MarketRegime = MarketRegime.Bull,
        Sectors = Sectors.All.ToDictionary(s => s, _ => new SectorView(SectorRating.MarketWeight, 1.0, "balanced")),
        KeyTheme = theme,
        ReportMd = "# Macro\nGrowth holds.",
    };

    public static string TickerOf(TeamId team) => team switch
    {
        TeamId.Technology => "NVDA", TeamId.Healthcare => "ABT", TeamId.Financials => "AFL",
        TeamId.Industrials => "APD", TeamId.Consumer => "GOOG", _ => "XOM",
    };

    public static SectorTeamOutput Team(TeamId team, string bull = "Strong fundamentals") => new()
    {
        TeamId = team,
        Recommendations = [new SectorRecommendation { Ticker = TickerOf(team), QuantScore = 70, QualScore = 65, BullCase = bull, BearCase = "valuation" }],
        QuantRankedPicks = [new QuantPick(TickerOf(team), 70)],
        PeerReviewRationale = "agreed",
    };

    public static SectorTeamOutput Failed(TeamId team, string error = "RateLimitError 429 — org rate limit of 450,000 input tokens/min") =>
        new() { TeamId = team, Error = error };

    public static SectorTeamOutput PartialTeam(TeamId team) =>
        new() { TeamId = team, Partial = true, PartialReasons = ["recursion limit"], Recommendations = Team(team).Recommendations };

    public static CioOutput Cio(IEnumerable<string> tickers, string rationale = "best risk/reward")
    {
        var list = tickers.ToList();
        return new CioOutput
        {
            Decisions = list.Select((t, i) => new CioDecision
            {
                Ticker = t, Decision = i < 3 ? CioDecisionKind.Advance : CioDecisionKind.Reject, Rank = i + 1, Conviction = 70, Rationale = rationale,
                EntryThesis = i < 3 ? new Thesis { Ticker = t, BullCase = "entry case" } : null,
            }).ToList(),
            AdvancedTickers = list.Take(3).ToList(),
            EntryTheses = list.Take(3).ToDictionary(t => t, t => new Thesis { Ticker = t, BullCase = "entry case" }),
        };
    }

    public static AgentProvenance Provenance(string provider = "anthropic") => new()
    {
        Provider = provider,
        Models = new Dictionary<string, string> { ["fast"] = "claude-haiku-4-5", ["strategic"] = "claude-sonnet-4-5" },
        Prompts = [new PromptRef("sector_quant", "3", new string('a', 64))],
        SnapshotFingerprint = "sha256:abc",
        CreatedAt = new DateTimeOffset(2026, 5, 16, 12, 0, 0, TimeSpan.Zero),
        Usage = new UsageTotals(3, 1000, 200, 0, 0, 0, 0.01m),
    };

    public static ResearchContext Context(DateOnly date, PriorState prior) => new()
    {
        RunDate = date,
        Snapshot = new MarketSnapshot
        {
            Source = "test", Fingerprint = "sha256:test-snapshot", Constituents = [],
            Prices = new Dictionary<string, PriceSeries>(), Benchmarks = new Dictionary<string, PriceSeries>(),
            Macro = new Dictionary<string, MacroSeries>(), AsOfDate = date,
        },
        Scores = new ScoreBoard
        {
            Date = date, Regime = MarketRegime.Bull, Tickers = new Dictionary<string, TickerScores>(),
            Benchmarks = new Dictionary<string, TickerScores>(), Breadth = new MarketBreadth(0.5, 0.5, 1, 10, 10, 20),
        },
        Prior = prior,
    };
}

/// <summary>The fake agents record their calls in the real (in-memory) <see cref="UsageLedger"/>.</summary>
internal static class UsageLedgerTestExtensions
{
    public static void Add(this UsageLedger ledger, string agentId, long input, long output, decimal cost) =>
        ledger.Add(new UsageRecord { RunDate = "2026-05-16", AgentId = agentId, Label = "call", Model = "claude-haiku-4-5", InputTokens = input, OutputTokens = output, CostUsd = cost });
}

internal sealed class FakeMacroAgent(UsageLedger ledger) : IMacroAgent
{
    public int Calls;
    public Func<CancellationToken, Task<MacroReport>> Behavior { get; set; } = _ => Task.FromResult(Sample.Macro());
    public IReadOnlyList<PromptRef> Prompts { get; } = [new PromptRef("macro_economist", "2", new string('b', 64))];

    public Task<MacroReport> RunAsync(ResearchContext context, CancellationToken ct)
    {
        Interlocked.Increment(ref Calls);
        ledger.Add(RunEngine.MacroAgent, 5000, 800, 0.05m);
        return Behavior(ct);
    }
}

internal sealed class FakeTeamAgent(UsageLedger ledger) : ISectorTeamAgent
{
    public readonly ConcurrentDictionary<TeamId, int> Calls = new();
    public readonly ConcurrentDictionary<TeamId, Func<CancellationToken, Task<SectorTeamOutput>>> Behaviors = new();
    private int _running;
    public int MaxConcurrent;
    public IReadOnlyList<PromptRef> Prompts { get; } = [new PromptRef("sector_quant", "3", new string('a', 64))];
    public int TotalCalls => Calls.Values.Sum();

    public async Task<SectorTeamOutput> RunAsync(TeamId team, ResearchContext context, MacroReport macro, CancellationToken ct)
    {
        Calls.AddOrUpdate(team, 1, (_, n) => n + 1);
        int now = Interlocked.Increment(ref _running);
        lock (Calls) MaxConcurrent = Math.Max(MaxConcurrent, now);
        try
        {
            await Task.Yield();
            ledger.Add(RunEngine.TeamAgent(team), 2000, 300, 0.01m);
            return Behaviors.TryGetValue(team, out var b) ? await b(ct) : Sample.Team(team);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}

internal sealed class FakeCioAgent(UsageLedger ledger) : ICioAgent
{
    public int Calls;
    public CioRequest? LastRequest;
    public Func<CioRequest, CancellationToken, Task<CioOutput>>? Behavior { get; set; }
    public IReadOnlyList<PromptRef> Prompts { get; } = [new PromptRef("cio", "1", new string('c', 64))];

    public Task<CioOutput> RunAsync(CioRequest request, CancellationToken ct)
    {
        Interlocked.Increment(ref Calls);
        LastRequest = request;
        ledger.Add(RunEngine.CioAgent, 8000, 1500, 0.09m);
        return Behavior is null ? Task.FromResult(Sample.Cio(request.Candidates.Select(c => c.Recommendation.Ticker))) : Behavior(request, ct);
    }
}

/// <summary>One thesis per recommendation; bull case copied so markers propagate like the real aggregator.</summary>
internal sealed class FakeAggregator : IScoreAggregator
{
    public int Calls;
    public string? Drop { get; set; }
    public IReadOnlyList<InvestmentThesis> Aggregate(ResearchContext context, MacroReport macro, IReadOnlyDictionary<TeamId, SectorTeamOutput> teams)
    {
        Interlocked.Increment(ref Calls);
        return teams.Values.SelectMany(t => t.Recommendations.Where(r => r.Ticker != Drop).Select(r => new InvestmentThesis
        {
            Ticker = r.Ticker, Sector = t.TeamId.SectorsOf()[0], TeamId = t.TeamId, FinalScore = r.QuantScore,
            QuantScore = r.QuantScore, QualScore = r.QualScore, Rating = Rating.Buy, BullCase = r.BullCase, ThesisSummary = r.BullCase,
        })).ToList();
    }
}

internal sealed class FakeRotation : IPopulationRotation
{
    public ExitEvaluation EvaluateExits(ResearchContext context, IReadOnlyList<InvestmentThesis> theses) =>
        new(context.Prior.Population, [], 3);

    public RotationResult ApplyEntries(ResearchContext context, ExitEvaluation exits, CioOutput cio, IReadOnlyList<InvestmentThesis> theses)
    {
        var entries = cio.AdvancedTickers.Select(t => theses.First(x => x.Ticker == t)).ToList();
        var population = exits.Remaining.Concat(entries.Select(e => new PopulationEntry
        {
            Ticker = e.Ticker, Sector = e.Sector, TeamId = e.TeamId, LongTermScore = e.FinalScore, ThesisSummary = e.ThesisSummary,
            EntryDate = context.RunDate.ToString("yyyy-MM-dd"),
        })).ToList();
        return new RotationResult(population, entries.Select(e => new RotationEvent { Type = RotationEventType.Entry, Ticker = e.Ticker, Reason = "IC_ADVANCE" }).ToList());
    }
}

/// <summary>Builds a payload from the outcome (thesis summaries flow into it) and commits signals.json to its store.</summary>
internal sealed class FakePublisher(IObjectStore store) : IPublisher
{
    public int Commits;
    public ResearchOutcome? Prepared;
    /// <summary>Runs right after signals.json (the commit point) is written, before latest.json.</summary>
    public Func<Task>? AfterCommitPoint { get; set; }

    public PreparedPublication Prepare(ResearchOutcome outcome)
    {
        Prepared = outcome;
        var candidates = new JsonArray();
        foreach (var t in outcome.Theses) candidates.Add(new JsonObject { ["ticker"] = t.Ticker, ["thesis_summary"] = t.ThesisSummary });
        return new PreparedPublication
        {
            SignalsPayload = new JsonObject { ["date"] = outcome.Context.RunDate.ToString("yyyy-MM-dd"), ["buy_candidates"] = candidates },
            BriefMarkdown = $"# Morning brief\n{outcome.Macro.KeyTheme}",
            BriefHtml = "<html><body>brief</body></html>",
        };
    }

    /// <summary>Simulates a process killed right after the commit point: signals.json written, completion never recorded.</summary>
    public bool DieAfterCommitPoint { get; set; }

    private static string MarkerKey(DateOnly date) => $"published/{date:yyyy-MM-dd}.done";

    public async Task<bool> IsPublishedAsync(DateOnly runDate, CancellationToken ct) =>
        await store.ExistsAsync(RunEngine.SignalsKey(runDate), ct) && await store.ExistsAsync(MarkerKey(runDate), ct);

    public async Task<IReadOnlyList<string>> CommitAsync(ResearchOutcome outcome, PreparedPublication prepared, CancellationToken ct)
    {
        Interlocked.Increment(ref Commits);
        string key = RunEngine.SignalsKey(outcome.Context.RunDate);
        await store.PutAsync(key, Encoding.UTF8.GetBytes(prepared.SignalsPayload.ToJsonString()), ct);
        if (DieAfterCommitPoint) throw new IOException("killed after the commit point");
        await store.PutAsync(MarkerKey(outcome.Context.RunDate), new byte[] { 1 }, ct);
        if (AfterCommitPoint is null) return [$"{store.Location}/{key}"];
        await AfterCommitPoint();
        await store.PutAsync("signals/latest.json", Encoding.UTF8.GetBytes(prepared.SignalsPayload.ToJsonString()), ct);
        return [$"{store.Location}/{key}", $"{store.Location}/signals/latest.json"];
    }
}

internal sealed class FakePriorState : IPriorStateReader
{
    public Task<PriorState> LoadAsync(DateOnly runDate, CancellationToken ct) => Task.FromResult(PriorState.Empty);
}

internal sealed class FakeContextFactory : IResearchContextFactory
{
    public Task<ResearchContext> CreateAsync(DateOnly runDate, PriorState prior, CancellationToken ct) =>
        Task.FromResult(Sample.Context(runDate, prior));
}

internal sealed class RecordingObserver : IRunObserver
{
    public readonly ConcurrentQueue<(string Agent, AgentState State)> Events = new();
    public readonly ConcurrentQueue<string> Phases = new();
    public void AgentChanged(string agentId, AgentState state, string? detail) => Events.Enqueue((agentId, state));
    public void PhaseChanged(string phase) => Phases.Enqueue(phase);
}

/// <summary>A store that delegates to another but throws a chosen exception for chosen operations and keys.</summary>
internal sealed class FaultyStore(IObjectStore inner) : IObjectStore
{
    public Func<string, string, Exception?> Fault { get; set; } = (_, _) => null;

    private void Check(string op, string key)
    {
        if (Fault(op, key) is { } ex) throw ex;
    }

    public string Location => inner.Location;
    public Task<byte[]?> GetAsync(string key, CancellationToken ct) { Check("get", key); return inner.GetAsync(key, ct); }
    public Task<bool> ExistsAsync(string key, CancellationToken ct) { Check("exists", key); return inner.ExistsAsync(key, ct); }
    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) { Check("put", key); return inner.PutAsync(key, content, ct); }
    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) { Check("put_if_absent", key); return inner.PutIfAbsentAsync(key, content, ct); }
    public Task DeleteAsync(string key, CancellationToken ct) { Check("delete", key); return inner.DeleteAsync(key, ct); }
    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct) { Check("list", prefix); return inner.ListAsync(prefix, ct); }
}
