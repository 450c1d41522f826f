using System.Text.Json;
using System.Text.RegularExpressions;
using AlphaResearch.Llm.Simulator;
using AlphaResearch.Scale.Dispatch;
using AlphaResearch.Tests.Integration;

namespace AlphaResearch.Tests.Scale;

/// <summary>
/// Issue 15 with every service real: two queued runs for different dates execute on two worker processes (PostgreSQL
/// queue) that share one org budget in redis-server, against one simulator whose input-token limit is below what the two
/// runs need together. Each run ends OK, each on its own worker, and the simulator answers 0 429s.
/// </summary>
public sealed partial class QueuedWorkersSharedBudgetTests : IAsyncLifetime
{
    // As in SharedBudgetProcessesTests: two runs need ~190k input tokens; the org allows 150k/min; the workers are
    // configured 10% under it (the margin for the governor's estimate error, docs/SCALE.md).
    private const int OrgInputTokensPerMinute = 150_000;
    private const int ConfiguredInputTokensPerMinute = 135_000;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ar-queued-budget-" + Guid.NewGuid().ToString("N"));
    private AnthropicSimulator _sim = null!;
    private string _url = "";

    public async ValueTask InitializeAsync()
    {
        _sim = new AnthropicSimulator(new SimulatorOptions
        {
            LatencyMs = 50, MsPerOutputToken = 0,
            InputTokensPerMinute = OrgInputTokensPerMinute, OutputTokensPerMinute = 10_000_000, RequestsPerMinute = 100_000,
        });
        _url = await _sim.StartAsync(TestContext.Current.CancellationToken);
        Directory.CreateDirectory(_root);
    }

    public async ValueTask DisposeAsync()
    {
        await _sim.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"on worker (\S+)")]
    private static partial Regex OnWorker();

    [Fact]
    public async Task Two_dates_on_two_workers_sharing_one_org_budget_both_end_ok_with_no_429()
    {
        var env = new Dictionary<string, string>
        {
            [QueueOptions.Env] = PostgresTestServer.ConnectionStringOrSkip(),
            [QueueOptions.SchemaEnv] = PostgresTestServer.NewSchema(),
            ["ALPHA_RESEARCH_REDIS"] = RedisTestServer.EndpointOrSkip(),
            ["ALPHA_RESEARCH_REDIS_PREFIX"] = "test-" + Guid.NewGuid().ToString("N"), // a fresh org for this test
            ["ANTHROPIC_API_KEY"] = "sk-ant-test-not-a-real-key",
            ["ANTHROPIC_BASE_URL"] = _url,
        };
        var config = Path.Combine(_root, "org.json");
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
        string[] worker = ["worker", "--llm", "sim", "--config", config, "--store", Path.Combine(_root, "store"), "--concurrency", "1"];
        using var workerA = CliProcess.Start(env, worker);
        using var workerB = CliProcess.Start(env, worker);
        using var first = CliProcess.Start(env, "run", "--queued", "--llm", "sim", "--date", "2025-01-10", "--json");
        using var second = CliProcess.Start(env, "run", "--queued", "--llm", "sim", "--date", "2025-01-03", "--json");
        var a = await first.WaitAsync(TimeSpan.FromMinutes(3));
        var b = await second.WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(a.Code == 0, $"first queued run exited {a.Code}: {a.Stderr}");
        Assert.True(b.Code == 0, $"second queued run exited {b.Code}: {b.Stderr}");
        foreach (var r in new[] { a, b })
        {
            using var json = JsonDocument.Parse(r.Stdout);
            Assert.Equal("OK", json.RootElement.GetProperty("status").GetString());
        }
        // Each worker takes one job at a time (--concurrency 1), so the two runs overlapped on two processes.
        string workerOf(string stderr) => OnWorker().Matches(stderr).Select(m => m.Groups[1].Value).Last();
        Assert.NotEqual(workerOf(a.Stderr), workerOf(b.Stderr));

        var messages = _sim.RequestLog.Where(e => e.Path == "/v1/messages").ToList();
        long paidInput = messages.Where(e => e.Status == 200).Sum(e => e.InputTokens);
        Assert.True(paidInput > OrgInputTokensPerMinute, $"the two runs asked only {paidInput} input tokens: the limit was never tested");
        var rateLimited = messages.Where(e => e.Status == 429).ToList();
        Assert.True(rateLimited.Count == 0, $"{rateLimited.Count} 429(s), first at {rateLimited.FirstOrDefault()?.At:HH:mm:ss.fff}");
    }
}
