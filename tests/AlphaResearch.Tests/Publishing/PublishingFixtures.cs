using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.MarketData;
using AlphaResearch.Scoring;
using AlphaResearch.Archive;

namespace AlphaResearch.Tests.Publishing;

/// <summary>
/// A hand-built full run outcome. After rotation the population is AAPL (new, CIO rank 1), MSFT (held, updated),
/// JPM (held, BUY update), XOM (held, carried from its prior thesis), CAT (held, carried from the population entry);
/// PG exits (thesis_collapse, score_out 35); JNJ is a BUY recommendation the CIO rejected.
/// </summary>
internal static class PublishingFixtures
{
    public static readonly DateOnly Week1 = new(2025, 1, 10);
    public static readonly DateOnly Week2 = new(2025, 1, 17);

    public static readonly (string Ticker, string Name, string Sector, double Atr)[] Universe =
    [
        ("AAPL", "Apple", Sectors.InformationTechnology, 1.8),
        ("MSFT", "Microsoft", Sectors.InformationTechnology, 1.5),
        ("JNJ", "Johnson & Johnson", Sectors.HealthCare, 1.1),
        ("JPM", "JPMorgan", Sectors.Financials, 1.6),
        ("XOM", "Exxon", Sectors.Energy, 2.4),
        ("CAT", "Caterpillar", Sectors.Industrials, 2.0),
        ("PG", "Procter & Gamble", Sectors.ConsumerStaples, 0.9),
        ("NEE", "NextEra", Sectors.Utilities, 1.3),
    ];

    public static MarketSnapshot Snapshot(DateOnly asOf, IEnumerable<string>? exclude = null)
    {
        var skip = new HashSet<string>(exclude ?? []);
        return new MarketSnapshot
        {
            Source = "fixture",
            Fingerprint = "sha256:fixture",
            Constituents = Universe.Where(u => !skip.Contains(u.Ticker))
                .Select(u => new Constituent(u.Ticker, u.Name, u.Sector, "sub", IndexMembership.Sp500)).ToArray(),
            Prices = new Dictionary<string, PriceSeries>(),
            Benchmarks = new Dictionary<string, PriceSeries>(),
            Macro = new Dictionary<string, MacroSeries>(),
            AsOfDate = asOf,
        };
    }

    public static ScoreBoard Scores(DateOnly date) => new()
    {
        Date = date,
        Regime = MarketRegime.Bull,
        Tickers = Universe.ToDictionary(u => u.Ticker, u => new TickerScores(u.Ticker,
            new TechnicalIndicators { Date = date, Price = 100, Rsi14 = 55, AtrPct14 = u.Atr, PriceVsMa200 = 4, AvgVolume20d = 1e6 },
            new TechnicalScore(60, 55, 50, 65, 70, 61))),
        Benchmarks = new Dictionary<string, TickerScores>(),
        Breadth = new MarketBreadth(60, 55, 1.2, 300, 250, 550),
    };

    public static MacroReport Macro() => new()
    {
        MarketRegime = MarketRegime.Bull,
        KeyTheme = "Disinflation with resilient growth",
        ReportMd = "```markdown\n## Outlook\nGrowth is holding up; see <script>alert(1)</script> and [link](https://evil.example/x.png).\n```",
        Sectors = Sectors.All.ToDictionary(s => s, s => s switch
        {
            Sectors.InformationTechnology => new SectorView(SectorRating.Overweight, 1.2, "AI capex cycle"),
            Sectors.Energy => new SectorView(SectorRating.Underweight, 0.8, "Oversupply"),
            _ => new SectorView(SectorRating.MarketWeight, 1.0, "Neutral"),
        }),
    };

    public static InvestmentThesis Thesis(string ticker, string sector, Rating rating, double score, bool held = false,
        Conviction conviction = Conviction.Stable, bool scoreFailed = false) => new()
    {
        Ticker = ticker,
        Sector = sector,
        TeamId = Sectors.TeamOf(sector),
        FinalScore = score,
        QuantScore = score + 2,
        QualScore = score - 2,
        Rating = rating,
        Conviction = conviction,
        BullCase = $"{ticker} bull case",
        BearCase = $"{ticker} bear case",
        ThesisSummary = $"{ticker} summary",
        Catalysts = [$"{ticker} catalyst"],
        IsHeldUpdate = held,
        ScoreFailed = scoreFailed,
    };

    public static PriorState Prior() => new()
    {
        PreviousRunDate = Week1.AddDays(-7),
        Population =
        [
            Pop("MSFT", Sectors.InformationTechnology, Rating.Hold, 60, "2024-11-01"),
            Pop("JPM", Sectors.Financials, Rating.Buy, 70, "2024-11-01"),
            Pop("XOM", Sectors.Energy, Rating.Hold, 55, "2024-11-08"),
            Pop("CAT", Sectors.Industrials, Rating.Buy, 66, "2024-12-06"),
            Pop("PG", Sectors.ConsumerStaples, Rating.Hold, 41, "2024-10-04"),
        ],
        Theses = new Dictionary<string, Thesis>
        {
            ["XOM"] = new() { Ticker = "XOM", Sector = Sectors.Energy, TeamId = TeamId.Defensives, FinalScore = 55, QuantScore = 50, QualScore = 60, Rating = Rating.Hold, BullCase = "XOM prior bull" },
        },
    };

    public static PopulationEntry Pop(string ticker, string sector, Rating rating, double score, string entryDate, int tenure = 5) => new()
    {
        Ticker = ticker, Sector = sector, TeamId = Sectors.TeamOf(sector), LongTermRating = rating, LongTermScore = score,
        EntryDate = entryDate, TenureWeeks = tenure, ThesisSummary = $"{ticker} population summary",
    };

    public static ResearchOutcome Outcome(DateOnly? runDate = null, PriorState? prior = null)
    {
        var date = runDate ?? Week1;
        string d = date.ToString("yyyy-MM-dd");
        var theses = new[]
        {
            Thesis("AAPL", Sectors.InformationTechnology, Rating.Buy, 78, conviction: Conviction.Rising),
            Thesis("MSFT", Sectors.InformationTechnology, Rating.Hold, 62, held: true),
            Thesis("JNJ", Sectors.HealthCare, Rating.Buy, 70),
            Thesis("JPM", Sectors.Financials, Rating.Buy, 72, held: true),
        };
        var teams = Teams.All.ToDictionary(t => t, t => new SectorTeamOutput { TeamId = t });
        teams[TeamId.Technology] = new SectorTeamOutput
        {
            TeamId = TeamId.Technology,
            QuantRankedPicks = [new QuantPick("AAPL", 80), new QuantPick("MSFT", 64)],
            Recommendations = [new SectorRecommendation { Ticker = "AAPL", QuantScore = 80, QualScore = 76, Conviction = 82, BullCase = "Services margin expansion" }],
        };
        teams[TeamId.Healthcare] = new SectorTeamOutput
        {
            TeamId = TeamId.Healthcare,
            QuantRankedPicks = [new QuantPick("JNJ", 72)],
            Recommendations = [new SectorRecommendation { Ticker = "JNJ", QuantScore = 72, QualScore = 68, Conviction = 60 }],
        };
        var cio = new CioOutput
        {
            Decisions =
            [
                new CioDecision { Ticker = "AAPL", Decision = CioDecisionKind.Advance, TeamId = TeamId.Technology, Rank = 1, Conviction = 80, Rationale = "Best risk/reward", RuleTags = ["rr_asymmetry"] },
                new CioDecision { Ticker = "JNJ", Decision = CioDecisionKind.Reject, TeamId = TeamId.Healthcare, Rationale = "Litigation overhang", RuleTags = ["qual_veto"] },
            ],
            AdvancedTickers = ["AAPL"],
            EntryTheses = new Dictionary<string, Thesis>
            {
                ["AAPL"] = new() { Ticker = "AAPL", BullCase = "AAPL entry bull", Catalysts = ["WWDC", "Buyback"] },
            },
        };
        var population = new[]
        {
            Pop("AAPL", Sectors.InformationTechnology, Rating.Buy, 80, d, tenure: 0),
            Pop("MSFT", Sectors.InformationTechnology, Rating.Hold, 60, "2024-11-01"),
            Pop("JPM", Sectors.Financials, Rating.Buy, 70, "2024-11-01"),
            Pop("XOM", Sectors.Energy, Rating.Hold, 55, "2024-11-08"),
            Pop("CAT", Sectors.Industrials, Rating.Buy, 66, "2024-12-06"),
        };
        var events = new[]
        {
            new RotationEvent { Type = RotationEventType.Exit, Ticker = "PG", Reason = "thesis_collapse", Sector = Sectors.ConsumerStaples, ScoreOut = 35 },
            new RotationEvent { Type = RotationEventType.Entry, Ticker = "AAPL", Reason = "IC_ADVANCE", Sector = Sectors.InformationTechnology, ScoreIn = 80, CioRank = 1 },
        };
        return new ResearchOutcome
        {
            Context = new ResearchContext { RunDate = date, Snapshot = Snapshot(date), Scores = Scores(date), Prior = prior ?? Prior() },
            Macro = Macro(),
            Teams = teams,
            Theses = theses,
            Cio = cio,
            Rotation = new RotationResult(population, events),
            RunTime = new DateTimeOffset(date.ToDateTime(new TimeOnly(7, 30)), TimeSpan.Zero),
            CostUsd = 12.345m,
        };
    }

    /// <summary>Three paid calls; their call ids are fixed, as a ledger file re-read by a later attempt would give them.</summary>
    public static IReadOnlyList<UsageRecord> Usage(DateOnly date) =>
    [
        new() { CallId = $"{date:yyyy-MM-dd}-call-0", RunDate = date.ToString("yyyy-MM-dd"), AgentId = "macro", Label = "macro.draft", Model = "claude-sonnet", InputTokens = 1000, OutputTokens = 200, CostUsd = 0.5m, At = new DateTimeOffset(2025, 1, 10, 7, 0, 0, TimeSpan.Zero) },
        new() { CallId = $"{date:yyyy-MM-dd}-call-1", RunDate = date.ToString("yyyy-MM-dd"), AgentId = "sector_team:technology", Label = "quant", Model = "claude-haiku", InputTokens = 3000, OutputTokens = 400, CostUsd = 0.25m, At = new DateTimeOffset(2025, 1, 10, 7, 1, 0, TimeSpan.Zero) },
        new() { CallId = $"{date:yyyy-MM-dd}-call-2", RunDate = date.ToString("yyyy-MM-dd"), AgentId = "cio", Label = "cio.batch", Model = "claude-sonnet", InputTokens = 2000, OutputTokens = 300, CostUsd = 0.75m, At = new DateTimeOffset(2025, 1, 10, 7, 2, 0, TimeSpan.Zero) },
    ];
}
