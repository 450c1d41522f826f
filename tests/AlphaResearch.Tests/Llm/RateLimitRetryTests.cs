// Fake-clock tests drive cancellation explicitly; the test-context token adds nothing here.
#pragma warning disable xUnit1051
using AlphaResearch.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AlphaResearch.Tests.Llm;

public sealed class RateLimitRetryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 16, 12, 0, 0, TimeSpan.Zero));
    private readonly LlmCallScopes _scopes = new();
    private static readonly ChatOptions Tagged = new ChatOptions().WithTag("sector_team:technology", "quant:technology:react");

    private (RateLimitRetryChatClient Client, LlmCallScope Scope) Create(SequenceChatClient inner, TimeSpan? deadline = null, double jitter = 0)
    {
        var scope = new LlmCallScope();
        _scopes.Set(scope);
        return (new RateLimitRetryChatClient(inner, deadline ?? TimeSpan.FromMinutes(75), _time, _scopes, () => jitter), scope);
    }

    private Task<ChatResponse> Run(RateLimitRetryChatClient client, CancellationToken ct = default) =>
        FakeClock.RunAsync(_time, client.GetResponseAsync("hi", Tagged, ct), TimeSpan.FromMilliseconds(250));

    [Fact]
    public async Task Rate_limited_twice_then_success_makes_three_calls_and_two_backoff_waits()
    {
        var inner = new SequenceChatClient(_scopes, _ => throw SequenceChatClient.Http(429), _ => throw SequenceChatClient.Http(429), _ => SequenceChatClient.Ok());
        var (client, scope) = Create(inner);

        var response = await Run(client);

        Assert.Equal("REAL", response.Text);
        Assert.Equal(3, inner.Calls);
        Assert.Equal([4.0, 8.0], scope.Waits);
        Assert.Equal(3, scope.Attempts);
    }

    [Fact]
    public async Task Retry_after_17_with_zero_jitter_waits_exactly_17_seconds_once()
    {
        var inner = new SequenceChatClient(_scopes, _ => throw SequenceChatClient.Http(429), _ => SequenceChatClient.Ok())
        {
            Headers = n => n == 1 ? new Dictionary<string, string> { ["retry-after"] = "17" } : null,
        };
        var (client, scope) = Create(inner);

        await Run(client);

        Assert.Equal([17.0], scope.Waits);
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task Retry_after_above_60_seconds_is_capped_at_60()
    {
        var inner = new SequenceChatClient(_scopes, _ => throw SequenceChatClient.Http(429), _ => SequenceChatClient.Ok())
        {
            Headers = n => n == 1 ? new Dictionary<string, string> { ["retry-after"] = "120" } : null,
        };
        var (client, scope) = Create(inner);

        await Run(client);

        Assert.Equal([60.0], scope.Waits);
    }

    [Fact]
    public async Task Jitter_adds_up_to_min_of_wait_and_5_seconds()
    {
        var inner = new SequenceChatClient(_scopes, _ => throw SequenceChatClient.Http(429), _ => throw SequenceChatClient.Http(429), _ => SequenceChatClient.Ok())
        {
            Headers = n => n == 2 ? new Dictionary<string, string> { ["retry-after"] = "17" } : null,
        };
        var (client, scope) = Create(inner, jitter: 0.5);

        await Run(client);

        // backoff 4 s + 0.5·min(4,5); retry-after 17 s + 0.5·min(17,5)
        Assert.Equal([6.0, 19.5], scope.Waits);
    }

    [Fact]
    public async Task Non_rate_limit_error_propagates_at_once_unchanged_without_waiting()
    {
        var boom = new InvalidOperationException("schema mismatch");
        var inner = new SequenceChatClient(_scopes, _ => throw boom);
        var (client, scope) = Create(inner);
        var before = _time.GetUtcNow();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync("hi", Tagged));

        Assert.Same(boom, thrown);
        Assert.Equal(1, inner.Calls);
        Assert.Empty(scope.Waits);
        Assert.Equal(before, _time.GetUtcNow());
    }

    [Fact]
    public async Task Server_error_500_is_not_retried()
    {
        var err = SequenceChatClient.Http(500, "internal");
        var inner = new SequenceChatClient(_scopes, _ => throw err);
        var (client, _) = Create(inner);

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("hi", Tagged));

        Assert.Same(err, thrown);
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task Spend_limit_429_is_never_retried()
    {
        var err = SequenceChatClient.Http(429, "You have reached your specified API usage limits. You will regain access on 2026-06-01 at 00:00 UTC.");
        var inner = new SequenceChatClient(_scopes, _ => throw err, _ => SequenceChatClient.Ok());
        var (client, scope) = Create(inner);

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("hi", Tagged));

        Assert.Same(err, thrown);
        Assert.Equal(1, inner.Calls);
        Assert.Empty(scope.Waits);
    }

    [Fact]
    public async Task Overloaded_529_is_retried()
    {
        var inner = new SequenceChatClient(_scopes, _ => throw SequenceChatClient.Http(529, "overloaded_error"), _ => SequenceChatClient.Ok());
        var (client, scope) = Create(inner);

        await Run(client);

        Assert.Equal(2, inner.Calls);
        Assert.Equal([4.0], scope.Waits);
    }

    [Fact]
    public async Task Always_rate_limited_with_tiny_deadline_raises_typed_deadline_error_with_label_and_attempts()
    {
        var inner = new SequenceChatClient(_scopes, _ => throw SequenceChatClient.Http(429));
        var (client, _) = Create(inner, deadline: TimeSpan.FromSeconds(0.01));

        var ex = await Assert.ThrowsAsync<RateLimitDeadlineExceededException>(() => Run(client));

        Assert.Equal(1, inner.Calls);
        Assert.Equal(1, ex.Attempts);
        Assert.Equal("quant:technology:react", ex.Label);
        Assert.Equal("sector_team:technology", ex.AgentId);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Contains("'quant:technology:react'", ex.Message);
    }

    [Fact]
    public async Task Deadline_is_checked_against_the_next_wait_not_only_elapsed_time()
    {
        // Waits 4 + 8 + 16 = 28 s fit in 30 s; the 4th wait (32 s) would pass it.
        var inner = new SequenceChatClient(_scopes, _ => throw SequenceChatClient.Http(429));
        var (client, scope) = Create(inner, deadline: TimeSpan.FromSeconds(30));

        var ex = await Assert.ThrowsAsync<RateLimitDeadlineExceededException>(() => Run(client));

        Assert.Equal(4, inner.Calls);
        Assert.Equal(4, ex.Attempts);
        Assert.Equal([4.0, 8.0, 16.0], scope.Waits);
    }

    [Fact]
    public async Task Rate_limited_seven_times_then_success_within_deadline_makes_eight_calls()
    {
        var steps = Enumerable.Repeat<Func<int, ChatResponse>>(_ => throw SequenceChatClient.Http(429), 7).Append(_ => SequenceChatClient.Ok()).ToArray();
        var inner = new SequenceChatClient(_scopes, steps);
        var (client, scope) = Create(inner, deadline: TimeSpan.FromSeconds(3600));

        var response = await Run(client);

        Assert.Equal("REAL", response.Text);
        Assert.Equal(8, inner.Calls);
        Assert.Equal([4.0, 8.0, 16.0, 32.0, 60.0, 60.0, 60.0], scope.Waits);
    }

    [Fact]
    public async Task Cancellation_during_a_wait_stops_at_once()
    {
        var inner = new SequenceChatClient(_scopes, _ => throw SequenceChatClient.Http(429));
        var (client, _) = Create(inner);
        using var cts = new CancellationTokenSource();

        var task = client.GetResponseAsync("hi", Tagged, cts.Token);
        Assert.False(task.IsCompleted); // waiting 4 s on the fake clock
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public void Default_deadline_is_75_minutes_when_env_is_unset()
    {
        Assert.Equal(TimeSpan.FromMinutes(75), RetryDeadline.Resolve(RetryDeadline.DefaultSeconds, null));
        Assert.Equal(TimeSpan.FromMinutes(75), new LlmConfig().RetryDeadlineSeconds is var s ? TimeSpan.FromSeconds(s) : default);
    }

    [Theory]
    [InlineData("60", 300)]          // clamped up to 5 min
    [InlineData("99999", 10800)]     // clamped down to 3 h
    [InlineData("1800", 1800)]
    [InlineData(" 900.5 ", 900.5)]
    public void Env_deadline_is_parsed_and_clamped(string env, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryDeadline.Resolve(4500, env));

    [Fact]
    public void Config_deadline_is_clamped_too() =>
        Assert.Equal(TimeSpan.FromHours(3), RetryDeadline.Resolve(100_000, null));

    [Fact]
    public void Unparseable_env_deadline_falls_back_to_default_with_a_warning()
    {
        var logger = new FakeLogger();

        var deadline = RetryDeadline.Resolve(1200, "soon", logger);

        Assert.Equal(TimeSpan.FromMinutes(75), deadline);
        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, record.Level);
        Assert.Equal("RATE_LIMIT_RETRY_DEADLINE_SECONDS='soon' is not a number of seconds; using the default 4500 s", record.Message);
    }
}
