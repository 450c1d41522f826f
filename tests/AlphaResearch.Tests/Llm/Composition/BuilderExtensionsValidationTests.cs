using AlphaResearch.Llm;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Tests.Llm.Composition;

/// <summary>Each Use… extension validates its options when the pipeline is built, naming the option and its value.</summary>
public sealed class BuilderExtensionsValidationTests
{
    private const string Model = "claude-haiku-4-5";

    /// <summary>An inner client that reports no default model, so the layers must be told one.</summary>
    private static ChatClientBuilder Bare() => new(new SequenceChatClient(new LlmCallScopes(), _ => SequenceChatClient.Ok()));

    [Fact]
    public void Token_governor_lists_every_invalid_option_with_its_value()
    {
        var builder = Bare().UseTokenGovernor(o =>
        {
            o.DefaultModel = Model;
            o.DefaultMaxOutputTokens = 0;
            o.RateLimits[Model] = new ModelRateLimits { InputTokensPerMinute = 0 };
        });

        var ex = Assert.Throws<LlmConfigException>(() => builder.Build());

        Assert.Equal("invalid TokenGovernorOptions (2 problems): TokenGovernorOptions.DefaultMaxOutputTokens = 0: must be at least 1; "
            + "TokenGovernorOptions.RateLimits[claude-haiku-4-5].InputTokensPerMinute = 0: must be at least 1", ex.Message);
    }

    [Fact]
    public void Token_governor_needs_a_default_model_when_the_inner_client_reports_none()
    {
        var ex = Assert.Throws<LlmConfigException>(() => Bare().UseTokenGovernor().Build());
        Assert.StartsWith("invalid TokenGovernorOptions (1 problem): TokenGovernorOptions.DefaultModel = null: set the model id", ex.Message);
    }

    [Fact]
    public void Rate_limit_retry_refuses_a_deadline_outside_five_minutes_to_three_hours()
    {
        var ex = Assert.Throws<LlmConfigException>(() => Bare().UseRateLimitRetry(o => o.Deadline = TimeSpan.FromMinutes(1)).Build());
        Assert.Equal("invalid RateLimitRetryOptions (1 problem): RateLimitRetryOptions.Deadline = 00:01:00: must be between 300 s and 10800 s", ex.Message);

        var tooLong = Assert.Throws<LlmConfigException>(() => Bare().UseRateLimitRetry(o => o.Deadline = TimeSpan.FromHours(4)).Build());
        Assert.Contains("RateLimitRetryOptions.Deadline = 04:00:00", tooLong.Message);
    }

    [Fact]
    public void Usage_ledger_refuses_an_empty_run_date_and_negative_prices()
    {
        var ex = Assert.Throws<LlmConfigException>(() => Bare().UseUsageLedger(o =>
        {
            o.DefaultModel = Model;
            o.RunDate = " ";
            o.Prices[Model] = new ModelPrice { InputPerMillion = 1m, OutputPerMillion = -5m };
        }).Build());

        Assert.Equal("invalid UsageLedgerOptions (2 problems): UsageLedgerOptions.RunDate = ' ': must be a non-empty label such as 2026-12-01; "
            + "UsageLedgerOptions.Prices[claude-haiku-4-5].OutputPerMillion = -5: must not be negative", ex.Message);
    }

    [Fact]
    public void Prompt_caching_needs_a_default_model_when_the_inner_client_reports_none()
    {
        var ex = Assert.Throws<LlmConfigException>(() => Bare().UsePromptCaching().Build());
        Assert.StartsWith("invalid PromptCachingOptions (1 problem): PromptCachingOptions.DefaultModel = null", ex.Message);
    }

    [Fact]
    public void Options_are_read_when_the_pipeline_is_built_not_when_the_layer_is_added()
    {
        int configured = 0;
        var builder = Bare().UseRateLimitRetry(o => { configured++; o.Deadline = TimeSpan.Zero; });
        Assert.Equal(0, configured);

        Assert.Throws<LlmConfigException>(() => builder.Build());
        Assert.Equal(1, configured);
    }

    [Fact]
    public void Defaults_are_valid_and_the_model_comes_from_the_inner_clients_metadata()
    {
        using var client = new ChatClientBuilder(new StubChatClient(Model))
            .UseUsageLedger().UseRateLimitRetry().UseTokenGovernor().UsePromptCaching().Build();

        Assert.Equal(["UsageChatClient", "RateLimitRetryChatClient", "GovernorChatClient", "PromptCachingChatClient", "StubChatClient"], PipelineLayers.Names(client));
        Assert.NotNull(client.GetService<UsageLedger>());
    }

    [Fact]
    public void A_null_builder_is_refused_with_the_parameter_name()
    {
        ChatClientBuilder builder = null!;
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => builder.UseTokenGovernor()).ParamName);
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => builder.UseRateLimitRetry()).ParamName);
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => builder.UseUsageLedger()).ParamName);
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => builder.UsePromptCaching()).ParamName);
    }
}
