using System.Collections;
using AlphaResearch.Config;
using AlphaResearch.Domain;
using AlphaResearch.Llm;
using AlphaResearch.Tests.Publishing;

namespace AlphaResearch.Tests.Config;

/// <summary>The configuration sources: JSON file &lt; ALPHA_RESEARCH__* environment &lt; command line, all strict.</summary>
public sealed class ConfigSourcesTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string File(string json)
    {
        var path = _dir.File("alpha-research.json");
        System.IO.File.WriteAllText(path, json);
        return path;
    }

    private static Hashtable Env(params (string Name, string Value)[] vars)
    {
        var env = new Hashtable();
        foreach (var (n, v) in vars) env[n] = v;
        return env;
    }

    [Fact]
    public void File_then_environment_then_command_line_each_win_over_the_one_before()
    {
        var file = File("""{ "llm": { "fast_model": "from-file", "strategic_model": "file-strategic" }, "agents": { "picks_per_run": 2 } }""");
        var env = Env(("ALPHA_RESEARCH__LLM__FAST_MODEL", "from-env"), ("ALPHA_RESEARCH__AGENTS__PICKS_PER_RUN", "4"));

        var fileOnly = ConfigLoader.Load(file, new Hashtable());
        Assert.Equal("from-file", fileOnly.Llm.FastModel);

        var withEnv = ConfigLoader.Load(file, env);
        Assert.Equal("from-env", withEnv.Llm.FastModel);
        Assert.Equal(4, withEnv.Agents.PicksPerRun);
        Assert.Equal("file-strategic", withEnv.Llm.StrategicModel); // keys a later source does not name stay

        var withFlag = ConfigLoader.Load(file, env, ["llm.fast_model=from-flag"]);
        Assert.Equal("from-flag", withFlag.Llm.FastModel);
        Assert.Equal(4, withFlag.Agents.PicksPerRun);
    }

    [Fact]
    public void Environment_values_are_typed_by_the_setting_they_name()
    {
        var env = Env(("ALPHA_RESEARCH__LLM__PROVIDER", "stub"), ("ALPHA_RESEARCH__LLM__GOVERNOR_ENABLED", "false"),
            ("ALPHA_RESEARCH__LLM__RUN_BUDGET_USD", "12.5"), ("ALPHA_RESEARCH__PUBLISHING__EMAIL__TO", """["a@example.com","b@example.com"]"""));
        var c = ConfigLoader.Load(File("{}"), env);
        Assert.Equal(LlmProvider.Stub, c.Llm.Provider);
        Assert.False(c.Llm.GovernorEnabled);
        Assert.Equal(12.5m, c.Llm.RunBudgetUsd);
        Assert.Equal(["a@example.com", "b@example.com"], c.Publishing.Email.To);
    }

    [Fact]
    public void Binding_a_file_through_the_sources_reads_every_key_as_the_strict_parser_does()
    {
        // Every key with its default (nulls, maps and lists included), then read back both ways.
        var json = JsonConventions.Serialize(new AlphaResearchConfig(), indented: true);
        var viaSources = ConfigLoader.Load(File(json), new Hashtable());
        Assert.Equal(json, JsonConventions.Serialize(viaSources, indented: true));
        Assert.Equal(json, JsonConventions.Serialize(ConfigLoader.Parse(json, "a.json"), indented: true));
    }

    [Fact]
    public void An_unknown_environment_key_names_the_variable_and_the_key()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(File("{}"), Env(("ALPHA_RESEARCH__LLM__FAST_MODLE", "x"))));
        Assert.Equal("environment variable ALPHA_RESEARCH__LLM__FAST_MODLE: invalid configuration at key 'llm.fast_modle': unknown key (a typo? keys are snake_case) — fix or remove that key (docs/CONFIGURATION.md lists every key)", ex.Message);
    }

    [Fact]
    public void An_unknown_section_from_the_environment_is_refused_too()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(File("{}"), Env(("ALPHA_RESEARCH__LMM__PROVIDER", "stub"))));
        Assert.StartsWith("environment variable ALPHA_RESEARCH__LMM__PROVIDER: invalid configuration at key 'lmm': unknown key", ex.Message);
    }

    [Fact]
    public void An_unknown_command_line_key_names_the_option()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(File("{}"), new Hashtable(), ["agents.picks_per_runn=3"]));
        Assert.StartsWith("command-line option agents.picks_per_runn: invalid configuration at key 'agents.picks_per_runn': unknown key", ex.Message);
    }

    [Fact]
    public void A_command_line_override_without_a_value_says_the_expected_form()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(File("{}"), new Hashtable(), ["llm.provider"]));
        Assert.StartsWith("command-line option 'llm.provider': expected key=value", ex.Message);
    }

    [Fact]
    public void An_unknown_file_key_still_names_the_file_line_and_key()
    {
        var path = File("{\n  \"llm\": { \"fast_modle\": \"x\" }\n}");
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, new Hashtable()));
        Assert.StartsWith($"{path} (line 2): invalid configuration at key 'llm.fast_modle': unknown key", ex.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_variable_that_set_it()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(File("{}"), Env(("ALPHA_RESEARCH__LLM__RUN_BUDGET_USD", "abc"))));
        Assert.StartsWith("environment variable ALPHA_RESEARCH__LLM__RUN_BUDGET_USD: invalid configuration at key 'llm.run_budget_usd': wrong type, expected a number", ex.Message);
    }

    [Fact]
    public void The_special_single_underscore_variables_are_not_configuration_keys()
    {
        var env = Env(("ALPHA_RESEARCH_RUN_BUDGET_USD", "5"), ("ANTHROPIC_API_KEY", "sk-ant-test"), ("RATE_LIMIT_RETRY_DEADLINE_SECONDS", "60"));
        var c = ConfigLoader.Load(File("{}"), env);
        Assert.Equal(new AlphaResearchConfig().Llm.RunBudgetUsd, c.Llm.RunBudgetUsd); // the gateway reads that variable itself
    }

    public void Dispose() => _dir.Dispose();
}
