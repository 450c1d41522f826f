// Fake-clock tests drive cancellation explicitly; the test-context token adds nothing here.
#pragma warning disable xUnit1051
using AlphaResearch.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace AlphaResearch.Tests.Llm;

/// <summary>
/// The governor against a server that counts tokens its own way (1.25× our estimator) and reports usage and
/// rate-limit headers the way the Messages API does.
/// </summary>
public sealed class GovernorCalibrationTests
{
    private const string Model = "claude-haiku-4-5";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 16, 12, 0, 0, TimeSpan.Zero));
    private readonly LlmCallScopes _scopes = new();

    private TokenGovernor Governor(int itpm, bool probeFirst = false) =>
        new(new Dictionary<string, ModelRateLimits> { [Model] = new() { InputTokensPerMinute = itpm, OutputTokensPerMinute = 10_000_000, RequestsPerMinute = 100_000 } }, _time, probeFirst);

    private static List<ChatMessage> Prompt(int estimatedTokens, int seed) =>
        [new(ChatRole.User, AlphaResearch.Llm.Simulator.SixAgentWorkload.Prose($"call {seed}", estimatedTokens, seed))];

    private IChatClient Stack(IChatClient server, TokenGovernor governor, ITokenCounter? counter, Microsoft.Extensions.Logging.ILogger? log = null) =>
        new RateLimitRetryChatClient(new GovernorChatClient(server, governor, Model, 100, _scopes, log, counter),
            TimeSpan.FromMinutes(75), _time, _scopes, () => 0, log);

    [Fact]
    public void Calibration_takes_the_largest_recent_ratio_never_below_one_and_forgets_old_outliers()
    {
        var c = new TokenCalibration();
        Assert.Equal(1.0, c.Factor);
        c.Observe(1000, 800);                       // the server counts less: keep reserving the estimate
        Assert.Equal(1.0, c.Factor);
        c.Observe(1000, 1250);
        c.Observe(1000, 1100);
        Assert.Equal(1.25, c.Factor, 6);
        Assert.Equal(1250, c.Apply(1000));
        c.Observe(1000, 100_000);                   // nonsense (ratio 100) is not a counting rule
        Assert.Equal(1.25, c.Factor, 6);
        for (int i = 0; i < TokenCalibration.Window; i++) c.Observe(1000, 1100);
        Assert.Equal(1.1, c.Factor, 6);             // the 1.25 sample has aged out of the window
    }

    [Fact]
    public async Task Reported_usage_calibrates_later_admissions_of_the_same_model()
    {
        var governor = Governor(1_000_000);
        var server = new RateLimitedServerDouble(_scopes, _time, 1_000_000, TimeSpan.Zero);
        var client = Stack(server, governor, counter: null);

        var first = Prompt(2_000, 1);
        long estimate = TokenEstimator.Estimate(first, null);
        await client.GetResponseAsync(first);
        var budget = governor.For(Model);
        Assert.Equal(1.25, budget.Calibration.Factor, 2);

        // The next call reserves the calibrated size, so the level right after admission reflects 1.25×.
        var second = Prompt(2_000, 2);
        var lease = await budget.AcquireAsync(budget.Calibration.Apply(TokenEstimator.Estimate(second, null)), 10, default);
        Assert.InRange(lease.EstimatedInputTokens, (long)(estimate * 1.24), (long)(estimate * 1.27));
    }

    [Fact]
    public async Task A_429_pauses_admission_for_every_caller_of_the_model_until_its_retry_after()
    {
        var budget = Governor(600_000).For(Model);
        budget.CorrectFromHeaders(429, new Dictionary<string, string> { ["retry-after"] = "20" });

        var other = budget.AcquireAsync(10, 10, default);   // a different caller, plenty of tokens left
        _time.Advance(TimeSpan.FromSeconds(19.9));
        Assert.False(other.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.2));
        var lease = await other.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(20, lease.Waited.TotalSeconds, 0);

        // A 200 carrying retry-after (never sent, but harmless) does not pause anyone.
        budget.CorrectFromHeaders(200, new Dictionary<string, string> { ["retry-after"] = "30" });
        Assert.True(budget.AcquireAsync(10, 10, default).IsCompleted);
    }

    [Fact]
    public async Task A_call_the_server_can_never_admit_fails_at_once_naming_the_servers_limit()
    {
        // Configured for 450k ITPM, but the org's real limit is 1,000/min and the call is ~1,250 by the server's count.
        var governor = Governor(450_000);
        var server = new RateLimitedServerDouble(_scopes, _time, 1_000, TimeSpan.FromSeconds(1));
        var client = Stack(server, governor, counter: null);
        long start = _time.GetTimestamp();

        var call = client.GetResponseAsync(Prompt(1_000, 7), new ChatOptions().WithTag("sector_team:energy", "quant:energy:react"));
        var ex = await Assert.ThrowsAsync<GovernorRejectedException>(() => FakeClock.RunAsync(_time, call, TimeSpan.FromMilliseconds(100)));

        Assert.True(_time.GetElapsedTime(start) < TimeSpan.FromSeconds(5), $"took {_time.GetElapsedTime(start)}");
        Assert.Contains("the server's input-tokens limit is 1,000/min", ex.Message);
        Assert.DoesNotContain("llm.rate_limits", ex.Message);
        Assert.Equal(1, server.Requests);   // no retry loop against a limit that can never be met
    }

    [Fact]
    public async Task With_count_tokens_the_oversized_call_is_refused_from_the_exact_size()
    {
        var governor = Governor(450_000);
        var server = new RateLimitedServerDouble(_scopes, _time, 1_000, TimeSpan.FromSeconds(1));
        var client = Stack(server, governor, counter: server);
        var prompt = Prompt(10_000, 3);

        var call = client.GetResponseAsync(prompt);
        var ex = await Assert.ThrowsAsync<GovernorRejectedException>(() => FakeClock.RunAsync(_time, call, TimeSpan.FromMilliseconds(100)));
        Assert.Contains($"needs ~{server.Size(prompt, null):N0} input tokens but the server's input-tokens limit is 1,000/min", ex.Message);
        Assert.Equal(1, server.CountTokensCalls);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Count_tokens_is_asked_first_for_an_uncalibrated_model_and_near_the_edge_but_not_when_far_from_it()
    {
        var governor = Governor(100_000);
        var server = new RateLimitedServerDouble(_scopes, _time, 100_000, TimeSpan.Zero);
        var client = Stack(server, governor, counter: server);

        await client.GetResponseAsync(Prompt(1_000, 1));    // nothing learned yet: ask
        Assert.Equal(1, server.CountTokensCalls);
        await client.GetResponseAsync(Prompt(1_000, 2));    // calibrated, far below the ~98k available: don't
        Assert.Equal(1, server.CountTokensCalls);

        // Drain the bucket so that what is left is within 10% of the next call's calibrated size.
        var budget = governor.For(Model);
        var next = Prompt(10_000, 3);
        long calibrated = budget.Calibration.Apply(TokenEstimator.Estimate(next, null));
        await budget.AcquireAsync((long)budget.InputSnapshot().Level - calibrated, 1, default);
        await client.GetResponseAsync(next);
        Assert.Equal(2, server.CountTokensCalls);
    }

    [Fact]
    public async Task Until_the_server_has_answered_once_the_model_admits_one_call_at_a_time()
    {
        var budget = Governor(450_000, probeFirst: true).For(Model);
        var first = await budget.AcquireAsync(10, 10, default);
        var second = budget.AcquireAsync(10, 10, default);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(second.IsCompleted);   // plenty of configured budget, but the org's real limit is unknown yet

        budget.CorrectFromHeaders(200, new Dictionary<string, string> { ["anthropic-ratelimit-input-tokens-limit"] = "1000" });
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(budget.AcquireAsync(10, 10, default).IsCompleted);   // learned: concurrent admission again
        budget.Reconcile(first, 10, 10);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task At_a_quarter_of_the_needed_input_limit_six_callers_finish_with_at_most_one_429_near_the_honest_floor(bool countTokens)
    {
        // 6 agents × 5 calls of ~20k estimated (25k by the server's count) = 750k; the server allows 187.5k/min.
        const int agents = 6, calls = 5;
        double need = agents * calls * 20_000 * 1.25;
        double itpm = need / 4;
        var governor = Governor(450_000, probeFirst: true);   // configured too high on purpose: the server's headers correct it
        var server = new RateLimitedServerDouble(_scopes, _time, itpm, TimeSpan.FromSeconds(2));
        var client = Stack(server, governor, countTokens ? server : null);

        var run = Task.WhenAll(Enumerable.Range(0, agents).Select(a => Task.Run(async () =>
        {
            for (int c = 0; c < calls; c++)
                await client.GetResponseAsync(Prompt(20_000, 100 * a + c), new ChatOptions().WithTag($"agent{a}", $"call{c}"));
        })));
        // Six workers on the thread pool: let them settle (1 ms real) before each step, so the fake clock does not
        // run ahead of them. Lag could only give the server more time to refill, never cause a 429.
        for (int i = 0; i < 20_000 && !run.IsCompleted; i++)
        {
            await Task.Delay(1);
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }
        await run;

        Assert.Equal(agents * calls, server.Requests - server.RateLimited);
        Assert.True(server.RateLimited <= 1, $"{server.RateLimited} 429s");
        // The makespan ≤ 1.10 × honest floor target is measured by `bench llm`, not by a unit test.
    }
}
