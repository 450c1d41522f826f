using AlphaResearch.Scale;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AlphaResearch.Tests.Scale;

/// <summary>
/// The redis-server .ci/run starts on loopback. A test that needs it calls <see cref="EndpointOrSkip"/>: without
/// ALPHA_RESEARCH_REDIS_TEST the test is reported as skipped (never passed); CI sets it.
/// </summary>
internal static class RedisTestServer
{
    public const string Env = "ALPHA_RESEARCH_REDIS_TEST";

    public static string EndpointOrSkip()
    {
        string? endpoint = Environment.GetEnvironmentVariable(Env);
        Assert.SkipWhen(string.IsNullOrWhiteSpace(endpoint), $"{Env} is not set (run .ci/run, which starts redis-server on loopback)");
        return endpoint!;
    }

    /// <summary>A store as one process would open it, under a key prefix of its own test.</summary>
    public static RedisBudgetStore Open(string prefix, ILogger logger, TimeProvider? time = null, TimeSpan? ticketTtl = null) =>
        RedisBudgetStore.Connect(new RedisBudgetOptions { Endpoint = EndpointOrSkip(), KeyPrefix = prefix, TicketTtl = ticketTtl ?? TimeSpan.FromSeconds(6) },
            time ?? TimeProvider.System, logger);

    public static IConnectionMultiplexer Raw() => ConnectionMultiplexer.Connect(EndpointOrSkip());
}
