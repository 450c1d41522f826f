using System.Text;
using AlphaResearch.Domain;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaResearch.Llm.Simulator;

/// <summary>The incident's shape: six sector teams fanning out at once against one fast-model org budget.</summary>
public sealed record WorkloadOptions
{
    public int Agents { get; init; } = 6;
    public int CallsPerAgent { get; init; } = 5;
    /// <summary>Per-agent system prompt (cached after the first call).</summary>
    public int SystemPromptTokens { get; init; } = 3_000;
    /// <summary>Per-call unique user content (never cached).</summary>
    public int UserPromptTokens { get; init; } = 20_000;
    public int MaxOutputTokens { get; init; } = 1_024;
}

/// <summary>What one run of the workload measured, in simulated time.</summary>
public sealed record WorkloadResult(bool Governor, TimeSpan Makespan, long UncachedInputTokens, int InputTokensPerMinute, int RateLimited,
    int Requests, int Calls, UsageTotals Ledger, long SimInputTokens, long SimOutputTokens, long SimCacheReadTokens, long SimCacheWriteTokens)
{
    /// <summary>The rate-limit floor: total uncached input tokens ÷ ITPM.</summary>
    public TimeSpan Floor => TimeSpan.FromMinutes((double)UncachedInputTokens / InputTokensPerMinute);
    public double Ratio => Makespan / Floor;
}

/// <summary>
/// Runs the six-agent workload through the real gateway (Anthropic SDK → simulator over HTTP) on one shared
/// time-scaled clock. Used by `alpha-research bench llm` and the gateway's end-to-end tests.
/// </summary>
public static class SixAgentWorkload
{
    public const string Model = "claude-haiku-4-5";

    public static async Task<WorkloadResult> RunAsync(SimulatorOptions sim, WorkloadOptions work, bool governor, double timeScale,
        string apiKey = "sim-key", ILoggerFactory? loggers = null, CancellationToken ct = default)
    {
        loggers ??= NullLoggerFactory.Instance;
        var clock = new ScaledTimeProvider(timeScale);
        await using var simulator = new AnthropicSimulator(sim, clock, loggers);
        string url = await simulator.StartAsync(ct).ConfigureAwait(false);

        var config = new LlmConfig
        {
            Provider = LlmProvider.Sim,
            FastModel = Model,
            FastMaxOutputTokens = work.MaxOutputTokens,
            GovernorEnabled = governor,
            RateLimits = new()
            {
                [Model] = new ModelRateLimits { RequestsPerMinute = sim.RequestsPerMinute, InputTokensPerMinute = sim.InputTokensPerMinute, OutputTokensPerMinute = sim.OutputTokensPerMinute },
            },
        };
        var env = new Dictionary<string, string?> { [LlmGatewayBuilder.ApiKeyEnv] = apiKey };
        using var gateway = new LlmGatewayBuilder(config)
            .WithBaseUrl(url)
            .WithEnvironment(k => env.GetValueOrDefault(k))
            .WithTimeProvider(clock)
            .WithLoggerFactory(loggers)
            .WithRunDate("2026-05-16")
            .Build();

        var client = gateway.For(ModelTier.Fast);
        long start = clock.GetTimestamp();
        int calls = 0;
        await Task.WhenAll(Enumerable.Range(0, work.Agents).Select(a => Task.Run(async () =>
        {
            string team = TeamNames[a % TeamNames.Length];
            string system = Prose($"You are the quant analyst of the {team} sector team. Tickers under review: {Tickers(a)}.", work.SystemPromptTokens, seed: a);
            for (int c = 0; c < work.CallsPerAgent; c++)
            {
                var messages = new List<ChatMessage>
                {
                    new(ChatRole.System, system),
                    new(ChatRole.User, Prose($"Call {c}: score {Tickers(a)} on momentum and value.", work.UserPromptTokens, seed: 1000 * a + c)),
                };
                var options = new ChatOptions { MaxOutputTokens = work.MaxOutputTokens }.WithTag($"sector_team:{team}", $"quant:{team}:call{c}");
                await client.GetResponseAsync(messages, options, ct).ConfigureAwait(false);
                Interlocked.Increment(ref calls);
            }
        }, ct))).ConfigureAwait(false);
        var makespan = clock.GetElapsedTime(start);

        var log = simulator.RequestLog;
        var ok = log.Where(e => e.Status == 200).ToList();
        return new WorkloadResult(governor, makespan,
            UncachedInputTokens: ok.Sum(e => e.InputTokens + e.CacheWriteTokens),
            InputTokensPerMinute: sim.InputTokensPerMinute,
            RateLimited: log.Count(e => e.Error == "rate_limit_error"),
            Requests: log.Count, Calls: calls, Ledger: gateway.Ledger.Total,
            SimInputTokens: ok.Sum(e => e.InputTokens), SimOutputTokens: ok.Sum(e => e.OutputTokens),
            SimCacheReadTokens: ok.Sum(e => e.CacheReadTokens), SimCacheWriteTokens: ok.Sum(e => e.CacheWriteTokens));
    }

    private static readonly string[] TeamNames = ["technology", "healthcare", "financials", "industrials", "consumer", "defensives"];
    private static readonly string[][] TeamTickers =
    [
        ["AAPL", "MSFT", "NVDA"], ["JNJ", "UNH", "PFE"], ["JPM", "BAC", "BRK-B"],
        ["CAT", "GE", "HON"], ["AMZN", "HD", "NKE"], ["KO", "PG", "DUK"],
    ];

    private static string Tickers(int agent) => string.Join(" ", TeamTickers[agent % TeamTickers.Length]);

    /// <summary>Deterministic filler prose of about <paramref name="tokens"/> tokens (3.5 chars each).</summary>
    internal static string Prose(string lead, int tokens, int seed)
    {
        string[] words = ["revenue", "margin", "guidance", "momentum", "valuation", "cash", "flow", "demand", "supply", "pricing", "cycle", "earnings", "capex", "rates", "spread"];
        var sb = new StringBuilder(lead).Append(' ');
        int target = (int)(tokens * TokenEstimator.CharsPerToken);
        var rng = new Random(seed);
        while (sb.Length < target) sb.Append(words[rng.Next(words.Length)]).Append(' ');
        return sb.ToString(0, Math.Max(lead.Length, target));
    }
}
