// Fake-clock tests drive cancellation explicitly; the test-context token adds nothing here.
#pragma warning disable xUnit1051
using AlphaResearch.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace AlphaResearch.Tests.Llm;

public sealed class GovernorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 16, 12, 0, 0, TimeSpan.Zero));

    private ModelBudget Budget(int itpm = 600, int otpm = 6000, int rpm = 600) =>
        new("claude-haiku-4-5", new ModelRateLimits { InputTokensPerMinute = itpm, OutputTokensPerMinute = otpm, RequestsPerMinute = rpm }, _time);

    [Fact]
    public async Task Admission_is_fifo_and_waits_for_the_bucket_to_refill()
    {
        var budget = Budget(itpm: 600); // refills 10 tokens/s
        var a = await budget.AcquireAsync(500, 10, default);
        var b = budget.AcquireAsync(400, 10, default);   // needs 300 more → 30 s
        var c = budget.AcquireAsync(50, 10, default);    // would fit now (100 left) but must queue behind b

        Assert.Equal(TimeSpan.Zero, a.Waited);
        Assert.False(b.IsCompleted);
        Assert.False(c.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(b.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1.01));
        var lb = await b;
        Assert.Equal(30.0, lb.Waited.TotalSeconds, 1);
        Assert.False(c.IsCompleted); // bucket ~0 after b; c needs 50 → 5 s

        _time.Advance(TimeSpan.FromSeconds(5.01));
        var lc = await c;
        Assert.Equal(35.0, lc.Waited.TotalSeconds, 1);
        Assert.Equal(0, budget.QueueLength);
    }

    [Fact]
    public async Task Requests_per_minute_bucket_limits_admission()
    {
        var budget = Budget(rpm: 60); // one request per second
        for (int i = 0; i < 60; i++) await budget.AcquireAsync(1, 1, default);
        var next = budget.AcquireAsync(1, 1, default);
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1.01));
        await next;
    }

    [Fact]
    public async Task A_call_larger_than_a_whole_bucket_fails_at_once()
    {
        var budget = Budget(itpm: 600, otpm: 6000);

        var ex = await Assert.ThrowsAsync<GovernorRejectedException>(() => budget.AcquireAsync(601, 10, default));
        Assert.Equal("governor: a call to claude-haiku-4-5 needs ~601 input tokens but the whole input-tokens/min budget is 600; shorten the prompt or raise llm.rate_limits.claude-haiku-4-5.input_tokens_per_minute", ex.Message);

        var ex2 = await Assert.ThrowsAsync<GovernorRejectedException>(() => budget.AcquireAsync(10, 6001, default));
        Assert.StartsWith("governor: a call to claude-haiku-4-5 reserves max_tokens 6,001", ex2.Message);
    }

    [Fact]
    public async Task Cancelling_a_queued_call_lets_the_next_one_through()
    {
        var budget = Budget(itpm: 600);
        await budget.AcquireAsync(600, 1, default);
        using var cts = new CancellationTokenSource();
        var big = budget.AcquireAsync(500, 1, cts.Token);
        var small = budget.AcquireAsync(20, 1, default);

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => big);
        _time.Advance(TimeSpan.FromSeconds(2.01));
        await small;
    }

    [Fact]
    public async Task A_queued_call_that_no_longer_fits_after_the_server_lowers_the_limit_fails_instead_of_waiting_forever()
    {
        var budget = Budget(itpm: 600);
        await budget.AcquireAsync(500, 1, default);
        var big = budget.AcquireAsync(550, 1, default);   // fits the configured 600 once refilled: queued
        var small = budget.AcquireAsync(20, 1, default);  // FIFO: behind big
        Assert.False(big.IsCompleted);

        // The org's real limit is 400: big can never be admitted now.
        budget.CorrectFromHeaders(200, new Dictionary<string, string> { ["anthropic-ratelimit-input-tokens-limit"] = "400" });
        _time.Advance(TimeSpan.FromMinutes(10));

        // Completions run asynchronously; the real-time bound only guards against hanging (it used to wait forever).
        var ex = await Assert.ThrowsAsync<GovernorRejectedException>(() => big.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("a call to claude-haiku-4-5 needs ~550 input tokens but the server's input-tokens limit is 400/min (anthropic-ratelimit-input-tokens-limit), so it can never be admitted; shorten the prompt or ask for a higher rate limit", ex.Message);
        await small.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, budget.QueueLength);
    }

    [Fact]
    public async Task Reconciliation_counts_uncached_input_and_cache_writes_but_not_cache_reads()
    {
        var scopes = new LlmCallScopes();
        var governor = new TokenGovernor(new Dictionary<string, ModelRateLimits> { ["m"] = new() { InputTokensPerMinute = 10_000, OutputTokensPerMinute = 5_000, RequestsPerMinute = 100 } }, _time);
        var inner = new SequenceChatClient(scopes, _ => SequenceChatClient.Ok(input: 100, output: 30, cacheRead: 1_000, cacheWrite: 50));
        var client = new GovernorChatClient(inner, governor, "m", 2_000, scopes);

        await client.GetResponseAsync("hello governor", new ChatOptions { MaxOutputTokens = 2_000 });

        var b = governor.For("m");
        Assert.Equal(10_000 - 150, b.InputTokens.Level);   // 100 uncached + 50 cache write; the 1 000 cache reads are free
        Assert.Equal(5_000 - 30, b.OutputTokens.Level);    // max_tokens 2 000 reserved, 30 used, rest given back
        Assert.Equal(99, b.Requests.Level);
    }

    [Fact]
    public async Task Buckets_are_corrected_from_ratelimit_response_headers()
    {
        var scopes = new LlmCallScopes();
        var governor = new TokenGovernor(new Dictionary<string, ModelRateLimits> { ["m"] = new() { InputTokensPerMinute = 450_000, OutputTokensPerMinute = 90_000, RequestsPerMinute = 4_000 } }, _time);
        var inner = new SequenceChatClient(scopes, _ => SequenceChatClient.Ok(input: 10, output: 10))
        {
            Headers = _ => new Dictionary<string, string>
            {
                ["anthropic-ratelimit-input-tokens-limit"] = "400000",
                ["anthropic-ratelimit-input-tokens-remaining"] = "120000",
                ["anthropic-ratelimit-output-tokens-remaining"] = "89000",
                ["anthropic-ratelimit-requests-remaining"] = "3999",
            },
        };
        var client = new GovernorChatClient(inner, governor, "m", 100, scopes);

        await client.GetResponseAsync("x");

        var b = governor.For("m");
        // Headers correct the buckets when the response arrives; the reservation is then reconciled with usage
        // (estimate 5 input tokens vs 10 used: charged 5 more; max_tokens 100 reserved vs 10 used: the give-back of 90
        // is capped again by the header, which already counts this call's actual output).
        Assert.Equal(400_000, b.InputTokens.Capacity);   // the org's real limit is lower than configured
        Assert.Equal(120_000 - 5, b.InputTokens.Level);  // another client of the org used budget we never saw
        Assert.Equal(89_000, b.OutputTokens.Level);
        Assert.Equal(3_999, b.Requests.Level);
    }

    [Theory]
    [InlineData(49.5, 10_500)]  // the server's level has refilled 0.5 s since it wrote "remaining"
    [InlineData(40, 12_000)]    // implausibly old header (or clock skew): credit at most 2 s of refill
    [InlineData(70, 10_000)]    // reset past what remaining implies: never below remaining
    public void Remaining_is_brought_forward_to_now_using_reset(double resetInSeconds, double expectedLevel)
    {
        var budget = Budget(itpm: 60_000); // 1 000 tokens/s
        budget.CorrectFromHeaders(200, new Dictionary<string, string>
        {
            ["anthropic-ratelimit-input-tokens-remaining"] = "10000",
            ["anthropic-ratelimit-input-tokens-reset"] = _time.GetUtcNow().AddSeconds(resetInSeconds).ToString("O"),
        });
        Assert.Equal(expectedLevel, budget.InputTokens.Level, 6);
    }

    [Fact]
    public async Task Every_retry_attempt_queues_for_budget_again_because_the_governor_sits_inside_the_retry_layer()
    {
        var scopes = new LlmCallScopes();
        var config = new LlmConfig
        {
            Provider = LlmProvider.Stub,
            RateLimits = new() { ["claude-haiku-4-5"] = new ModelRateLimits { RequestsPerMinute = 6, InputTokensPerMinute = 100_000, OutputTokensPerMinute = 100_000 } },
        };
        using var gw = new LlmGatewayBuilder(config).WithTimeProvider(_time).WithJitter(() => 0)
            .WithProviderClient((_, _) => new SequenceChatClient(scopes, _ => throw SequenceChatClient.Http(429), _ => SequenceChatClient.Ok())).Build();

        await FakeClock.RunAsync(_time, gw.For(AlphaResearch.Llm.ModelTier.Fast).GetResponseAsync("x"), TimeSpan.FromSeconds(1));

        // Two requests taken from the 6-per-minute bucket, 4 s of refill (0.1/s) in between.
        Assert.Equal(6 - 2 + 0.4, gw.Governor!.For("claude-haiku-4-5").Requests.Level, 6);
        Assert.Equal(2, gw.Ledger.Records.Single().Attempts);
    }

    [Fact]
    public void Token_estimate_is_chars_over_3_5_plus_4_per_message()
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, new string('s', 70)), new(ChatRole.User, new string('u', 35)) };
        Assert.Equal(20 + 10 + 8, TokenEstimator.Estimate(messages, null));
    }
}
