// Fake-clock tests drive cancellation explicitly; the test-context token adds nothing here.
#pragma warning disable xUnit1051
using System.Text.Json;
using AlphaResearch.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace AlphaResearch.Tests.Llm;

public sealed class UsageLedgerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 16, 12, 0, 0, TimeSpan.Zero));
    private readonly LlmCallScopes _scopes = new();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ar-usage-" + Guid.NewGuid().ToString("N"));
    private readonly PriceCard _prices = new(new LlmConfig().Prices);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Cost_uses_the_price_card_per_token_kind_and_strips_dated_suffixes()
    {
        // Haiku 4.5: $1 in, $5 out, $0.10 cache read, $1.25 cache write per MTok.
        Assert.Equal(1.00m + 5.00m + 0.10m + 1.25m, _prices.Cost("claude-haiku-4-5", 1_000_000, 1_000_000, 1_000_000, 1_000_000));
        Assert.Equal(0.003m + 0.0015m, _prices.Cost("claude-sonnet-4-6-20260101", 1_000, 100, 0, 0));
        Assert.Null(_prices.Cost("gpt-local", 1, 1, 0, 0));
    }

    [Fact]
    public void Adapter_usage_is_split_into_uncached_input_cache_reads_and_cache_writes()
    {
        var usage = SequenceChatClient.Ok(input: 12, output: 7, cacheRead: 5, cacheWrite: 3).Usage;
        Assert.Equal((12L, 7L, 5L, 3L), UsageChatClient.Split(usage));
    }

    [Fact]
    public async Task Each_call_is_recorded_with_tag_tokens_attempts_waits_latency_and_cost_and_appended_to_jsonl()
    {
        string path = Path.Combine(_dir, "usage.jsonl");
        var ledger = new UsageLedger(path);
        var provider = new SequenceChatClient(_scopes, _ => throw SequenceChatClient.Http(429), _ => SequenceChatClient.Ok(input: 2_000, output: 500, cacheRead: 10_000, cacheWrite: 4_000));
        var retry = new RateLimitRetryChatClient(provider, TimeSpan.FromMinutes(75), _time, _scopes, () => 0);
        var client = new UsageChatClient(retry, ledger, _prices, "2026-05-16", "claude-haiku-4-5", 100m, _time, _scopes);

        await FakeClock.RunAsync(_time, client.GetResponseAsync("hi", new ChatOptions().WithTag("sector_team:technology", "quant:technology:react")), TimeSpan.FromMilliseconds(500));

        var r = Assert.Single(ledger.Records);
        Assert.Equal("2026-05-16", r.RunDate);
        Assert.Equal("sector_team:technology", r.AgentId);
        Assert.Equal("quant:technology:react", r.Label);
        Assert.Equal("claude-haiku-4-5", r.Model);
        Assert.Equal((2_000L, 500L, 10_000L, 4_000L), (r.InputTokens, r.OutputTokens, r.CacheReadTokens, r.CacheWriteTokens));
        Assert.Equal(2, r.Attempts);
        Assert.Null(r.Error);
        Assert.Equal(1, r.RateLimitWaits);
        Assert.Equal(4.0, r.RateLimitWaitSeconds);
        Assert.Equal(4_000, r.LatencyMs, 0.0);
        Assert.Equal(0.002m + 0.0025m + 0.001m + 0.005m, r.CostUsd);
        Assert.Equal(r.CostUsd, ledger.TotalFor("sector_team:technology").CostUsd);
        Assert.Equal(UsageTotals.Zero, ledger.TotalFor("cio"));

        var line = Assert.Single(File.ReadAllLines(path));
        using var doc = JsonDocument.Parse(line);
        Assert.Equal("quant:technology:react", doc.RootElement.GetProperty("label").GetString());
        Assert.Equal(10_000, doc.RootElement.GetProperty("cache_read_tokens").GetInt64());
        Assert.Equal(2, doc.RootElement.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Per_agent_and_run_totals_aggregate_concurrent_calls()
    {
        var ledger = new UsageLedger();
        var provider = new SequenceChatClient(_scopes, _ => SequenceChatClient.Ok(input: 1_000, output: 100));
        var client = new UsageChatClient(provider, ledger, _prices, "2026-05-16", "claude-haiku-4-5", 0m, _time, _scopes);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => client.GetResponseAsync("x", new ChatOptions().WithTag(i % 2 == 0 ? "a" : "b", "l")))));

        Assert.Equal(12, ledger.Total.Calls);
        Assert.Equal(12_000, ledger.Total.InputTokens);
        Assert.Equal(6, ledger.TotalFor("a").Calls);
        Assert.Equal(6 * (0.001m + 0.0005m), ledger.TotalFor("b").CostUsd);
    }

    [Fact]
    public async Task The_call_that_crosses_the_run_budget_is_recorded_then_raises()
    {
        var ledger = new UsageLedger();
        // Each call: 1 MTok in at $1 → $1.00.
        var provider = new SequenceChatClient(_scopes, _ => SequenceChatClient.Ok(input: 1_000_000, output: 0));
        var client = new UsageChatClient(provider, ledger, _prices, "2026-05-16", "claude-haiku-4-5", 2.5m, _time, _scopes);

        await client.GetResponseAsync("1");
        await client.GetResponseAsync("2");
        var ex = await Assert.ThrowsAsync<RunBudgetExceededException>(() => client.GetResponseAsync("3"));

        Assert.Equal(3, ledger.Records.Count);
        Assert.Equal(3.00m, ex.SpentUsd);
        Assert.Equal(2.5m, ex.CeilingUsd);
        Assert.Equal("run budget exceeded: spent $3.00 > ceiling $2.50 (raise llm.run_budget_usd or ALPHA_RESEARCH_RUN_BUDGET_USD; ≤ 0 disables)", ex.Message);
    }

    [Fact]
    public async Task A_failed_call_is_logged_with_its_label_and_the_same_exception_propagates()
    {
        var logger = new Microsoft.Extensions.Logging.Testing.FakeLogger<UsageChatClient>();
        var err = SequenceChatClient.Http(400, "invalid_request_error: secret prompt text");
        var provider = new SequenceChatClient(_scopes, _ => throw err);
        var client = new UsageChatClient(provider, new UsageLedger(), _prices, "2026-05-16", "claude-haiku-4-5", 0m, _time, _scopes, logger);

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("x", new ChatOptions().WithTag("cio", "cio:batch")));

        Assert.Same(err, thrown);
        Assert.Equal("cio:batch (cio) failed after 1 attempt(s): HTTP 400", logger.LatestRecord.Message);
    }

    [Fact]
    public async Task A_call_that_fails_is_still_recorded_with_its_attempts_waits_and_error_and_the_same_exception_propagates()
    {
        string path = Path.Combine(_dir, "usage.jsonl");
        var ledger = new UsageLedger(path);
        var provider = new SequenceChatClient(_scopes, _ => throw SequenceChatClient.Http(429));
        var retry = new RateLimitRetryChatClient(provider, TimeSpan.FromMinutes(5), _time, _scopes, () => 0);
        var client = new UsageChatClient(retry, ledger, _prices, "2026-05-16", "claude-haiku-4-5", 100m, _time, _scopes);

        var call = client.GetResponseAsync("x", new ChatOptions().WithTag("sector_team:financials", "quant:financials:react"));
        await Assert.ThrowsAsync<RateLimitDeadlineExceededException>(() => FakeClock.RunAsync(_time, call, TimeSpan.FromSeconds(1)));

        // Waits 4, 8, 16, 32, 60, 60, 60 s; the 8th wait (60 s at 240 s elapsed) would reach the 5 min deadline.
        var r = Assert.Single(ledger.Records);
        Assert.Equal(("sector_team:financials", "quant:financials:react", "claude-haiku-4-5"), (r.AgentId, r.Label, r.Model));
        Assert.Equal((8, 7, 240.0), (r.Attempts, r.RateLimitWaits, r.RateLimitWaitSeconds));
        Assert.Equal((0L, 0L, 0m), (r.InputTokens, r.OutputTokens, r.CostUsd));
        Assert.Equal("rate-limit deadline passed after 8 attempt(s)", r.Error);
        Assert.Equal(1, ledger.TotalFor("sector_team:financials").Calls);
        using var doc = JsonDocument.Parse(Assert.Single(File.ReadAllLines(path)));
        Assert.Equal("rate-limit deadline passed after 8 attempt(s)", doc.RootElement.GetProperty("error").GetString());

        // A non-retryable error: one attempt, recorded, and the very same exception instance propagates.
        var err = SequenceChatClient.Http(400, "invalid_request_error");
        var bad = new UsageChatClient(new SequenceChatClient(_scopes, _ => throw err), ledger, _prices, "2026-05-16", "claude-haiku-4-5", 100m, _time, _scopes);
        Assert.Same(err, await Assert.ThrowsAsync<HttpRequestException>(() => bad.GetResponseAsync("x", new ChatOptions().WithTag("cio", "cio"))));
        var r2 = ledger.Records[1];
        Assert.Equal(("cio", "cio", 1, "HTTP 400"), (r2.AgentId, r2.Label, r2.Attempts, r2.Error));
    }

    [Theory]
    [InlineData(null, 100)]
    [InlineData("25.5", 25.5)]
    [InlineData(" 7 ", 7)]
    [InlineData("0", 0)]
    public void Run_budget_env_overrides_config(string? env, double expected) =>
        Assert.Equal((decimal)expected, LlmGatewayBuilder.ResolveBudget(100m, env));

    [Theory]
    [InlineData("0.001 USD")]
    [InlineData("$5")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("1,000")]
    public void A_malformed_run_budget_is_bad_input_naming_the_variable_and_value_never_a_disabled_ceiling(string env)
    {
        var ex = Assert.Throws<AlphaResearch.Llm.LlmConfigException>(() => LlmGatewayBuilder.ResolveBudget(100m, env));
        Assert.Contains(LlmGatewayBuilder.RunBudgetEnv, ex.Message);
        Assert.Contains($"'{env}'", ex.Message);
        Assert.Contains("plain number", ex.Message);
    }

    [Fact]
    public void A_malformed_run_budget_stops_the_gateway_build_before_any_call()
    {
        int calls = 0;
        var env = new Dictionary<string, string?> { [LlmGatewayBuilder.RunBudgetEnv] = "0.001 USD" };
        var builder = new LlmGatewayBuilder(new LlmConfig { Provider = LlmProvider.Stub })
            .WithEnvironment(k => env.GetValueOrDefault(k))
            .WithProviderClient((_, _) => { calls++; return new StubChatClient("m"); });
        Assert.Throws<AlphaResearch.Llm.LlmConfigException>(() => builder.Build());
        Assert.Equal(0, calls);
    }
}
