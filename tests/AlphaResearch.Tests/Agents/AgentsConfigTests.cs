using AlphaResearch.Agents;
using AlphaResearch.Config;

namespace AlphaResearch.Tests.Agents;

public sealed class AgentsConfigTests
{
    [Fact]
    public void Defaults_match_the_reference_and_are_valid()
    {
        var c = new AgentsConfig();
        Assert.Equal((3, 10, 200, 8, 8, 2, 10, 3, 2), (c.PicksPerRun, c.QuantTopN, c.MaxTickersInPrompt, c.QuantMaxIterations, c.QualMaxIterations,
            c.CioMinEntrants, c.CioMaxEntrants, c.ThesisUpdateAttempts, c.StructuredOutputRepairs));
        Assert.Equal((2.0, 5, 3), (c.TriggerAtrMultiple, c.TriggerFilingLookbackDays, c.TriggerNewsSpikeCount));
        Assert.Empty(c.Validate());
    }

    [Fact]
    public void Snake_case_keys_load_and_bad_ranges_name_the_key()
    {
        var cfg = ConfigLoader.Parse("""{"agents": {"picks_per_run": 0, "cio_min_entrants": 5, "cio_max_entrants": 4, "trigger_news_spike_count": 4}}""", "test.json");
        Assert.Equal(4, cfg.Agents.TriggerNewsSpikeCount);
        Assert.Equal(
            ["agents.picks_per_run must be ≥ 1 (got 0)", "agents.cio_min_entrants (5) must not exceed agents.cio_max_entrants (4)"],
            cfg.Agents.Validate());
    }
}
