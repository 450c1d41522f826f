using AlphaResearch.Domain;
using AlphaResearch.Engine;

namespace AlphaResearch.Tests.Engine;

/// <summary>Reference §7.2 (test_score_aggregator_failure.py) against the all-agents-strict gate.</summary>
public sealed class StrictGateTests
{
    private static Dictionary<TeamId, SectorTeamOutput> AllClean() => Teams.All.ToDictionary(t => t, t => Sample.Team(t));

    [Fact]
    public void All_six_clean_teams_pass()
    {
        Assert.Null(AllAgentsStrictGate.CheckTeams(AllClean()));
    }

    [Fact]
    public void All_six_clean_teams_without_recommendations_pass()
    {
        var teams = Teams.All.ToDictionary(t => t, t => new SectorTeamOutput { TeamId = t });
        Assert.Null(AllAgentsStrictGate.CheckTeams(teams));
    }

    [Fact]
    public void Single_errored_team_refuses_naming_it_and_its_reason()
    {
        var teams = AllClean();
        teams[TeamId.Financials] = Sample.Failed(TeamId.Financials, "boom");
        string? msg = AllAgentsStrictGate.CheckTeams(teams);
        Assert.NotNull(msg);
        Assert.StartsWith("ALL-AGENTS-STRICT: 1 of 6 sector team(s) did not complete — failed: financials (boom)", msg);
    }

    [Fact]
    public void Two_errored_teams_are_both_listed()
    {
        var teams = AllClean();
        teams[TeamId.Technology] = Sample.Failed(TeamId.Technology, "e1");
        teams[TeamId.Consumer] = Sample.Failed(TeamId.Consumer, "e2");
        Assert.Contains("failed: technology (e1), consumer (e2)", AllAgentsStrictGate.CheckTeams(teams));
    }

    [Fact]
    public void Only_one_clean_team_present_refuses_as_missing()
    {
        var teams = new Dictionary<TeamId, SectorTeamOutput> { [TeamId.Technology] = Sample.Team(TeamId.Technology) };
        Assert.Contains("missing: healthcare, financials, industrials, consumer, defensives", AllAgentsStrictGate.CheckTeams(teams));
    }

    [Fact]
    public void Five_clean_plus_technology_partial_refuses_as_partial()
    {
        var teams = AllClean();
        teams[TeamId.Technology] = Sample.PartialTeam(TeamId.Technology);
        string msg = AllAgentsStrictGate.CheckTeams(teams)!;
        Assert.Contains("partial: technology (recursion limit)", msg);
        Assert.DoesNotContain("failed:", msg);
    }

    [Fact]
    public void Two_partial_teams_refuse_with_the_strict_prefix()
    {
        var teams = AllClean();
        teams[TeamId.Healthcare] = Sample.PartialTeam(TeamId.Healthcare);
        teams[TeamId.Defensives] = Sample.PartialTeam(TeamId.Defensives) with { PartialReasons = [] };
        string msg = AllAgentsStrictGate.CheckTeams(teams)!;
        Assert.StartsWith("ALL-AGENTS-STRICT: 2 of 6", msg);
        Assert.Contains("partial: healthcare (recursion limit), defensives", msg);
    }

    [Fact]
    public void Incident_shape_2026_05_16_names_all_three_failed_teams()
    {
        const string err = "RateLimitError 429 — org rate limit of 450,000 input tokens/min, claude-haiku-4-5";
        var teams = AllClean();
        foreach (var t in new[] { TeamId.Defensives, TeamId.Financials, TeamId.Technology }) teams[t] = Sample.Failed(t, err);
        string msg = AllAgentsStrictGate.CheckTeams(teams)!;
        Assert.Equal(
            $"ALL-AGENTS-STRICT: 3 of 6 sector team(s) did not complete — failed: technology ({err}), financials ({err}), defensives ({err}) — nothing promoted; " +
            "re-run the same date to retry only these (completed agents resume)", msg);
    }

    [Fact]
    public void Two_failed_and_nothing_else_lists_failed_and_missing()
    {
        var teams = new Dictionary<TeamId, SectorTeamOutput>
        {
            [TeamId.Technology] = Sample.Failed(TeamId.Technology, "x"),
            [TeamId.Defensives] = Sample.Failed(TeamId.Defensives, "y"),
        };
        string msg = AllAgentsStrictGate.CheckTeams(teams)!;
        Assert.StartsWith("ALL-AGENTS-STRICT: 6 of 6", msg);
        Assert.Contains("failed: technology (x), defensives (y); missing: healthcare, financials, industrials, consumer", msg);
    }

    [Fact]
    public void Failed_partial_and_missing_together_are_all_reported()
    {
        var teams = AllClean();
        teams.Remove(TeamId.Consumer);
        teams[TeamId.Industrials] = Sample.PartialTeam(TeamId.Industrials);
        teams[TeamId.Healthcare] = Sample.Failed(TeamId.Healthcare, "parse error");
        Assert.Contains("failed: healthcare (parse error); missing: consumer; partial: industrials (recursion limit)", AllAgentsStrictGate.CheckTeams(teams));
    }

    [Fact]
    public void Agent_failure_message_names_the_agent_and_reason()
    {
        Assert.Equal("ALL-AGENTS-STRICT: cio failed: empty decisions — nothing promoted; re-run the same date to retry (completed agents resume)",
            AllAgentsStrictGate.AgentFailed("cio", "empty decisions"));
    }
}
