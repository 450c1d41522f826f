using AlphaResearch.Config;

namespace AlphaResearch.Tests.Config;

public class ConfigLoaderTests
{
    [Fact]
    public void Empty_object_gives_every_default()
    {
        var c = ConfigLoader.Parse("{}", "a.json");
        Assert.Equal(new AlphaResearchConfig().Llm.FastModel, c.Llm.FastModel);
        Assert.Equal(25, c.Publishing.Population.TargetSize);
    }

    [Fact]
    public void A_file_changes_only_the_keys_it_names()
    {
        var c = ConfigLoader.Parse("""{ "publishing": { "population": { "target_size": 20 } }, "agents": { "picks_per_run": 2 } }""", "a.json");
        Assert.Equal(20, c.Publishing.Population.TargetSize);
        Assert.Equal(40, c.Publishing.Population.ThesisCollapseThreshold);
        Assert.Equal(2, c.Agents.PicksPerRun);
    }

    [Fact]
    public void An_unknown_key_names_the_file_line_and_key()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("{\n  \"llm\": { \"fast_modle\": \"x\" }\n}", "team.json"));
        Assert.Equal("team.json (line 2): invalid configuration at key 'llm.fast_modle': unknown key (a typo? keys are snake_case) — fix or remove that key (docs/CONFIGURATION.md lists every key)", ex.Message);
    }

    [Theory]
    [InlineData("""{ "llm": { "run_budget_usd": "abc" } }""", "'llm.run_budget_usd': wrong type, expected a number")]
    [InlineData("""{ "llm": { "governor_enabled": 3 } }""", "'llm.governor_enabled': wrong type, expected true or false")]
    public void A_value_of_the_wrong_type_says_what_was_expected(string json, string expected)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(json, "a.json"));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void A_missing_explicit_file_is_an_error_naming_it()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load("/no/such/alpha-research.json"));
        Assert.StartsWith("config file '/no/such/alpha-research.json' not found", ex.Message);
    }

    [Fact]
    public void Null_document_is_an_error()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("null", "a.json"));
        Assert.StartsWith("a.json: the file is empty or 'null'", ex.Message);
    }
}
