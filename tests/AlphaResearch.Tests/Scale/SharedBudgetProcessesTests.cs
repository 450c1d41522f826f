using System.Text.Json;
using AlphaResearch.Llm.Simulator;
using AlphaResearch.Tests.Integration;

namespace AlphaResearch.Tests.Scale;

/// <summary>
/// Issue 15 end to end: two real `alpha-research run` processes (different run dates, separate stores) share one
/// org budget in a real redis-server against one simulator whose input-token limit is below what the two runs need
/// together. Each process alone would fit its own bucket and fire at once (the 2× overspend of per-process
/// governors); sharing the budget, the simulator answers 0 429s.
/// </summary>
public sealed class SharedBudgetProcessesTests : IAsyncLifetime
{
    // One run of the sample asks ~94k input tokens of the simulator; two need ~190k. The org allows 150k/min; the
    // runs are configured 10% under it — the margin for the governor's estimate error on calls it sizes without
    // count_tokens (docs/SCALE.md, "Failure modes") — and each alone would fit its own bucket at once.
    private const int OrgInputTokensPerMinute = 150_000;
    private const int ConfiguredInputTokensPerMinute = 135_000;
    private AnthropicSimulator _sim = null!;
    private string _url = "";
    private readonly List<string> _roots = [];

    public async ValueTask InitializeAsync()
    {
        _sim = new AnthropicSimulator(new SimulatorOptions
        {
            LatencyMs = 50, MsPerOutputToken = 0,
            InputTokensPerMinute = OrgInputTokensPerMinute, OutputTokensPerMinute = 10_000_000, RequestsPerMinute = 100_000,
        });
        _url = await _sim.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _sim.DisposeAsync();
        foreach (var r in _roots) try { Directory.Delete(r, recursive: true); } catch (IOException) { }
    }

    private string NewRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "ar-shared-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        _roots.Add(root);
        return root;
    }

    [Fact]
    public async Task Two_processes_sharing_one_org_budget_get_no_429()
    {
        string redis = RedisTestServer.EndpointOrSkip();
        var config = Path.Combine(NewRoot(), "org.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            llm = new
            {
                strategic_model = "claude-haiku-4-5", // one model, so one pool: the simulator's limit is org-wide
                rate_limits = new Dictionary<string, object>
                {
                    ["claude-haiku-4-5"] = new { requests_per_minute = 100_000, input_tokens_per_minute = ConfiguredInputTokensPerMinute, output_tokens_per_minute = 10_000_000 },
                },
            },
        }), TestContext.Current.CancellationToken);
        string prefix = "test-" + Guid.NewGuid().ToString("N");
        var env = new Dictionary<string, string>
        {
            ["ANTHROPIC_API_KEY"] = "sk-ant-test-not-a-real-key",
            ["ANTHROPIC_BASE_URL"] = _url,
            ["ALPHA_RESEARCH_REDIS"] = redis,
            ["ALPHA_RESEARCH_REDIS_PREFIX"] = prefix, // a fresh org for this test
        };
        using var first = CliProcess.Start(env, "run", "--llm", "sim", "--config", config, "--store", NewRoot(), "--date", "2025-01-10", "--json");
        using var second = CliProcess.Start(env, "run", "--llm", "sim", "--config", config, "--store", NewRoot(), "--date", "2025-01-03", "--json");
        var a = await first.WaitAsync(TimeSpan.FromMinutes(3));
        var b = await second.WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(a.Code == 0, $"first run exited {a.Code}: {a.Stderr}");
        Assert.True(b.Code == 0, $"second run exited {b.Code}: {b.Stderr}");
        Assert.Contains("org budget shared in redis", a.Stderr);
        using (var raw = RedisTestServer.Raw())
            Assert.True(await raw.GetDatabase().KeyExistsAsync($"ar:budget:{{{prefix}:claude-haiku-4-5}}"), "the runs never used the shared budget");
        var messages = _sim.RequestLog.Where(e => e.Path == "/v1/messages").ToList();
        long paidInput = messages.Where(e => e.Status == 200).Sum(e => e.InputTokens);
        Assert.True(paidInput > OrgInputTokensPerMinute, $"the two runs asked only {paidInput} input tokens: the limit was never tested");
        var rateLimited = messages.Where(e => e.Status == 429).ToList();
        Assert.True(rateLimited.Count == 0, $"{rateLimited.Count} 429(s), first at {rateLimited.FirstOrDefault()?.At:HH:mm:ss.fff} (runs started {messages.Min(e => e.At):HH:mm:ss.fff})");
    }
}
