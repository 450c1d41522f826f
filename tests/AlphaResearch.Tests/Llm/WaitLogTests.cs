// Fake-clock tests drive cancellation explicitly; the test-context token adds nothing here.
#pragma warning disable xUnit1051
using AlphaResearch.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AlphaResearch.Tests.Llm;

/// <summary>Waits of 10 s or more are one Information line naming agent, status, wait, attempt and deadline left.</summary>
public sealed class WaitLogTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 16, 12, 0, 0, TimeSpan.Zero));
    private readonly LlmCallScopes _scopes = new();
    private readonly FakeLogger _log = new();
    private static readonly ChatOptions Tagged = new ChatOptions().WithTag("sector_team:consumer", "quant:consumer:react");

    [Fact]
    public async Task Each_long_retry_wait_is_one_information_line_and_short_ones_are_debug()
    {
        var inner = new SequenceChatClient(_scopes, _ => throw SequenceChatClient.Http(429), _ => throw SequenceChatClient.Http(429),
            _ => throw SequenceChatClient.Http(429), _ => SequenceChatClient.Ok())
        {
            Headers = n => n <= 2 ? new Dictionary<string, string> { ["retry-after"] = "58" } : null,   // the 3rd 429 sends none: backoff 4·2² = 16 s
        };
        var client = new RateLimitRetryChatClient(inner, TimeSpan.FromMinutes(75), _time, _scopes, () => 0, _log);

        await FakeClock.RunAsync(_time, client.GetResponseAsync("hi", Tagged), TimeSpan.FromMilliseconds(250));

        var info = _log.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Information).Select(r => r.Message).ToList();
        Assert.Equal(
        [
            "sector_team:consumer: 429, waiting 58 s, attempt 1, 75 min left of 75 (quant:consumer:react)",
            "sector_team:consumer: 429, waiting 58 s, attempt 2, 74 min left of 75 (quant:consumer:react)",
            "sector_team:consumer: 429, waiting 16 s, attempt 3, 73 min left of 75 (quant:consumer:react)",
        ], info);
    }

    [Fact]
    public async Task A_short_retry_wait_is_debug_only()
    {
        var inner = new SequenceChatClient(_scopes, _ => throw SequenceChatClient.Http(529, "overloaded_error"), _ => SequenceChatClient.Ok());
        var client = new RateLimitRetryChatClient(inner, TimeSpan.FromMinutes(75), _time, _scopes, () => 0, _log);

        await FakeClock.RunAsync(_time, client.GetResponseAsync("hi", Tagged), TimeSpan.FromMilliseconds(250));

        var line = Assert.Single(_log.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.Equal("sector_team:consumer: 529 overloaded, waiting 4 s, attempt 1, 75 min left of 75 (quant:consumer:react)", line.Message);
    }

    [Fact]
    public async Task A_governor_hold_of_10_s_or_more_is_one_information_line()
    {
        var governor = new TokenGovernor(new Dictionary<string, ModelRateLimits>
            { ["m"] = new() { InputTokensPerMinute = 600, OutputTokensPerMinute = 100_000, RequestsPerMinute = 1_000 } }, _time);
        await governor.For("m").AcquireAsync(600, 1, default);   // another caller took the whole bucket (10 tokens/s)
        var inner = new SequenceChatClient(_scopes, _ => SequenceChatClient.Ok());
        var client = new RateLimitRetryChatClient(new GovernorChatClient(inner, governor, "m", 50, _scopes, _log), TimeSpan.FromMinutes(75), _time, _scopes, () => 0, _log);

        var prompt = new string('x', 700);   // ~204 tokens → ~21 s of refill
        await FakeClock.RunAsync(_time, client.GetResponseAsync(prompt, Tagged), TimeSpan.FromMilliseconds(100));

        var line = Assert.Single(_log.Collector.GetSnapshot(), r => r.Level == LogLevel.Information);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(line.Message, @"^sector_team:consumer: governor held the call for m budget \(~204 in / 50 out\), waiting 2[01] s, attempt 1, 7[45] min left of 75 \(quant:consumer:react\)$"), line.Message);
    }
}
