using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaResearch.Llm.Simulator;

/// <summary>The incident's shape: six sector teams fanning out at once against one fast-model org budget.</summary>
public sealed record WorkloadOptions
{
    public int Agents { get; init; } = 6;
    public int CallsPerAgent { get; init; } = 5;
    /// <summary>Per-agent system prompt (cached after the first call; above Haiku 4.5's 4 096-token minimum).</summary>
    public int SystemPromptTokens { get; init; } = 4_500;
    /// <summary>Per-call unique user content (never cached).</summary>
    public int UserPromptTokens { get; init; } = 20_000;
    public int MaxOutputTokens { get; init; } = 1_024;
}

/// <summary>What one run of the workload measured (simulated time in-process, real time against a URL).</summary>
public sealed record WorkloadResult(bool Governor, TimeSpan Makespan, long UncachedInputTokens, int InputTokensPerMinute, int RateLimited,
    int Requests, int Calls, UsageTotals Ledger, long SimInputTokens, long SimOutputTokens, long SimCacheReadTokens, long SimCacheWriteTokens)
{
    /// <summary>Where the workload ran: "in-process simulator" or the endpoint URL.</summary>
    public string Target { get; init; } = "in-process simulator";

    /// <summary>
    /// The honest rate-limit floor of the model pool: the bucket starts full, so only the uncached input (input +
    /// cache writes; cache reads do not count toward ITPM) beyond one full bucket has to wait for refill.
    /// </summary>
    public TimeSpan Floor => TimeSpan.FromMinutes(Math.Max(0, UncachedInputTokens - InputTokensPerMinute) / (double)InputTokensPerMinute);
    public double Ratio => Floor > TimeSpan.Zero ? Makespan / Floor : double.NaN;
    /// <summary>Share of all input tokens served from the prompt cache.</summary>
    public double CacheReadShare => SimCacheReadTokens / (double)Math.Max(1, SimCacheReadTokens + UncachedInputTokens);
}

/// <summary>
/// Runs the six-agent workload through the real gateway (Anthropic SDK → HTTP): against the in-process simulator on
/// one shared time-scaled clock, or against any Anthropic-compatible URL in real time. Used by `alpha-research
/// bench llm` and the gateway's end-to-end tests.
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
        var limits = new ModelRateLimits { RequestsPerMinute = sim.RequestsPerMinute, InputTokensPerMinute = sim.InputTokensPerMinute, OutputTokensPerMinute = sim.OutputTokensPerMinute };
        var (makespan, calls, ledger, _) = await DriveAsync(url, limits, work, governor, clock, apiKey, loggers, ct).ConfigureAwait(false);

        var log = simulator.RequestLog;
        var ok = log.Where(e => e.Status == 200).ToList();
        return new WorkloadResult(governor, makespan,
            UncachedInputTokens: ok.Sum(e => e.InputTokens + e.CacheWriteTokens),
            InputTokensPerMinute: sim.InputTokensPerMinute,
            RateLimited: log.Count(e => e.Error == "rate_limit_error"),
            Requests: log.Count, Calls: calls, Ledger: ledger,
            SimInputTokens: ok.Sum(e => e.InputTokens), SimOutputTokens: ok.Sum(e => e.OutputTokens),
            SimCacheReadTokens: ok.Sum(e => e.CacheReadTokens), SimCacheWriteTokens: ok.Sum(e => e.CacheWriteTokens));
    }

    /// <summary>
    /// The same workload against any Anthropic-compatible endpoint, in real time. Token figures come from the usage
    /// the server reported; ITPM from its anthropic-ratelimit-input-tokens-limit header when it sends one (else
    /// <paramref name="itpm"/>, which also sizes the governor before the first response); 429s are the retries
    /// our layer rode out.
    /// </summary>
    public static async Task<WorkloadResult> RunAgainstAsync(string baseUrl, WorkloadOptions work, bool governor, int itpm,
        string apiKey = "sim-key", ILoggerFactory? loggers = null, CancellationToken ct = default)
    {
        var limits = new ModelRateLimits { RequestsPerMinute = 4_000, InputTokensPerMinute = itpm, OutputTokensPerMinute = 1_000_000 };
        var (makespan, calls, ledger, serverItpm) = await DriveAsync(baseUrl, limits, work, governor, TimeProvider.System, apiKey, loggers ?? NullLoggerFactory.Instance, ct).ConfigureAwait(false);
        return new WorkloadResult(governor, makespan,
            UncachedInputTokens: ledger.InputTokens + ledger.CacheWriteTokens,
            InputTokensPerMinute: (int)(serverItpm ?? itpm),
            RateLimited: ledger.RateLimitWaits,
            Requests: ledger.Calls + ledger.RateLimitWaits, Calls: calls, Ledger: ledger,
            SimInputTokens: ledger.InputTokens, SimOutputTokens: ledger.OutputTokens,
            SimCacheReadTokens: ledger.CacheReadTokens, SimCacheWriteTokens: ledger.CacheWriteTokens) { Target = baseUrl };
    }

    private static async Task<(TimeSpan Makespan, int Calls, UsageTotals Ledger, double? ServerItpm)> DriveAsync(string url, ModelRateLimits limits,
        WorkloadOptions work, bool governor, TimeProvider clock, string apiKey, ILoggerFactory loggers, CancellationToken ct)
    {
        var config = new LlmConfig
        {
            Provider = LlmProvider.Sim,
            FastModel = Model,
            FastMaxOutputTokens = work.MaxOutputTokens,
            GovernorEnabled = governor,
            RateLimits = new() { [Model] = limits },
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
        return (clock.GetElapsedTime(start), calls, gateway.Ledger.Total, gateway.ServerLimit("input-tokens"));
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
