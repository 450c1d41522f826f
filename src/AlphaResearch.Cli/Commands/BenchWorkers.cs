using System.Globalization;
using AlphaResearch.Llm;
using AlphaResearch.Llm.Simulator;
using AlphaResearch.Scale;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace AlphaResearch.Cli.Commands;

/// <summary>
/// `bench llm --workers 1,2,4`: N workers (each its own gateway and governor, as N processes would be) run the
/// six-agent fan-out at once against one simulated org limit, in real time — per-process governors vs one org budget
/// shared in Redis (ALPHA_RESEARCH_REDIS). Makespan ÷ the honest floor of all workers' input, and the 429s.
/// </summary>
internal static class BenchWorkers
{
    public sealed record Row(int Workers, string Budget, TimeSpan Makespan, TimeSpan Floor, int RateLimited, int Calls);

    public static async Task<List<Row>> RunAsync(IReadOnlyList<int> workerCounts, int itpm, WorkloadOptions work, string? redis, CancellationToken ct)
    {
        var rows = new List<Row>();
        foreach (int n in workerCounts)
        {
            foreach (bool shared in redis is null ? [false] : new[] { false, true })
                rows.Add(await RunOnceAsync(n, itpm, work, shared ? redis : null, ct));
        }
        return rows;
    }

    private static async Task<Row> RunOnceAsync(int workers, int itpm, WorkloadOptions work, string? redis, CancellationToken ct)
    {
        var simOptions = new SimulatorOptions { InputTokensPerMinute = itpm, OutputTokensPerMinute = 10_000_000, RequestsPerMinute = 100_000, LatencyMs = 300, MsPerOutputToken = 0 };
        await using var sim = new AnthropicSimulator(simOptions);
        string url = await sim.StartAsync(ct);
        RedisBudgetStore? store = redis is null ? null
            : RedisBudgetStore.Connect(new RedisBudgetOptions { Endpoint = redis, KeyPrefix = "bench-" + Guid.NewGuid().ToString("N") }, TimeProvider.System, NullLogger.Instance);
        var config = new LlmConfig
        {
            Provider = LlmProvider.Sim, FastModel = SixAgentWorkload.Model, FastMaxOutputTokens = work.MaxOutputTokens,
            RateLimits = new() { [SixAgentWorkload.Model] = new ModelRateLimits { RequestsPerMinute = 100_000, InputTokensPerMinute = itpm, OutputTokensPerMinute = 10_000_000 } },
        };
        var gateways = Enumerable.Range(0, workers).Select(_ => new LlmGatewayBuilder(config).WithBaseUrl(url)
            .WithEnvironment(k => k == LlmGatewayBuilder.ApiKeyEnv ? "sim-key" : null).WithBudgetStore(store).WithRunDate("2026-12-01").Build()).ToList();
        long start = TimeProvider.System.GetTimestamp();
        int calls = 0;
        await Task.WhenAll(gateways.SelectMany((g, w) => Enumerable.Range(0, work.Agents).Select(a => Task.Run(async () =>
        {
            for (int c = 0; c < work.CallsPerAgent; c++)
            {
                var messages = new List<ChatMessage> { new(ChatRole.User, SixAgentWorkload.Prose($"worker {w} agent {a} call {c}", work.UserPromptTokens, seed: 10_000 * w + 100 * a + c)) };
                await g.For(ModelTier.Fast).GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = work.MaxOutputTokens }.WithTag($"w{w}:agent{a}", $"call{c}"), ct);
                Interlocked.Increment(ref calls);
            }
        }, ct))));
        var makespan = TimeProvider.System.GetElapsedTime(start);
        foreach (var g in gateways) g.Dispose();
        if (store is not null) await store.DisposeAsync();
        var ok = sim.RequestLog.Where(e => e.Path == "/v1/messages" && e.Status == 200).ToList();
        long uncached = ok.Sum(e => e.InputTokens + e.CacheWriteTokens);
        var floor = TimeSpan.FromMinutes(Math.Max(0, uncached - itpm) / (double)itpm);
        return new Row(workers, redis is null ? "per-process" : "shared (Redis)", makespan, floor, sim.RequestLog.Count(e => e.Error == "rate_limit_error"), calls);
    }

    public static Table Table(IEnumerable<Row> rows)
    {
        var table = new Table().AddColumns("workers", "budget", "makespan", "honest floor", "makespan / floor", "429s", "calls");
        foreach (var r in rows)
        {
            string ratio = r.Floor > TimeSpan.Zero ? (r.Makespan / r.Floor).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—";
            table.AddRow(r.Workers.ToString(CultureInfo.InvariantCulture), r.Budget, $"{r.Makespan.TotalSeconds:0.0}s", $"{r.Floor.TotalSeconds:0.0}s", ratio,
                r.RateLimited.ToString(CultureInfo.InvariantCulture), r.Calls.ToString(CultureInfo.InvariantCulture));
        }
        return table;
    }
}
