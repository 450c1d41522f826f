using AlphaResearch.Agents.Dto;
using AlphaResearch.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace AlphaResearch.Tests.Llm;

/// <summary>What UsageChatClient books when a provider omits usage, and how re-asks show in the ledger.</summary>
public sealed class UsageAccountingTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 16, 12, 0, 0, TimeSpan.Zero));
    private readonly LlmCallScopes _scopes = new();
    private readonly UsageLedger _ledger = new();

    private UsageChatClient Client(IChatClient inner) =>
        new(inner, _ledger, new PriceCard(new LlmConfig().Prices), "2026-05-16", "claude-haiku-4-5", 100m, _time, _scopes);

    [Fact]
    public async Task A_response_without_usage_is_recorded_as_usage_missing_with_an_estimate_not_as_zero_tokens()
    {
        var noUsage = new SequenceChatClient(_scopes, _ => new ChatResponse(new ChatMessage(ChatRole.Assistant, new string('x', 350))));
        var prompt = new string('p', 3_500);

        await Client(noUsage).GetResponseAsync(prompt, new ChatOptions().WithTag("macro", "macro_economist"), TestContext.Current.CancellationToken);

        var r = Assert.Single(_ledger.Records);
        Assert.Equal(UsageChatClient.UsageMissingError, r.Error);
        Assert.Equal(TokenEstimator.Estimate([new ChatMessage(ChatRole.User, prompt)], null), r.InputTokens);
        Assert.Equal(100, r.OutputTokens); // 350 chars ÷ 3.5
        Assert.True(r.CostUsd > 0m);
    }

    [Fact]
    public async Task A_response_with_usage_is_not_flagged()
    {
        var ok = new SequenceChatClient(_scopes, _ => SequenceChatClient.Ok(input: 10, output: 2));
        await Client(ok).GetResponseAsync("hi", new ChatOptions().WithTag("macro", "macro_economist"), TestContext.Current.CancellationToken);
        var r = Assert.Single(_ledger.Records);
        Assert.Null(r.Error);
        Assert.Equal((10L, 2L), (r.InputTokens, r.OutputTokens));
    }

    [Fact]
    public async Task Each_reask_of_a_structured_answer_is_flagged_in_the_ledger()
    {
        var provider = new SequenceChatClient(_scopes, _ => SequenceChatClient.Ok(text: "not json"),
            _ => SequenceChatClient.Ok(text: """{"accept": true, "reason": "ok"}"""));

        var v = await StructuredOutput.GetAsync<QuantAcceptanceVerdict>(Client(provider), [new ChatMessage(ChatRole.User, "verdict?")],
            new ChatOptions().WithTag("sector_team:technology", "peer_review:technology:addition"), QuantAcceptanceVerdict.Validate, 2,
            TestContext.Current.CancellationToken);

        Assert.True(v.Accept);
        Assert.Equal([false, true], _ledger.Records.Select(r => r.Reask));
        Assert.Equal(1, _ledger.Records.Count(r => r.Reask));
    }
}
