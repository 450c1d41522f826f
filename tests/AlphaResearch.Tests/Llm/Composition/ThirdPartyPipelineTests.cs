// Fake-clock tests drive cancellation explicitly; the test-context token adds nothing here.
#pragma warning disable xUnit1051
using AlphaResearch.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace AlphaResearch.Tests.Llm.Composition;

/// <summary>
/// An app outside this product composes its own pipeline with the public extensions over its own client, using
/// only public API: the layers, built independently, still share one call scope (the ledger sees the retry).
/// </summary>
public sealed class ThirdPartyPipelineTests
{
    private const string Model = "claude-haiku-4-5";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_call_rides_out_a_429_and_is_recorded_once_with_its_attempts_and_cost()
    {
        var provider = new PublicFakeChatClient(Model, rateLimitedCalls: 1);
        var ledger = new UsageLedger();
        using var client = new ChatClientBuilder(provider)
            .UseUsageLedger(o =>
            {
                o.Ledger = ledger;
                o.RunDate = "2026-12-01";
                o.Prices[Model] = new ModelPrice { InputPerMillion = 1m, OutputPerMillion = 5m };
                o.TimeProvider = _time;
            })
            .UseRateLimitRetry(o => { o.Deadline = TimeSpan.FromMinutes(10); o.TimeProvider = _time; })
            .UseTokenGovernor(o => { o.RateLimits[Model] = new ModelRateLimits { InputTokensPerMinute = 100_000 }; o.TimeProvider = _time; })
            .Build();

        var reply = await FakeClock.RunAsync(_time, client.GetResponseAsync("hello", new ChatOptions().WithTag("app", "greeting")), TimeSpan.FromSeconds(1));

        Assert.Equal("fine", reply.Text);
        Assert.Equal(2, provider.Calls);
        var record = Assert.Single(ledger.Records);
        Assert.Equal(("app", "greeting", Model, "2026-12-01"), (record.AgentId, record.Label, record.Model, record.RunDate));
        Assert.Equal((2, 1), (record.Attempts, record.RateLimitWaits));
        Assert.Equal((1_000L, 100L), (record.InputTokens, record.OutputTokens));
        Assert.Equal(0.0015m, record.CostUsd);
        Assert.Same(ledger, client.GetService<UsageLedger>());
    }

    [Fact]
    public async Task The_clock_comes_from_the_builders_services_when_the_options_leave_it_unset()
    {
        var provider = new PublicFakeChatClient(Model, rateLimitedCalls: 1);
        using var client = new ChatClientBuilder(provider).UseUsageLedger().UseRateLimitRetry().Build(new Services(_time));

        var start = _time.GetUtcNow();
        await FakeClock.RunAsync(_time, client.GetResponseAsync("hello"), TimeSpan.FromSeconds(1));

        // The 4 s backoff (plus jitter) elapsed on the fake clock the services supplied, not the system one.
        Assert.InRange((_time.GetUtcNow() - start).TotalSeconds, 4, 9);
        var record = Assert.Single(client.GetService<UsageLedger>()!.Records);
        Assert.InRange(record.At, start, _time.GetUtcNow()); // stamped by the fake clock (the system one is years away)
        Assert.Equal(2, record.Attempts);
    }

    private sealed class Services(TimeProvider time) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(TimeProvider) ? time : null;
    }
}
