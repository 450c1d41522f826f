using System.Text.Json.Nodes;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Scoring;
using AlphaResearch.Publishing;
using AlphaResearch.Archive;

namespace AlphaResearch.Tests.Engine;

/// <summary>Reference §7.3: each promotable surface is scanned, in order, and team completeness is checked.</summary>
public sealed class QuarantineGateTests
{
    private const string Marker = "[DRY-RUN] Strong fundamentals";

    internal static (PreparedPublication, ResearchOutcome) Clean()
    {
        var teams = Teams.All.ToDictionary(t => t, t => Sample.Team(t));
        var outcome = new ResearchOutcome
        {
            Context = Sample.Context(Sample.RunDate, PriorState.Empty),
            Macro = Sample.Macro(),
            Teams = teams,
            Theses = [new InvestmentThesis { Ticker = "NVDA", Sector = Sectors.InformationTechnology, TeamId = TeamId.Technology, FinalScore = 72, Rating = Rating.Buy, BullCase = "AI demand" }],
            Cio = Sample.Cio(["NVDA"]),
            Rotation = new RotationResult([], []),
            RunTime = new DateTimeOffset(2026, 5, 16, 12, 0, 0, TimeSpan.Zero),
        };
        var prepared = new PreparedPublication
        {
            SignalsPayload = new JsonObject
            {
                ["date"] = "2026-05-16",
                ["buy_candidates"] = new JsonArray(new JsonObject { ["ticker"] = "NVDA", ["thesis_summary"] = "AI demand" }),
            },
            BriefMarkdown = "# Brief\nAll clear.",
            BriefHtml = "<p>All clear.</p>",
        };
        return (prepared, outcome);
    }

    private static StubQuarantineException Refuses(PreparedPublication p, ResearchOutcome o) =>
        Assert.Throws<StubQuarantineException>(() => QuarantineGate.Assert(p, o));

    [Fact]
    public void Clean_full_run_passes()
    {
        var (p, o) = Clean();
        QuarantineGate.Assert(p, o);
    }

    [Fact]
    public void Signals_payload_hit_names_surface_path_and_excerpt()
    {
        var (p, o) = Clean();
        var candidates = p.SignalsPayload["buy_candidates"]!.AsArray();
        foreach (var t in new[] { "GOOG", "AFL", "AXP", "ABT", "APD", "ADBE", "AMD" })
            candidates.Add(new JsonObject { ["ticker"] = t, ["thesis_summary"] = Marker + " and a long tail of text " + new string('x', 300) });
        var ex = Refuses(p, o);
        Assert.Equal("signals_payload", ex.Surface);
        Assert.Equal("$.buy_candidates[1].thesis_summary", ex.Path);
        string excerpt = ex.Message.Split('"')[1];
        Assert.Equal(160, excerpt.Length);
        Assert.StartsWith("STUB-QUARANTINE: [DRY-RUN marker in signals_payload at $.buy_candidates[1].thesis_summary: \"[DRY-RUN] Strong fundamentals and a long tail", ex.Message);
        Assert.EndsWith("— refusing to promote stub output", ex.Message);
    }

    [Fact]
    public void Brief_hit_is_refused()
    {
        var (p, o) = Clean();
        var ex = Refuses(p with { BriefMarkdown = "# Brief\n[DRY-RUN STUB] Macro neutral" }, o);
        Assert.Equal("brief", ex.Surface);
        Assert.Equal("$.markdown", ex.Path);
    }

    [Fact]
    public void Investment_theses_hit_is_refused()
    {
        var (p, o) = Clean();
        var ex = Refuses(p, o with { Theses = [o.Theses[0] with { BearCase = Marker }] });
        Assert.Equal("investment_theses", ex.Surface);
        Assert.Equal("$[0].bear_case", ex.Path);
    }

    [Fact]
    public void Team_output_hit_is_refused()
    {
        var (p, o) = Clean();
        var teams = o.Teams.ToDictionary();
        teams[TeamId.Financials] = Sample.Team(TeamId.Financials, Marker);
        var ex = Refuses(p, o with { Teams = teams });
        Assert.Equal("sector_team_outputs", ex.Surface);
        Assert.Equal("$.financials.recommendations[0].bull_case", ex.Path);
    }

    [Fact]
    public void Entry_theses_hit_is_refused()
    {
        var (p, o) = Clean();
        var cio = o.Cio with { EntryTheses = new Dictionary<string, Thesis> { ["NVDA"] = new() { Ticker = "NVDA", Catalysts = ["ok", Marker] } } };
        var ex = Refuses(p, o with { Cio = cio });
        Assert.Equal("entry_theses", ex.Surface);
        Assert.Equal("$.NVDA.catalysts[1]", ex.Path);
    }

    [Fact]
    public void Cio_decisions_hit_is_refused()
    {
        var (p, o) = Clean();
        var cio = o.Cio with { Decisions = [o.Cio.Decisions[0] with { Rationale = Marker, EntryThesis = null }] };
        var ex = Refuses(p, o with { Cio = cio });
        Assert.Equal("cio_decisions", ex.Surface);
        Assert.Equal("$[0].rationale", ex.Path);
    }

    [Fact]
    public void Macro_report_hit_is_refused()
    {
        var (p, o) = Clean();
        var ex = Refuses(p, o with { Macro = o.Macro with { Critique = "[DRY-RUN SIM] critique" } });
        Assert.Equal("macro_report", ex.Surface);
        Assert.Equal("$.critique", ex.Path);
    }

    [Fact]
    public void Marker_in_a_dictionary_key_is_found()
    {
        var (p, o) = Clean();
        var sectors = o.Macro.Sectors.ToDictionary();
        sectors["[DRY-RUN] sector"] = new SectorView(SectorRating.Overweight, 1, "x");
        var ex = Refuses(p, o with { Macro = o.Macro with { Sectors = sectors } });
        Assert.Equal("$.sectors['[DRY-RUN] sector']", ex.Path);
    }

    [Fact]
    public void Surfaces_are_scanned_in_order_so_the_payload_is_reported_first()
    {
        var (p, o) = Clean();
        p.SignalsPayload["note"] = Marker;
        var ex = Refuses(p with { BriefMarkdown = Marker }, o with { Macro = o.Macro with { KeyTheme = Marker } });
        Assert.Equal("signals_payload", ex.Surface);
    }

    [Fact]
    public void Missing_team_is_refused()
    {
        var (p, o) = Clean();
        var teams = o.Teams.Where(kv => kv.Key == TeamId.Technology).ToDictionary();
        var ex = Refuses(p, o with { Teams = teams });
        Assert.Equal("teams", ex.Surface);
        Assert.Equal("STUB-QUARANTINE: sector team(s) missing: healthcare, financials, industrials, consumer, defensives — refusing to promote", ex.Message);
    }

    [Fact]
    public void Failed_team_is_refused()
    {
        var (p, o) = Clean();
        var teams = o.Teams.ToDictionary();
        teams[TeamId.Financials] = Sample.Failed(TeamId.Financials, "RateLimitError 429");
        var ex = Refuses(p, o with { Teams = teams });
        Assert.Equal("STUB-QUARANTINE: sector team(s) still flagged failed/partial: financials — refusing to promote", ex.Message);
    }
}
