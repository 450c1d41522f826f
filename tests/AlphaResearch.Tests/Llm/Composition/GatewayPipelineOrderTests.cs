using System.Text.RegularExpressions;
using AlphaResearch.Llm;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Tests.Llm.Composition;

/// <summary>LlmGatewayBuilder composes each tier through the Use… extensions in the order docs/LLM.md documents.</summary>
public sealed partial class GatewayPipelineOrderTests
{
    private static LlmGateway Build(LlmProvider provider, bool governor = true, ICallJournal? journal = null) =>
        new LlmGatewayBuilder(new LlmConfig())
            .WithProvider(provider)
            .WithEnvironment(_ => null)
            .WithGovernor(governor)
            .WithCallJournal(journal)
            .WithProviderClient((_, tier) => new StubChatClient(tier == ModelTier.Fast ? "fast-model" : "strategic-model"))
            .Build();

    [Fact]
    public void An_anthropic_tier_is_usage_then_retry_then_governor_then_telemetry_then_caching_then_provider()
    {
        using var gateway = Build(LlmProvider.Anthropic);
        foreach (var tier in new[] { ModelTier.Fast, ModelTier.Strategic })
        {
            Assert.Equal(["UsageChatClient", "RateLimitRetryChatClient", "GovernorChatClient", "OpenTelemetryChatClient", "PromptCachingChatClient", "StubChatClient"],
                PipelineLayers.Names(gateway.For(tier)));
        }
    }

    [Fact]
    public void Caching_is_left_out_for_providers_without_it_and_the_governor_when_disabled()
    {
        using var stub = Build(LlmProvider.Stub);
        Assert.Equal(["UsageChatClient", "RateLimitRetryChatClient", "GovernorChatClient", "OpenTelemetryChatClient", "StubChatClient"], PipelineLayers.Names(stub.For(ModelTier.Fast)));

        using var ungoverned = Build(LlmProvider.Sim, governor: false);
        Assert.Equal(["UsageChatClient", "RateLimitRetryChatClient", "OpenTelemetryChatClient", "PromptCachingChatClient", "StubChatClient"], PipelineLayers.Names(ungoverned.For(ModelTier.Fast)));
    }

    [Fact]
    public void Every_layer_is_found_with_GetService_and_both_tiers_share_the_ledger_the_governor_and_the_call_scopes()
    {
        using var gateway = Build(LlmProvider.Anthropic);
        var fast = gateway.For(ModelTier.Fast);
        var strategic = gateway.For(ModelTier.Strategic);

        Assert.Same(fast, fast.GetService<UsageChatClient>());
        Assert.NotNull(fast.GetService<RateLimitRetryChatClient>());
        Assert.NotNull(fast.GetService<GovernorChatClient>());
        Assert.NotNull(fast.GetService<OpenTelemetryChatClient>());
        Assert.NotNull(fast.GetService<PromptCachingChatClient>());
        Assert.NotNull(fast.GetService<StubChatClient>());

        Assert.Same(gateway.Ledger, fast.GetService<UsageLedger>());
        Assert.Same(gateway.Ledger, strategic.GetService<IUsageLedger>());
        Assert.Same(gateway.Governor, fast.GetService<TokenGovernor>());
        Assert.Same(gateway.Governor, strategic.GetService<TokenGovernor>());
        Assert.Same(fast.GetService<LlmCallScopes>(), strategic.GetService<LlmCallScopes>());
        Assert.Equal(TimeSpan.FromSeconds(RetryDeadline.DefaultSeconds), fast.GetService<RateLimitRetryChatClient>()!.Deadline);
    }

    [Fact]
    public void The_layer_order_is_the_one_the_docs_table_lists()
    {
        var documented = DocumentedLayers();
        Assert.Equal(["UsageChatClient", "CallJournalChatClient", "RateLimitRetryChatClient", "GovernorChatClient", "OpenTelemetryChatClient", "PromptCachingChatClient"], documented);

        using var gateway = Build(LlmProvider.Anthropic, journal: new AlphaResearch.Tests.Llm.CallJournalTests.MemoryJournal());
        var built = PipelineLayers.Names(gateway.For(ModelTier.Fast));
        Assert.Equal(documented, built.Take(built.Count - 1));
    }

    /// <summary>The File column of docs/LLM.md's "Layers (outermost first)" table, provider row excluded.</summary>
    private static List<string> DocumentedLayers()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AlphaResearch.slnx"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var lines = File.ReadAllLines(Path.Combine(dir.FullName, "docs", "LLM.md"));
        int start = Array.FindIndex(lines, l => l.StartsWith("## Layers (outermost first)", StringComparison.Ordinal));
        Assert.True(start >= 0, "docs/LLM.md has no '## Layers (outermost first)' section");
        return lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => TableRow().Match(l)).Where(m => m.Success && m.Groups["layer"].Value.Trim() != "provider")
            .Select(m => m.Groups["type"].Value).ToList();
    }

    [GeneratedRegex(@"^\|\s*\d+\s*\|(?<layer>[^|]+)\|\s*`(?<type>\w+)`")]
    private static partial Regex TableRow();
}
