using AlphaResearch.Config;
using AlphaResearch.Llm;

namespace AlphaResearch.Tests.Llm;

public sealed class LlmConfigTests
{
    [Fact]
    public void Llm_section_reads_snake_case_keys_and_keeps_defaults_for_the_rest()
    {
        var config = ConfigLoader.Parse("""
            {"llm": {"provider": "sim", "fast_model": "claude-haiku-4-5-20251001", "run_budget_usd": 12.5,
                     "rate_limits": {"claude-haiku-4-5": {"input_tokens_per_minute": 50000}},
                     "prices": {"local": {"input_per_million": 0.5}}}}
            """, "test.json").Llm;

        Assert.Equal(LlmProvider.Sim, config.Provider);
        Assert.Equal("claude-haiku-4-5-20251001", config.FastModel);
        Assert.Equal("claude-sonnet-4-6", config.StrategicModel);
        Assert.Equal(12.5m, config.RunBudgetUsd);
        Assert.Equal(50_000, config.RateLimits["claude-haiku-4-5"].InputTokensPerMinute);
        Assert.Equal(1_000, config.RateLimits["claude-haiku-4-5"].RequestsPerMinute);
        Assert.Equal(0.5m, config.Prices["local"].InputPerMillion);
        Assert.Equal(4500, config.RetryDeadlineSeconds);
        Assert.Equal(0, config.SdkMaxRetries);
    }

    [Fact]
    public void Unknown_llm_key_is_an_error_naming_the_key()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{"llm": {"max_retries": 3}}""", "bad.json"));
        Assert.StartsWith("bad.json (line 1): invalid configuration at key 'llm.max_retries'", ex.Message);
    }
}
